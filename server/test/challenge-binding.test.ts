/**
 * Challenges bound to the browser that asked for them (contract v1.1, #14): the options call sets
 * the ceremony cookie, and a valid response verified from another browser (another cookie jar,
 * no cookie, or a planted cookie) is refused with `400 challenge_invalid`, stores nothing, and
 * uses the challenge up, so the browser it was issued to cannot use it after. Every verify:
 * registration (direct signup, email signup, adding a passkey, recovery), authentication (with a
 * username and discoverable), mfa (both modes) and reauth. On SQLite and PostgreSQL
 * (`TEST_ENGINE`).
 */
import assert from 'node:assert/strict';
import {test, type TestContext} from 'node:test';
import {TestBrowser} from '../../src/testing/test-browser.js';
import {
  ENGINE,
  ORIGIN,
  assertError,
  assertRefusedWithoutChanges,
  signUp,
  startHarness,
  type ApiResponse,
  type Harness,
  type TestClient,
} from './helpers/harness.js';
import {SoftAuthenticator} from './helpers/soft-authenticator.js';

const PASSWORD = 'correct horse battery';
const COOKIE = 'passkey_session_ceremony';
const OTHER_BROWSER = 'The challenge was issued to another browser';
const UNKNOWN = 'The challenge is unknown, expired, already used or for another purpose';

async function harness(t: TestContext) {
  const h = await startHarness();
  t.after(() => h.close());
  return h;
}

const challengeRows = (h: Harness) =>
  Number((h.db.prepare('SELECT count(*) AS n FROM challenges').get() as {n: number}).n);

/** Another browser that carries the same session cookie as `client` (a stolen or shared session). */
function sameSessionOtherBrowser(h: Harness, client: TestClient): TestClient {
  const other = h.newClient();
  other.cookies.set('passkey_session', client.cookies.get('passkey_session')!);
  return other;
}

async function post(client: TestClient, path: string, body: object) {
  const res = await client.post(path, body);
  assert.equal(res.status, 200, `${path}: ${JSON.stringify(res.body)}`);
  return res.body;
}

/**
 * The core assertion: `verify` from browser `y` is refused as issued to another browser, with no
 * user, passkey or session made; the challenge is gone; the same request from `x` (the browser
 * the challenge was issued to) is then refused as unknown.
 */
async function refusedElsewhereThenGone(
  h: Harness,
  x: TestClient,
  y: TestClient,
  path: string,
  body: object,
) {
  const before = challengeRows(h);
  await assertRefusedWithoutChanges(
    h,
    () => y.post(path, body),
    400,
    'challenge_invalid',
    OTHER_BROWSER,
  );
  assert.equal(challengeRows(h), before - 1, 'the challenge is used up');
  await assertRefusedWithoutChanges(h, () => x.post(path, body), 400, 'challenge_invalid', UNKNOWN);
}

test(`challenge binding (${ENGINE}): the options call sets the ceremony cookie, kept across calls`, async (t) => {
  const h = await harness(t);
  const res = await h.client.post('/authentication/options', {});
  assert.equal(res.status, 200);
  const line = res.headers.getSetCookie().find((l) => l.startsWith(`${COOKIE}=`));
  assert.ok(line, res.headers.getSetCookie().join(' | '));
  assert.match(line, new RegExp(`^${COOKIE}=[A-Za-z0-9_-]{43};`));
  assert.match(line, /; Max-Age=360(;|$)/, 'a challenge TTL (5 minutes) plus a minute');
  assert.match(line, /; Path=\/(;|$)/);
  assert.match(line, /; HttpOnly(;|$)/);
  assert.match(line, /; SameSite=Lax(;|$)/);
  assert.doesNotMatch(line, /Secure|Domain=/i);
  // 32 random bytes and a 16-byte tag.
  assert.equal(Buffer.from(res.body.options.challenge, 'base64url').byteLength, 48);

  // The next options call refreshes the cookie with the same id: two ceremonies (two tabs) of
  // one browser both verify.
  const id = h.client.cookies.get(COOKIE);
  const first = await post(h.client, '/registration/options', {username: 'alice'});
  const second = await post(h.client, '/registration/options', {username: 'bob'});
  assert.equal(h.client.cookies.get(COOKIE), id);
  const bob = await h.client.post('/registration/verify', {
    response: new SoftAuthenticator({origin: ORIGIN}).create(second.options),
  });
  assert.equal(bob.status, 201, JSON.stringify(bob.body));
  const alice = await h.client.post('/registration/verify', {
    response: new SoftAuthenticator({origin: ORIGIN}).create(first.options),
  });
  assert.equal(alice.status, 201, JSON.stringify(alice.body));
});

test(`challenge binding (${ENGINE}): on https the cookie is __Host- and Secure`, async (t) => {
  const origin = 'https://example.com';
  const h = await startHarness({rpId: 'example.com', origins: [origin]});
  t.after(() => h.close());
  const x = new TestBrowser(`${origin}/passkeys`, origin, (r) => h.server.fetch(r));
  const res = await x.post('/registration/options', {username: 'alice'});
  assert.equal(res.status, 200);
  const line = res.headers.getSetCookie().find((l) => l.startsWith(`__Host-${COOKIE}=`));
  assert.ok(line, res.headers.getSetCookie().join(' | '));
  assert.match(line, /; Path=\/(;|$)/);
  assert.match(line, /; Secure(;|$)/);
  assert.doesNotMatch(line, /Domain=/i);
  const response = new SoftAuthenticator({origin}).create(res.body.options);
  // The unprefixed name (as a sibling subdomain could set it) does not count.
  const y = new TestBrowser(`${origin}/passkeys`, origin, (r) => h.server.fetch(r));
  y.cookies.set(COOKIE, x.cookies.get(`__Host-${COOKIE}`)!);
  assertError(
    await y.post('/registration/verify', {response}),
    400,
    'challenge_invalid',
    OTHER_BROWSER,
  );
  assert.deepEqual(h.counts(), {users: 0, credentials: 0, sessions: 0});
});

test(`challenge binding (${ENGINE}): direct signup verified from another browser, one without a cookie, or one with a planted cookie`, async (t) => {
  const h = await harness(t);
  const x = h.client;
  const other = h.newClient();
  await post(other, '/authentication/options', {}); // it has a ceremony cookie of its own
  const planted = h.newClient();
  planted.cookies.set(COOKIE, 'A'.repeat(43));
  for (const y of [other, h.newClient(), planted]) {
    const options = await post(x, '/registration/options', {username: 'alice'});
    const response = h.authenticator.create(options.options);
    await refusedElsewhereThenGone(h, x, y, '/registration/verify', {response});
  }
  assert.equal(h.counts().users, 0);
});

test(`challenge binding (${ENGINE}): sign-in, with a username and discoverable (conditional UI)`, async (t) => {
  const h = await harness(t);
  await signUp(h, 'alice');
  const x = h.newClient();
  for (const body of [{username: 'alice'}, {}]) {
    const options = await post(x, '/authentication/options', body);
    const response = h.authenticator.get(options.options);
    await refusedElsewhereThenGone(h, x, h.newClient(), '/authentication/verify', {response});
  }
  // The same browser signs in.
  const options = await post(x, '/authentication/options', {});
  const ok = await x.post('/authentication/verify', {
    response: h.authenticator.get(options.options),
  });
  assert.equal(ok.status, 200, JSON.stringify(ok.body));
});

test(`challenge binding (${ENGINE}): adding a passkey and reauth, even from a browser holding the same session`, async (t) => {
  const h = await harness(t);
  await signUp(h, 'alice'); // a passkey sign-up: the session is freshly verified
  const x = h.client;
  const y = sameSessionOtherBrowser(h, x);
  const creation = await post(x, '/registration/options', {});
  await refusedElsewhereThenGone(h, x, y, '/registration/verify', {
    response: new SoftAuthenticator({origin: ORIGIN}).create(creation.options),
  });
  const request = await post(x, '/reauth/options', {});
  await refusedElsewhereThenGone(h, x, y, '/reauth/verify', {
    response: h.authenticator.get(request.options),
  });
  const stepUps = h.db.prepare("SELECT count(*) AS n FROM tokens WHERE purpose = 'stepup'").get();
  assert.equal(Number((stepUps as {n: number}).n), 0, 'no step-up token');
});

test(`challenge binding (${ENGINE}): email signup and recovery`, async (t) => {
  const h = await harness(t);
  const x = h.newClient();
  assert.equal((await x.post('/signup/email', {email: 'grace@example.com'})).status, 202);
  const mail = ((await x.get('/dev/outbox')).body as {text: string}[]).at(-1)!;
  const code = /\b(\d{6})\b/.exec(mail.text)![1]!;
  const {signupToken} = await post(x, '/signup/email/verify', {email: 'grace@example.com', code});
  const signup = await post(x, '/registration/options', {signupToken});
  await refusedElsewhereThenGone(h, x, h.newClient(), '/registration/verify', {
    response: h.authenticator.create(signup.options),
  });

  await signUp(h, 'alice');
  const codes = (await post(h.client, '/recovery/codes', {})).codes as string[];
  const {recoveryToken} = await post(x, '/recovery/redeem', {username: 'alice', code: codes[0]});
  const recovery = await post(x, '/registration/options', {recoveryToken});
  await refusedElsewhereThenGone(h, x, h.newClient(), '/registration/verify', {
    response: new SoftAuthenticator({origin: ORIGIN}).create(recovery.options),
  });
});

test(`challenge binding (${ENGINE}): the passkey second factor, register and verify modes`, async (t) => {
  const h = await harness(t);
  const reg = await h.newClient().post('/password/register', {
    username: 'carol',
    password: PASSWORD,
    mfa: true,
  });
  assert.equal(reg.status, 201, JSON.stringify(reg.body));
  const mfaToken = async (client: TestClient) => {
    const login: ApiResponse = await client.post('/password/login', {
      username: 'carol',
      password: PASSWORD,
    });
    assert.equal(login.body.mfaRequired, true, JSON.stringify(login.body));
    return login.body.mfaToken as string;
  };

  const x = h.newClient();
  let token = await mfaToken(x);
  const enrol = await post(x, '/mfa/options', {mfaToken: token});
  assert.equal(enrol.mode, 'register');
  await refusedElsewhereThenGone(h, x, h.newClient(), '/mfa/verify', {
    mfaToken: token,
    response: h.authenticator.create(enrol.options),
  });
  // The token was not used up: the same browser enrols with a fresh challenge.
  const again = await post(x, '/mfa/options', {mfaToken: token});
  await post(x, '/mfa/verify', {mfaToken: token, response: h.authenticator.create(again.options)});

  const z = h.newClient();
  token = await mfaToken(z);
  const check = await post(z, '/mfa/options', {mfaToken: token});
  assert.equal(check.mode, 'verify');
  await refusedElsewhereThenGone(h, z, h.newClient(), '/mfa/verify', {
    mfaToken: token,
    response: h.authenticator.get(check.options),
  });
});
