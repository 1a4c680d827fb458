// The demo page as a person uses it: `npm start`'s pieces (the vite-built site and its dev outbox
// page, served by the reference backend with SQLite) in headless Chromium with a DevTools virtual
// authenticator. Picks a tab of the sign-in card, types into the `input` part and clicks the
// `button` part, and reads what the page heard. Also what `npm start` prints: a request log line
// per API request, and one line for a busy port.
import assert from 'node:assert/strict';
import {spawn, type ChildProcess} from 'node:child_process';
import {mkdirSync, mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {after, before, test} from 'node:test';
import type {Browser, HTTPRequest, Page} from 'puppeteer-core';
import {
  addVirtualAuthenticator,
  countAutofillRequests,
  inShadow as waitInShadow,
  launchChromium,
  pressInShadow,
  signOutHoldingAutofill,
  watchPage,
} from './helpers/browser.js';
import {viteBuild} from './helpers/site.js';
import {freePort} from '../../scripts/free-port.mjs';
import {passkeyLocales} from '../../src/localization.js';
import type {VirtualAuthenticator} from '../../src/testing/virtual-authenticator.js';

const root = new URL('../..', import.meta.url).pathname;
const shots = join(root, '.tmp', 'screenshots');

let server: ChildProcess;
let browser: Browser;
let page: Page;
let authenticator: VirtualAuthenticator;
const ADMIN_KEY = 'demo-admin-key-0123456789abcdef';
let base: string;
let port: number;
let dir: string;
/** What the server printed on stdout, line by line (its request log among it). */
const serverLines: string[] = [];
/** How many autofill requests the page started (helpers/browser.ts). */
let autofillRequests: () => Promise<number>;
/** Uncaught exceptions and console errors of the page (helpers/browser.ts `watchPage`). */
let pageErrors: string[] = [];

/** Starts `server/src/main.ts` as `npm start` does, on `port`. */
function startServer(env: Record<string, string>) {
  return spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(port),
      STATIC_DIR: join(dir, 'site'),
      ADMIN_KEY,
      NODE_ENV: 'development',
      DEV_MODE: '1',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'passkey-demo-'));
  await viteBuild(join(dir, 'site'));
  port = await freePort();
  base = `http://localhost:${port}`;
  server = startServer({DATABASE_PATH: join(dir, 'demo.sqlite')});
  server.stderr!.pipe(process.stderr);
  let pending = '';
  await new Promise<void>((resolve, reject) => {
    server.stdout!.on('data', (d: Buffer) => {
      const lines = (pending + d.toString()).split('\n');
      pending = lines.pop()!;
      serverLines.push(...lines);
      if (lines.some((l) => l.includes('reference backend on'))) resolve();
    });
    server.on('exit', (code) => reject(new Error(`server exited ${code}`)));
  });
  browser = await launchChromium();
  page = await browser.newPage();
  pageErrors = (await watchPage(page)).errors;
  autofillRequests = await countAutofillRequests(page);
  await page.setViewport({width: 1280, height: 1400});
  authenticator = await addVirtualAuthenticator(page);
  await page.goto(base, {waitUntil: 'networkidle0'});
  mkdirSync(shots, {recursive: true});
});

after(async () => {
  await browser?.close();
  server?.kill('SIGTERM');
  rmSync(dir, {recursive: true, force: true});
});

/** Waits for `selector` inside `host`'s shadow root (see helpers/browser.ts). */
const inShadow = (host: string, selector: string) => waitInShadow(page, host, selector);
/** Clicks `selector` inside `host`'s shadow root once it has a box (see helpers/browser.ts). */
const press = (host: string, selector: string) => pressInShadow(page, host, selector);

/** Resolves with the detail of the next `name` event the page hears. */
function next(name: string): Promise<{target: string; detail: any}> {
  return page.evaluate(
    (n) =>
      new Promise<{target: string; detail: unknown}>((resolve) =>
        document.addEventListener(
          n,
          (e) =>
            resolve({
              target: (e.target as Element).outerHTML.split('>')[0] + '>',
              detail: (e as CustomEvent).detail,
            }),
          {once: true},
        ),
      ),
    name,
  );
}

/**
 * The next of `name`, `passkey-error` or `passkey-cancel` from the element `selector`: a failed
 * ceremony ends the wait with its code instead of leaving it open.
 */
function outcome(selector: string, name: string): Promise<{type: string; detail: any}> {
  return page.$eval(
    selector,
    (el, n) =>
      new Promise<{type: string; detail: unknown}>((resolve) => {
        for (const type of [n, 'passkey-error', 'passkey-cancel'])
          el.addEventListener(type, (e) => resolve({type, detail: (e as CustomEvent).detail}), {
            once: true,
          });
      }),
    name,
  );
}

const whoami = () => page.$eval('#whoami', (p) => p.textContent);
const username = `demo-${Date.now().toString(36)}`;
let userId: string;

/** Picks a tab of the sign-in card (signin, signup, email, recover) and waits for its panel. */
async function tab(name: string) {
  await page.click(`#tab-${name}`);
  await page.waitForSelector(`#panel-${name}:not([hidden])`);
}

/** Opens a folded `<details>` of the page (by its id) with a click on its summary. */
async function unfold(id: string) {
  if (!(await page.$eval(id, (d) => (d as HTMLDetailsElement).open))) {
    await page.click(`${id} > summary`);
  }
}

test('the demo shows one sign-in card with every way in, a favicon, and no session', async () => {
  await page.waitForSelector('#auth:not([hidden])');
  for (const tag of [
    'passkey-login[autofill]',
    'passkey-register[signup]',
    'passkey-signup',
    'passkey-recovery',
  ]) {
    assert.ok(await page.$(`#auth ${tag}`), `${tag} is in the sign-in card`);
  }
  assert.equal(await whoami(), 'Not signed in.');
  // One sign-in at a time: the other ways in wait behind their tabs.
  const shown = await page.$$eval('#auth [role=tabpanel]:not([hidden])', (p) => p.map((x) => x.id));
  assert.deepEqual(shown, ['panel-signin']);
  const icon = await page.$eval('link[rel=icon]', (l) => (l as HTMLLinkElement).href);
  const res = await fetch(icon);
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type') ?? '', /image\/svg\+xml/);
  await page.screenshot({path: join(shots, 'demo-signed-out.png'), fullPage: true});
});

test('the language picker lists all 13 locales, and the elements follow it', async () => {
  const options = await page.$$eval('#locale option', (o) =>
    o.map((x) => ({value: (x as HTMLOptionElement).value, text: x.textContent})),
  );
  assert.deepEqual(
    options.map((o) => o.value),
    [...passkeyLocales],
  );
  assert.equal(options.length, 13);
  // Each language by the name it gives itself.
  assert.equal(options.find((o) => o.value === 'de')?.text, 'Deutsch');
  assert.equal(options.find((o) => o.value === 'ar')?.text, 'العربية');

  const button = () => page.$eval('passkey-login >>> [part=button]', (b) => b.textContent!.trim());
  const english = await button();
  await page.select('#locale', 'de');
  await page.waitForFunction(
    (en) =>
      document
        .querySelector('passkey-login')!
        .shadowRoot!.querySelector('[part=button]')!
        .textContent!.trim() !== en,
    {},
    english,
  );
  assert.equal(await page.$eval('html', (h) => h.lang), 'de');
  assert.match(page.url(), /[?&]lang=de\b/, 'the choice is kept in the address');

  await page.select('#locale', 'ar');
  await page.waitForFunction(() =>
    /[\u0600-\u06ff]/.test(
      document.querySelector('passkey-login')!.shadowRoot!.querySelector('[part=button]')!
        .textContent!,
    ),
  );
  // The elements mirror; the pretend site's own English text does not.
  const dirs = await page.$$eval('#auth *', (els) => [
    ...new Set(
      els.filter((e) => e.localName.startsWith('passkey-')).map((e) => (e as HTMLElement).dir),
    ),
  ]);
  assert.deepEqual(dirs, ['rtl']);
  assert.equal(await page.$eval('#auth-title', (h) => getComputedStyle(h).direction), 'ltr');
  await page.screenshot({path: join(shots, 'demo-arabic.png'), fullPage: true});

  await page.select('#locale', 'en');
  await page.waitForFunction(
    (en) =>
      document
        .querySelector('passkey-login')!
        .shadowRoot!.querySelector('[part=button]')!
        .textContent!.trim() === en,
    {},
    english,
  );
  assert.equal(await page.$eval('passkey-login', (e) => e.dir), '');
});

test('the colour and theme pickers: light, dark and the three themes of docs/theming.md', async () => {
  const values = (sel: string) =>
    page.$$eval(`${sel} option`, (o) => o.map((x) => (x as HTMLOptionElement).value));
  assert.deepEqual(await values('#scheme'), ['', 'light', 'dark']);
  assert.deepEqual(await values('#theme'), ['', 'brand', 'dense', 'contrast']);
  const scheme = () => page.$eval('passkey-login', (e) => getComputedStyle(e).colorScheme);
  const primary = () =>
    page.$eval('passkey-login', (e) =>
      getComputedStyle(e).getPropertyValue('--passkey-color-primary').trim(),
    );

  await page.select('#scheme', 'dark');
  assert.equal(await scheme(), 'dark');
  await page.select('#scheme', 'light');
  assert.equal(await scheme(), 'light');

  assert.equal(await primary(), '');
  await page.select('#theme', 'brand');
  assert.match(await primary(), /#6d28d9/);
  // High contrast is meant for theme="dark" on each element (docs/theming.md).
  await page.select('#theme', 'contrast');
  assert.equal(await primary(), '#ffe14d');
  assert.equal(await page.$eval('passkey-login', (e) => e.getAttribute('theme')), 'dark');
  await page.screenshot({path: join(shots, 'demo-contrast.png'), fullPage: true});

  await page.select('#theme', '');
  await page.select('#scheme', '');
  assert.equal(await primary(), '');
  assert.equal(await page.$eval('passkey-login', (e) => e.hasAttribute('theme')), false);
});

test('signs up through <passkey-register signup>: passkey-registered with the user', async () => {
  await tab('signup');
  await page.type('passkey-register[signup] >>> [part=input][name=username]', username);
  const registered = next('passkey-registered');
  await page.click('passkey-register[signup] >>> [part=button]');
  const {detail} = await registered;
  assert.equal(detail.user.username, username);
  userId = detail.user.id;
  await page.waitForFunction(
    (u) => document.querySelector('#whoami')!.textContent!.includes(u),
    {},
    username,
  );
  await page.waitForSelector('#account:not([hidden])');
  assert.equal(
    await page.$eval('#auth', (a) => (a as HTMLElement).hidden),
    true,
    'the sign-in card is gone',
  );
  await page.screenshot({path: join(shots, 'demo-signed-in.png'), fullPage: true});
});

test('the event log reads as sentences, not JSON, and folds away', async () => {
  const first = await page.$eval('#log li', (li) => ({
    name: li.querySelector('.name')!.textContent,
    text: li.querySelector('.entry-text')!.textContent,
    fields: [...li.querySelectorAll('dt')].map((d) => d.textContent),
  }));
  assert.equal(first.name, 'passkey-registered');
  assert.match(first.text!, new RegExp(`^Made the passkey “.+” for .*${username}`));
  assert.ok(first.fields.includes('user.username'), first.fields.join(', '));
  const text = await page.$eval('#log', (l) => l.textContent!);
  assert.ok(!/[{}]|":/.test(text), `no raw JSON in the log:\n${text}`);
  assert.match(await page.$eval('#log-count', (c) => c.textContent!), /^\d+ events$/);

  await page.click('#log-box > summary');
  assert.equal(await page.$eval('#log', (l) => l.checkVisibility()), false);
  await page.click('#log-box > summary');
  assert.equal(await page.$eval('#log', (l) => l.checkVisibility()), true);
});

test('the API key card: confirm it is you with <passkey-confirm>, then the key shows', async () => {
  assert.equal(await page.$eval('#api-key', (p) => (p as HTMLElement).hidden), true);
  await page.click('#reveal');
  await inShadow('passkey-confirm', '[part=button]');
  assert.equal(
    await page.$eval('passkey-confirm', (c) => c.getAttribute('action')),
    'show-api-key',
  );
  const confirmed = next('passkey-confirmed');
  await page.click('passkey-confirm >>> [part=button]');
  const {detail} = await confirmed;
  assert.equal(detail.action, 'show-api-key');
  assert.equal(typeof detail.stepUpToken, 'string');
  await page.waitForSelector('#api-key:not([hidden])');
  assert.match(await page.$eval('#api-key', (p) => p.textContent!), /pbl_[0-9a-f]{24}/);
  assert.equal(
    await page.$eval('#log li .name', (n) => n.textContent),
    'passkey-confirmed',
    'the log has it',
  );
  await page.screenshot({path: join(shots, 'demo-confirmed.png'), fullPage: true});
});

/**
 * Signs out with the header's button. The page then tells the elements (`reset()`), and
 * `<passkey-login autofill>` starts its autofill request again, which the virtual authenticator
 * would answer at once; with presence off it waits, as a browser's autofill menu does, until a
 * button press replaces it. (Presence back on does not answer a request already waiting.)
 */
const signOut = () => signOutHoldingAutofill(page, authenticator, autofillRequests);

test('after signing out, <passkey-login> signs the same user in with a username', async () => {
  await signOut();
  await tab('signin');
  // Focusing the field starts the autofill request (if none waits), which the virtual
  // authenticator would answer at once, as above.
  await authenticator.setPresence(false);
  await page.type('passkey-login[autofill] >>> [part=input]', username);
  await authenticator.setPresence(true);
  const authenticated = next('passkey-authenticated');
  await press('passkey-login[autofill]', '[part=button]');
  const {detail} = await authenticated;
  assert.equal(detail.user.id, userId);
  assert.match((await whoami()) ?? '', new RegExp(username));
});

test('and without one: an empty username asks for any passkey of the site', async () => {
  await signOut();
  // Signing out emptied the field (reset()); no options request then names anybody.
  assert.equal(
    await page.$eval('passkey-login >>> [part=input]', (i) => (i as HTMLInputElement).value),
    '',
  );
  const asked: string[] = [];
  const listen = (r: HTTPRequest) => {
    if (r.url().endsWith('/passkeys/authentication/options')) asked.push(r.postData() ?? '{}');
  };
  page.on('request', listen);
  const authenticated = next('passkey-authenticated');
  await press('passkey-login', '[part=button]');
  const {detail} = await authenticated;
  page.off('request', listen);
  assert.ok(asked.length > 0, 'an options request was sent');
  assert.deepEqual(
    asked.map((body) => JSON.parse(body).username),
    asked.map(() => undefined),
  );
  assert.equal(detail.user.id, userId);
});

// The seed flows, from the demo page.
const items = () =>
  page.$$eval('passkey-manager', (m) =>
    [...m[0].shadowRoot!.querySelectorAll('[part~=item-name]')].map((n) => n.textContent),
  );
let codes: string[] = [];

test('manager: lists the passkey, renames it, adds a second one and deletes it (not the last)', async () => {
  await inShadow('passkey-manager', '[part~=item]');
  assert.equal((await items()).length, 1);
  await page.click('passkey-manager >>> [part~=rename-button]');
  await inShadow('passkey-manager', '[part~=input]');
  await page.$eval('passkey-manager >>> [part~=input]', (i) => (i as HTMLInputElement).select());
  const updated = next('passkey-updated');
  await page.keyboard.type('Demo laptop');
  await page.keyboard.press('Enter');
  assert.equal((await updated).detail.passkey.name, 'Demo laptop');
  assert.deepEqual(await items(), ['Demo laptop']);

  // A second passkey from "another device": set this one aside while adding it.
  const credentials = await authenticator.credentials({privateKey: true});
  await authenticator.clearCredentials();
  const added = next('passkey-registered');
  await page.click('passkey-manager >>> [part~=add-button]');
  const secondId = (await added).detail.passkey.id;
  await page.waitForFunction(
    () =>
      document.querySelector('passkey-manager')!.shadowRoot!.querySelectorAll('[part~=item]')
        .length === 2,
  );
  await page.screenshot({path: join(shots, 'demo-manager.png'), fullPage: true});
  await page.click(`passkey-manager >>> [data-id="${secondId}"] [part~=delete-button]`);
  const deleted = next('passkey-deleted');
  await page.click(`passkey-manager >>> [data-id="${secondId}"] [part~=delete-button]`);
  assert.equal((await deleted).detail.id, secondId);
  assert.deepEqual(await items(), ['Demo laptop']);
  for (const c of credentials)
    await authenticator.addCredential({...c, rpId: c.rpId!, privateKey: c.privateKey!});
});

test('recovery codes from the manager; operator reset; recovery with a code', async () => {
  await page.click('passkey-manager >>> [part~=codes-button]');
  await inShadow('passkey-manager', '[part~=codes] code');
  codes = await page.$$eval('passkey-manager', (m) =>
    [...m[0].shadowRoot!.querySelectorAll('[part~=codes] code')].map((c) => c.textContent!),
  );
  assert.equal(codes.length, 10);
  await signOut();
  const reset = await fetch(`${base}/passkeys/admin/users/${userId}/passkeys`, {
    method: 'DELETE',
    headers: {authorization: `Bearer ${ADMIN_KEY}`},
  });
  assert.equal(reset.status, 204);
  await authenticator.clearCredentials(); // and the device is gone

  await tab('recover');
  await page.type('passkey-recovery >>> [name=username]', username);
  await page.type('passkey-recovery >>> [name=code]', codes[0]);
  await page.click('passkey-recovery >>> [part=button]');
  await page.waitForFunction(
    () => !document.querySelector('passkey-recovery')!.shadowRoot!.querySelector('input'),
  );
  const registered = next('passkey-registered');
  await page.click('passkey-recovery >>> [part=button]');
  assert.equal((await registered).detail.user.id, userId);
  await page.waitForFunction(
    (u) => document.querySelector('#whoami')!.textContent!.includes(u),
    {},
    username,
  );
});

test('MFA: a demo password account, then register, then verify, from the page', async () => {
  await signOut();
  const mfaUser = `mfa-${Date.now().toString(36)}`;
  await tab('signup');
  await unfold('#demo-account-box');
  await page.type('#demo-account [name=username]', mfaUser);
  await page.type('#demo-account [name=password]', 'correct horse battery');
  await page.click('#demo-account button');
  await page.waitForFunction(() =>
    document.querySelector('#demo-account-note')!.textContent!.includes('made'),
  );
  const login = async (password = 'correct horse battery') => {
    await tab('signin');
    await unfold('#password-box');
    await page.type('#password-form [name=username]', mfaUser);
    await page.type('#password-form [name=password]', password);
    await page.click('#password-form button');
  };
  // A wrong password: the page says so beside the form.
  await login('not the password');
  await page.waitForFunction(() => document.querySelector('#password-error')!.textContent !== '');
  await page.$eval('#password-form', (f) => (f as HTMLFormElement).reset());
  await login();
  await page.waitForSelector('#panel-mfa:not([hidden])');
  await inShadow('passkey-mfa', '[part=button]');
  const registered = next('passkey-registered');
  const authenticated = next('passkey-authenticated');
  await page.click('passkey-mfa >>> [part=button]');
  assert.equal((await registered).detail.user.username, mfaUser);
  assert.equal((await authenticated).detail.factor, 'mfa');
  await page.waitForFunction(
    (u) => document.querySelector('#whoami')!.textContent!.includes(u),
    {},
    mfaUser,
  );
  await signOut();
  await login();
  await page.waitForSelector('#panel-mfa:not([hidden])');
  await inShadow('passkey-mfa', '[part=button]');
  const again = next('passkey-authenticated');
  await page.click('passkey-mfa >>> [part=button]');
  assert.equal((await again).detail.user.username, mfaUser);
});

test('a password sign-in without MFA offers a passkey for next time (<passkey-upgrade>)', async () => {
  await signOut();
  const user = `pw-${Date.now().toString(36)}`;
  await tab('signup');
  await unfold('#demo-account-box');
  await page.type('#demo-account [name=username]', user);
  await page.type('#demo-account [name=password]', 'correct horse battery');
  await page.$eval('#demo-account [name=mfa]', (c) => ((c as HTMLInputElement).checked = false));
  await page.click('#demo-account button');
  await page.waitForFunction(() =>
    document.querySelector('#demo-account-note')!.textContent!.includes('made'),
  );
  await tab('signin');
  await unfold('#password-box');
  await page.type('#password-form [name=username]', user);
  await page.type('#password-form [name=password]', 'correct horse battery');
  await page.click('#password-form button');
  await page.waitForSelector('#upgrade-card:not([hidden]) passkey-upgrade');
  await page.waitForFunction(
    (u) => document.querySelector('#whoami')!.textContent!.includes(u),
    {},
    user,
  );
  await inShadow('passkey-manager', '[part~=add-button]');
  // DevTools' virtual authenticator (ctap2_1) keeps at most 3 resident credentials, then refuses
  // to make more (NotAllowedError): each new account of the later tests uses a fresh device.
  await authenticator.clearCredentials();
  const registered = outcome('passkey-upgrade', 'passkey-registered');
  await press('passkey-upgrade', '[part=button]');
  const {type, detail} = await registered;
  assert.equal(type, 'passkey-registered', JSON.stringify(detail));
  assert.equal(detail.user.username, user);
  // The manager on the same page lists the new passkey.
  await page.waitForFunction(
    () =>
      document.querySelector('passkey-manager')!.shadowRoot!.querySelectorAll('[part~=item]')
        .length === 1,
  );
});

test('email-verified sign-up, with the code from the outbox page opened beside it', async () => {
  await signOut();
  await tab('email');
  const email = `demo-${Date.now().toString(36)}@example.com`;
  await authenticator.clearCredentials(); // a new device (see the upgrade test)
  // Keyboard only: type, then Enter submits each step.
  await page.type('passkey-signup >>> [name=email]', email);
  await page.keyboard.press('Enter');
  await inShadow('passkey-signup', '[name=code]');
  const here = page.url();

  // The outbox is an HTML page, opened in a tab of its own: the sign-up stays where it is.
  const res = await fetch(`${base}/outbox.html`);
  assert.match(res.headers.get('content-type') ?? '', /^text\/html/);
  const opened = browser.waitForTarget((t) => t.url().endsWith('/outbox.html'));
  await page.click('#panel-email a[href$="outbox.html"]');
  const outbox = (await (await opened).page())!;
  assert.equal(page.url(), here, 'the demo page was not replaced');
  const code = await outbox.waitForFunction(
    (to) =>
      [...document.querySelectorAll('#mails .mail')]
        .find((m) => m.querySelector('.meta')!.textContent!.includes(to))
        ?.querySelector('.code output')?.textContent,
    {},
    email,
  );
  const value = (await code.jsonValue()) as string;
  assert.match(value, /^\d{6}$/);
  await outbox.screenshot({path: join(shots, 'demo-outbox.png'), fullPage: true});
  await outbox.close();

  await page.bringToFront();
  await page.type('passkey-signup >>> [name=code]', value);
  await page.keyboard.press('Enter');
  await page.waitForFunction(
    () => !document.querySelector('passkey-signup')!.shadowRoot!.querySelector('input'),
  );
  const registered = outcome('passkey-signup', 'passkey-registered');
  await page.click('passkey-signup >>> [part=button]');
  const {type, detail} = await registered;
  assert.equal(type, 'passkey-registered', JSON.stringify(detail));
  assert.equal(detail.user.username, email);
  await page.waitForFunction(
    (u) => document.querySelector('#whoami')!.textContent!.includes(u),
    {},
    email,
  );
  await page.screenshot({path: join(shots, 'demo-email-signed-in.png'), fullPage: true});
});

test('signing out while the server is unreachable says so, and throws nothing', async () => {
  await page.setRequestInterception(true);
  const refuse = (r: import('puppeteer-core').HTTPRequest) =>
    r.url().endsWith('/passkeys/session') && r.method() === 'DELETE'
      ? r.abort('connectionrefused')
      : r.continue();
  page.on('request', refuse);
  try {
    await page.click('#signout');
    await page.waitForSelector('#notice:not([hidden])');
    assert.match(await page.$eval('#notice', (n) => n.textContent!), /Could not sign out/);
    assert.notEqual(await whoami(), 'Not signed in.', 'still signed in, as the server says');
  } finally {
    page.off('request', refuse);
    await page.setRequestInterception(false);
  }
  await signOut();
  assert.equal(
    await page.$eval('#notice', (n) => (n as HTMLElement).hidden),
    true,
    'the message goes',
  );
  assert.deepEqual(
    pageErrors.filter((e) => !/Failed to load resource/.test(e)),
    [],
    'nothing uncaught on the page',
  );
});

test('the server logged one line per request: method, path, status, time, error code', () => {
  const log = serverLines.filter((l) => /^(GET|POST|PATCH|DELETE) \//.test(l));
  assert.ok(log.length > 20, `request log lines:\n${serverLines.join('\n')}`);
  for (const line of log)
    assert.match(line, /^(GET|POST|PATCH|DELETE) \/\S* \d{3} \d+ms( [a-z_]+)?$/, line);
  assert.ok(log.some((l) => /^GET \/passkeys\/session 200 \d+ms$/.test(l)));
  assert.ok(
    log.some((l) => /^POST \/passkeys\/password\/login 400 \d+ms verification_failed$/.test(l)),
  );
});

test('a second server on the same port says so in one line, with how to pick another', async () => {
  const second = startServer({DATABASE_PATH: join(dir, 'second.sqlite')});
  let stderr = '';
  second.stderr!.on('data', (d: Buffer) => (stderr += d));
  const code = await new Promise<number | null>((r) => second.on('exit', r));
  assert.equal(code, 1);
  const lines = stderr.split('\n').filter((l) => l.trim());
  assert.equal(lines.length, 1, stderr);
  assert.match(lines[0], new RegExp(`port ${port}: it is already in use.*PORT=\\d+ npm start`));
});
