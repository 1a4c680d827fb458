import assert from 'node:assert/strict';
import {test} from 'node:test';
import {
  assertError,
  assertRefusedWithoutChanges,
  signUp,
  startHarness,
  type TestClient,
} from './helpers/harness.js';

/**
 * Contract v1.1: `GET /recovery/codes` tells the signed-in user how their recovery codes stand
 * (`{total, unused, createdAt, lastUsedAt}`), so the manager can say "7 of 10 unused, created on
 * …" or "a code was used", and never answers the codes themselves.
 */

async function status(client: TestClient) {
  const res = await client.get('/recovery/codes');
  assert.equal(res.status, 200, JSON.stringify(res.body));
  assert.deepEqual(Object.keys(res.body).sort(), ['createdAt', 'lastUsedAt', 'total', 'unused']);
  return res.body as {
    total: number;
    unused: number;
    createdAt: string | null;
    lastUsedAt: string | null;
  };
}

async function newCodes(client: TestClient): Promise<string[]> {
  const res = await client.post('/recovery/codes', {});
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return res.body.codes;
}

const isoBetween = (value: string | null, from: number, to: number) => {
  assert.equal(typeof value, 'string');
  assert.equal(new Date(value!).toISOString(), value, 'ISO 8601');
  const t = Date.parse(value!);
  assert.ok(t >= from && t <= to, `${value} within the request`);
};

test('GET /recovery/codes: none, then 10 of 10 unused with the creation time; no codes in the answer', async (t) => {
  const h = await startHarness();
  t.after(() => h.close());
  await assertRefusedWithoutChanges(
    h,
    () => h.client.get('/recovery/codes'),
    401,
    'unauthenticated',
    'Sign in first',
  );
  await signUp(h, 'alice');
  assert.deepEqual(await status(h.client), {
    total: 0,
    unused: 0,
    createdAt: null,
    lastUsedAt: null,
  });

  const before = Date.now();
  const codes = await newCodes(h.client);
  const after = Date.now();
  const created = await status(h.client);
  assert.equal(created.total, 10);
  assert.equal(created.unused, 10);
  assert.equal(created.lastUsedAt, null);
  isoBetween(created.createdAt, before, after);
  const text = JSON.stringify(created);
  for (const code of codes) assert.ok(!text.includes(code), 'no code in the status');
});

test('GET /recovery/codes: a used code shows as 9 of 10 with when it was used; a wrong code changes nothing; a new set starts over', async (t) => {
  const h = await startHarness();
  t.after(() => h.close());
  await signUp(h, 'alice');
  const codes = await newCodes(h.client);
  const {createdAt} = await status(h.client);

  h.advanceClock(60_000);
  assertError(
    await h.newClient().post('/recovery/redeem', {username: 'alice', code: 'ffff-ffff-ffff-ffff'}),
    400,
    'verification_failed',
    'The username or recovery code is wrong',
  );
  assert.deepEqual(await status(h.client), {total: 10, unused: 10, createdAt, lastUsedAt: null});

  const before = Date.now() + 60_000;
  const redeemed = await h
    .newClient()
    .post('/recovery/redeem', {username: 'alice', code: codes[3]});
  assert.equal(redeemed.status, 200, JSON.stringify(redeemed.body));
  const used = await status(h.client);
  assert.equal(used.total, 10);
  assert.equal(used.unused, 9);
  assert.equal(used.createdAt, createdAt, 'the set is the same');
  isoBetween(used.lastUsedAt, before, Date.now() + 60_000);

  // A second code, later: the last use moves.
  h.advanceClock(60_000);
  await h.newClient().post('/recovery/redeem', {username: 'alice', code: codes[5]});
  const twice = await status(h.client);
  assert.equal(twice.unused, 8);
  assert.ok(Date.parse(twice.lastUsedAt!) >= Date.parse(used.lastUsedAt!) + 60_000);

  // A fresh set (right after a passkey sign-up of another browser, so any recent-verification
  // rule is met) replaces the old one: 10 of 10, nothing used, a new creation time.
  const browser = h.newClient();
  await signUp(h, 'bob', {client: browser});
  assert.deepEqual(await status(browser), {
    total: 0,
    unused: 0,
    createdAt: null,
    lastUsedAt: null,
  });
  await newCodes(browser);
  assert.equal((await status(browser)).unused, 10);
  // Each account sees its own set: alice's is unchanged by bob's.
  assert.equal((await status(h.client)).unused, 8);
});

test('GET /recovery/codes: replacing the set resets the count and the last use', async (t) => {
  const h = await startHarness();
  t.after(() => h.close());
  await signUp(h, 'alice');
  const codes = await newCodes(h.client);
  await h.newClient().post('/recovery/redeem', {username: 'alice', code: codes[0]});
  const used = await status(h.client);
  assert.equal(used.unused, 9);
  h.advanceClock(1_000);
  await newCodes(h.client);
  const fresh = await status(h.client);
  assert.equal(fresh.total, 10);
  assert.equal(fresh.unused, 10);
  assert.equal(fresh.lastUsedAt, null);
  assert.ok(Date.parse(fresh.createdAt!) > Date.parse(used.createdAt!));
});
