import type {ArgTypes} from '@storybook/web-components-vite';

// Controls and the docs table from custom-elements.json, mapped with more care than the
// framework's default: private, protected and static members and methods are left out;
// read-only members are documented without a control; a union of string literals (`theme`)
// gets a select; every arg is keyed by the property a story sets (camelCase), shown under its
// attribute name; slots and parts get keys of their own (the default keys a slot by its name,
// so the `username` slot would hide the `username` attribute); events become actions whose
// name is the event's.

interface Item {
  name: string;
  kind?: string;
  description?: string;
  summary?: string;
  privacy?: string;
  static?: boolean;
  readonly?: boolean;
  type?: {text: string};
  default?: string;
  fieldName?: string;
  inheritedFrom?: unknown;
}
interface Declaration {
  tagName?: string;
  members?: Item[];
  attributes?: Item[];
  events?: Item[];
  slots?: Item[];
  cssProperties?: Item[];
  cssParts?: Item[];
  cssStates?: Item[];
}
interface Manifest {
  modules: {declarations?: Declaration[]}[];
}

/** Object-valued properties: set by code, not by a control. */
const codeOnly = new Set(['client']);
/** Read-only by contract even though writable in JS. */
const readOnly = new Set(['busy']);

const controlFor = (type = '') =>
  /^boolean\b/.test(type)
    ? {type: 'boolean' as const}
    : /^(string|number)\b/.test(type)
      ? {type: 'text' as const}
      : literals(type).length
        ? {type: 'select' as const}
        : false;

/** The string literals of a union type (`'light' | 'dark' | undefined` → light, dark): a select's options. */
const literals = (type = '') => [...type.matchAll(/'([^']*)'/g)].map((m) => m[1]);

export function argTypesFor(manifest: Manifest, tag: string): ArgTypes {
  const decl = manifest.modules.flatMap((m) => m.declarations ?? []).find((d) => d.tagName === tag);
  if (!decl) return {};
  const argTypes: ArgTypes = {};
  const table = (category: string, item: Item, type = item.type?.text) => ({
    category,
    type: type ? {summary: type} : undefined,
    defaultValue: item.default !== undefined ? {summary: item.default} : undefined,
  });
  const attributes = new Map((decl.attributes ?? []).map((a) => [a.fieldName ?? a.name, a]));

  for (const m of decl.members ?? []) {
    if (m.kind !== 'field' || m.static || (m.privacy && m.privacy !== 'public')) continue;
    const attr = attributes.get(m.name);
    const fixed = m.readonly || readOnly.has(m.name) || codeOnly.has(m.name);
    argTypes[m.name] = {
      name: attr ? attr.name : m.name,
      description:
        (m.description ?? '') +
        (attr && attr.name !== m.name ? ` (property \`${m.name}\`)` : '') +
        // Said once: some descriptions already end with it.
        ((m.readonly || readOnly.has(m.name)) && !/Read-only\.?$/.test(m.description ?? '')
          ? ' Read-only.'
          : ''),
      table: table(attr ? 'attributes' : 'properties', m),
      control: fixed ? false : m.name === 'headers' ? {type: 'object'} : controlFor(m.type?.text),
      ...(literals(m.type?.text).length ? {options: literals(m.type?.text)} : {}),
    };
  }
  for (const e of decl.events ?? []) {
    const key = 'on' + e.name.replace(/(^|-)(\w)/g, (_, __, c: string) => c.toUpperCase());
    argTypes[key] = {
      name: e.name,
      description: e.description,
      action: e.name,
      table: {category: 'events'},
      control: false,
    };
  }
  for (const s of decl.slots ?? []) {
    argTypes[`slot:${s.name}`] = {
      name: s.name || '(default)',
      description: s.description,
      table: {category: 'slots'},
      control: false,
    };
  }
  for (const p of decl.cssProperties ?? []) {
    argTypes[p.name] = {
      name: p.name,
      description: p.description,
      table: table('css custom properties', p),
      control: {type: 'text'},
    };
  }
  for (const p of decl.cssParts ?? []) {
    argTypes[`part:${p.name}`] = {
      name: p.name,
      description: p.description,
      table: {category: 'css shadow parts'},
      control: false,
    };
  }
  for (const s of decl.cssStates ?? []) {
    argTypes[`state:${s.name}`] = {
      name: `:state(${s.name})`,
      description: s.description,
      table: {category: 'css custom states'},
      control: false,
    };
  }
  return argTypes;
}
