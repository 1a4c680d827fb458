// The demo page as a person uses it: `npm start`'s pieces (the vite-built page served by the
// reference backend with SQLite) in headless Chromium with a DevTools virtual authenticator.
// Types into the `input` part and clicks the `button` part, and reads what the page heard.
import assert from 'node:assert/strict';
import {spawn, type ChildProcess} from 'node:child_process';
import {mkdirSync, mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {after, before, test} from 'node:test';
import type {Browser, Page} from 'puppeteer-core';
import {
  addVirtualAuthenticator,
  inShadow as waitInShadow,
  launchChromium,
  pressInShadow,
} from './helpers/browser.js';
import {viteBuild} from './helpers/site.js';
import {freePort} from '../../scripts/free-port.mjs';
import type {VirtualAuthenticator} from '../../src/testing/virtual-authenticator.js';

const root = new URL('../..', import.meta.url).pathname;
const shots = join(root, '.tmp', 'screenshots');

let server: ChildProcess;
let browser: Browser;
let page: Page;
let authenticator: VirtualAuthenticator;
const ADMIN_KEY = 'demo-admin-key-0123456789abcdef';
let base: string;
let dir: string;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'passkey-demo-'));
  await viteBuild(join(dir, 'site'));
  const port = await freePort();
  base = `http://localhost:${port}`;
  server = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(port),
      STATIC_DIR: join(dir, 'site'),
      DATABASE_PATH: join(dir, 'demo.sqlite'),
      ADMIN_KEY,
      NODE_ENV: 'development',
      DEV_MODE: '1',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    server.stdout!.on(
      'data',
      (d: Buffer) => d.toString().includes('reference backend on') && resolve(),
    );
    server.on('exit', (code) => reject(new Error(`server exited ${code}`)));
  });
  browser = await launchChromium();
  page = await browser.newPage();
  await page.setViewport({width: 900, height: 1400});
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

const whoami = () => page.$eval('#whoami', (p) => p.textContent);
const username = `demo-${Date.now().toString(36)}`;
let userId: string;

test('the demo shows every element and no session', async () => {
  for (const tag of [
    'passkey-register[signup]',
    'passkey-login[autofill]',
    'passkey-login[discoverable]',
    'passkey-signup',
    'passkey-recovery',
  ]) {
    assert.ok(await page.$(tag), `${tag} is on the page`);
  }
  assert.equal(await whoami(), 'Not signed in.');
  await page.screenshot({path: join(shots, 'demo-signed-out.png'), fullPage: true});
});

test('signs up through <passkey-register signup>: passkey-registered with the user', async () => {
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
  await page.screenshot({path: join(shots, 'demo-signed-in.png'), fullPage: true});
});

test('after signing out, <passkey-login> signs the same user in with a username', async () => {
  await page.click('#signout');
  await page.waitForFunction(
    () => document.querySelector('#whoami')!.textContent === 'Not signed in.',
  );
  // Focusing the field starts the autofill request, which the virtual authenticator would answer
  // at once; with presence off it waits, as a browser's autofill menu does, until the button
  // press replaces it with the username-first request.
  await authenticator.setPresence(false);
  await page.type('passkey-login[autofill] >>> [part=input]', username);
  await authenticator.setPresence(true);
  const authenticated = next('passkey-authenticated');
  await press('passkey-login[autofill]', '[part=button]');
  const {detail} = await authenticated;
  assert.equal(detail.user.id, userId);
  assert.match((await whoami()) ?? '', new RegExp(username));
});

test('and without one (discoverable)', async () => {
  await page.click('#signout');
  await page.waitForFunction(
    () => document.querySelector('#whoami')!.textContent === 'Not signed in.',
  );
  const authenticated = next('passkey-authenticated');
  await press('passkey-login[discoverable]', '[part=button]');
  const {detail, target} = await authenticated;
  assert.match(target, /discoverable/);
  assert.equal(detail.user.id, userId);
});

// The seed flows, from the demo page.
const signOut = async () => {
  await page.click('#signout');
  await page.waitForFunction(
    () => document.querySelector('#whoami')!.textContent === 'Not signed in.',
  );
};
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
  await page.type('#demo-account [name=username]', mfaUser);
  await page.type('#demo-account [name=password]', 'correct horse battery');
  await page.click('#demo-account button');
  await page.waitForFunction(() =>
    document.querySelector('#demo-account-note')!.textContent!.includes('created'),
  );
  const login = async () => {
    await page.type('#password-form [name=username]', mfaUser);
    await page.type('#password-form [name=password]', 'correct horse battery');
    await page.click('#password-form button');
    await page.waitForSelector('#mfa-section:not([hidden])');
    await inShadow('passkey-mfa', '[part=button]');
  };
  await login();
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
  const again = next('passkey-authenticated');
  await page.click('passkey-mfa >>> [part=button]');
  assert.equal((await again).detail.user.username, mfaUser);
});

test('email-verified sign-up, with the code from the outbox', async () => {
  await signOut();
  const email = `demo-${Date.now().toString(36)}@example.com`;
  // Keyboard only: type, then Enter submits each step.
  await page.type('passkey-signup >>> [name=email]', email);
  await page.keyboard.press('Enter');
  await inShadow('passkey-signup', '[name=code]');
  const outbox = (await (await fetch(`${base}/passkeys/dev/outbox`)).json()) as {
    to: string;
    text: string;
  }[];
  const code = outbox
    .filter((m) => m.to === email)
    .at(-1)!
    .text.match(/\b\d{6}\b/)![0];
  await page.type('passkey-signup >>> [name=code]', code);
  await page.keyboard.press('Enter');
  await page.waitForFunction(
    () => !document.querySelector('passkey-signup')!.shadowRoot!.querySelector('input'),
  );
  const registered = next('passkey-registered');
  await page.click('passkey-signup >>> [part=button]');
  assert.equal((await registered).detail.user.username, email);
  await page.waitForFunction(
    (u) => document.querySelector('#whoami')!.textContent!.includes(u),
    {},
    email,
  );
  await page.screenshot({path: join(shots, 'demo-email-signed-in.png'), fullPage: true});
});
