// docs/theming.md must stay true: it lists every custom property, part and custom state that
// custom-elements.json has, each custom property's default as the styles write it, and the
// three example themes as the very CSS the Storybook theme stories apply (stories/themes.ts).
import assert from 'node:assert/strict';
import {readdirSync, readFileSync} from 'node:fs';
import {join} from 'node:path';
import {test} from 'node:test';
import {themes} from '../../stories/themes.js';

const root = new URL('../..', import.meta.url).pathname;
const docs = readFileSync(join(root, 'docs/theming.md'), 'utf8');
const manifest = JSON.parse(readFileSync(join(root, 'custom-elements.json'), 'utf8'));
const elements: Record<string, {name: string}[]>[] = manifest.modules
  .flatMap((m: any) => m.declarations ?? [])
  .filter((d: any) => d.tagName);
const names = (key: string) =>
  [...new Set(elements.flatMap((el) => (el[key] ?? []).map((x) => x.name)))].sort();

/** The row of the custom properties table that starts with this property. */
const row = (prop: string) => docs.split('\n').find((l) => l.startsWith(`| \`${prop}\` |`));

/** Every `var(--passkey-…, default)` in the styles, with its default (nested parentheses kept). */
function defaults(): Map<string, string> {
  const found = new Map<string, string>();
  const files = [
    ...readdirSync(join(root, 'src/styles')).map((f) => join(root, 'src/styles', f)),
    ...readdirSync(join(root, 'src/elements'), {recursive: true, encoding: 'utf8'})
      .filter((f) => f.endsWith('.styles.ts'))
      .map((f) => join(root, 'src/elements', f)),
  ];
  for (const file of files) {
    const css = readFileSync(file, 'utf8');
    for (const m of css.matchAll(/var\((--passkey-[\w-]+),/g)) {
      let depth = 1;
      let i = m.index! + m[0].length;
      const start = i;
      for (; depth > 0; i++) depth += css[i] === '(' ? 1 : css[i] === ')' ? -1 : 0;
      found.set(m[1], css.slice(start, i - 1));
    }
  }
  return found;
}

test('the custom properties table has a row for every custom property, and only those', () => {
  const documented = docs
    .split('\n')
    .filter((l) => l.startsWith('| `--passkey-'))
    .map((l) => l.split('`')[1])
    .sort();
  assert.deepEqual(documented, names('cssProperties'));
});

test('each custom property is used by the styles, with the default the table gives', () => {
  const used = defaults();
  assert.deepEqual(
    [...used.keys()].sort(),
    names('cssProperties'),
    'the styles use exactly the documented properties',
  );
  for (const [prop, value] of used) {
    // The literal values of the default (colours, lengths, font names) each appear in its row.
    const literals =
      value.match(/#[0-9a-f]{3,8}\b|\d*\.?\d+(?:rem|em|px)\b|[a-z-]+(?=,|$)/gi) ?? [];
    for (const literal of literals)
      assert.ok(
        row(prop)!.includes(literal.replace(/^0\./, '.')),
        `${prop}: default ${literal} (of ${value}) is in its row`,
      );
  }
});

test('custom-elements.json gives each custom property the default the styles use', () => {
  const used = defaults();
  // The styles name the private copies the public properties feed (--_bg is the surface).
  const publicName: Record<string, string> = {
    '--_bg': '--passkey-color-surface',
    '--_primary': '--passkey-color-primary',
  };
  for (const el of elements)
    for (const {name, default: given} of (el.cssProperties ?? []) as {
      name: string;
      default?: string;
    }[]) {
      const styles = used
        .get(name)
        ?.trim()
        .replace(/var\((--_\w+)\)/g, (m, v) => (publicName[v] ? `var(${publicName[v]})` : m));
      assert.equal(given, styles, `${name}: the @cssprop default in its element's JSDoc`);
    }
});

test('every part and custom state is named', () => {
  for (const part of names('cssParts')) assert.ok(docs.includes(`\`${part}\``), `part ${part}`);
  for (const state of names('cssStates'))
    assert.ok(docs.includes(`:state(${state})`), `state ${state}`);
  assert.ok(docs.includes('`theme="dark"`') && docs.includes('`theme="light"`'));
});

test('the three example themes are the CSS the theme stories use', () => {
  const blocks = [...docs.matchAll(/```css\n([\s\S]*?)\n```/g)].map((m) => m[1]);
  for (const [name, theme] of Object.entries(themes)) {
    assert.ok(
      blocks.includes(theme.css),
      `theme ${name} (${theme.title}) is in docs/theming.md as it is in stories/themes.ts`,
    );
  }
});
