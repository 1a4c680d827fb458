import assert from 'node:assert/strict';
import {test} from 'node:test';
import {
  ORIGIN,
  assertError,
  assertRefusedWithoutChanges,
  signUp,
  startHarness,
  type Harness,
  type TestClient,
} from './helpers/harness.js';
import {SoftAuthenticator} from './helpers/soft-authenticator.js';

const PASSWORD = 'correct horse battery';

async function register(h: Harness, username: string, mfa = false) {
  const res = await h.newClient().post('/password/register', {username, password: PASSWORD, mfa});
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return res.body.user;
}

async function login(client: TestClient, username: string, password = PASSWORD) {
  return client.post('/password/login', {username, password});
}

test('password: register (demo) and log in without MFA gives the user and a session; the hash is scrypt', async (t) => {
  const h = await startHarness();
  t.after(() => h.close());
  const user = await register(h, 'Carol');
  assert.equal(user.username, 'Carol');
  assert.deepEqual(h.counts(), {users: 1, credentials: 0, sessions: 0});
  const row = h.db.prepare('SELECT password_hash, mfa_enabled FROM users').get() as {
    password_hash: string;
    mfa_enabled: number;
  };
  assert.match(row.password_hash, /^scrypt\$16384\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
  assert.ok(!row.password_hash.includes(PASSWORD));

  const res = await login(h.client, 'carol');
  assert.equal(res.status, 200, JSON.stringify(res.body));
  assert.deepEqual(res.body, {user});
  assert.equal((await h.client.get('/session')).body.user.id, user.id);
  assertError(
    await h.newClient().post('/password/register', {username: 'CAROL', password: PASSWORD}),
    409,
    'user_exists',
    'That username is taken',
  );
});

test('password: wrong password and unknown user get one answer, nothing changes; failures close only the password route', async (t) => {
  const h = await startHarness({accountFailures: 3});
  t.after(() => h.close());
  await register(h, 'carol');
  for (const [username, password] of [
    ['carol', 'wrong password'],
    ['nobody', PASSWORD],
  ] as const) {
    const res = await assertRefusedWithoutChanges(
      h,
      () => login(h.newClient(), username, password),
      400,
      'verification_failed',
      'The username or password is wrong',
    );
    assert.equal(res.body.error.message, 'The username or password is wrong');
  }
  for (const [body, reason] of [
    [{}, /^Invalid body: username: /],
    [{username: 'carol'}, /^Invalid body: password: /],
    [{username: 'carol', password: ''}, /^Invalid body: password: /],
    [{username: 'carol', password: 5}, /^Invalid body: password: /],
  ] as const) {
    await assertRefusedWithoutChanges(
      h,
      () => h.client.post('/password/login', body),
      400,
      'invalid_request',
      reason,
    );
  }
  await login(h.client, 'carol', 'still wrong');
  await login(h.client, 'carol', 'still wrong');
  const closed = await assertRefusedWithoutChanges(
    h,
    () => login(h.newClient(), 'carol'),
    429,
    'rate_limited',
    'Too many failed attempts for this account; try again later',
  );
  assert.ok(Number(closed.headers.get('retry-after')) > 0);
  // Another account is not affected.
  await register(h, 'dave');
  assert.equal((await login(h.newClient(), 'dave')).status, 200);
});

test('password: register refuses bad input, and is off in production (404)', async (t) => {
  const h = await startHarness();
  t.after(() => h.close());
  for (const [body, reason] of [
    [{username: 'x', password: 'short'}, /^Invalid body: password: Too small/],
    [{username: '', password: PASSWORD}, /^Invalid body: username: Too small/],
    [{username: 'x', password: PASSWORD, mfa: 'yes'}, /^Invalid body: mfa: /],
  ] as const) {
    await assertRefusedWithoutChanges(
      h,
      () => h.client.post('/password/register', body),
      400,
      'invalid_request',
      reason,
    );
  }
  const prod = await startHarness({development: false, emailSignup: false});
  t.after(() => prod.close());
  await assertRefusedWithoutChanges(
    prod,
    () => prod.client.post('/password/register', {username: 'x', password: PASSWORD}),
    404,
    'not_found',
    'No such endpoint',
  );
});

test('MFA: password then enrol a passkey (mode register), then later sign in with it (mode verify); tokens are single-use', async (t) => {
  const h = await startHarness();
  t.after(() => h.close());
  const user = await register(h, 'erin', true);
  const browser = h.newClient();

  const first = await login(browser, 'erin');
  assert.equal(first.status, 200);
  assert.equal(first.body.mfaRequired, true);
  assert.match(first.body.mfaToken, /^[A-Za-z0-9_-]{43}$/);
  assert.equal(first.body.user, undefined);
  assert.equal(h.counts().sessions, 0, 'no session before the second factor');
  const stored = h.db.prepare("SELECT id FROM tokens WHERE purpose = 'mfa'").get() as {id: string};
  assert.notEqual(stored.id, first.body.mfaToken);

  const enrol = await browser.post('/mfa/options', {mfaToken: first.body.mfaToken});
  assert.equal(enrol.status, 200, JSON.stringify(enrol.body));
  assert.equal(enrol.body.mode, 'register');
  assert.equal(enrol.body.options.user.name, 'erin');
  const key = new SoftAuthenticator({origin: ORIGIN});
  const attestation = key.create(enrol.body.options);
  const enrolled = await browser.post('/mfa/verify', {
    mfaToken: first.body.mfaToken,
    response: attestation,
  });
  assert.equal(enrolled.status, 200, JSON.stringify(enrolled.body));
  // Register mode answers with the new passkey too, as /registration/verify does.
  assert.deepEqual(enrolled.body.user, user);
  assert.equal(enrolled.body.passkey.id, attestation.id);
  assert.deepEqual(h.counts(), {users: 1, credentials: 1, sessions: 1});
  assert.equal((await browser.get('/session')).body.user.id, user.id);

  // The token is spent.
  await assertRefusedWithoutChanges(
    h,
    () => browser.post('/mfa/options', {mfaToken: first.body.mfaToken}),
    401,
    'unauthenticated',
    'The mfa token is unknown, used or expired',
  );

  const other = h.newClient();
  const second = await login(other, 'erin');
  const verify = await other.post('/mfa/options', {mfaToken: second.body.mfaToken});
  assert.equal(verify.body.mode, 'verify');
  assert.equal(verify.body.options.allowCredentials.length, 1);
  const res = await other.post('/mfa/verify', {
    mfaToken: second.body.mfaToken,
    response: key.get(verify.body.options),
  });
  assert.equal(res.status, 200, JSON.stringify(res.body));
  assert.deepEqual(res.body, {user});
  assert.equal(h.counts().sessions, 2);
});

test('MFA: refuses bad tokens, another token\u2019s challenge, the wrong kind of response and other accounts\u2019 passkeys', async (t) => {
  const h = await startHarness();
  t.after(() => h.close());
  await register(h, 'erin', true);
  await register(h, 'frank', true);
  // Mallory has a passkey of her own on this server.
  const mallorysKey = new SoftAuthenticator({origin: ORIGIN});
  await signUp(h, 'mallory', {client: h.newClient(), authenticator: mallorysKey});

  const token = async (username: string) =>
    (await login(h.newClient(), username)).body.mfaToken as string;
  await assertRefusedWithoutChanges(
    h,
    () => h.client.post('/mfa/options', {mfaToken: 'nope'}),
    401,
    'unauthenticated',
    'The mfa token is unknown, used or expired',
  );
  await assertRefusedWithoutChanges(
    h,
    () => h.client.post('/mfa/options', {}),
    400,
    'invalid_request',
    'Invalid body: mfaToken: Invalid input: expected string, received undefined',
  );

  const erin = await token('erin');
  const frank = await token('frank');
  const options = (await h.client.post('/mfa/options', {mfaToken: erin})).body.options;
  const key = new SoftAuthenticator({origin: ORIGIN});
  // Frank's token with Erin's challenge.
  await assertRefusedWithoutChanges(
    h,
    () => h.client.post('/mfa/verify', {mfaToken: frank, response: key.create(options)}),
    400,
    'challenge_invalid',
    'The challenge is unknown, expired, already used or for another purpose',
  );
  // An assertion with Mallory's passkey against Erin's enrolment challenge.
  const options2 = (await h.client.post('/mfa/options', {mfaToken: erin})).body.options;
  await assertRefusedWithoutChanges(
    h,
    () =>
      h.client.post('/mfa/verify', {
        mfaToken: erin,
        response: mallorysKey.get({
          challenge: options2.challenge,
          rpId: 'localhost',
          allowCredentials: [],
        }),
      }),
    400,
    'challenge_invalid',
    'The response does not fit this challenge',
  );
  await assertRefusedWithoutChanges(
    h,
    () => h.client.post('/mfa/verify', {mfaToken: 'nope', response: key.create(options2)}),
    401,
    'unauthenticated',
    'The mfa token is unknown, used or expired',
  );
  // Both tokens are still good after all that.
  const options3 = (await h.client.post('/mfa/options', {mfaToken: erin})).body.options;
  const ok = await h.client.post('/mfa/verify', {mfaToken: erin, response: key.create(options3)});
  assert.equal(ok.status, 200, JSON.stringify(ok.body));
  assert.equal((await h.newClient().post('/mfa/options', {mfaToken: frank})).status, 200);
});

test('DELETE /passkeys/{id}: a password counts as another way in when MFA is off (with MFA on it does not: mfa-enrolment.test.ts)', async (t) => {
  const h = await startHarness();
  t.after(() => h.close());
  await register(h, 'erin');
  const browser = h.newClient();
  assert.equal((await login(browser, 'erin')).status, 200);
  const options = (await browser.post('/registration/options', {})).body.options;
  const key = new SoftAuthenticator({origin: ORIGIN});
  const response = key.create(options);
  assert.equal((await browser.post('/registration/verify', {response})).status, 201);
  // Deleting a passkey is sensitive (v1.1): the password session confirms with the passkey first.
  assertError(await browser.delete(`/passkeys/${response.id}`), 401, 'reauth_required');
  const reauth = (await browser.post('/reauth/options', {})).body.options;
  assert.equal((await browser.post('/reauth/verify', {response: key.get(reauth)})).status, 200);
  assert.equal((await browser.delete(`/passkeys/${response.id}`)).status, 204);
});
