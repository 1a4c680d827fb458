// The npm package as a site gets it: `npm pack` (which runs prepack: npm run build and
// build:cdn), the tarball installed into an empty project, and every entry point imported
// from there: the classes in Node, the define modules in Chromium (bundled by esbuild the way
// a site's bundler would), the backend in Node, the types through tsc, and the CDN file alone
// in a page.
import assert from 'node:assert/strict';
import {execFileSync, spawnSync} from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import {createServer, type Server} from 'node:http';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {after, before, test} from 'node:test';
import {build} from 'esbuild';
import type {Browser} from 'puppeteer-core';
import {launchChromium} from './helpers/browser.js';

const root = new URL('../..', import.meta.url).pathname;
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
/** Every element of the kit: the folders of src/elements that have a define.ts. */
const tags = readdirSync(join(root, 'src/elements')).filter((t) =>
  existsSync(join(root, 'src/elements', t, 'define.ts')),
);
/** The shipped adapters (passkey-elements/adapters/<name>). */
const adapters = ['better-auth', 'loginradius', 'authaz'];

let dir: string;
let project: string;
let installed: string;
let files: string[];
let browser: Browser;
/** What `npm install <tarball>` put in the site's node_modules, before the peers are lent. */
let installedNames: Set<string>;

const npm = (args: string[], cwd: string) =>
  spawnSync('npm', args, {
    cwd,
    encoding: 'utf8',
    env: {...process.env, npm_config_update_notifier: 'false', npm_config_fund: 'false'},
  });

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'passkey-package-'));
  const packed = npm(['pack', '--json', '--pack-destination', dir], root);
  assert.equal(packed.status, 0, packed.stderr);
  const [info] = JSON.parse(packed.stdout.slice(packed.stdout.indexOf('[')));
  files = info.files.map((f: {path: string}) => f.path);
  const tarball = join(dir, info.filename);

  project = join(dir, 'site');
  mkdirSync(project);
  writeFileSync(
    join(project, 'package.json'),
    JSON.stringify({name: 'site', private: true, type: 'module'}),
  );
  // From the npm cache where it can: the package's own dependencies' tarballs are there, since
  // this repository installed them. Not `--offline`: `npm ci` caches tarballs but not the
  // packuments a range is resolved from, so on a machine with a fresh cache that failed with
  // ENOTCACHED. `--prefer-offline` asks the registry only for what the cache lacks.
  const inst = npm(
    ['install', '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts', tarball],
    project,
  );
  assert.equal(inst.status, 0, inst.stderr);
  installed = join(project, 'node_modules/passkey-elements');
  installedNames = new Set(
    readdirSync(join(project, 'node_modules')).flatMap((n) =>
      n.startsWith('@')
        ? readdirSync(join(project, 'node_modules', n)).map((m) => `${n}/${m}`)
        : [n],
    ),
  );
  // The backend's packages are optional peers (a site that only uses the elements does not
  // install them). Lend the repository's copies: better-sqlite3 takes minutes to compile.
  for (const name of Object.keys(pkg.peerDependencies ?? {})) {
    const to = join(project, 'node_modules', name);
    if (existsSync(to)) continue;
    mkdirSync(join(to, '..'), {recursive: true});
    symlinkSync(join(root, 'node_modules', name), to, 'dir');
  }
  // And what a React site has besides the optional peers react and @lit/react.
  for (const name of ['react-dom', '@types/react']) {
    const to = join(project, 'node_modules', name);
    if (existsSync(to)) continue;
    mkdirSync(join(to, '..'), {recursive: true});
    symlinkSync(join(root, 'node_modules', name), to, 'dir');
  }
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  if (dir) rmSync(dir, {recursive: true, force: true});
});

test('a site installs the elements without the Node-only testing dependencies', () => {
  assert.ok(installedNames.has('lit'), 'the dependencies are installed');
  // Optional peers of passkey-elements/testing, which says what to install when one is missing.
  for (const name of ['@levischuck/tiny-cbor', 'tough-cookie'])
    assert.ok(!installedNames.has(name), `${name} is not installed with the elements`);
});

test('the tarball holds the builds and nothing of the sources', () => {
  for (const f of [
    'package.json',
    'README.md',
    'dist/index.js',
    'dist/index.d.ts',
    'dist/define.js',
    'dist/custom-elements.json',
    'dist-server/index.js',
    'dist-server/index.d.ts',
    // The AAGUID list with icons, read next to dist-server/aaguid.js.
    'dist-server/vendor/passkey-aaguids.json',
    'dist-cdn/passkey-elements.js',
    ...adapters.map((a) => `dist/adapters/${a}.js`),
    'dist/testing/index.js',
    'dist/testing/index.d.ts',
    'dist/core/client/contract.d.ts',
    'bin/conformance.mjs',
  ]) {
    assert.ok(files.includes(f), `${f} is packed`);
  }
  for (const tag of tags) {
    for (const f of [
      `dist/elements/${tag}/define.js`,
      `dist/elements/${tag}/${tag}.js`,
      `dist/elements/${tag}/${tag}.d.ts`,
    ]) {
      assert.ok(files.includes(f), `${f} is packed`);
    }
  }
  const stray = files.filter((f) =>
    /^(src|server|test|demo|stories|bench|scripts|node_modules)\/|\.map$|\.ts$(?<!\.d\.ts)|\.tsbuildinfo$/.test(
      f,
    ),
  );
  assert.deepEqual(stray, []);
});

test('the library is tsc output, not a bundle, and its root import has no side effects', () => {
  const index = readFileSync(join(installed, 'dist/index.js'), 'utf8');
  assert.match(
    index,
    /export \{ PasskeyLogin \} from '\.\/elements\/passkey-login\/passkey-login\.js';/,
  );
  assert.doesNotMatch(index, /customElements|\.define\(/);
  const login = readFileSync(
    join(installed, 'dist/elements/passkey-login/passkey-login.js'),
    'utf8',
  );
  assert.ok(login.split('\n').length > 20, 'one statement a line, not minified');
  // Only the insides of its templates are minified (scripts/minify-templates.mjs).
  assert.match(login, /html `[^`\n]*<form part="form"/, 'the templates are minified');
  assert.deepEqual(
    pkg.sideEffects.filter((s: string) => !/define\.(js|ts)$/.test(s)),
    [],
    'only define modules have side effects',
  );
});

test('every export resolves to a file in the package, with its types', () => {
  const resolve = (spec: string) => {
    // Node's own resolver, from inside the project, as `import` would.
    const out = execFileSync(
      process.execPath,
      ['--input-type=module', '-e', `console.log(import.meta.resolve(${JSON.stringify(spec)}))`],
      {cwd: project, encoding: 'utf8'},
    );
    return new URL(out.trim()).pathname;
  };
  const specs = [
    'passkey-elements',
    'passkey-elements/define.js',
    'passkey-elements/server',
    'passkey-elements/custom-elements.json',
    'passkey-elements/package.json',
    'passkey-elements/react',
    'passkey-elements/jsx',
  ];
  for (const tag of tags)
    specs.push(
      `passkey-elements/elements/${tag}/define.js`,
      `passkey-elements/elements/${tag}/${tag}.js`,
    );
  specs.push(...adapters.map((a) => `passkey-elements/adapters/${a}`), 'passkey-elements/testing');
  for (const spec of specs) {
    const file = resolve(spec);
    assert.ok(file.startsWith(installed) && existsSync(file), `${spec} → ${file}`);
    if (file.endsWith('.js'))
      assert.ok(existsSync(file.replace(/\.js$/, '.d.ts')), `${spec} has a .d.ts beside it`);
  }
  assert.ok(existsSync(join(installed, pkg.types)), 'package.json types');
  const manifest = JSON.parse(
    readFileSync(resolve('passkey-elements/custom-elements.json'), 'utf8'),
  );
  for (const mod of manifest.modules)
    assert.ok(existsSync(join(installed, mod.path)), `manifest path ${mod.path} is in the package`);
  assert.equal(
    join(installed, pkg.customElements),
    resolve('passkey-elements/custom-elements.json'),
  );
});

test('a TypeScript site type-checks against every export', () => {
  const imports = [
    `import {PasskeyLogin, PasskeyRegister, FetchClient, type PasskeyClient} from 'passkey-elements';`,
    `import 'passkey-elements/define.js';`,
    `import {createPasskeyServer} from 'passkey-elements/server';`,
    ...tags.map(
      (t, i) =>
        `import * as d${i} from 'passkey-elements/elements/${t}/define.js';\nimport * as c${i} from 'passkey-elements/elements/${t}/${t}.js';\nvoid d${i}, c${i};`,
    ),
    `const login: PasskeyLogin = document.createElement('passkey-login');`,
    `const reg: PasskeyRegister | null = document.querySelector('passkey-register');`,
    `const client: PasskeyClient = new FetchClient('/passkeys');`,
    `login.client = client; void reg; void createPasskeyServer;`,
    `document.addEventListener('passkey-authenticated', (e) => e.detail.user.id.toUpperCase());`,
    `import {BetterAuthClient} from 'passkey-elements/adapters/better-auth';`,
    `import {LoginRadiusClient} from 'passkey-elements/adapters/loginradius';`,
    `import {AuthazClient} from 'passkey-elements/adapters/authaz';`,
    `const adapters: PasskeyClient[] = [new BetterAuthClient({baseURL: '/api/auth'}), new LoginRadiusClient({apiKey: 'key'}), new AuthazClient({baseURL: 'https://app.authaz.io'})];`,
    `reg!.client = adapters[0];`,
    `import {SoftAuthenticator, runConformance, virtualAuthenticator, webauthnPlugin, type CheckResult} from 'passkey-elements/testing';`,
    `const checked: Promise<CheckResult[]> = runConformance({url: 'http://localhost:3000/passkeys'}); void checked, SoftAuthenticator, virtualAuthenticator, webauthnPlugin;`,
    // The contract's types, shared by the client and the server: dist-server's declarations import
    // them as passkey-elements/contract, so UserJson is the contract's User, not an unresolved any.
    `import type {Passkey as ContractPasskey, User as ContractUser} from 'passkey-elements/contract';`,
    `import type {PasskeyJson, UserJson} from 'passkey-elements/server';`,
    `const userJson: UserJson = {id: 'u1', username: 'ada', displayName: 'Ada', webauthnUserId: 'h1'};`,
    `const contractUser: ContractUser = userJson; void contractUser;`,
    `// @ts-expect-error a UserJson has every field of the contract's User`,
    `const partialUser: UserJson = {id: 'u1'}; void partialUser;`,
    `const toContract = (p: PasskeyJson): ContractPasskey => p; void toContract;`,
  ];
  writeFileSync(join(project, 'site.ts'), imports.join('\n') + '\n');
  writeFileSync(
    join(project, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        target: 'ES2022',
        module: 'NodeNext',
        moduleResolution: 'NodeNext',
        strict: true,
        noEmit: true,
        skipLibCheck: true,
        lib: ['ES2023', 'DOM', 'DOM.Iterable'],
        types: [],
      },
      files: ['site.ts'],
    }),
  );
  const r = spawnSync(
    process.execPath,
    [join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json'],
    {cwd: project, encoding: 'utf8'},
  );
  assert.equal(r.status, 0, r.stdout + r.stderr);
});

test('React: passkey-elements/react and /jsx type-check in a TSX site', () => {
  const page = [
    `import type {} from 'passkey-elements/jsx';`,
    `import {PasskeyLogin} from 'passkey-elements/react';`,
    `export const a = <PasskeyLogin discoverable onPasskeyAuthenticated={(e) => e.detail.user.id} />;`,
    `export const b = <passkey-register signup name-input onpasskey-registered={(e) => e.detail.passkey.id} />;`,
    `// @ts-expect-error discoverable is a boolean`,
    `export const c = <passkey-login discoverable="yes" />;`,
  ];
  writeFileSync(join(project, 'react-site.tsx'), page.join('\n') + '\n');
  writeFileSync(
    join(project, 'tsconfig.react.json'),
    JSON.stringify({
      compilerOptions: {
        target: 'ES2022',
        module: 'NodeNext',
        moduleResolution: 'NodeNext',
        jsx: 'react-jsx',
        strict: true,
        noEmit: true,
        skipLibCheck: true,
        lib: ['ES2023', 'DOM', 'DOM.Iterable'],
        types: [],
      },
      files: ['react-site.tsx'],
    }),
  );
  const r = spawnSync(
    process.execPath,
    [join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.react.json'],
    {cwd: project, encoding: 'utf8'},
  );
  assert.equal(r.status, 0, r.stdout + r.stderr);
});

test('in Node: the root import and the backend load, and the backend answers', () => {
  const script = `
    const kit = await import('passkey-elements');
    if (typeof kit.PasskeyLogin != 'function' || typeof kit.FetchClient != 'function') throw new Error('classes missing');
    if (globalThis.customElements?.get('passkey-login')) throw new Error('the root import registered a tag');
    const {createPasskeyServer} = await import('passkey-elements/server');
    const server = await createPasskeyServer({development: true, rpId: 'localhost', origins: ['http://localhost:3000'], databasePath: ${JSON.stringify(join(dir, 'pkg.sqlite'))}});
    const res = await server.fetch(new Request('http://localhost:3000/passkeys/session'));
    console.log(res.status, JSON.stringify(await res.json()));
    await server.close();`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
    cwd: project,
    encoding: 'utf8',
  });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /^200 \{"user":null/);
});

test('in Node: the adapters and passkey-elements/testing load; the conformance bin runs against a reference backend', () => {
  const script = `
    const {BetterAuthClient} = await import('passkey-elements/adapters/better-auth');
    const {LoginRadiusClient} = await import('passkey-elements/adapters/loginradius');
    const {AuthazClient} = await import('passkey-elements/adapters/authaz');
    for (const C of [BetterAuthClient, LoginRadiusClient, AuthazClient]) if (typeof C != 'function') throw new Error('adapter missing');
    const testing = await import('passkey-elements/testing');
    for (const name of ['SoftAuthenticator', 'VirtualAuthenticator', 'virtualAuthenticator', 'webauthnPlugin', 'FirefoxVirtualAuthenticator', 'chromeScript', 'runConformance', 'main']) {
      if (typeof testing[name] != 'function') throw new Error(name + ' missing from passkey-elements/testing');
    }
    const {createServer} = await import('node:http');
    const {getRequestListener} = await import('@hono/node-server');
    const {createPasskeyServer} = await import('passkey-elements/server');
    let api;
    const http = createServer(getRequestListener((req) => api(req)));
    await new Promise((r) => http.listen(0, 'localhost', r));
    const origin = 'http://localhost:' + http.address().port;
    const server = await createPasskeyServer({development: true, rpId: 'localhost', origins: [origin], databasePath: ${JSON.stringify(join(dir, 'bin.sqlite'))}});
    api = server.fetch;
    const {spawn} = await import('node:child_process');
    const child = spawn('node_modules/.bin/passkey-elements-conformance', [origin + '/passkeys', '--only', 'sign-up with a passkey', '--only', 'replayed assertion'], {stdio: 'inherit'});
    const code = await new Promise((r) => child.on('exit', r));
    http.close();
    await server.close();
    process.exitCode = code;`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
    cwd: project,
    encoding: 'utf8',
  });
  assert.equal(r.status, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /^2 passed, 0 failed, 0 skipped$/m, r.stdout);
});

test('every bare import of the built files is a declared dependency or peer', () => {
  const declared = new Set([
    ...Object.keys(pkg.dependencies ?? {}),
    ...Object.keys(pkg.peerDependencies ?? {}),
  ]);
  const missing = new Set<string>();
  for (const f of files.filter((f) => /^dist(-server)?\/.*\.js$/.test(f))) {
    const text = readFileSync(join(installed, f), 'utf8');
    for (const [, spec] of text.matchAll(/(?:from|import)\s*\(?\s*['"]([^'"./][^'"]*)['"]/g)) {
      // node: builtins, and the package's own name (usage examples in the doc comments tsc keeps).
      if (spec.startsWith('node:') || spec === pkg.name || spec.startsWith(pkg.name + '/'))
        continue;
      const name = spec.startsWith('@')
        ? spec.split('/').slice(0, 2).join('/')
        : spec.split('/')[0];
      if (!declared.has(name)) missing.add(`${name} (${f})`);
    }
  }
  assert.deepEqual([...missing], []);
});

/** Serves `routes` (path → [type, body]) on localhost; resolves with the base URL. */
async function serve(routes: Record<string, [string, string | Buffer]>): Promise<[string, Server]> {
  const server = createServer((req, res) => {
    const route = routes[new URL(req.url!, 'http://x').pathname];
    res
      .writeHead(route ? 200 : 404, {'content-type': route?.[0] ?? 'text/plain'})
      .end(route?.[1] ?? 'not found');
  });
  await new Promise<void>((r) => server.listen(0, 'localhost', r));
  return [`http://localhost:${(server.address() as {port: number}).port}`, server];
}

/** Opens `html`'s page, waits for `tags` to be defined, and says what it saw. */
async function definedIn(routes: Record<string, [string, string | Buffer]>) {
  const [base, server] = await serve(routes);
  const page = await browser.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  // Elements that load data on connect (the manager) call the backend, which is not here: its
  // 404s under /passkeys/ are expected. Anything else failing (a script, a module) is not.
  page.on(
    'console',
    (m) =>
      m.type() === 'error' && !m.location().url?.includes('/passkeys/') && errors.push(m.text()),
  );
  page.on(
    'response',
    (r) =>
      r.status() >= 400 &&
      !r.url().includes('/passkeys/') &&
      errors.push(`${r.url()} ${r.status()}`),
  );
  page.on('requestfailed', (r) => errors.push(`${r.url()} failed`));
  try {
    await page.goto(base + '/', {waitUntil: 'load'});
    return await page
      .evaluate(async (tags) => {
        await Promise.race([
          Promise.all(tags.map((t) => customElements.whenDefined(t))),
          new Promise((r) => setTimeout(r, 5000)),
        ]);
        await new Promise((r) => setTimeout(r, 50));
        return {
          defined: tags.filter((t) => customElements.get(t)),
          rendered: tags.filter((t) =>
            document.querySelector(t)?.shadowRoot?.querySelector('[part]'),
          ),
          scripts: document.scripts.length,
        };
      }, tags)
      .then((seen) => ({...seen, errors}));
  } finally {
    await page.close();
    server.close();
  }
}

const pageWith = (script: string) =>
  `<!doctype html><html><head><meta charset="utf-8"><link rel="icon" href="data:,"><script type="module" src="/${script}"></script></head><body>${tags.map((t) => `<${t}></${t}>`).join('')}</body></html>`;

test('passkey-elements/define.js, bundled from the installed package, defines every tag in Chromium', async () => {
  const out = await build({
    stdin: {contents: `import 'passkey-elements/define.js';`, resolveDir: project, loader: 'js'},
    bundle: true,
    format: 'esm',
    write: false,
    logLevel: 'silent',
  });
  const seen = await definedIn({
    '/': ['text/html', pageWith('site.js')],
    '/site.js': ['text/javascript', out.outputFiles[0].text],
  });
  assert.deepEqual(seen.errors, []);
  assert.deepEqual(seen.defined, tags);
  assert.deepEqual(seen.rendered, tags);
});

test('passkey-elements/react, bundled from the installed package, renders a wrapper in Chromium and passes it the event', async () => {
  const site = `
    import {createElement} from 'react';
    import {createRoot} from 'react-dom/client';
    import {PasskeyLogin} from 'passkey-elements/react';
    createRoot(document.querySelector('#root')).render(
      createElement(PasskeyLogin, {discoverable: true, onPasskeyAuthenticated: (e) => (document.title = 'signed in as ' + e.detail.user.username)})
    );`;
  const out = await build({
    stdin: {contents: site, resolveDir: project, loader: 'js'},
    bundle: true,
    format: 'esm',
    write: false,
    logLevel: 'silent',
    define: {'process.env.NODE_ENV': '"production"'},
  });
  const [base, server] = await serve({
    '/': [
      'text/html',
      '<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,"><div id="root"></div><script type="module" src="/site.js"></script>',
    ],
    '/site.js': ['text/javascript', out.outputFiles[0].text],
  });
  const page = await browser.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  try {
    await page.goto(base + '/', {waitUntil: 'load'});
    await page.waitForFunction(() =>
      (document.querySelector('passkey-login') as any)?.shadowRoot?.querySelector('[part=button]'),
    );
    assert.equal(await page.$eval('passkey-login', (el) => (el as any).discoverable), true);
    await page.$eval('passkey-login', (el) =>
      el.dispatchEvent(
        new CustomEvent('passkey-authenticated', {
          detail: {user: {username: 'ada'}},
          bubbles: true,
          composed: true,
        }),
      ),
    );
    assert.equal(await page.title(), 'signed in as ada');
    assert.deepEqual(errors, []);
  } finally {
    await page.close();
    server.close();
  }
});

test('dist-cdn/passkey-elements.js alone, from one <script type="module">, defines every tag', async () => {
  const cdn = readFileSync(join(installed, 'dist-cdn/passkey-elements.js'), 'utf8');
  assert.doesNotMatch(
    cdn,
    /^\s*import\s|\bimport\s*\(|from\s*['"]/m,
    'no imports left: every dependency is inside',
  );
  const code = cdn.split('/*! Bundled license information')[0];
  assert.doesNotMatch(code, /^[ \t]+\S/m, 'minified: no indented line outside the license notes');
  const seen = await definedIn({
    '/': ['text/html', pageWith('passkey-elements.js')],
    '/passkey-elements.js': ['text/javascript', cdn],
  });
  assert.deepEqual(seen.errors, []);
  assert.equal(seen.scripts, 1);
  assert.deepEqual(seen.defined, tags);
  assert.deepEqual(seen.rendered, tags);
});

test("dist-cdn/passkey-elements.js: the minified templates' bindings still work (attribute, boolean, event)", async () => {
  const cdn = readFileSync(join(installed, 'dist-cdn/passkey-elements.js'), 'utf8');
  const [base, server] = await serve({
    '/': [
      'text/html',
      '<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,"><script type="module" src="/passkey-elements.js"></script><passkey-login username="ada"></passkey-login><passkey-register signup></passkey-register>',
    ],
    '/passkey-elements.js': ['text/javascript', cdn],
  });
  const page = await browser.newPage();
  try {
    await page.goto(base + '/', {waitUntil: 'load'});
    await page.waitForFunction(() =>
      document.querySelector('passkey-register')?.shadowRoot?.querySelector('[part=button]'),
    );
    const seen = await page.evaluate(async () => {
      const login = document.querySelector('passkey-login')!;
      const register = document.querySelector('passkey-register')!;
      const started = new Promise((r) => login.addEventListener('passkey-start', () => r(true)));
      login.shadowRoot!.querySelector<HTMLElement>('[part=button]')!.click();
      return {
        value: login.shadowRoot!.querySelector('input')!.value,
        required: register.shadowRoot!.querySelector('input')!.required,
        label: login.shadowRoot!.querySelector('[part=label]')!.textContent!.trim(),
        started: await Promise.race([
          started,
          new Promise((r) => setTimeout(() => r(false), 2000)),
        ]),
      };
    });
    assert.deepEqual(seen, {value: 'ada', required: true, label: 'Username', started: true});
  } finally {
    await page.close();
    server.close();
  }
});
