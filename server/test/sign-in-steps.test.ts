/**
 * The store's steps of a sign-in, which are one statement each on PostgreSQL
 * (`store/postgres-queries.ts`) and two calls on SQLite, under real concurrency on the engine the
 * run uses: storing a challenge under the per-client cap, using it up together with the read of
 * the passkey, and recording the passkey's use together with the new session.
 */
import assert from 'node:assert/strict';
import {randomUUID} from 'node:crypto';
import {test, type TestContext} from 'node:test';
import {
  openStore,
  type ChallengeRecord,
  type CredentialRecord,
  type SessionRecord,
  type Store,
  type UserRecord,
} from '../src/index.js';
import {ENGINE, createTestDatabase, type TestDb} from './helpers/harness.js';

async function freshStore(t: TestContext): Promise<{store: Store; db: TestDb}> {
  const database = await createTestDatabase();
  const store = await openStore(database.config);
  const db = database.db();
  t.after(async () => {
    db.close();
    await store.close();
    await database.drop();
  });
  return {store, db};
}

const user = (name: string): UserRecord => ({
  id: randomUUID(),
  username: name,
  usernameNormalized: name,
  displayName: name,
  webauthnUserId: Buffer.from(randomUUID()).toString('base64url'),
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
  name: 'Key',
  createdAt: new Date(),
  lastUsedAt: null,
  counterRegressedAt: null,
});

const challenge = (
  id: string,
  clientKey: string,
  createdAt: Date,
  ttlMs = 60_000,
): ChallengeRecord => ({
  challenge: id,
  purpose: 'authentication',
  userId: null,
  pendingSignup: null,
  allowedCredentialIds: ['cred'],
  tokenHash: null,
  clientKey,
  createdAt,
  expiresAt: new Date(createdAt.getTime() + ttlMs),
});

const session = (id: string, userId: string): SessionRecord => ({
  id,
  userId,
  createdAt: new Date(),
  expiresAt: new Date(Date.now() + 3_600_000),
  verifiedAt: new Date(),
});

const challengesOf = (db: TestDb, clientKey: string) =>
  (
    db
      .prepare('SELECT challenge FROM challenges WHERE client_key = ? ORDER BY challenge')
      .all(clientKey) as {challenge: string}[]
  ).map((r) => r.challenge);

test(`sign-in steps (${ENGINE}): putChallenge keeps a client's newest under the cap, sweeps the expired, leaves other clients alone`, async (t) => {
  const {store, db} = await freshStore(t);
  const t0 = Date.now();
  const limits = (at: number) => ({maxPerClient: 3, now: new Date(at)});
  // Another client: one challenge that will have expired, one still live.
  await store.putChallenge(challenge('other-expiring', 'other', new Date(t0), 1_000), limits(t0));
  await store.putChallenge(challenge('other-live', 'other', new Date(t0 + 1)), limits(t0 + 1));
  // This client: five in a row (the last three in the same millisecond), the cap is three.
  for (const [i, at] of [0, 1, 2, 2, 2].entries())
    await store.putChallenge(
      challenge(`mine-${i}`, 'mine', new Date(t0 + 10 + at)),
      limits(t0 + 10 + at),
    );
  assert.deepEqual(challengesOf(db, 'mine'), ['mine-2', 'mine-3', 'mine-4']);
  assert.deepEqual(challengesOf(db, 'other'), ['other-expiring', 'other-live']);
  // Later, once the other client's first has expired, any put sweeps it.
  await store.putChallenge(challenge('mine-5', 'mine', new Date(t0 + 2_000)), limits(t0 + 2_000));
  assert.deepEqual(challengesOf(db, 'other'), ['other-live']);
  assert.deepEqual(challengesOf(db, 'mine'), ['mine-3', 'mine-4', 'mine-5']);
});

test(`sign-in steps (${ENGINE}): of 20 racers using one challenge with the passkey's read, exactly one gets both; an unknown passkey is read as none`, async (t) => {
  const {store} = await freshStore(t);
  const u = user('ada');
  await store.createUserWithCredential(u, credential('cred', u.id));
  await store.putChallenge(challenge('c1', 'k', new Date()), {maxPerClient: 10, now: new Date()});
  const results = await Promise.all(
    Array.from({length: 20}, () =>
      store.consumeChallengeWithCredential('c1', 'authentication', 'cred'),
    ),
  );
  const winners = results.filter((r) => r.record);
  assert.equal(winners.length, 1);
  const [won] = winners;
  assert.equal(won!.record!.challenge, 'c1');
  assert.deepEqual(won!.record!.allowedCredentialIds, ['cred']);
  assert.equal(won!.found?.credential.id, 'cred');
  assert.deepEqual([...won!.found!.credential.publicKey], [1, 2, 3]);
  assert.deepEqual(won!.found!.credential.transports, ['internal']);
  assert.equal(won!.found?.user.id, u.id);
  assert.equal(won!.found?.user.username, 'ada');
  for (const r of results.filter((r) => !r.record)) assert.equal(r.found, undefined);
  // Another purpose does not take it; an unknown passkey comes back as none, the challenge used.
  await store.putChallenge(challenge('c2', 'k', new Date()), {maxPerClient: 10, now: new Date()});
  assert.equal((await store.consumeChallengeWithCredential('c2', 'mfa', 'cred')).record, undefined);
  const unknown = await store.consumeChallengeWithCredential('c2', 'authentication', 'nope');
  assert.equal(unknown.record?.challenge, 'c2');
  assert.equal(unknown.found, undefined);
  assert.equal(await store.consumeChallenge('c2', 'authentication'), undefined);
});

test(`sign-in steps (${ENGINE}): of 10 racing sign-ins with one passkey exactly one records its use and stores its session; a marked passkey stores none`, async (t) => {
  const {store, db} = await freshStore(t);
  const u = user('bob');
  await store.createUserWithCredential(u, credential('cred', u.id));
  const use = (counter: number) => ({
    previousCounter: 0,
    counter,
    backedUp: false,
    usedAt: new Date(),
  });
  const results = await Promise.all(
    Array.from({length: 10}, (_, i) =>
      store.recordSignIn('cred', use(i + 1), session(`s${i}`, u.id)),
    ),
  );
  assert.equal(results.filter(Boolean).length, 1);
  const winner = results.indexOf(true);
  assert.equal((await store.getCredential('cred'))?.counter, winner + 1);
  const stored = db.prepare('SELECT id FROM sessions').all() as {id: string}[];
  assert.deepEqual(
    stored.map((s) => s.id),
    [`s${winner}`],
    'only the winner has a session',
  );
  const found = await store.getSessionWithUser(`s${winner}`);
  assert.equal(found?.user.id, u.id);
  assert.equal(found?.session.verifiedAt instanceof Date, true);

  // A passkey marked as possibly cloned: the use is refused, and no session comes of it.
  await store.flagCounterRegression('cred', new Date());
  assert.equal(
    await store.recordSignIn(
      'cred',
      {...use(99), previousCounter: winner + 1},
      session('late', u.id),
    ),
    false,
  );
  assert.equal(await store.getSession('late'), undefined);
});
