/** Configuration and store: the parts under the HTTP layer. */
import assert from 'node:assert/strict';
import {spawnSync} from 'node:child_process';
import {copyFileSync, mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {dirname, join} from 'node:path';
import {test} from 'node:test';
import {setTimeout as delay} from 'node:timers/promises';
import Database from 'better-sqlite3';
import {
  ConfigError,
  SqliteStore,
  StoreConflictError,
  createPasskeyServer,
  loadConfig,
} from '../src/index.js';
import type {CredentialRecord, UserRecord} from '../src/index.js';

test('loadConfig: defaults', () => {
  const config = loadConfig({});
  assert.equal(config.port, 3000);
  assert.equal(config.rpId, 'localhost');
  assert.equal(config.rpName, 'Passkey Elements Demo');
  assert.deepEqual(config.origins, ['http://localhost:3000']);
  assert.equal(config.databasePath, './data/passkeys.db');
  assert.equal(config.basePath, '/passkeys');
  assert.equal(config.userVerification, 'required');
  assert.equal(config.allowDirectSignup, true);
  assert.equal(config.challengeTtlMs, 300_000);
  assert.equal(config.staticDir, 'demo-dist');
  assert.ok(config.secret.length >= 32);
  assert.notEqual(loadConfig({}).secret, config.secret, 'a random secret per start');
});

test('loadConfig: from the environment, with overrides on top', () => {
  const config = loadConfig(
    {
      PORT: '8080',
      RP_ID: 'example.com',
      ORIGINS: 'https://example.com, https://www.example.com',
      BASE_PATH: '/auth/',
      USER_VERIFICATION: 'preferred',
      ALLOW_DIRECT_SIGNUP: 'false',
      CHALLENGE_TTL_MS: '60000',
      SESSION_SECRET: 'x'.repeat(32),
      NODE_ENV: 'production',
    },
    {rpName: 'Example'},
  );
  assert.equal(config.port, 8080);
  assert.deepEqual(config.origins, ['https://example.com', 'https://www.example.com']);
  assert.equal(config.basePath, '/auth');
  assert.equal(config.userVerification, 'preferred');
  assert.equal(config.allowDirectSignup, false);
  assert.equal(config.challengeTtlMs, 60_000);
  assert.equal(config.secret, 'x'.repeat(32));
  assert.equal(config.rpName, 'Example');
  // The default origin follows an overridden port.
  assert.deepEqual(loadConfig({}, {port: 4000}).origins, ['http://localhost:4000']);
});

test('loadConfig: bad settings are named', () => {
  assert.throws(
    () => loadConfig({PORT: 'eighty'}),
    (e: Error) => e instanceof ConfigError && /PORT/.test(e.message),
  );
  assert.throws(() => loadConfig({USER_VERIFICATION: 'discouraged'}), /USER_VERIFICATION/);
  assert.throws(() => loadConfig({ORIGINS: 'https://example.com/'}), /origins/);
  assert.throws(() => loadConfig({ALLOW_DIRECT_SIGNUP: 'maybe'}), /ALLOW_DIRECT_SIGNUP/);
  assert.throws(() => loadConfig({SERVER_SECRET: 'short'}), /secret/);
});

function tempDb(t: {after(fn: () => unknown): void}) {
  const dir = mkdtempSync(join(tmpdir(), 'passkey-store-test-'));
  t.after(() => rmSync(dir, {recursive: true, force: true}));
  return join(dir, 'nested', 'store.db');
}

const user = (id: string, name: string): UserRecord => ({
  id,
  username: name,
  usernameNormalized: name.toLowerCase(),
  displayName: name,
  webauthnUserId: `handle-${id}`,
  createdAt: new Date(),
});
const credential = (id: string, userId: string): CredentialRecord => ({
  id,
  userId,
  publicKey: new Uint8Array([1, 2, 3]),
  counter: 0,
  transports: ['internal'],
  deviceType: 'multiDevice',
  backedUp: true,
  aaguid: '00000000-0000-0000-0000-000000000000',
  name: 'Passkey',
  createdAt: new Date(),
  lastUsedAt: null,
  counterRegressedAt: null,
});

test('SqliteStore: creates the folder, migrates once, keeps data across reopen', async (t) => {
  const path = tempDb(t);
  const first = await SqliteStore.open(path);
  await first.createUserWithCredential(user('u1', 'Ann'), credential('c1', 'u1'));
  await first.close();
  const second = await SqliteStore.open(path); // migrations already applied: a no-op
  t.after(() => second.close());
  assert.equal((await second.getUserByUsername('ann'))?.id, 'u1');
  const [cred] = await second.listCredentials('u1');
  assert.deepEqual(cred?.publicKey, new Uint8Array([1, 2, 3]));
  assert.deepEqual(cred?.transports, ['internal']);
});

test('SqliteStore: user and credential are written together or not at all', async (t) => {
  const store = await SqliteStore.open(tempDb(t));
  t.after(() => store.close());
  await store.createUserWithCredential(user('u1', 'Ann'), credential('c1', 'u1'));
  await assert.rejects(
    store.createUserWithCredential(user('u2', 'Ben'), credential('c1', 'u2')),
    (e) => e instanceof StoreConflictError && e.conflict === 'credential',
  );
  assert.equal(await store.getUserById('u2'), undefined, 'the user insert was rolled back');
  await assert.rejects(
    store.createUserWithCredential(user('u3', 'ANN'), credential('c3', 'u3')),
    (e) => e instanceof StoreConflictError && e.conflict === 'username',
  );
  await assert.rejects(store.addCredential(credential('c1', 'u1')), StoreConflictError);
});

test('SqliteStore: the counter is updated by compare-and-set', async (t) => {
  const store = await SqliteStore.open(tempDb(t));
  t.after(() => store.close());
  await store.createUserWithCredential(user('u1', 'Ann'), credential('c1', 'u1'));
  const use = (previousCounter: number, counter: number) =>
    store.recordCredentialUse('c1', {
      previousCounter,
      counter,
      backedUp: false,
      usedAt: new Date(),
    });
  assert.equal(await use(0, 5), true);
  assert.equal(await use(0, 6), false, 'someone else moved it first');
  assert.equal(await use(5, 6), true);
  const stored = await store.getCredential('c1');
  assert.equal(stored?.counter, 6);
  assert.equal(stored?.backedUp, false);
  assert.ok(stored?.lastUsedAt);
  // A passkey marked as possibly cloned meanwhile is not moved forward either.
  await store.flagCounterRegression('c1', new Date());
  assert.equal(await use(6, 7), false);
  assert.equal((await store.getCredential('c1'))?.counter, 6);
});

test('SqliteStore: a worker thread copies the WAL into the database file, not the commits', async (t) => {
  const path = tempDb(t);
  const store = await SqliteStore.open(path);
  t.after(() => store.close());
  for (let i = 0; i < 100; i++)
    await store.createUserWithCredential(user(`u${i}`, `user${i}`), credential(`c${i}`, `u${i}`));
  // The commits leave their pages in the WAL (the automatic checkpoint waits for 10000 pages);
  // within a few ticks the checkpointer has copied them into the file itself.
  const copy = join(dirname(path), 'copy.db');
  let users = 0;
  for (let i = 0; i < 60 && users < 100; i++) {
    await delay(50);
    copyFileSync(path, copy);
    const db = new Database(copy, {readonly: true});
    try {
      users = (db.prepare('SELECT count(*) AS n FROM users').get() as {n: number}).n;
    } catch {
      users = 0; // copied halfway through a checkpoint: try again
    } finally {
      db.close();
    }
  }
  assert.equal(users, 100);
});

test('SqliteStore: the checkpointer thread runs in a process started with --input-type=module', async (t) => {
  // A worker inherits its parent's flags. When the checkpointer was a source string run with
  // eval, --input-type=module made it ESM, it failed on require(), and took the whole process
  // down (found by the package test). It is a module file now (sqlite-checkpoint-worker.mjs);
  // this keeps it working in such a process.
  const dir = mkdtempSync(join(tmpdir(), 'passkey-esm-'));
  t.after(() => rmSync(dir, {recursive: true, force: true}));
  const store = new URL('../src/store/sqlite.ts', import.meta.url).href;
  const script = `const {SqliteStore} = await import(${JSON.stringify(store)});
const s = await SqliteStore.open(${JSON.stringify(join(dir, 'x.sqlite'))});
await new Promise((r) => setTimeout(r, 300));
await s.close();
console.log('alive');`;
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    encoding: 'utf8',
  });
  assert.equal(r.stderr, '');
  assert.equal(r.stdout.trim(), 'alive');
  assert.equal(r.status, 0);
});

test('SqliteStore: a challenge is consumed once, by challenge and purpose', async (t) => {
  const store = await SqliteStore.open(tempDb(t));
  t.after(() => store.close());
  const now = new Date();
  await store.putChallenge(
    {
      challenge: 'c',
      purpose: 'authentication',
      userId: null,
      pendingSignup: null,
      allowedCredentialIds: ['a', 'b'],
      tokenHash: null,
      clientKey: 'k',
      createdAt: now,
      expiresAt: new Date(now.getTime() + 1000),
    },
    {maxPerClient: 10, now},
  );
  assert.equal(await store.consumeChallenge('c', 'registration'), undefined);
  const results = await Promise.all(
    [1, 2, 3].map(() => store.consumeChallenge('c', 'authentication')),
  );
  assert.equal(results.filter(Boolean).length, 1);
  assert.deepEqual(results.find(Boolean)?.allowedCredentialIds, ['a', 'b']);
});

test('createPasskeyServer: fetch, config, store, close', async (t) => {
  const path = tempDb(t);
  const server = await createPasskeyServer({
    databasePath: path,
    basePath: '/api',
    development: true,
  });
  t.after(() => server.close());
  const res = await server.fetch(new Request('http://localhost:3000/api/session'));
  assert.deepEqual(await res.json(), {user: null, rpId: 'localhost', verifiedAt: null});
  assert.equal(server.config.basePath, '/api');
  assert.equal(typeof server.store.getSession, 'function');
  assert.equal(
    (await server.fetch(new Request('http://localhost:3000/passkeys/session'))).status,
    404,
  );
  await server.close();
  await server.close(); // twice is fine
});
