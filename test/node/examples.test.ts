// examples/: the plain HTML page, the React 19 app and the Vue 3 app, each built with vite and
// served with the reference backend on one origin under a strict Content Security Policy, then
// used in headless Chromium with a DevTools virtual authenticator: sign up, sign out, sign in
// without a username. Each time the framework's own DOM must say who is signed in (it heard the
// elements' events), and the page must report no CSP violation and no error.
import assert from 'node:assert/strict';
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {after, before, describe, test} from 'node:test';
import type {Browser} from 'puppeteer-core';
import {
  addVirtualAuthenticator,
  launchChromium,
  strictCsp,
  tryInsertHtml,
  watchPage,
} from './helpers/browser.js';
import {serveSite, viteBuild, type Site} from './helpers/site.js';

/** Each example, with the Trusted Types policies its framework creates besides Lit's. */
const examples = [
  {name: 'html', trustedTypes: []},
  {name: 'react', trustedTypes: []},
  // Vue's runtime creates a `vue` policy for the static HTML it can insert.
  {name: 'vue', trustedTypes: ['vue']},
];

let dir: string;
let browser: Browser;
let built: Promise<void[]>;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'passkey-examples-'));
  // Build every example at once (each vite build is short and mostly waits), and Chromium meanwhile.
  built = Promise.all(examples.map((e) => viteBuild(join(dir, e.name), `examples/${e.name}`)));
  browser = await launchChromium();
  await built;
});

after(async () => {
  await browser?.close();
  if (dir) rmSync(dir, {recursive: true, force: true});
});

for (const example of examples) {
  describe(`examples/${example.name}`, () => {
    const csp = strictCsp({trustedTypes: example.trustedTypes});
    let site: Site;
    let page: import('puppeteer-core').Page;
    let watched: Awaited<ReturnType<typeof watchPage>>;
    const username = `${example.name}-${Date.now().toString(36)}`;
    const status = () => page.$eval('#status', (p) => p.textContent!.trim());
    const statusIs = (text: string) =>
      page.waitForFunction(
        (t) => document.querySelector('#status')?.textContent?.trim() === t,
        {polling: 'raf'},
        text,
      );

    before(async () => {
      await built;
      site = await serveSite(join(dir, example.name), {
        databasePath: join(dir, `${example.name}.sqlite`),
        headers: {'content-security-policy': csp},
      });
      // A page of its own context: WebAuthn needs the page to have focus.
      const context = await browser.createBrowserContext();
      page = await context.newPage();
      watched = await watchPage(page);
      await addVirtualAuthenticator(page);
    });
    after(() => site?.close());

    test('loads under the strict policy, signed out, with the elements rendered', async () => {
      const res = await page.goto(site.base + '/', {waitUntil: 'networkidle0'});
      assert.equal(res?.headers()['content-security-policy'], csp);
      await statusIs('Not signed in.');
      await page.waitForFunction(
        () =>
          ['passkey-register', 'passkey-login'].every((t) =>
            document.querySelector(t)?.shadowRoot?.querySelector('[part=button]'),
          ),
        {polling: 'raf'},
      );
    });

    test('sign-up: the framework shows the new user', async () => {
      await page.type('passkey-register >>> [part=input][name=username]', username);
      await page.click('passkey-register >>> [part=button]');
      await statusIs(`Signed in as ${username} (@${username})`);
    });

    test('sign out, then sign in without a username: the framework shows the user again', async () => {
      await page.click('xpath///button[normalize-space()="Sign out"]');
      await statusIs('Not signed in.');
      await page.waitForFunction(
        () => document.querySelector('passkey-login')?.shadowRoot?.querySelector('[part=button]'),
        {polling: 'raf'},
      );
      await page.click('passkey-login >>> [part=button]');
      await statusIs(`Signed in as ${username} (@${username})`);
      assert.match(await status(), new RegExp(username));
    });

    test('no CSP violation and no error along the way', async () => {
      assert.deepEqual(await watched.violations(), []);
      assert.deepEqual(watched.errors, []);
    });
  });
}

test('(control) the policy is enforced: a violation would have been seen', async () => {
  const site = await serveSite(join(dir, 'html'), {
    databasePath: join(dir, 'control.sqlite'),
    headers: {'content-security-policy': strictCsp()},
  });
  const page = await (await browser.createBrowserContext()).newPage();
  try {
    const watched = await watchPage(page);
    await page.goto(site.base + '/', {waitUntil: 'networkidle0'});
    const thrown = await tryInsertHtml(page);
    assert.match(thrown, /TrustedHTML/);
    await page.evaluate(() => {
      try {
        (window as any).trustedTypes.createPolicy('vue', {createHTML: String});
      } catch {
        /* refused: reported below */
      }
    });
    await page.waitForFunction(() => (window as any).violations.length >= 2);
    const seen = await watched.violations();
    assert.match(seen[0], /require-trusted-types-for/);
    assert.match(seen[1], /^trusted-types .*vue/);
  } finally {
    await page.close();
    await site.close();
  }
});
