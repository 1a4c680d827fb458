// Server-side rendering: every module of the kit imports in plain Node (no DOM shim of ours;
// Lit's Node build brings its own minimal customElements), Lit SSR renders every element to
// declarative shadow DOM, and the rendered page hydrates in Chromium and in Firefox without losing
// what the user did before the scripts arrived.
import assert from 'node:assert/strict';
import {spawn} from 'node:child_process';
import {existsSync, readdirSync} from 'node:fs';
import {createServer, type Server} from 'node:http';
import {join, relative} from 'node:path';
import {after, before, describe, test} from 'node:test';
import {render} from '@lit-labs/ssr';
import {collectResult} from '@lit-labs/ssr/lib/render-result.js';
import {unsafeHTML} from 'lit/directives/unsafe-html.js';
import {html} from 'lit';
import {build} from 'esbuild';
import type {Browser, Page} from 'puppeteer-core';
import {engines} from './helpers/browser.js';

const root = new URL('../..', import.meta.url).pathname;
const tags = readdirSync(join(root, 'src/elements')).filter((t) =>
  existsSync(join(root, 'src/elements', t, 'define.ts')),
);

function modules(dir: string): string[] {
  return readdirSync(dir, {withFileTypes: true}).flatMap((e) =>
    e.isDirectory()
      ? modules(join(dir, e.name))
      : /(?<!\.d)\.ts$/.test(e.name)
        ? [join(dir, e.name)]
        : [],
  );
}

/** Imports `file` in a new Node process (through tsx, nothing else preloaded). */
function importAlone(file: string): Promise<{file: string; code: number | null; stderr: string}> {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', '--input-type=module', '-e', `await import(${JSON.stringify(file)})`],
      {cwd: root, stdio: ['ignore', 'ignore', 'pipe']},
    );
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.on('exit', (code) => resolve({file: relative(root, file), code, stderr}));
  });
}

test('every module of src/ imports in a fresh Node process with no DOM globals', async () => {
  const files = modules(join(root, 'src'));
  assert.ok(files.length > 10);
  assert.equal(typeof (globalThis as {document?: unknown}).document, 'undefined');
  const failed: string[] = [];
  for (let i = 0; i < files.length; i += 6) {
    for (const r of await Promise.all(files.slice(i, i + 6).map(importAlone))) {
      if (r.code !== 0)
        failed.push(`${r.file}: ${r.stderr.split('\n').find((l) => /Error/.test(l)) ?? r.stderr}`);
    }
  }
  assert.deepEqual(failed, []);
});

// What each element renders first, per variant: the parts that must be in its shadow root
// (`!part` must not be). Elements not listed here are still rendered, bare, and must give at
// least the two live regions.
const variants: Record<string, [string, string[]][]> = {
  'passkey-login': [
    ['', ['form', 'label', 'input', 'button', 'status', 'error']],
    ['discoverable', ['form', 'button', 'status', 'error', '!input']],
    ['autofill', ['input', 'button']],
  ],
  'passkey-register': [
    ['', ['form', 'button', 'status', 'error', '!input']],
    ['signup', ['form', 'label', 'input', 'button', 'status', 'error']],
    ['signup name-input', ['input', 'button']],
    ['signup-token="t"', ['button', '!input']],
    ['recovery-token="t"', ['button', '!input']],
  ],
  'passkey-mfa': [['mfa-token="t"', ['form', 'button', 'status', 'error']]],
  'passkey-signup': [['', ['form', 'input', 'button', 'status', 'error']]],
  'passkey-recovery': [['', ['form', 'input', 'button', 'status', 'error']]],
  'passkey-confirm': [['action="transfer:42"', ['form', 'label', 'button', 'status', 'error']]],
};

const ssr = (markup: string) => collectResult(render(html`${unsafeHTML(markup)}`));

test('Lit SSR renders every element to declarative shadow DOM', async () => {
  await import('../../src/define.js');
  for (const tag of tags) {
    assert.ok(customElements.get(tag), `${tag} is registered by src/define.ts`);
    for (const [attrs, parts] of variants[tag] ?? [['', ['status', 'error']]]) {
      const out = await ssr(`<${tag} ${attrs}></${tag}>`);
      const label = `<${tag} ${attrs}>`;
      assert.match(
        out,
        new RegExp(`<${tag}[^>]*><template shadowroot="open" shadowrootmode="open">`),
        `${label}: a declarative shadow root`,
      );
      assert.match(out, /<style>[^<]*:host/, `${label}: its styles`);
      const shadow = out.slice(out.indexOf('<template'), out.lastIndexOf('</template>'));
      for (const p of parts) {
        const want = !p.startsWith('!');
        const re = new RegExp(`part="${p.replace('!', '')}"`);
        assert.equal(
          re.test(shadow),
          want,
          `${label}: ${want ? 'has' : 'has no'} part ${p.replace('!', '')}`,
        );
      }
    }
  }
});

// ---- Hydration in Chromium and Firefox ----------------------------------------------------

let server: Server;
let base: string;

before(async () => {
  await import('../../src/define.js');
  const body = await ssr(
    `<passkey-login id="named"></passkey-login>` +
      `<passkey-login id="any" discoverable></passkey-login>` +
      `<passkey-register id="signup" signup name-input></passkey-register>`,
  );
  const page0 = `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"></head><body>${body}</body></html>`;
  // What a site loads after its server-rendered HTML: the hydrate support first, then the tags.
  const client = await build({
    stdin: {
      contents: `import '@lit-labs/ssr-client/lit-element-hydrate-support.js';\nimport './src/define.js';`,
      resolveDir: root,
      loader: 'ts',
    },
    bundle: true,
    format: 'esm',
    target: 'es2022',
    // Lit's development build: it reports hydration mismatches and other misuse as warnings.
    conditions: ['development'],
    tsconfig: join(root, 'tsconfig.json'),
    write: false,
    logLevel: 'silent',
  });
  const files: Record<string, [string, string]> = {
    '/': ['text/html', page0],
    '/client.js': [
      'text/javascript',
      `globalThis.litIssuedWarnings = new Set(['dev-mode']);\n${client.outputFiles[0].text}`,
    ],
  };
  server = createServer((req, res) => {
    const f = files[new URL(req.url!, 'http://x').pathname];
    res.writeHead(f ? 200 : 404, {'content-type': f?.[0] ?? 'text/plain'}).end(f?.[1] ?? '');
  });
  await new Promise<void>((r) => server.listen(0, 'localhost', r));
  base = `http://localhost:${(server.address() as {port: number}).port}`;
});

after(() => {
  server?.close();
});

for (const engine of engines()) {
  describe(`hydration in ${engine.name}`, {skip: engine.skip}, () => {
    let browser: Browser;
    let page: Page;
    const logs: string[] = [];

    before(async () => {
      browser = await engine.launch();
      page = await browser.newPage();
      page.on(
        'console',
        (m) => ['error', 'warn'].includes(m.type()) && logs.push(`${m.type()}: ${m.text()}`),
      );
      page.on('pageerror', (e) => logs.push(`pageerror: ${e}`));
      await page.goto(base, {waitUntil: 'load'});
    });

    after(async () => {
      await browser?.close();
    });

    test('the server-rendered page shows the elements before any script runs', async () => {
      const seen = await page.evaluate(() => ({
        defined: ['passkey-login', 'passkey-register'].filter((t) => customElements.get(t)),
        buttons: [...document.querySelectorAll('passkey-login, passkey-register')].map((e) =>
          e.shadowRoot?.querySelector('[part=button]')?.textContent?.trim(),
        ),
        inputs: [...document.querySelectorAll('passkey-login, passkey-register')].map(
          (e) => e.shadowRoot?.querySelectorAll('input').length,
        ),
      }));
      assert.deepEqual(seen.defined, []);
      assert.deepEqual(seen.buttons, [
        'Sign in with a passkey',
        'Sign in with a passkey',
        'Sign up with a passkey',
      ]);
      assert.deepEqual(seen.inputs, [1, 0, 3]);
    });

    test('hydration keeps the DOM, what the user typed, and the attributes; the elements then work', async () => {
      // The user types before the scripts arrive.
      await page.type('#named >>> [part=input]', 'ada');
      await page.type('#signup >>> [name=username]', 'grace');
      await page.type('#signup >>> [name=displayName]', 'Grace H');
      await page.evaluate(() => {
        (window as any).before = [
          ...document.querySelectorAll('passkey-login, passkey-register'),
        ].map((e) => e.shadowRoot!.querySelector('[part=button]'));
      });

      await page.addScriptTag({url: '/client.js', type: 'module'});
      const after = await page.evaluate(async () => {
        const els = [...document.querySelectorAll<any>('passkey-login, passkey-register')];
        await Promise.all(
          ['passkey-login', 'passkey-register'].map((t) => customElements.whenDefined(t)),
        );
        await Promise.all(els.map((e) => e.updateComplete));
        return {
          sameNodes: els.map(
            (e, i) => e.shadowRoot.querySelector('[part=button]') === (window as any).before[i],
          ),
          values: els.map((e) =>
            [...e.shadowRoot.querySelectorAll('input')].map((i: HTMLInputElement) => i.value),
          ),
          discoverable: els[1].discoverable,
          signup: [els[2].signup, els[2].nameInput],
        };
      });
      assert.deepEqual(after.sameNodes, [true, true, true], 'hydrated in place, not re-rendered');
      assert.deepEqual(after.values, [['ada'], [], ['grace', 'Grace H', '']]);
      assert.equal(after.discoverable, true);
      assert.deepEqual(after.signup, [true, true]);

      // Interactive: the button starts a ceremony with what was typed before hydration.
      // A string, not a function: tsx would wrap the stub's methods in a helper the page lacks.
      const started = (await page.evaluate(`(async () => {
        const requests = [];
        // Answers never come: the ceremony stays running.
        const client = {
          authenticationOptions(req) { requests.push(req); return new Promise(() => {}); },
          registrationOptions(req) { requests.push(req); return new Promise(() => {}); },
        };
        const events = [];
        document.addEventListener('passkey-start', (e) => events.push(e.target.id + ' ' + JSON.stringify(e.detail)));
        for (const id of ['named', 'signup']) {
          const el = document.getElementById(id);
          el.client = client;
          el.shadowRoot.querySelector('[part=button]').click();
          await el.updateComplete;
        }
        return {events, requests, busy: ['named', 'signup'].map((id) => document.getElementById(id).hasAttribute('busy'))};
      })()`)) as {events: string[]; requests: unknown[]; busy: boolean[]};
      assert.deepEqual(started.events, [
        'named {"ceremony":"authentication"}',
        'signup {"ceremony":"registration"}',
      ]);
      assert.deepEqual(started.requests, [
        {username: 'ada'},
        {username: 'grace', displayName: 'Grace H'},
      ]);
      assert.deepEqual(started.busy, [true, true]);
      assert.deepEqual(
        logs,
        [],
        'no errors or warnings (Lit reports hydration mismatches as errors)',
      );
    });
  });
}
