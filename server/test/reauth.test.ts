/**
 * Re-authentication and step-up (contract v1.1, #14 item 2): which ceremonies mark a session
 * verified (`GET /session`'s `verifiedAt`), the sensitive calls refused with `401
 * reauth_required` (after `401 unauthenticated`) from a password-only or stale session with
 * nothing changed, `/reauth/options` and `/reauth/verify`, and the step-up token as the site's
 * own backend checks it (`checkStepUpToken`): once, for its session and action only, not after it
 * expires. On SQLite and PostgreSQL (`TEST_ENGINE`).
 */
import assert from 'node:assert/strict';
import {once} from 'node:events';
import {createServer, type IncomingMessage} from 'node:http';
import type {AddressInfo} from 'node:net';
import {test, type TestContext} from 'node:test';
import {checkStepUpToken, readSession, STEP_UP_TOKEN_TTL_MS} from '../src/index.js';
import {
  ENGINE,
  ORIGIN,
  addPasskey,
  assertError,
  assertRefusedWithoutChanges,
  signIn,
  signUp,
  startHarness,
  type ApiResponse,
  type Harness,
  type TestClient,
} from './helpers/harness.js';
import {SoftAuthenticator} from './helpers/soft-authenticator.js';

const PASSWORD = 'correct horse battery';
const FIVE_MINUTES = 5 * 60_000;

/** A password account (development seeding), optionally with MFA on. */
async function registerPassword(h: Harness, username: string, mfa = false) {
  const res = await h.newClient().post('/password/register', {username, password: PASSWORD, mfa});
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return res.body.user as {id: string};
}

async function passwordLogin(client: TestClient, username: string) {
  const res = await client.post('/password/login', {username, password: PASSWORD});
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return res.body;
}

async function verifiedAt(client: TestClient): Promise<string | null> {
  const res = await client.get('/session');
  assert.equal(res.status, 200);
  assert.ok('verifiedAt' in res.body, 'GET /session carries verifiedAt');
  return res.body.verifiedAt;
}

/** `/reauth/options` then `/reauth/verify` with `authenticator`; returns the verify answer. */
async function reauth(
  h: Harness,
  client: TestClient,
  body: {action?: string} = {},
  authenticator: SoftAuthenticator = h.authenticator,
): Promise<ApiResponse> {
  const options = await client.post('/reauth/options', {});
  assert.equal(options.status, 200, JSON.stringify(options.body));
  const response = authenticator.get(options.body.options);
  return client.post('/reauth/verify', {response, ...body});
}

/** A fetch `Request` as the site's own backend would see it from `client` (its cookies). */
function requestFrom(client: TestClient): Request {
  const cookie = [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  return new Request(`${ORIGIN}/transfer`, {method: 'POST', headers: cookie ? {cookie} : {}});
}

const check = (h: Harness, client: TestClient, token: string, action?: string) =>
  checkStepUpToken(h.server, requestFrom(client), action === undefined ? {token} : {token, action});

const recoveryCodeRows = (h: Harness) =>
  Number((h.db.prepare('SELECT count(*) AS n FROM recovery_codes').get() as {n: number}).n);

const stepUpRows = (h: Harness) =>
  Number(
    (h.db.prepare("SELECT count(*) AS n FROM tokens WHERE purpose = 'stepup'").get() as {n: number})
      .n,
  );

test(`reauth (${ENGINE}): verifiedAt is set by a passkey sign-up, sign-in and second factor, not by a password sign-in`, async (t) => {
  const h = await startHarness();
  t.after(() => h.close());
  const before = Date.now();
  await signUp(h, 'alice');
  const afterSignUp = await verifiedAt(h.client);
  assert.ok(afterSignUp && Date.parse(afterSignUp) >= before - 1000, `sign-up: ${afterSignUp}`);

  const other = h.newClient();
  assert.equal((await signIn(h, 'alice', {client: other})).status, 200);
  assert.ok(await verifiedAt(other), 'passkey sign-in');

  // A recovery that creates a passkey starts a verified session.
  const codes = await h.client.post('/recovery/codes', {});
  assert.equal(codes.status, 200);
  const recovering = h.newClient();
  const redeemed = await recovering.post('/recovery/redeem', {
    username: 'alice',
    code: codes.body.codes[0],
  });
  assert.equal(redeemed.status, 200, JSON.stringify(redeemed.body));
  const recoveryOptions = await recovering.post('/registration/options', {
    recoveryToken: redeemed.body.recoveryToken,
  });
  assert.equal(recoveryOptions.status, 200, JSON.stringify(recoveryOptions.body));
  const recovered = await recovering.post('/registration/verify', {
    response: h.authenticator.create(recoveryOptions.body.options),
  });
  assert.equal(recovered.status, 201, JSON.stringify(recovered.body));
  assert.ok(await verifiedAt(recovering), 'recovery');

  // Without user verification (a server set to `preferred`), a passkey sign-in does not count.
  const preferred = await startHarness({userVerification: 'preferred'});
  t.after(() => preferred.close());
  await signUp(preferred, 'bob');
  const noUv = preferred.newClient();
  assert.equal(
    (await signIn(preferred, 'bob', {client: noUv, tamper: {flags: {uv: false}}})).status,
    200,
  );
  assert.equal(await verifiedAt(noUv), null, 'a sign-in without UV');

  await registerPassword(h, 'carol');
  const password = h.newClient();
  await passwordLogin(password, 'carol');
  assert.equal(await verifiedAt(password), null, 'password sign-in');
  assert.equal(await verifiedAt(h.newClient()), null, 'signed out');

  // MFA: the password, then the passkey second factor (register mode, then verify mode).
  await registerPassword(h, 'dave', true);
  const mfa = h.newClient();
  const first = await passwordLogin(mfa, 'dave');
  const options = await mfa.post('/mfa/options', {mfaToken: first.mfaToken});
  assert.equal(options.body.mode, 'register');
  const created = h.authenticator.create(options.body.options);
  assert.equal(
    (await mfa.post('/mfa/verify', {mfaToken: first.mfaToken, response: created})).status,
    200,
  );
  assert.ok(await verifiedAt(mfa), 'mfa register');
  const again = h.newClient();
  const second = await passwordLogin(again, 'dave');
  const verifyOptions = await again.post('/mfa/options', {mfaToken: second.mfaToken});
  assert.equal(verifyOptions.body.mode, 'verify');
  const asserted = h.authenticator.get(verifyOptions.body.options);
  assert.equal(
    (await again.post('/mfa/verify', {mfaToken: second.mfaToken, response: asserted})).status,
    200,
  );
  assert.ok(await verifiedAt(again), 'mfa verify');
});

test(`reauth (${ENGINE}): each sensitive call from a password-only or stale session is 401 reauth_required, after 401 unauthenticated, and changes nothing; after /reauth/verify it works`, async (t) => {
  const h = await startHarness();
  t.after(() => h.close());
  // An account with a password and two passkeys: a password sign-in is not a verification.
  const user = await registerPassword(h, 'erin');
  const client = h.newClient();
  await passwordLogin(client, 'erin');
  const first = await addPasskey(h, client); // the upgrade path: no passkey yet, no reauth
  const second = h.newClient();
  assert.equal((await signIn(h, 'erin', {client: second})).status, 200);
  await addPasskey(h, second);
  assert.equal(await verifiedAt(client), null);

  const sensitive: [string, (c: TestClient) => Promise<ApiResponse>][] = [
    ['DELETE /passkeys/{id}', (c) => c.delete(`/passkeys/${first}`)],
    ['POST /recovery/codes', (c) => c.post('/recovery/codes', {})],
    ['DELETE /sessions', (c) => c.delete('/sessions')],
    ['POST /registration/options', (c) => c.post('/registration/options', {})],
  ];
  for (const [name, call] of sensitive) {
    await t.test(name, async () => {
      // Without a session, /registration/options is a sign-up (its own refusals), not a 401.
      if (!name.startsWith('POST /registration'))
        await assertRefusedWithoutChanges(h, () => call(h.newClient()), 401, 'unauthenticated');
      const challenges = Number(
        (h.db.prepare('SELECT count(*) AS n FROM challenges').get() as {n: number}).n,
      );
      await assertRefusedWithoutChanges(h, () => call(client), 401, 'reauth_required');
      assert.equal(recoveryCodeRows(h), 0, 'no recovery codes');
      assert.equal(
        Number((h.db.prepare('SELECT count(*) AS n FROM challenges').get() as {n: number}).n),
        challenges,
        'no challenge stored',
      );
    });
  }
  // The other session is still there (DELETE /sessions did nothing), and so is the passkey.
  assert.equal((await second.get('/session')).body.user.id, user.id);

  // A stale verification (older than the window) is refused the same way.
  h.advanceClock(FIVE_MINUTES + 1000);
  for (const [, call] of sensitive)
    await assertRefusedWithoutChanges(h, () => call(second), 401, 'reauth_required');

  // After /reauth/verify every call goes through.
  const verified = await reauth(h, client);
  assert.equal(verified.status, 200, JSON.stringify(verified.body));
  assert.equal(await verifiedAt(client), verified.body.verifiedAt);
  assert.equal((await client.post('/registration/options', {})).status, 200);
  assert.equal((await client.post('/recovery/codes', {})).status, 200);
  assert.equal(recoveryCodeRows(h), 10);
  assert.equal((await client.delete('/sessions')).status, 204);
  assert.equal((await second.get('/session')).body.user, null, 'the other session ended');
  assert.equal((await client.delete(`/passkeys/${first}`)).status, 204);

  // The window is REAUTH_WINDOW_MS: inside it still works, past it does not.
  h.advanceClock(FIVE_MINUTES - 20_000);
  assert.equal((await client.post('/recovery/codes', {})).status, 200);
  h.advanceClock(40_000);
  assertError(await client.post('/recovery/codes', {}), 401, 'reauth_required');
});

test(`reauth (${ENGINE}): the window is configurable (reauthWindowMs)`, async (t) => {
  const h = await startHarness({reauthWindowMs: 60_000});
  t.after(() => h.close());
  await signUp(h, 'frank');
  h.advanceClock(61_000);
  assertError(await h.client.post('/recovery/codes', {}), 401, 'reauth_required');
  assert.equal((await reauth(h, h.client)).status, 200);
  assert.equal((await h.client.post('/recovery/codes', {})).status, 200);
});

test(`reauth (${ENGINE}): /reauth/options and /reauth/verify need a session; options offer the user's passkeys with UV required; a user without passkeys is refused`, async (t) => {
  const h = await startHarness({userVerification: 'preferred'});
  t.after(() => h.close());
  const anonymous = h.newClient();
  assertError(await anonymous.post('/reauth/options', {}), 401, 'unauthenticated');

  await signUp(h, 'grace');
  await addPasskey(h, h.client);
  const options = await h.client.post('/reauth/options', {});
  assert.equal(options.status, 200);
  assert.equal(options.body.options.userVerification, 'required');
  const ids = (await h.client.get('/passkeys')).body.passkeys.map((p: {id: string}) => p.id);
  assert.deepEqual(
    options.body.options.allowCredentials.map((c: {id: string}) => c.id).sort(),
    [...ids].sort(),
  );

  // A valid assertion, sent without the session: 401, and no token.
  const response = h.authenticator.get(options.body.options);
  await assertRefusedWithoutChanges(
    h,
    () => anonymous.post('/reauth/verify', {response}),
    401,
    'unauthenticated',
  );
  assert.equal(stepUpRows(h), 0);

  // UV is required here even though the server's ceremonies only prefer it.
  const noUv = h.authenticator.get((await h.client.post('/reauth/options', {})).body.options, {
    flags: {uv: false},
  });
  assertError(
    await h.client.post('/reauth/verify', {response: noUv}),
    400,
    'verification_failed',
    /user could not be verified/i,
  );
  assert.equal(stepUpRows(h), 0);

  // A bad action is a bad body.
  const fresh = h.authenticator.get((await h.client.post('/reauth/options', {})).body.options);
  assertError(
    await h.client.post('/reauth/verify', {response: fresh, action: ''}),
    400,
    'invalid_request',
  );
  assertError(
    await h.client.post('/reauth/verify', {response: fresh, action: 'x'.repeat(201)}),
    400,
    'invalid_request',
  );

  // A password-only account has nothing to confirm with.
  await registerPassword(h, 'heidi');
  const password = h.newClient();
  await passwordLogin(password, 'heidi');
  assertError(await password.post('/reauth/options', {}), 403, 'forbidden');
});

test(`reauth (${ENGINE}): /reauth/verify marks this session (no new session, no cookie) and updates the counter; another user's passkey or challenge fails`, async (t) => {
  const h = await startHarness();
  t.after(() => h.close());
  await signUp(h, 'ivan');
  h.advanceClock(FIVE_MINUTES + 1000);
  const sessionsBefore = h.counts().sessions;
  const cookie = h.client.cookies.get('passkey_session');
  const counterBefore = Number(
    (h.db.prepare('SELECT counter FROM credentials').get() as {counter: number}).counter,
  );
  const res = await reauth(h, h.client);
  assert.equal(res.status, 200, JSON.stringify(res.body));
  assert.deepEqual(Object.keys(res.body).sort(), ['stepUpToken', 'verifiedAt']);
  assert.match(res.body.stepUpToken, /^[A-Za-z0-9_-]{43}$/);
  assert.ok(!Number.isNaN(Date.parse(res.body.verifiedAt)));
  assert.equal(res.headers.getSetCookie().length, 0, 'no cookie set');
  assert.equal(h.client.cookies.get('passkey_session'), cookie);
  assert.equal(h.counts().sessions, sessionsBefore, 'no new session');
  assert.equal(
    Number((h.db.prepare('SELECT counter FROM credentials').get() as {counter: number}).counter),
    counterBefore + 1,
  );
  // Only the token's hash is stored.
  assert.equal(stepUpRows(h), 1);
  const byValue = h.db
    .prepare('SELECT count(*) AS n FROM tokens WHERE id = ?')
    .get(res.body.stepUpToken) as {n: number};
  assert.equal(Number(byValue.n), 0);

  // Mallory, signed in as herself, presents Ivan's passkey (a stolen assertion would be the
  // same): her own challenge, his credential.
  const mallory = h.newClient();
  const malloryKey = new SoftAuthenticator({origin: ORIGIN});
  await signUp(h, 'mallory', {client: mallory, authenticator: malloryKey});
  h.advanceClock(FIVE_MINUTES + 1000);
  const malloryVerifiedAt = await verifiedAt(mallory);
  const hers = (await mallory.post('/reauth/options', {})).body.options;
  const ivansCredential = [...h.authenticator.credentials.keys()][0]!;
  const forged = h.authenticator.get(hers, {credentialId: ivansCredential});
  assertError(
    await mallory.post('/reauth/verify', {response: forged}),
    400,
    'verification_failed',
    'This passkey belongs to another account',
  );
  assert.equal(await verifiedAt(mallory), malloryVerifiedAt, 'her session is not marked');
  assertError(await mallory.post('/recovery/codes', {}), 401, 'reauth_required');

  // Ivan's challenge answered in Mallory's session: the challenge is not hers.
  const his = (await h.client.post('/reauth/options', {})).body.options;
  const withHisChallenge = malloryKey.get({...his, allowCredentials: []});
  assertError(
    await mallory.post('/reauth/verify', {response: withHisChallenge}),
    400,
    'challenge_invalid',
  );
  assertError(await mallory.post('/recovery/codes', {}), 401, 'reauth_required');

  // A sign-in challenge does not serve a re-authentication.
  const signInOptions = (await h.client.post('/authentication/options', {username: 'ivan'})).body
    .options;
  assertError(
    await h.client.post('/reauth/verify', {response: h.authenticator.get(signInOptions)}),
    400,
    'challenge_invalid',
  );
});

test(`reauth (${ENGINE}): /reauth/verify refuses a replayed or expired answer and a body of the wrong shape, marking nothing`, async (t) => {
  const h = await startHarness();
  t.after(() => h.close());
  await signUp(h, 'judy');
  h.advanceClock(FIVE_MINUTES + 1000);
  const before = await verifiedAt(h.client);

  // Wrong shapes: no response, a string, an empty object.
  for (const body of [{}, {response: 'x'}, {response: {}}])
    assertError(await h.client.post('/reauth/verify', body), 400, 'invalid_request');

  // An answer whose challenge has expired.
  const stale = h.authenticator.get((await h.client.post('/reauth/options', {})).body.options);
  h.advanceClock(5 * 60_000 + 1000);
  assertError(await h.client.post('/reauth/verify', {response: stale}), 400, 'challenge_invalid');
  assert.equal(await verifiedAt(h.client), before, 'not marked');
  assert.equal(stepUpRows(h), 0);

  // A good answer works once; the same answer again is refused and issues no second token.
  const answer = h.authenticator.get((await h.client.post('/reauth/options', {})).body.options);
  assert.equal((await h.client.post('/reauth/verify', {response: answer})).status, 200);
  assertError(await h.client.post('/reauth/verify', {response: answer}), 400, 'challenge_invalid');
  assert.equal(stepUpRows(h), 1);
});

test(`reauth (${ENGINE}): the step-up token is accepted once, only for its session and action, and not after 5 minutes`, async (t) => {
  const h = await startHarness();
  t.after(() => h.close());
  const {user} = await signUp(h, 'judy');
  const res = await reauth(h, h.client, {action: 'transfer:42'});
  assert.equal(res.status, 200, JSON.stringify(res.body));
  const token = res.body.stepUpToken as string;

  // Another session of the same user, another action, no action, no session: refused, and the
  // token is left for the right check.
  const otherSession = h.newClient();
  assert.equal((await signIn(h, 'judy', {client: otherSession})).status, 200);
  assert.equal(await check(h, otherSession, token, 'transfer:42'), null, 'another session');
  assert.equal(await check(h, h.client, token, 'transfer:43'), null, 'another action');
  assert.equal(await check(h, h.client, token), null, 'no action');
  assert.equal(await check(h, h.newClient(), token, 'transfer:42'), null, 'no session');
  assert.equal(await check(h, h.client, 'x'.repeat(43), 'transfer:42'), null, 'unknown token');
  assert.equal(await check(h, h.client, '', 'transfer:42'), null, 'empty token');

  const ok = await check(h, h.client, token, 'transfer:42');
  assert.ok(ok, 'the right check succeeds');
  assert.equal(ok.userId, user.id);
  assert.equal(ok.verifiedAt.toISOString(), res.body.verifiedAt);
  assert.equal(await check(h, h.client, token, 'transfer:42'), null, 'used once');
  assert.equal(stepUpRows(h), 0);

  // Without an action: only a check without one.
  const plain = (await reauth(h, h.client)).body.stepUpToken as string;
  assert.equal(await check(h, h.client, plain, 'transfer:42'), null);
  assert.ok(await check(h, h.client, plain));

  // Another user's session: refused.
  const other = h.newClient();
  await signUp(h, 'ken', {client: other, authenticator: new SoftAuthenticator({origin: ORIGIN})});
  const judys = (await reauth(h, h.client, {action: 'a'})).body.stepUpToken as string;
  assert.equal(await check(h, other, judys, 'a'), null, 'another user');

  // Expired: 5 minutes after /reauth/verify.
  h.advanceClock(STEP_UP_TOKEN_TTL_MS - 30_000);
  assert.ok(await check(h, h.client, judys, 'a'), 'still good before');
  const late = (await reauth(h, h.client, {action: 'a'})).body.stepUpToken as string;
  h.advanceClock(STEP_UP_TOKEN_TTL_MS + 1);
  assert.equal(await check(h, h.client, late, 'a'), null, 'expired');

  // After sign-out the token is worth nothing, even with the old cookie.
  const last = (await reauth(h, h.client, {action: 'b'})).body.stepUpToken as string;
  const request = requestFrom(h.client);
  assert.equal((await h.client.delete('/session')).status, 204);
  assert.equal(await checkStepUpToken(h.server, request, {token: last, action: 'b'}), null);
});

test(`reauth (${ENGINE}): two racing checks of one token: exactly one succeeds`, async (t) => {
  const h = await startHarness();
  t.after(() => h.close());
  await signUp(h, 'leo');
  const token = (await reauth(h, h.client, {action: 'pay'})).body.stepUpToken as string;
  const results = await Promise.all(
    Array.from({length: 8}, () => check(h, h.client, token, 'pay')),
  );
  assert.equal(results.filter(Boolean).length, 1);
});

/** A site's own backend on node:http, checking step-up tokens with Node's request object. */
async function siteBackend(t: TestContext, h: Harness) {
  const server = createServer(async (req: IncomingMessage, res) => {
    let body = '';
    for await (const chunk of req) body += chunk;
    const {token, action} = JSON.parse(body) as {token: string; action?: string};
    const session = await readSession(h.server, req);
    const checked = await checkStepUpToken(h.server, req, {token, action});
    res.writeHead(checked ? 200 : 403, {'content-type': 'application/json'});
    res.end(JSON.stringify({checked, session: session && {userId: session.userId}}));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  t.after(() => new Promise((resolve) => server.close(resolve)));
  const {port} = server.address() as AddressInfo;
  return (client: TestClient, token: string, action?: string) => {
    const cookie = [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    return fetch(`http://127.0.0.1:${port}/transfer`, {
      method: 'POST',
      headers: {'content-type': 'application/json', ...(cookie ? {cookie} : {})},
      body: JSON.stringify({token, action}),
    });
  };
}

test(`reauth (${ENGINE}): over real HTTP, a Node backend checks the token from its IncomingMessage (readSession too)`, async (t) => {
  const h = await startHarness();
  t.after(() => h.close());
  const {user} = await signUp(h, 'mia');
  const transfer = await siteBackend(t, h);
  const token = (await reauth(h, h.client, {action: 'transfer:7'})).body.stepUpToken as string;

  const wrong = await transfer(h.client, token, 'transfer:8');
  assert.equal(wrong.status, 403);
  assert.deepEqual(await wrong.json(), {checked: null, session: {userId: user.id}});
  const right = await transfer(h.client, token, 'transfer:7');
  assert.equal(right.status, 200);
  const body = (await right.json()) as {checked: {userId: string}};
  assert.equal(body.checked.userId, user.id);
  assert.equal((await transfer(h.client, token, 'transfer:7')).status, 403, 'used once');
  const anonymous = await transfer(h.newClient(), token, 'transfer:7');
  assert.deepEqual(await anonymous.json(), {checked: null, session: null});
});

test(`reauth (${ENGINE}): readSession reports the request's live session and its verifiedAt`, async (t) => {
  const h = await startHarness();
  t.after(() => h.close());
  assert.equal(await readSession(h.server, requestFrom(h.newClient())), null);
  const {user} = await signUp(h, 'nina');
  const session = await readSession(h.server, requestFrom(h.client));
  assert.ok(session);
  assert.equal(session.userId, user.id);
  assert.equal(session.verifiedAt?.toISOString(), await verifiedAt(h.client));
  // The cookie twice: no session.
  const cookie = `passkey_session=${h.client.cookies.get('passkey_session')}`;
  const twice = new Request(ORIGIN, {headers: {cookie: `${cookie}; ${cookie}`}});
  assert.equal(await readSession(h.server, twice), null);
  // setSessionVerifiedAt changes that session only.
  const other = h.newClient();
  assert.equal((await signIn(h, 'nina', {client: other})).status, 200);
  assert.equal(await h.server.store.setSessionVerifiedAt(session.id, null), true);
  assert.equal(await verifiedAt(h.client), null);
  assert.ok(await verifiedAt(other));
});
