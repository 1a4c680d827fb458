// custom-elements.json must describe the code as it is: regenerate it into a temp folder and
// compare. Also checks the public surface every element must declare (ELEMENTS.md), and that
// no internal state (`static properties = {x: {state: true}}`) is listed as public.
import assert from 'node:assert/strict';
import {spawnSync} from 'node:child_process';
import {mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync} from 'node:fs';
import {join, relative} from 'node:path';
import {test} from 'node:test';
import ts from 'typescript';

const root = new URL('../..', import.meta.url).pathname;
const committed = JSON.parse(readFileSync(join(root, 'custom-elements.json'), 'utf8'));

test('custom-elements.json is current (npm run analyze)', () => {
  // The analyzer takes --outdir relative to the working directory.
  mkdirSync(join(root, '.tmp'), {recursive: true});
  const dir = mkdtempSync(join(root, '.tmp', 'cem-'));
  try {
    const r = spawnSync(
      process.execPath,
      [
        'node_modules/@custom-elements-manifest/analyzer/cem.js',
        'analyze',
        '--outdir',
        relative(root, dir),
      ],
      {cwd: root, encoding: 'utf8'},
    );
    assert.equal(r.status, 0, r.stderr);
    const fresh = JSON.parse(readFileSync(join(dir, 'custom-elements.json'), 'utf8'));
    assert.deepEqual(
      fresh,
      committed,
      'custom-elements.json is stale: run npm run analyze and commit it',
    );
  } finally {
    rmSync(dir, {recursive: true, force: true});
  }
});

test('every element declares the shared surface', () => {
  const elements = committed.modules
    .flatMap((m: any) => m.declarations ?? [])
    .filter((d: any) => d.tagName);
  assert.ok(elements.length >= 2);
  for (const el of elements) {
    const names = (k: string) => (el[k] ?? []).map((x: any) => x.name);
    for (const a of ['api', 'busy', 'unsupported'])
      assert.ok(names('attributes').includes(a), `${el.tagName} attribute ${a}`);
    for (const e of ['passkey-error', 'passkey-cancel', 'passkey-unsupported'])
      assert.ok(names('events').includes(e), `${el.tagName} event ${e}`);
    for (const p of ['form', 'button', 'status', 'error'])
      assert.ok(names('cssParts').includes(p), `${el.tagName} part ${p}`);
    assert.ok(names('slots').includes('unsupported'), `${el.tagName} slot unsupported`);
    assert.ok(
      names('cssProperties').some((n: string) => n.startsWith('--passkey-')),
      `${el.tagName} custom properties`,
    );
    for (const e of el.events) assert.ok(e.description, `${el.tagName} ${e.name} is described`);
  }
});

interface StateClass {
  file: string;
  superclass?: string;
  /** The fields declared `state: true` in its `static properties`. */
  state: string[];
  /** Those of them whose class field is neither private nor protected. */
  exposed: string[];
}

/** Every class of src/core and src/elements, read from the source: its state fields. */
function stateFromSource(): Map<string, StateClass> {
  const classes = new Map<string, StateClass>();
  const files = ['src/core', 'src/elements'].flatMap((dir) =>
    readdirSync(join(root, dir), {recursive: true, encoding: 'utf8'})
      .filter((f) => f.endsWith('.ts'))
      .map((f) => join(dir, f)),
  );
  for (const file of files) {
    const source = ts.createSourceFile(file, readFileSync(join(root, file), 'utf8'), 99, true);
    for (const node of source.statements) {
      if (!ts.isClassDeclaration(node) || !node.name) continue;
      const fields = new Map<string, ts.PropertyDeclaration>();
      let properties: ts.Expression | undefined;
      for (const m of node.members) {
        if (!ts.isPropertyDeclaration(m)) continue;
        const isStatic = m.modifiers?.some((x) => x.kind === ts.SyntaxKind.StaticKeyword);
        if (isStatic && m.name.getText() === 'properties') properties = m.initializer;
        else if (!isStatic) fields.set(m.name.getText(), m);
      }
      const state: string[] = [];
      if (properties && ts.isObjectLiteralExpression(properties)) {
        for (const p of properties.properties) {
          if (!ts.isPropertyAssignment(p) || !ts.isObjectLiteralExpression(p.initializer)) continue;
          const isState = p.initializer.properties.some(
            (o) =>
              ts.isPropertyAssignment(o) &&
              o.name.getText() === 'state' &&
              o.initializer.kind === ts.SyntaxKind.TrueKeyword,
          );
          if (isState) state.push(p.name.getText());
        }
      }
      const hidden = (name: string) =>
        !!fields
          .get(name)
          ?.modifiers?.some(
            (x) =>
              x.kind === ts.SyntaxKind.PrivateKeyword || x.kind === ts.SyntaxKind.ProtectedKeyword,
          );
      const heritage = node.heritageClauses?.[0]?.types[0]?.expression.getText();
      classes.set(node.name.text, {
        file,
        superclass: heritage,
        state,
        exposed: state.filter((n) => !hidden(n)),
      });
    }
  }
  return classes;
}

/**
 * The state fields a manifest lists as attributes or as public members, for every class in it
 * (a class's own state and its ancestors'), as `Class: attribute x` / `Class: member x`.
 */
function leakedState(manifest: any, classes: Map<string, StateClass>): string[] {
  const leaks: string[] = [];
  for (const decl of manifest.modules.flatMap((m: any) => m.declarations ?? [])) {
    if (decl.kind !== 'class') continue;
    const state = new Set<string>();
    for (
      let c = classes.get(decl.name);
      c;
      c = c.superclass ? classes.get(c.superclass) : undefined
    )
      for (const n of c.state) state.add(n);
    for (const a of decl.attributes ?? [])
      if (state.has(a.fieldName ?? a.name)) leaks.push(`${decl.name}: attribute ${a.name}`);
    for (const m of decl.members ?? [])
      if (state.has(m.name) && (m.privacy ?? 'public') === 'public')
        leaks.push(`${decl.name}: member ${m.name}`);
  }
  return leaks;
}

test('internal state is private and absent from the manifest', () => {
  const classes = stateFromSource();
  const all = [...classes.values()].flatMap((c) => c.state);
  // The source is read as intended: the base class's `current` and the manager's state at least.
  for (const name of ['current', 'editing', 'confirming'])
    assert.ok(all.includes(name), `state field ${name} found in the source`);
  const exposed = [...classes].flatMap(([name, c]) => c.exposed.map((f) => `${name}.${f}`));
  assert.deepEqual(exposed, [], 'state: true fields must be private or protected');
  assert.deepEqual(
    leakedState(committed, classes),
    [],
    'state: true fields listed as public in custom-elements.json',
  );
});

test('elements compose, never extend one another: each advertises only its own surface', () => {
  const elements = committed.modules
    .flatMap((m: any) => m.declarations ?? [])
    .filter((d: any) => d.tagName);
  for (const el of elements)
    assert.equal(el.superclass?.name, 'PasskeyElement', `${el.tagName} extends PasskeyElement`);
  // <passkey-upgrade>'s own attribute is name-input (ELEMENTS.md, README); the rest is shared.
  const upgrade = elements.find((d: any) => d.tagName === 'passkey-upgrade');
  assert.deepEqual(upgrade.attributes.map((a: any) => a.name).sort(), [
    'api',
    'busy',
    'name-input',
    'theme',
    'unsupported',
  ]);
});
