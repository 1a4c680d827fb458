// The demo page as a person uses it: `npm start`'s pieces (the vite-built page served by the
// reference backend with SQLite) in headless Chromium with a DevTools virtual authenticator.
// Types into the `input` part and clicks the `button` part, and reads what the page heard.
import assert from 'node:assert/strict';
import {spawn, spawnSync, type ChildProcess} from 'node:child_process';
import {mkdirSync, mkdtempSync, rmSync} from 'node:fs';
import {createServer} from 'node:net';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {after, before, test} from 'node:test';
import puppeteer, {type Browser, type Page} from 'puppeteer-core';

const root = new URL('../..', import.meta.url).pathname;
const shots = join(root, '.tmp', 'screenshots');

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer().listen(0, () => {
      const {port} = s.address() as {port: number};
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

let server: ChildProcess;
let browser: Browser;
let page: Page;
let cdp: import('puppeteer-core').CDPSession;
let authenticatorId: string;
let base: string;
let dir: string;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'passkey-demo-'));
  const built = spawnSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'error', '--outDir', join(dir, 'site')], {cwd: root, encoding: 'utf8'});
  assert.equal(built.status, 0, built.stderr);
  const port = await freePort();
  base = `http://localhost:${port}`;
  server = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
    cwd: root,
    env: {...process.env, PORT: String(port), STATIC_DIR: join(dir, 'site'), DATABASE_PATH: join(dir, 'demo.sqlite')},
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    server.stdout!.on('data', (d: Buffer) => d.toString().includes('reference backend on') && resolve());
    server.on('exit', (code) => reject(new Error(`server exited ${code}`)));
  });
  browser = await puppeteer.launch({
    executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  page = await browser.newPage();
  await page.setViewport({width: 900, height: 1400});
  cdp = await page.createCDPSession();
  await cdp.send('WebAuthn.enable', {enableUI: false});
  ({authenticatorId} = await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: {protocol: 'ctap2', transport: 'internal', hasResidentKey: true, hasUserVerification: true, isUserVerified: true, automaticPresenceSimulation: true},
  }));
  await page.goto(base, {waitUntil: 'networkidle0'});
  mkdirSync(shots, {recursive: true});
});

after(async () => {
  await browser?.close();
  server?.kill('SIGTERM');
  rmSync(dir, {recursive: true, force: true});
});

/** Resolves with the detail of the next `name` event the page hears. */
function next(name: string): Promise<{target: string; detail: any}> {
  return page.evaluate(
    (n) =>
      new Promise<{target: string; detail: unknown}>((resolve) =>
        document.addEventListener(n, (e) => resolve({target: (e.target as Element).outerHTML.split('>')[0] + '>', detail: (e as CustomEvent).detail}), {once: true})
      ),
    name
  );
}

const whoami = () => page.$eval('#whoami', (p) => p.textContent);
const username = `demo-${Date.now().toString(36)}`;
let userId: string;

test('the demo shows every element and no session', async () => {
  for (const tag of ['passkey-register[signup]', 'passkey-login[autofill]', 'passkey-login[discoverable]', 'passkey-signup', 'passkey-recovery', 'passkey-mfa']) {
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
  await page.waitForFunction((u) => document.querySelector('#whoami')!.textContent!.includes(u), {}, username);
  await page.screenshot({path: join(shots, 'demo-signed-in.png'), fullPage: true});
});

test('after signing out, <passkey-login> signs the same user in with a username', async () => {
  await page.click('#signout');
  await page.waitForFunction(() => document.querySelector('#whoami')!.textContent == 'Not signed in.');
  // Focusing the field starts the autofill request, which the virtual authenticator would answer
  // at once; with presence off it waits, as a browser's autofill menu does, until the button
  // press replaces it with the username-first request.
  const presence = (enabled: boolean) => cdp.send('WebAuthn.setAutomaticPresenceSimulation', {authenticatorId, enabled});
  await presence(false);
  await page.type('passkey-login[autofill] >>> [part=input]', username);
  await presence(true);
  const authenticated = next('passkey-authenticated');
  await page.click('passkey-login[autofill] >>> [part=button]');
  const {detail} = await authenticated;
  assert.equal(detail.user.id, userId);
  assert.match(await whoami() ?? '', new RegExp(username));
});

test('and without one (discoverable)', async () => {
  await page.click('#signout');
  await page.waitForFunction(() => document.querySelector('#whoami')!.textContent == 'Not signed in.');
  const authenticated = next('passkey-authenticated');
  await page.click('passkey-login[discoverable] >>> [part=button]');
  const {detail, target} = await authenticated;
  assert.match(target, /discoverable/);
  assert.equal(detail.user.id, userId);
});
