/**
 * The store's atomic operations under real concurrency, on the engine the run uses (SQLite by
 * default, PostgreSQL with TEST_ENGINE=postgres, where the pool runs the racers on separate
 * connections), and what only PostgreSQL offers: limits shared by several server processes, and
 * migrations applied once when several processes start together.
 */
import assert from 'node:assert/strict';
import {randomUUID} from 'node:crypto';
import {test, type TestContext} from 'node:test';
import {
  StoreConflictError,
  createPasskeyServer,
  openStore,
  type CredentialRecord,
  type Store,
  type UserRecord,
} from '../src/index.js';
import {ENGINE, ORIGIN, TestClient, assertError, createTestDatabase} from './helpers/harness.js';

async function freshStore(t: TestContext): Promise<Store> {
  const database = await createTestDatabase();
  const store = await openStore(database.config);
  t.after(async () => {
    await store.close();
    await database.drop();
  });
  return store;
}

const user = (name: string): UserRecord => ({
  id: randomUUID(),
  username: name,
  usernameNormalized: name,
  displayName: name,
  webauthnUserId: Buffer.from(randomUUID()).toString('base64url'),
  createdAt: new Date(),
});

const credential = (id: string, userId: string, createdAt = new Date()): CredentialRecord => ({
  id,
  userId,
  publicKey: new Uint8Array([1, 2, 3]),
  counter: 0,
  transports: ['internal', 'hybrid'],
  deviceType: 'multiDevice',
  backedUp: true,
  aaguid: '00000000-0000-0000-0000-000000000000',
  name: 'Key',
  createdAt,
  lastUsedAt: null,
  counterRegressedAt: null,
});

test(`engines (${ENGINE}): of 20 racing consumers of one challenge exactly one gets it`, async (t) => {
  const store = await freshStore(t);
  const now = new Date();
  await store.putChallenge(
    {
      challenge: 'c'.repeat(43),
      purpose: 'authentication',
      userId: null,
      pendingSignup: {
        username: 'Ada',
        usernameNormalized: 'ada',
        displayName: 'Ada',
        webauthnUserId: 'aGFuZGxl',
      },
      allowedCredentialIds: ['a', 'b'],
      tokenHash: null,
      clientKey: 'k',
      createdAt: now,
      expiresAt: new Date(now.getTime() + 60_000),
    },
    {maxPerClient: 10, now},
  );
  const results = await Promise.all(
    Array.from({length: 20}, () => store.consumeChallenge('c'.repeat(43), 'authentication')),
  );
  const winners = results.filter(Boolean);
  assert.equal(winners.length, 1);
  assert.deepEqual(winners[0]!.allowedCredentialIds, ['a', 'b']);
  assert.equal(winners[0]!.pendingSignup?.usernameNormalized, 'ada');
  assert.equal(winners[0]!.userId, null);
});

test(`engines (${ENGINE}): racing signups with one credential id: one account, the rest conflict, nothing half-written`, async (t) => {
  const store = await freshStore(t);
  const outcomes = await Promise.allSettled(
    Array.from({length: 10}, (_, i) => {
      const u = user(`racer${i}`);
      return store.createUserWithCredential(u, credential('same-id', u.id));
    }),
  );
  const ok = outcomes.filter((o) => o.status === 'fulfilled');
  assert.equal(ok.length, 1);
  for (const o of outcomes) {
    if (o.status === 'rejected') {
      assert.ok(o.reason instanceof StoreConflictError, String(o.reason));
      assert.equal(o.reason.conflict, 'credential');
    }
  }
  let accounts = 0;
  for (let i = 0; i < 10; i++) if (await store.getUserByUsername(`racer${i}`)) accounts++;
  assert.equal(accounts, 1, 'the losers left no account behind');
  const stored = await store.getCredential('same-id');
  assert.deepEqual(stored?.transports, ['internal', 'hybrid']);
  assert.deepEqual([...stored!.publicKey], [1, 2, 3]);
  assert.equal(stored?.backedUp, true);
});

test(`engines (${ENGINE}): the counter is a compare-and-set under racing sign-ins`, async (t) => {
  const store = await freshStore(t);
  const u = user('counter');
  await store.createUserWithCredential(u, credential('cred', u.id));
  const results = await Promise.all(
    Array.from({length: 10}, (_, i) =>
      store.recordCredentialUse('cred', {
        previousCounter: 0,
        counter: i + 1,
        backedUp: false,
        usedAt: new Date(),
      }),
    ),
  );
  assert.equal(results.filter(Boolean).length, 1);
  const stored = await store.getCredential('cred');
  assert.equal(stored?.counter, results.indexOf(true) + 1);
  assert.equal(stored?.backedUp, false);
});

test(`engines (${ENGINE}): deleting both of the last two passkeys at once leaves one`, async (t) => {
  const store = await freshStore(t);
  for (let round = 0; round < 5; round++) {
    const u = user(`owner${round}`);
    await store.createUserWithCredential(u, credential(`a${round}`, u.id));
    await store.addCredential(credential(`b${round}`, u.id));
    const results = await Promise.all([
      store.deleteCredential(u.id, `a${round}`),
      store.deleteCredential(u.id, `b${round}`),
    ]);
    assert.deepEqual([...results].sort(), ['deleted', 'last_passkey']);
    assert.equal((await store.listCredentials(u.id)).length, 1);
  }
});

test(`engines (${ENGINE}): same-millisecond passkeys list newest first`, async (t) => {
  const store = await freshStore(t);
  const u = user('same-ms');
  const at = new Date();
  await store.createUserWithCredential(u, credential('first', u.id, at));
  await store.addCredential(credential('second', u.id, at));
  await store.addCredential(credential('third', u.id, at));
  assert.deepEqual(
    (await store.listCredentials(u.id)).map((c) => c.id),
    ['third', 'second', 'first'],
  );
});

test(`engines (${ENGINE}): creating a session sweeps the expired ones, at most once a minute`, async (t) => {
  const store = await freshStore(t);
  const owner = user(`sweep-${randomUUID()}`);
  await store.createUser(owner, {passwordHash: null, mfaEnabled: false});
  const t0 = Date.now();
  const session = (id: string, createdAt: number, ttlMs: number) => ({
    id,
    userId: owner.id,
    createdAt: new Date(createdAt),
    expiresAt: new Date(createdAt + ttlMs),
  });
  // The first session this store creates sweeps (nothing yet); the second, a second later,
  // does not: the session that expired in between is still there.
  await store.createSession(session('short', t0, 500));
  await store.createSession(session('second', t0 + 1_000, 3_600_000));
  assert.ok(await store.getSession('short'), 'no sweep within the minute');
  // A minute on, creating a session sweeps again: the expired one goes, the live ones stay.
  await store.createSession(session('third', t0 + 61_000, 3_600_000));
  assert.equal(await store.getSession('short'), undefined);
  assert.ok(await store.getSession('second'));
  assert.ok(await store.getSession('third'));
});

test(`engines (${ENGINE}): two server processes on one PostgreSQL database share the per-client limit`, async (t) => {
  if (ENGINE !== 'postgres') {
    t.skip('PostgreSQL only (limits are per process on SQLite)');
    return;
  }
  const database = await createTestDatabase();
  const config = {
    ...database.config,
    origins: [ORIGIN],
    rateLimitPerMinute: 3,
    secret: 's'.repeat(32),
    development: true,
  };
  // Started together: the migration lock lets one apply the schema, the other waits.
  const [a, b] = await Promise.all([createPasskeyServer(config), createPasskeyServer(config)]);
  t.after(async () => {
    await a.close();
    await b.close();
    await database.drop();
  });
  const ca = new TestClient(a);
  const cb = new TestClient(b);
  assert.equal((await ca.post('/authentication/options', {})).status, 200);
  assert.equal((await cb.post('/authentication/options', {})).status, 200);
  assert.equal((await ca.post('/authentication/options', {})).status, 200);
  const refused = await cb.post('/authentication/options', {});
  assertError(refused, 429, 'rate_limited', 'Too many requests; try again later');
  assert.ok(Number(refused.headers.get('retry-after')) >= 1);
});
