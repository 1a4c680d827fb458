/**
 * Sessions, tokens and the operator reset (#14 items 2 and 4): the `__Host-` cookie on https, two
 * session cookies refused, `DELETE /sessions`, recovery and operator reset ending the user's other
 * sessions and outstanding tokens, tokens burned only when their ceremony succeeds, and the admin
 * endpoints' uniform, rate-limited refusals. On SQLite and PostgreSQL (`TEST_ENGINE`).
 */
import assert from 'node:assert/strict';
import {test} from 'node:test';
import {TestBrowser} from '../../src/testing/test-browser.js';
import {
  ENGINE,
  assertError,
  assertRefusedWithoutChanges,
  registrationOptions,
  signIn,
  signUp,
  startHarness,
  type Harness,
  type TestClient,
} from './helpers/harness.js';

const ADMIN_KEY = 'q7Vb0x-3kLmZ_T9sW1pYc4RfHn8dJ2aE6uGiO5vXtKw';
const PASSWORD = 'correct horse battery';

const tokenRows = (h: Harness, purpose: string) =>
  Number(
    (
      h.db.prepare('SELECT count(*) AS n FROM tokens WHERE purpose = ?').get(purpose) as {
        n: number;
      }
    ).n,
  );

async function recoveryToken(client: TestClient, username: string, code: string) {
  const res = await client.post('/recovery/redeem', {username, code});
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return res.body.recoveryToken as string;
}

async function codes(client: TestClient): Promise<string[]> {
  const res = await client.post('/recovery/codes', {});
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return res.body.codes;
}

test(`sessions (${ENGINE}): on https the cookie is __Host- (Secure, Path=/, no Domain); the bare name is not read`, async (t) => {
  const origin = 'https://example.com';
  const h = await startHarness({rpId: 'example.com', origins: [origin]});
  t.after(() => h.close());
  const browser = new TestBrowser(`${origin}/passkeys`, origin, (r) => h.server.fetch(r));
  assert.equal(
    (await browser.post('/password/register', {username: 'alice', password: PASSWORD})).status,
    201,
  );
  const login = await browser.post('/password/login', {username: 'alice', password: PASSWORD});
  assert.equal(login.status, 200);
  const [line] = login.headers.getSetCookie();
  assert.match(line!, /^__Host-passkey_session=[A-Za-z0-9_-]{43};/);
  assert.match(line!, /; Path=\/(;|$)/);
  assert.match(line!, /; Secure(;|$)/);
  assert.match(line!, /; HttpOnly(;|$)/);
  assert.doesNotMatch(line!, /Domain=/i);
  assert.equal((await browser.get('/session')).body.user.username, 'alice');

  // The same token under the unprefixed name (as a sibling subdomain could set it) is not a session.
  const token = browser.cookies.get('__Host-passkey_session')!;
  const tossed = new TestBrowser(`${origin}/passkeys`, origin, (r) => h.server.fetch(r));
  tossed.cookies.set('passkey_session', token);
  assert.equal((await tossed.get('/session')).body.user, null);
});

test(`sessions (${ENGINE}): a request with two session cookies is refused, and changes nothing`, async (t) => {
  const h = await startHarness();
  t.after(() => h.close());
  await signUp(h, 'alice');
  const real = h.client.cookies.get('passkey_session')!;
  const other = h.newClient();
  await signUp(h, 'mallory', {client: other});
  const planted = other.cookies.get('passkey_session')!;
  const cookie = `passkey_session=${planted}; passkey_session=${real}`;
  const reason = 'The request carries more than one session cookie; sign out and sign in again';
  const twice = h.newClient();
  for (const [method, path, json] of [
    ['GET', '/session', undefined],
    ['GET', '/passkeys', undefined],
    ['POST', '/recovery/codes', {}],
    ['DELETE', '/sessions', undefined],
    ['POST', '/registration/options', {}],
  ] as const) {
    await assertRefusedWithoutChanges(
      h,
      () => twice.request(method, path, {headers: {cookie}, ...(json ? {json} : {})}),
      401,
      'unauthenticated',
      reason,
    );
  }
  const codeRows = h.db.prepare('SELECT count(*) AS n FROM recovery_codes').get() as {n: number};
  assert.equal(Number(codeRows.n), 0, 'no recovery codes were made');
  // Signing out still works, and ends both sessions.
  const out = await twice.request('DELETE', '/session', {headers: {cookie}});
  assert.equal(out.status, 204);
  assert.equal(h.counts().sessions, 0);
});

test(`sessions (${ENGINE}): DELETE /sessions ends every other session of the user, keeps this one`, async (t) => {
  const h = await startHarness();
  t.after(() => h.close());
  await signUp(h, 'alice');
  const laptop = h.newClient();
  const phone = h.newClient();
  assert.equal((await signIn(h, 'alice', {client: laptop})).status, 200);
  assert.equal((await signIn(h, 'alice', {client: phone})).status, 200);
  const bob = h.newClient();
  await signUp(h, 'bob', {client: bob});
  assert.equal(h.counts().sessions, 4);

  await assertRefusedWithoutChanges(
    h,
    () => h.newClient().delete('/sessions'),
    401,
    'unauthenticated',
    'Sign in first',
  );
  const res = await h.client.delete('/sessions');
  assert.equal(res.status, 204);
  assert.equal(res.body, null);
  assert.equal(h.counts().sessions, 2, "alice's session and bob's");
  assert.equal((await h.client.get('/session')).body.user.username, 'alice');
  assert.equal((await laptop.get('/session')).body.user, null);
  assert.equal((await phone.get('/session')).body.user, null);
  assert.equal((await bob.get('/session')).body.user.username, 'bob');
});

test(`recovery (${ENGINE}): ends the user's other sessions (a stolen one too) and drops their other recovery tokens`, async (t) => {
  const h = await startHarness();
  t.after(() => h.close());
  await signUp(h, 'alice');
  const thief = h.newClient();
  thief.cookies.set('passkey_session', h.client.cookies.get('passkey_session')!);
  const set = await codes(h.client);
  const lost = h.newClient();
  const first = await recoveryToken(lost, 'alice', set[0]!);
  const second = await recoveryToken(h.newClient(), 'alice', set[1]!);
  assert.equal(tokenRows(h, 'recovery'), 2);

  const options = await registrationOptions(lost, {recoveryToken: first});
  const res = await lost.post('/registration/verify', {response: h.authenticator.create(options)});
  assert.equal(res.status, 201, JSON.stringify(res.body));
  assert.equal(h.counts().sessions, 1, 'only the session recovery started');
  assert.equal((await lost.get('/session')).body.user.username, 'alice');
  assert.equal((await thief.get('/session')).body.user, null, 'the stolen session ended');
  assert.equal((await h.client.get('/session')).body.user, null);
  assert.equal(tokenRows(h, 'recovery'), 0);
  await assertRefusedWithoutChanges(
    h,
    () => h.newClient().post('/registration/options', {recoveryToken: second}),
    401,
    'unauthenticated',
    'The recovery token is unknown, used or expired',
  );
});

test(`tokens (${ENGINE}): a 409 at the end of recovery leaves the recovery token usable`, async (t) => {
  const h = await startHarness();
  t.after(() => h.close());
  const alice = await signUp(h, 'alice');
  const set = await codes(h.client);
  const lost = h.newClient();
  const token = await recoveryToken(lost, 'alice', set[0]!);
  const options = await registrationOptions(lost, {recoveryToken: token});
  const duplicate = h.authenticator.create(options, {
    credentialId: Buffer.from(alice.credentialId, 'base64url'),
  });
  await assertRefusedWithoutChanges(
    h,
    () => lost.post('/registration/verify', {response: duplicate}),
    409,
    'credential_exists',
    'This passkey is already registered',
  );
  assert.equal(tokenRows(h, 'recovery'), 1, 'the token is still there');
  const again = await registrationOptions(lost, {recoveryToken: token});
  const res = await lost.post('/registration/verify', {response: h.authenticator.create(again)});
  assert.equal(res.status, 201, JSON.stringify(res.body));
  assert.equal(tokenRows(h, 'recovery'), 0, 'used up by the recovery that succeeded');
});

test(`tokens (${ENGINE}): a 409 at the end of an email signup leaves the signup token usable`, async (t) => {
  const h = await startHarness();
  t.after(() => h.close());
  const alice = await signUp(h, 'alice');
  const browser = h.newClient();
  assert.equal((await browser.post('/signup/email', {email: 'erin@example.com'})).status, 202);
  const mail = (await browser.get('/dev/outbox')).body.at(-1) as {text: string};
  const code = /\b(\d{6})\b/.exec(mail.text)![1]!;
  const verified = await browser.post('/signup/email/verify', {email: 'erin@example.com', code});
  assert.equal(verified.status, 200);
  const {signupToken} = verified.body;
  const options = await registrationOptions(browser, {signupToken, username: 'erin'});
  const duplicate = h.authenticator.create(options, {
    credentialId: Buffer.from(alice.credentialId, 'base64url'),
  });
  await assertRefusedWithoutChanges(
    h,
    () => browser.post('/registration/verify', {response: duplicate}),
    409,
    'credential_exists',
    'This passkey is already registered',
  );
  assert.equal(tokenRows(h, 'signup'), 1, 'the token is still there');
  const again = await registrationOptions(browser, {signupToken, username: 'erin'});
  const res = await browser.post('/registration/verify', {
    response: h.authenticator.create(again),
  });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  assert.equal(res.body.user.username, 'erin');
  assert.equal(tokenRows(h, 'signup'), 0);
});

test(`admin (${ENGINE}): off, missing and wrong keys get one identical 401, checked before the path`, async (t) => {
  const on = await startHarness({adminKey: ADMIN_KEY});
  t.after(() => on.close());
  const off = await startHarness({adminKey: null});
  t.after(() => off.close());
  const {user} = await signUp(on, 'alice');
  const answers = [];
  for (const [h, headers, path] of [
    [off, {authorization: `Bearer ${ADMIN_KEY}`}, `/admin/users/${user.id}/passkeys`],
    [off, {}, `/admin/users/${user.id}/passkeys`],
    [on, {}, `/admin/users/${user.id}/passkeys`],
    [on, {authorization: `Bearer ${ADMIN_KEY}x`}, `/admin/users/${user.id}/passkeys`],
    [on, {authorization: `Basic ${ADMIN_KEY}`}, `/admin/users/${user.id}/passkeys`],
    [on, {authorization: 'Bearer '}, `/admin/users/${user.id}/passkeys`],
    [on, {authorization: 'Bearer x'}, '/admin/users/%00%01/passkeys'],
  ] as const) {
    const res = await assertRefusedWithoutChanges(
      h,
      () => h.client.delete(path, {headers}),
      401,
      'unauthenticated',
      'A valid admin key is required',
    );
    answers.push({body: res.body, auth: res.headers.get('www-authenticate')});
  }
  for (const answer of answers) assert.deepEqual(answer, answers[0]);
  assert.equal(answers[0]!.auth, 'Bearer');
});

test(`admin (${ENGINE}): key attempts are rate-limited per client`, async (t) => {
  const h = await startHarness({adminKey: ADMIN_KEY, rateLimitPerMinute: 3});
  t.after(() => h.close());
  const path = '/admin/users/nobody/passkeys';
  for (let i = 0; i < 3; i++) {
    assertError(
      await h.client.delete(path, {headers: {authorization: `Bearer guess-${i}`}}),
      401,
      'unauthenticated',
      'A valid admin key is required',
    );
  }
  const res = await h.client.delete(path, {headers: {authorization: `Bearer ${ADMIN_KEY}`}});
  assertError(res, 429, 'rate_limited', 'Too many requests; try again later');
  assert.ok(Number(res.headers.get('retry-after')) > 0);
});

test(`admin (${ENGINE}): an operator reset ends the user's sessions and their outstanding recovery tokens`, async (t) => {
  const h = await startHarness({adminKey: ADMIN_KEY});
  t.after(() => h.close());
  const {user} = await signUp(h, 'alice');
  const set = await codes(h.client);
  const token = await recoveryToken(h.newClient(), 'alice', set[0]!);
  const bob = h.newClient();
  await signUp(h, 'bob', {client: bob});
  const res = await h.newClient().delete(`/admin/users/${user.id}/passkeys`, {
    headers: {authorization: `Bearer ${ADMIN_KEY}`},
  });
  assert.equal(res.status, 204);
  assert.equal((await h.client.get('/session')).body.user, null);
  assert.equal(h.counts().sessions, 1, "only bob's");
  assert.equal(tokenRows(h, 'recovery'), 0);
  await assertRefusedWithoutChanges(
    h,
    () => h.newClient().post('/registration/options', {recoveryToken: token}),
    401,
    'unauthenticated',
    'The recovery token is unknown, used or expired',
  );
});

test(`tokens (${ENGINE}): a 409 at the end of an MFA enrolment leaves the mfa token usable`, async (t) => {
  const h = await startHarness();
  t.after(() => h.close());
  const alice = await signUp(h, 'alice');
  const browser = h.newClient();
  const registered = await browser.post('/password/register', {
    username: 'erin',
    password: PASSWORD,
    mfa: true,
  });
  assert.equal(registered.status, 201);
  const login = await browser.post('/password/login', {username: 'erin', password: PASSWORD});
  const {mfaToken} = login.body;
  assert.equal(typeof mfaToken, 'string');
  const first = await browser.post('/mfa/options', {mfaToken});
  assert.equal(first.body.mode, 'register');
  const duplicate = h.authenticator.create(first.body.options, {
    credentialId: Buffer.from(alice.credentialId, 'base64url'),
  });
  await assertRefusedWithoutChanges(
    h,
    () => browser.post('/mfa/verify', {mfaToken, response: duplicate}),
    409,
    'credential_exists',
    'This passkey is already registered',
  );
  assert.equal(tokenRows(h, 'mfa'), 1, 'the token is still there');
  const again = await browser.post('/mfa/options', {mfaToken});
  const res = await browser.post('/mfa/verify', {
    mfaToken,
    response: h.authenticator.create(again.body.options),
  });
  assert.equal(res.status, 200, JSON.stringify(res.body));
  assert.equal(tokenRows(h, 'mfa'), 0);
});
