// passkey-elements/react and passkey-elements/jsx: src/react/ is what scripts/react.mjs writes
// from custom-elements.json (so it follows the manifest, which manifest.test.ts keeps current),
// the JSX types accept a correct TSX page and refuse wrong ones under tsc, and the core entries
// bundle without React.
import assert from 'node:assert/strict';
import {spawnSync} from 'node:child_process';
import {mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {after, before, test} from 'node:test';
import {build} from 'esbuild';

const root = new URL('../..', import.meta.url).pathname;
const tsc = join(root, 'node_modules/typescript/bin/tsc');
let dir: string;

before(() => {
  mkdirSync(join(root, '.tmp'), {recursive: true});
  dir = mkdtempSync(join(root, '.tmp', 'react-'));
});
after(() => rmSync(dir, {recursive: true, force: true}));

test('src/react/ is current (npm run analyze writes it from custom-elements.json)', () => {
  const out = join(dir, 'generated');
  const r = spawnSync(process.execPath, ['scripts/react.mjs', '--out', out], {
    cwd: root,
    encoding: 'utf8',
  });
  assert.equal(r.status, 0, r.stderr);
  const committed = readdirSync(join(root, 'src/react')).sort();
  assert.deepEqual(readdirSync(out).sort(), committed, 'the same files');
  for (const f of committed) {
    assert.equal(
      readFileSync(join(out, f), 'utf8'),
      readFileSync(join(root, 'src/react', f), 'utf8'),
      `src/react/${f} is stale: run npm run analyze`,
    );
  }
});

/** Runs tsc on `files` (TSX with React 19's automatic runtime); resolves with its output. */
function typecheck(name: string, files: Record<string, string>) {
  const at = join(dir, name);
  mkdirSync(at, {recursive: true});
  for (const [f, text] of Object.entries(files)) writeFileSync(join(at, f), text);
  writeFileSync(
    join(at, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        target: 'ES2022',
        module: 'ESNext',
        moduleResolution: 'Bundler',
        jsx: 'react-jsx',
        strict: true,
        noEmit: true,
        skipLibCheck: true,
        lib: ['ES2023', 'DOM', 'DOM.Iterable'],
        types: [],
        experimentalDecorators: true,
        useDefineForClassFields: false,
      },
      files: Object.keys(files),
    }),
  );
  return spawnSync(process.execPath, [tsc, '-p', at], {cwd: at, encoding: 'utf8'});
}

const src = '../../../src';

/**
 * tsc's errors in the files under test, and any not tied to a file (a bad config). The sources
 * they import are type-checked too: errors there are `npm run typecheck`'s business.
 */
const errorsIn = (r: {status: number | null; stdout: string; stderr: string}, file: RegExp) => {
  const lines = (r.stdout + r.stderr).split('\n').filter((l) => /error TS\d+/.test(l));
  if (r.status !== 0 && !lines.length) return [`tsc exited ${r.status}: ${r.stdout}${r.stderr}`];
  return lines.filter((l) => file.test(l) || !/^\S+\(\d+,\d+\): error/.test(l));
};

test('React 19 JSX: the tags take their properties, attributes and typed on<event> listeners; wrong uses fail', () => {
  const page = `
import type {} from '${src}/react/jsx.js';
import {FetchClient, type PasskeyClient} from '${src}/index.js';
import {PasskeyLogin, PasskeyRegister} from '${src}/react/index.js';

const client: PasskeyClient = new FetchClient('/passkeys');
export const right = (
  <>
    <passkey-login discoverable api="/passkeys" client={client} headers={{'x-site': '1'}} className="login"
      onpasskey-authenticated={(e) => e.detail.user.username.toUpperCase()}
      onpasskey-error={(e) => e.detail.code.length} />
    <passkey-register signup name-input signup-token="t" display-name="Ada" onpasskey-registered={(e) => e.detail.passkey.id} />
    <passkey-mfa mfa-token="t" mfaToken="t" onpasskey-authenticated={(e) => e.detail.factor === 'mfa'} />
    <passkey-manager onpasskey-deleted={(e) => e.detail.id} onpasskey-updated={(e) => e.detail.passkey.name} />
    <PasskeyLogin discoverable client={client} onPasskeyAuthenticated={(e) => e.detail.user.id} />
    <PasskeyRegister signup onPasskeyRegistered={(e) => e.detail.user.displayName} />
  </>
);

// @ts-expect-error discoverable is a boolean
export const w1 = <passkey-login discoverable="yes" />;
// @ts-expect-error the detail has no such field
export const w2 = <passkey-login onpasskey-authenticated={(e) => e.detail.nope} />;
// @ts-expect-error client is a PasskeyClient
export const w3 = <passkey-register client={42} />;
// @ts-expect-error a listener is a function, not inline script
export const w4 = <passkey-login onpasskey-authenticated="alert(1)" />;
// @ts-expect-error not a tag of the kit
export const w5 = <passkey-nope />;
// @ts-expect-error the wrapper's event is typed too
export const w6 = <PasskeyLogin onPasskeyAuthenticated={(e) => e.detail.nope} />;
`;
  const r = typecheck('jsx', {'page.tsx': page});
  assert.deepEqual(errorsIn(r, /^page\.tsx/), []);

  // (TypeScript checks a hyphenated JSX attribute only when the props declare it: an
  // \`on<event>\` the element never fires is not an error.)
  // (control) without the JSX types, the same tags are unknown to TypeScript.
  const bare = typecheck('bare', {
    'page.tsx': `export const x = <passkey-login discoverable />;\n`,
  });
  assert.notEqual(bare.status, 0);
  assert.match(bare.stdout, /passkey-login/);
});

test('the examples type-check (examples/react)', () => {
  const r = spawnSync(process.execPath, [tsc, '-p', 'examples/react'], {
    cwd: root,
    encoding: 'utf8',
  });
  assert.deepEqual(errorsIn(r, /^examples\//), []);
});

test('the core entries bundle without React', async () => {
  for (const entry of ['src/index.ts', 'src/define.ts']) {
    const out = await build({
      entryPoints: [join(root, entry)],
      bundle: true,
      format: 'esm',
      write: false,
      metafile: true,
      logLevel: 'silent',
      outdir: dir,
    });
    const react = Object.keys(out.metafile.inputs).filter((f) =>
      /node_modules\/(react|react-dom|@lit\/react)\/|src\/react\//.test(f),
    );
    assert.deepEqual(react, [], entry);
  }
});

test('server rendering (react-dom/server): the wrappers and the tags render in Node', async () => {
  // Importing the wrappers registers the tags: in Node that goes to Lit's DOM shim.
  const {createElement: h} = await import('react');
  const {renderToString} = await import('react-dom/server');
  const {PasskeyLogin, PasskeyRegister} = await import('../../src/react/index.js');
  const html = renderToString(
    h(
      'div',
      null,
      h(PasskeyLogin, {discoverable: true, onPasskeyAuthenticated: () => {}}),
      h(PasskeyRegister, {signup: true}),
      h('passkey-login', {discoverable: true, api: '/auth', 'onpasskey-authenticated': () => {}}),
      h('passkey-register', {signup: true, 'name-input': true}),
    ),
  );
  // A wrapper sets its props as properties once it runs in the browser: the server sends the bare
  // tag. React 19 writes a tag's props as attributes (and leaves out the listeners).
  assert.equal(
    html,
    '<div><passkey-login></passkey-login><passkey-register></passkey-register>' +
      '<passkey-login discoverable="" api="/auth"></passkey-login><passkey-register signup="" name-input=""></passkey-register></div>',
  );
});
