/**
 * Safe by default (#14 item 4): development surfaces only in development mode (`DEV_MODE=1`),
 * production starts refused for each unsafe setting (a `ConfigError` naming it), and the Node
 * entry (main.ts): loopback only in development, no dotfiles, security headers on static files.
 */
import assert from 'node:assert/strict';
import {spawn} from 'node:child_process';
import {existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {networkInterfaces, tmpdir} from 'node:os';
import {join} from 'node:path';
import {test} from 'node:test';
import {
  assertSafeForProduction,
  ConfigError,
  createMailer,
  createPasskeyServer,
  loadConfig,
  type ServerConfig,
} from '../src/index.js';
import {assertRefusedWithoutChanges, startHarness} from './helpers/harness.js';

const SECRET = 'production-secret-production-secret';
/** 128+ bits: 32 random bytes, base64url. */
const STRONG_KEY = 'q7Vb0x-3kLmZ_T9sW1pYc4RfHn8dJ2aE6uGiO5vXtKw';
/** A production configuration that passes, for each test to spoil one setting of. */
const SAFE: Partial<ServerConfig> = {
  rpId: 'example.com',
  origins: ['https://example.com', 'https://login.example.com'],
  secret: SECRET,
  adminKey: STRONG_KEY,
  smtpUrl: 'smtps://user:pass@smtp.example.com',
  development: false,
};

/** Env with none of the settings these tests are about (the runner's own must not leak in). */
const ENV = {};

function refused(overrides: Partial<ServerConfig>, env: Record<string, string> = ENV) {
  const config = loadConfig(env, overrides);
  let error: unknown;
  try {
    assertSafeForProduction(config);
  } catch (e) {
    error = e;
  }
  assert.ok(error instanceof ConfigError, `expected a ConfigError, got ${String(error)}`);
  return (error as Error).message;
}

test('production: a safe configuration starts; development mode is off unless asked for', () => {
  assertSafeForProduction(loadConfig(ENV, SAFE));
  assert.equal(loadConfig(ENV).development, false, 'no DEV_MODE: production');
  assert.equal(loadConfig({NODE_ENV: 'development'}).development, false, 'NODE_ENV is not asked');
  assert.equal(loadConfig({DEV_MODE: '1'}).development, true);
  // Development mode accepts what production refuses (localhost demo defaults).
  assertSafeForProduction(loadConfig({DEV_MODE: '1', ADMIN_KEY: 'a'.repeat(16)}));
});

test('production: refused without SERVER_SECRET (a random one would change at each start)', () => {
  const message = refused({...SAFE, secret: undefined});
  assert.match(message, /^Refusing to start in production/);
  assert.match(message, /SERVER_SECRET \(secret\) is not set/);
  // Either env name counts as set.
  assertSafeForProduction(loadConfig({SESSION_SECRET: SECRET}, {...SAFE, secret: undefined}));
  assertSafeForProduction(loadConfig({SERVER_SECRET: SECRET}, {...SAFE, secret: undefined}));
});

test('production: refused with an http origin for an RP ID other than localhost', () => {
  const message = refused({...SAFE, origins: ['http://example.com']});
  assert.match(message, /ORIGINS \(origins\): http:\/\/example\.com is not https/);
  // localhost is a secure context over http.
  assertSafeForProduction(
    loadConfig(ENV, {...SAFE, rpId: 'localhost', origins: ['http://localhost:3000']}),
  );
});

test('production: refused with an origin outside the RP ID, unless it is a related origin', () => {
  for (const origin of ['https://example.org', 'https://notexample.com', 'https://com']) {
    const message = refused({...SAFE, origins: [origin]});
    assert.match(message, /ORIGINS \(origins\): .* is outside RP_ID example\.com/, origin);
  }
  assertSafeForProduction(
    loadConfig(ENV, {
      ...SAFE,
      origins: ['https://example.com', 'https://example.co.uk'],
      relatedOrigins: ['https://example.co.uk'],
    }),
  );
});

test('production: refused with an admin key under 128 bits', () => {
  for (const key of [
    'a'.repeat(64), // one repeated character
    'abababababababababababababababab', // two
    'aaaaaaaaaaaaaaaa', // the 16 letters the audit found
    STRONG_KEY.slice(0, 21), // 21 base64url characters: 126 bits
  ]) {
    const message = refused({...SAFE, adminKey: key});
    assert.match(message, /ADMIN_KEY \(adminKey\) is too weak/, key);
  }
  assertSafeForProduction(loadConfig(ENV, {...SAFE, adminKey: STRONG_KEY.slice(0, 22)}));
  assertSafeForProduction(loadConfig(ENV, {...SAFE, adminKey: null})); // off: nothing to guess
});

test('production: refused with email signup but no SMTP; EMAIL_SIGNUP=false turns it off', () => {
  const message = refused({...SAFE, smtpUrl: null});
  assert.match(message, /SMTP_URL \(smtpUrl\) is not set while email signup is on/);
  assertSafeForProduction(loadConfig({EMAIL_SIGNUP: 'false'}, {...SAFE, smtpUrl: null}));
});

test('production: createPasskeyServer() with no settings refuses to start and opens nothing', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'passkey-prod-'));
  try {
    const databasePath = join(dir, 'data', 'passkeys.db');
    const saved = {...process.env};
    for (const name of ['SERVER_SECRET', 'SESSION_SECRET', 'SMTP_URL', 'DEV_MODE', 'ADMIN_KEY'])
      delete process.env[name];
    try {
      await assert.rejects(
        createPasskeyServer({databasePath}),
        (e: Error) =>
          e instanceof ConfigError && /SERVER_SECRET/.test(e.message) && /SMTP_URL/.test(e.message),
      );
    } finally {
      Object.assign(process.env, saved);
    }
    assert.equal(existsSync(databasePath), false, 'no database was created');
  } finally {
    rmSync(dir, {recursive: true, force: true});
  }
});

test('production: no dev outbox, no demo seeding, no email signup without SMTP', async (t) => {
  const h = await startHarness({development: false, emailSignup: false});
  t.after(() => h.close());
  for (const [method, path, body] of [
    ['GET', '/dev/outbox', undefined],
    ['POST', '/password/register', {username: 'mallory', password: 'correct horse'}],
    ['POST', '/signup/email', {email: 'a@example.com'}],
    ['POST', '/signup/email/verify', {email: 'a@example.com', code: '123456'}],
  ] as const) {
    await assertRefusedWithoutChanges(
      h,
      () => h.client.request(method, path, body === undefined ? {} : {json: body}),
      404,
      'not_found',
      'No such endpoint',
    );
  }
  const codes = h.db.prepare('SELECT count(*) AS n FROM email_codes').get() as {n: number};
  assert.equal(Number(codes.n), 0);
});

test('development: /password/register honours ALLOW_DIRECT_SIGNUP=false', async (t) => {
  const h = await startHarness({allowDirectSignup: false});
  t.after(() => h.close());
  await assertRefusedWithoutChanges(
    h,
    () => h.client.post('/password/register', {username: 'mallory', password: 'correct horse'}),
    403,
    'forbidden',
    'Direct signup is off (ALLOW_DIRECT_SIGNUP=false)',
  );
});

test('production: a mail without SMTP writes no one-time code to the log', async () => {
  const lines: string[] = [];
  const original = {info: console.info, warn: console.warn, log: console.log};
  for (const k of ['info', 'warn', 'log'] as const)
    console[k] = (...args: unknown[]) => void lines.push(args.join(' '));
  try {
    const mailer = createMailer({smtpUrl: null, mailFrom: 'x <x@example.com>'}, () => new Date());
    await mailer.send({to: 'a@example.com', subject: 'Your code: 123456', text: 'Code 123456'});
    assert.deepEqual(mailer.outbox, []);
    const dev = createMailer(
      {smtpUrl: null, mailFrom: 'x <x@example.com>', development: true},
      () => new Date(),
    );
    await dev.send({to: 'b@example.com', subject: 'Your code: 654321', text: 'Code 654321'});
    assert.equal(dev.outbox.length, 1);
  } finally {
    Object.assign(console, original);
  }
  assert.ok(!lines.join('\n').includes('123456'), lines.join('\n'));
  assert.match(lines.join('\n'), /a@example\.com not sent: SMTP_URL is not set/);
  assert.match(lines.join('\n'), /654321/, 'development logs the code');
});

/** Starts main.ts and resolves with its output once it listens, or rejects when it exits. */
function startMain(env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
    env: {PATH: process.env.PATH ?? '', ...env},
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const ready = new Promise<string>((resolve, reject) => {
    const on = (d: Buffer) => {
      output += d;
      if (output.includes('reference backend on')) resolve(output);
    };
    child.stdout.on('data', on);
    child.stderr.on('data', on);
    child.on('exit', (code) => reject(Object.assign(new Error(output), {code})));
  });
  return {child, ready, output: () => output};
}

test('main.ts: a production start with unsafe settings exits naming them', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'passkey-main-'));
  try {
    const {ready} = startMain({
      PORT: '0',
      DATABASE_PATH: join(dir, 'db.sqlite'),
      RP_ID: 'example.com',
      ORIGINS: 'http://example.com',
      ADMIN_KEY: 'aaaaaaaaaaaaaaaa',
    });
    const error = (await ready.then(
      () => assert.fail('it started'),
      (e: unknown) => e,
    )) as Error & {code: number};
    assert.notEqual(error.code, 0);
    for (const setting of ['SERVER_SECRET', 'ORIGINS', 'ADMIN_KEY', 'SMTP_URL'])
      assert.match(error.message, new RegExp(setting));
    assert.equal(existsSync(join(dir, 'db.sqlite')), false, 'nothing was stored');
  } finally {
    rmSync(dir, {recursive: true, force: true});
  }
});

test('main.ts: development listens on loopback only; static files without dotfiles, with security headers', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'passkey-main-'));
  const site = join(dir, 'site');
  mkdirSync(join(site, '.git'), {recursive: true});
  writeFileSync(join(site, 'index.html'), '<!doctype html><title>demo</title>');
  writeFileSync(join(site, '.env'), 'SECRET=1');
  writeFileSync(join(site, '.git', 'HEAD'), 'ref: refs/heads/main');
  const port = 20000 + Math.floor(Math.random() * 20000);
  const {child, ready} = startMain({
    PORT: String(port),
    DEV_MODE: '1',
    STATIC_DIR: site,
    DATABASE_PATH: join(dir, 'db.sqlite'),
  });
  t.after(() => {
    child.kill('SIGKILL');
    rmSync(dir, {recursive: true, force: true});
  });
  assert.match(await ready, /development mode: 127\.0\.0\.1 only/);
  const base = `http://127.0.0.1:${port}`;

  const index = await fetch(`${base}/`);
  assert.equal(index.status, 200);
  const csp = index.headers.get('content-security-policy') ?? '';
  assert.match(csp, /default-src 'self'/);
  assert.match(csp, /frame-ancestors 'none'/);
  assert.equal(index.headers.get('x-content-type-options'), 'nosniff');
  assert.equal(index.headers.get('referrer-policy'), 'strict-origin-when-cross-origin');

  for (const path of ['/.env', '/.git/HEAD', '/%2eenv', '/x/..%2f.env']) {
    const res = await fetch(`${base}${path}`);
    assert.equal(res.status, 404, path);
    assert.doesNotMatch(await res.text(), /SECRET|refs\/heads/, path);
  }
  // The API is still there.
  assert.equal((await fetch(`${base}/passkeys/session`)).status, 200);

  // Not on any other interface of this machine.
  const external = Object.values(networkInterfaces())
    .flat()
    .find((i) => i && i.family === 'IPv4' && !i.internal);
  if (external) {
    await assert.rejects(fetch(`http://${external.address}:${port}/passkeys/session`));
  }
});
