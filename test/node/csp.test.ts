// The demo page under a strict Content Security Policy: no inline script, Trusted Types
// enforced with only Lit's policy allowed, styles from the page's own origin only. The built
// demo is served by this test (the reference backend's fetch handler for /passkeys, the files
// with the policy header), signed up and signed in through in headless Chromium with a
// DevTools virtual authenticator, and every CSP violation the page reports is collected.
import assert from 'node:assert/strict';
import {spawnSync} from 'node:child_process';
import {existsSync, mkdtempSync, readFileSync, rmSync, statSync} from 'node:fs';
import type {AddressInfo} from 'node:net';
import {tmpdir} from 'node:os';
import {extname, join, normalize} from 'node:path';
import {after, before, test} from 'node:test';
import {serve, type ServerType} from '@hono/node-server';
import {Hono} from 'hono';
import puppeteer, {type Browser, type Page} from 'puppeteer-core';
import {createPasskeyServer, type PasskeyServer} from '../../server/src/index.js';

const root = new URL('../..', import.meta.url).pathname;

/** The policy docs/ssr-csp.md recommends. */
const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "require-trusted-types-for 'script'",
  'trusted-types lit-html',
].join('; ');

const types: Record<string, string> = {'.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml'};

let dir: string;
let backend: PasskeyServer;
let http: ServerType;
let browser: Browser;
let page: Page;
let cdp: import('puppeteer-core').CDPSession;
let base: string;
/** Console errors and uncaught exceptions. */
const reported: string[] = [];
const dialogs: string[] = [];

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'passkey-csp-'));
  const site = join(dir, 'site');
  const built = spawnSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'error', '--outDir', site], {cwd: root, encoding: 'utf8'});
  assert.equal(built.status, 0, built.stderr);

  const app = new Hono();
  app.use('*', async (c, next) => {
    await next();
    c.res.headers.set('content-security-policy', CSP);
  });
  const api = (c: {req: {raw: Request}; env: unknown}) => backend.fetch(c.req.raw, c.env);
  app.all('/passkeys', api);
  app.all('/passkeys/*', api);
  app.get('*', (c) => {
    const path = normalize(c.req.path.endsWith('/') ? c.req.path + 'index.html' : c.req.path);
    const file = join(site, path);
    if (!file.startsWith(site) || !existsSync(file) || !statSync(file).isFile()) return c.notFound();
    return c.body(readFileSync(file), 200, {'content-type': types[extname(file)] ?? 'application/octet-stream'});
  });
  http = await new Promise<ServerType>((resolve) => {
    const s = serve({fetch: app.fetch, port: 0, hostname: 'localhost'}, () => resolve(s));
  });
  base = `http://localhost:${(http.address() as AddressInfo).port}`;
  backend = await createPasskeyServer({
    rpId: 'localhost',
    origins: [base],
    databasePath: join(dir, 'csp.sqlite'),
    allowDirectSignup: true,
    userVerification: 'required',
  });

  browser = await puppeteer.launch({
    executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  page = await browser.newPage();
  // Every violation (blocked or report-only) fires `securitypolicyviolation` at the document.
  await page.evaluateOnNewDocument(() => {
    (window as any).violations = [];
    document.addEventListener('securitypolicyviolation', (e) => (window as any).violations.push(`${e.effectiveDirective} ${e.blockedURI} ${e.sample}`));
  });
  // (The demo has no favicon: the browser's own request for one is not the page's error.)
  page.on('console', (m) => m.type() == 'error' && !m.location().url?.endsWith('/favicon.ico') && reported.push(m.text()));
  page.on('pageerror', (e) => reported.push(`pageerror: ${e}`));
  page.on('dialog', (d) => (dialogs.push(d.message()), d.dismiss()));
  cdp = await page.createCDPSession();
  await cdp.send('WebAuthn.enable', {enableUI: false});
  await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: {protocol: 'ctap2', transport: 'internal', hasResidentKey: true, hasUserVerification: true, isUserVerified: true, automaticPresenceSimulation: true},
  });
});

after(async () => {
  await browser?.close();
  http?.close();
  await backend?.close();
  if (dir) rmSync(dir, {recursive: true, force: true});
});

const violations = () => page.evaluate(() => (window as any).violations as string[]);
const whoami = () => page.$eval('#whoami', (p) => p.textContent);
const markup = '<img src=x onerror=alert(1)>';

test('the demo loads under the policy and shows its elements', async () => {
  const res = await page.goto(base + '/', {waitUntil: 'networkidle0'});
  assert.equal(res?.headers()['content-security-policy'], CSP);
  await page.waitForFunction(() => document.querySelector('#whoami')!.textContent == 'Not signed in.');
  for (const tag of ['passkey-register[signup]', 'passkey-login[autofill]', 'passkey-login[discoverable]']) {
    assert.ok(await page.$(`${tag} >>> [part=button]`), `${tag} rendered`);
  }
  assert.deepEqual(await violations(), []);
});

test('sign up with markup for a display name: it shows as text, and nothing runs', async () => {
  const username = `csp-${Date.now().toString(36)}`;
  await page.type('passkey-register[signup] >>> [name=username]', username);
  await page.type('passkey-register[signup] >>> [name=displayName]', markup);
  const registered = page.evaluate(() => new Promise((r) => document.addEventListener('passkey-registered', (e) => r((e as CustomEvent).detail.user), {once: true})));
  await page.click('passkey-register[signup] >>> [part=button]');
  const user = (await registered) as {username: string; displayName: string};
  assert.equal(user.displayName, markup);
  await page.waitForFunction((u) => document.querySelector('#whoami')!.textContent!.includes(u), {}, username);
  assert.equal(await whoami(), `Signed in as ${markup} (@${username}).`);
  assert.equal(await page.$$eval('img', (imgs) => imgs.length), 0, 'no <img> was created');
  assert.match(await page.$eval('#log', (l) => l.textContent!), /onerror=alert\(1\)/);

  // And back in without a username, through the other element.
  await page.click('#signout');
  await page.waitForFunction(() => document.querySelector('#whoami')!.textContent == 'Not signed in.');
  const authenticated = page.evaluate(() => new Promise((r) => document.addEventListener('passkey-authenticated', (e) => r((e as CustomEvent).detail.user), {once: true})));
  await page.click('passkey-login[discoverable] >>> [part=button]');
  assert.equal(((await authenticated) as {username: string}).username, username);
  assert.deepEqual(dialogs, []);
});

test('no violation was reported along the way', async () => {
  assert.deepEqual(await violations(), []);
  assert.deepEqual(reported, []);
});

test('(control) the policy is enforced, and a violation would have been seen', async () => {
  const thrown = await page.evaluate(() => {
    try {
      document.body.insertAdjacentHTML('beforeend', '<b>x</b>');
      return 'no error';
    } catch (e) {
      return String(e);
    }
  });
  assert.match(thrown, /TrustedHTML/);
  await page.waitForFunction(() => (window as any).violations.length > 0);
  assert.match((await violations())[0], /require-trusted-types-for/);
  // An inline <style> element is refused too (style-src 'self').
  await page.evaluate(() => document.head.append(Object.assign(document.createElement('style'), {textContent: 'b{color:red}'})));
  await page.waitForFunction(() => (window as any).violations.some((v: string) => v.startsWith('style-src-elem')));
});
