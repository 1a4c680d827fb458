// The demo page under a strict Content Security Policy: no inline script, Trusted Types
// enforced with only Lit's policy allowed, styles from the page's own origin only. The built
// demo is served by this test (the reference backend's fetch handler for /passkeys, the files
// with the policy header), signed up and signed in through in headless Chromium with a
// DevTools virtual authenticator, and every CSP violation the page reports is collected.
import assert from 'node:assert/strict';
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {after, before, test} from 'node:test';
import type {Browser, Page} from 'puppeteer-core';
import {
  addVirtualAuthenticator,
  countAutofillRequests,
  launchChromium,
  pressInShadow,
  signOutHoldingAutofill,
  strictCsp,
  tryInsertHtml,
  watchPage,
} from './helpers/browser.js';
import {serveSite, viteBuild, type Site} from './helpers/site.js';
import type {VirtualAuthenticator} from '../../src/testing/virtual-authenticator.js';

/** The policy docs/ssr-csp.md recommends. */
const CSP = strictCsp();

let dir: string;
let site: Site;
let browser: Browser;
let page: Page;
let base: string;
let authenticator: VirtualAuthenticator;
let autofillRequests: () => Promise<number>;
/** Console errors and uncaught exceptions. */
let reported: string[];
let violations: () => Promise<string[]>;
const dialogs: string[] = [];

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'passkey-csp-'));
  await viteBuild(join(dir, 'site'));
  site = await serveSite(join(dir, 'site'), {
    databasePath: join(dir, 'csp.sqlite'),
    headers: {'content-security-policy': CSP},
  });
  base = site.base;

  browser = await launchChromium();
  page = await browser.newPage();
  ({violations, errors: reported} = await watchPage(page));
  page.on('dialog', (d) => (dialogs.push(d.message()), d.dismiss()));
  authenticator = await addVirtualAuthenticator(page);
  autofillRequests = await countAutofillRequests(page);
});

after(async () => {
  await browser?.close();
  await site?.close();
  if (dir) rmSync(dir, {recursive: true, force: true});
});

const whoami = () => page.$eval('#whoami', (p) => p.textContent);
const markup = '<img src=x onerror=alert(1)>';

test('the demo loads under the policy and shows its elements', async () => {
  const res = await page.goto(base + '/', {waitUntil: 'networkidle0'});
  assert.equal(res?.headers()['content-security-policy'], CSP);
  await page.waitForFunction(
    () => document.querySelector('#whoami')!.textContent === 'Not signed in.',
  );
  for (const tag of [
    'passkey-register[signup]',
    'passkey-login[autofill]',
    'passkey-signup',
    'passkey-recovery',
  ]) {
    assert.ok(await page.$(`${tag} >>> [part=button]`), `${tag} rendered`);
  }
  assert.deepEqual(await violations(), []);
});

test('sign up with markup for a display name: it shows as text, and nothing runs', async () => {
  const username = `csp-${Date.now().toString(36)}`;
  await page.click('#tab-signup');
  await page.type('passkey-register[signup] >>> [name=username]', username);
  await page.type('passkey-register[signup] >>> [name=displayName]', markup);
  const registered = page.evaluate(
    () =>
      new Promise((r) =>
        document.addEventListener('passkey-registered', (e) => r((e as CustomEvent).detail.user), {
          once: true,
        }),
      ),
  );
  await page.click('passkey-register[signup] >>> [part=button]');
  const user = (await registered) as {username: string; displayName: string};
  assert.equal(user.displayName, markup);
  await page.waitForFunction(
    (u) => document.querySelector('#whoami')!.textContent!.includes(u),
    {},
    username,
  );
  assert.equal(await whoami(), `Signed in as ${markup} (@${username}).`);
  // The page's one image is its logo; the markup made none.
  assert.equal(
    await page.$$eval('img[src="x"], [onerror]', (found) => found.length),
    0,
    'no <img> was created',
  );
  assert.match(await page.$eval('#log', (l) => l.textContent!), /onerror=alert\(1\)/);

  // And back in without a username (any passkey of the site).
  // Signed out, the page resets the elements and <passkey-login autofill> asks for autofill
  // again, which the virtual authenticator would answer at once: presence off until it waits.
  await signOutHoldingAutofill(page, authenticator, autofillRequests);
  const authenticated = page.evaluate(
    () =>
      new Promise((r) =>
        document.addEventListener(
          'passkey-authenticated',
          (e) => r((e as CustomEvent).detail.user),
          {once: true},
        ),
      ),
  );
  await page.click('#tab-signin');
  await pressInShadow(page, 'passkey-login', '[part=button]');
  assert.equal(((await authenticated) as {username: string}).username, username);
  assert.deepEqual(dialogs, []);
});

test('no violation was reported along the way', async () => {
  assert.deepEqual(await violations(), []);
  assert.deepEqual(reported, []);
});

test('(control) the policy is enforced, and a violation would have been seen', async () => {
  const thrown = await tryInsertHtml(page);
  assert.match(thrown, /TrustedHTML/);
  await page.waitForFunction(() => (window as any).violations.length > 0);
  assert.match((await violations())[0], /require-trusted-types-for/);
  // An inline <style> element is refused too (style-src 'self').
  await page.evaluate(() =>
    document.head.append(
      Object.assign(document.createElement('style'), {textContent: 'b{color:red}'}),
    ),
  );
  await page.waitForFunction(() =>
    (window as any).violations.some((v: string) => v.startsWith('style-src-elem')),
  );
});
