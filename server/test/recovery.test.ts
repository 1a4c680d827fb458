import assert from 'node:assert/strict';
import {test} from 'node:test';
import {
  ORIGIN,
  assertError,
  assertRefusedWithoutChanges,
  registrationOptions,
  signUp,
  startHarness,
  type Harness,
  type TestClient,
} from './helpers/harness.js';
import {SoftAuthenticator} from './helpers/soft-authenticator.js';

const ADMIN_KEY = 'admin-key-admin-key-admin-key';

const unusedCodes = (h: Harness) =>
  (
    h.db.prepare('SELECT count(*) AS n FROM recovery_codes WHERE used_at IS NULL').get() as {
      n: number;
    }
  ).n;

async function newCodes(client: TestClient): Promise<string[]> {
  const res = await client.post('/recovery/codes', {});
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return res.body.codes;
}

test('POST /recovery/codes: 10 fresh codes, stored only as hashes, replacing the earlier set; needs a session', async (t) => {
  const h = await startHarness();
  t.after(() => h.close());
  await assertRefusedWithoutChanges(
    h,
    () => h.client.post('/recovery/codes', {}),
    401,
    'unauthenticated',
    'Sign in first',
  );
  await signUp(h, 'alice');
  const codes = await newCodes(h.client);
  assert.equal(codes.length, 10);
  assert.equal(new Set(codes).size, 10);
  for (const code of codes) assert.match(code, /^[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}$/);
  const stored = h.db.prepare('SELECT code_hash FROM recovery_codes').all() as {
    code_hash: string;
  }[];
  assert.equal(stored.length, 10);
  for (const {code_hash} of stored) {
    assert.ok(
      !codes.some((code) => code_hash.includes(code) || code_hash.includes(code.replace(/-/g, ''))),
    );
  }
  // A second set replaces the first: old codes no longer work.
  const again = await h.client.request('POST', '/recovery/codes'); // no body is fine
  assert.equal(again.status, 200);
  assert.equal(unusedCodes(h), 10);
  const old = await h.newClient().post('/recovery/redeem', {username: 'alice', code: codes[0]});
  assertError(old, 400, 'verification_failed', 'The username or recovery code is wrong');
  const fresh = await h
    .newClient()
    .post('/recovery/redeem', {username: 'alice', code: again.body.codes[0]});
  assert.equal(fresh.status, 200);
});

test('recovery: redeem a code, register a new passkey with the token, get a session; code and token are single-use', async (t) => {
  const h = await startHarness();
  t.after(() => h.close());
  const {user, credentialId} = await signUp(h, 'alice');
  const codes = await newCodes(h.client);

  const lost = h.newClient();
  // Case, spaces and dashes do not matter.
  const redeemed = await lost.post('/recovery/redeem', {
    username: 'ALICE',
    code: ` ${codes[3]!.toUpperCase().replace(/-/g, ' ')} `,
  });
  assert.equal(redeemed.status, 200, JSON.stringify(redeemed.body));
  assert.deepEqual(Object.keys(redeemed.body), ['recoveryToken']);
  const {recoveryToken} = redeemed.body;
  assert.match(recoveryToken, /^[A-Za-z0-9_-]{43}$/);
  assert.equal(unusedCodes(h), 9);
  const stored = h.db.prepare('SELECT id FROM tokens').all() as {id: string}[];
  assert.notEqual(stored[0]!.id, recoveryToken, 'the token is stored hashed');

  const reuseCode = await h
    .newClient()
    .post('/recovery/redeem', {username: 'alice', code: codes[3]});
  assertError(reuseCode, 400, 'verification_failed', 'The username or recovery code is wrong');

  const options = await registrationOptions(lost, {recoveryToken, username: 'ignored'});
  assert.equal(options.user.name, 'alice');
  assert.equal(options.user.id, user.webauthnUserId);
  assert.deepEqual(
    options.excludeCredentials?.map((c) => c.id),
    [credentialId],
  );

  const phone = new SoftAuthenticator({origin: ORIGIN});
  const res = await lost.post('/registration/verify', {
    response: phone.create(options),
    name: 'New phone',
  });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  assert.equal(res.body.user.id, user.id);
  assert.equal(res.body.passkey.name, 'New phone');
  const session = await lost.get('/session');
  assert.equal(session.body.user.id, user.id);
  assert.equal(h.counts().credentials, 2);

  // The token is spent.
  await assertRefusedWithoutChanges(
    h,
    () => h.newClient().post('/registration/options', {recoveryToken}),
    401,
    'unauthenticated',
    'The recovery token is unknown, used or expired',
  );
});

test('recovery: a token is refused when unknown or expired, and a bad attestation does not burn it', async (t) => {
  const h = await startHarness({tokenTtlMs: 60_000});
  t.after(() => h.close());
  await signUp(h, 'alice');
  const codes = await newCodes(h.client);
  await assertRefusedWithoutChanges(
    h,
    () => h.newClient().post('/registration/options', {recoveryToken: 'nope'}),
    401,
    'unauthenticated',
    'The recovery token is unknown, used or expired',
  );
  const lost = h.newClient();
  const {recoveryToken} = (await lost.post('/recovery/redeem', {username: 'alice', code: codes[0]}))
    .body;
  const options = await registrationOptions(lost, {recoveryToken});
  const phone = new SoftAuthenticator({origin: ORIGIN});
  const bad = await lost.post('/registration/verify', {
    response: phone.create(options, {origin: 'https://evil.example'}),
  });
  assertError(
    bad,
    400,
    'verification_failed',
    'Registration rejected: Unexpected registration response origin "https://evil.example", expected one of: http://localhost:3000',
  );
  assert.equal(h.counts().sessions, 1);
  // Still usable once more...
  await registrationOptions(lost, {recoveryToken});
  // ...until it expires.
  h.advanceClock(61_000);
  await assertRefusedWithoutChanges(
    h,
    () => lost.post('/registration/options', {recoveryToken}),
    401,
    'unauthenticated',
    'The recovery token is unknown, used or expired',
  );
});

test('recovery: wrong codes and unknown usernames get one answer, count as failures, and burn nothing', async (t) => {
  const h = await startHarness({accountFailures: 3});
  t.after(() => h.close());
  await signUp(h, 'alice');
  const codes = await newCodes(h.client);
  const attacker = h.newClient();
  const tokens = () => (h.db.prepare('SELECT count(*) AS n FROM tokens').get() as {n: number}).n;

  for (const body of [
    {username: 'alice', code: '0000-0000-0000-0000'},
    {username: 'nobody', code: '0000-0000-0000-0000'},
  ]) {
    const res = await assertRefusedWithoutChanges(
      h,
      () => attacker.post('/recovery/redeem', body),
      400,
      'verification_failed',
      'The username or recovery code is wrong',
    );
    assert.equal(res.body.error.message, 'The username or recovery code is wrong');
  }
  for (const [body, reason] of [
    [{}, /^Invalid body: username: /],
    [{username: 'alice'}, /^Invalid body: code: /],
    [{username: 'alice', code: ''}, /^Invalid body: code: /],
    [{username: '', code: 'x'}, /^Invalid body: username: /],
  ] as const) {
    await assertRefusedWithoutChanges(
      h,
      () => attacker.post('/recovery/redeem', body),
      400,
      'invalid_request',
      reason,
    );
  }
  assert.equal(unusedCodes(h), 10);
  // Two more wrong codes: the account's recovery route closes, even for a right code, which stays unused.
  await attacker.post('/recovery/redeem', {username: 'alice', code: 'ffff'});
  await attacker.post('/recovery/redeem', {username: 'alice', code: 'ffff'});
  const closed = await assertRefusedWithoutChanges(
    h,
    () => h.newClient().post('/recovery/redeem', {username: 'alice', code: codes[0]}),
    429,
    'rate_limited',
    'Too many failed attempts for this account; try again later',
  );
  assert.ok(Number(closed.headers.get('retry-after')) > 0);
  assert.equal(unusedCodes(h), 10);
  assert.equal(tokens(), 0);
  // The passkey route of the same account is still open.
  const signIn = await h.newClient().post('/authentication/options', {username: 'alice'});
  assert.equal(signIn.status, 200);
});

test('DELETE /passkeys/{id}: the last passkey may go once unused recovery codes exist', async (t) => {
  const h = await startHarness();
  t.after(() => h.close());
  const {credentialId} = await signUp(h, 'alice');
  assertError(
    await h.client.delete(`/passkeys/${credentialId}`),
    409,
    'last_passkey',
    'This is your only way to sign in; add another passkey first',
  );
  await newCodes(h.client);
  assert.equal((await h.client.delete(`/passkeys/${credentialId}`)).status, 204);
  assert.equal(h.counts().credentials, 0);
});

test('operator reset: DELETE /admin/users/{id}/passkeys with the admin key removes passkeys and sessions', async (t) => {
  const h = await startHarness({adminKey: ADMIN_KEY});
  t.after(() => h.close());
  const {user} = await signUp(h, 'alice');
  await newCodes(h.client);
  const bob = h.newClient();
  await signUp(h, 'bob', {client: bob, authenticator: new SoftAuthenticator({origin: ORIGIN})});
  const admin =
    (key: string | null, id = user.id) =>
    () =>
      h.newClient().delete(`/admin/users/${id}/passkeys`, {
        origin: null,
        headers: key === null ? {} : {authorization: `Bearer ${key}`},
      });

  for (const key of [null, 'wrong', `${ADMIN_KEY}x`, ADMIN_KEY.slice(0, -1)]) {
    const res = await assertRefusedWithoutChanges(
      h,
      admin(key),
      401,
      'unauthenticated',
      'A valid admin key is required',
    );
    assert.equal(res.headers.get('www-authenticate'), 'Bearer');
  }
  await assertRefusedWithoutChanges(
    h,
    admin(ADMIN_KEY, 'no-such-user'),
    404,
    'not_found',
    'No such user',
  );
  const res = await admin(ADMIN_KEY)();
  assert.equal(res.status, 204);
  assert.deepEqual(h.counts(), {users: 2, credentials: 1, sessions: 1});
  assert.equal((await h.client.get('/session')).body.user, null);
  assert.equal(unusedCodes(h), 10, 'recovery codes are kept');
});

test('operator reset is off (401) without ADMIN_KEY; ADMIN_KEY must be at least 16 characters', async (t) => {
  const h = await startHarness();
  t.after(() => h.close());
  const {user} = await signUp(h, 'alice');
  await assertRefusedWithoutChanges(
    h,
    () =>
      h.client.delete(`/admin/users/${user.id}/passkeys`, {
        headers: {authorization: 'Bearer anything'},
      }),
    401,
    'unauthenticated',
    'A valid admin key is required', // the same answer as a wrong key (sessions.test.ts)
  );
  await assert.rejects(startHarness({adminKey: 'short'}), /adminKey/);
});
