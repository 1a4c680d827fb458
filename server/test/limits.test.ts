import assert from 'node:assert/strict';
import {test} from 'node:test';
import {loadConfig} from '../src/index.js';
import {
  ORIGIN,
  assertError,
  assertRefusedWithoutChanges,
  authenticationOptions,
  signIn,
  signUp,
  startHarness,
  type ApiResponse,
} from './helpers/harness.js';
import {SoftAuthenticator} from './helpers/soft-authenticator.js';

const challenges = (h: {db: {prepare(sql: string): {get(): unknown}}}) =>
  (h.db.prepare('SELECT count(*) AS n FROM challenges').get() as {n: number}).n;

function assertRetryAfter(res: ApiResponse, maxSeconds: number) {
  const retryAfter = Number(res.headers.get('retry-after'));
  assert.ok(
    Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= maxSeconds,
    `Retry-After ${retryAfter}`,
  );
}

test('limit settings: defaults and environment', () => {
  const defaults = loadConfig({});
  assert.equal(defaults.rateLimitPerMinute, 300);
  assert.equal(defaults.accountFailures, 10);
  assert.equal(defaults.accountFailureWindowMs, 15 * 60_000);
  const set = loadConfig({
    RATE_LIMIT_PER_MINUTE: '5000',
    ACCOUNT_FAILURES: '3',
    ACCOUNT_FAILURE_WINDOW_MS: '60000',
  });
  assert.deepEqual(
    [set.rateLimitPerMinute, set.accountFailures, set.accountFailureWindowMs],
    [5000, 3, 60000],
  );
  assert.throws(() => loadConfig({RATE_LIMIT_PER_MINUTE: '0'}), /RATE_LIMIT_PER_MINUTE/);
});

test('per client: past RATE_LIMIT_PER_MINUTE the ceremony endpoints answer 429 with Retry-After, storing nothing', async (t) => {
  const h = await startHarness({rateLimitPerMinute: 3});
  t.after(() => h.close());
  for (let i = 0; i < 3; i++) await authenticationOptions(h.client, {});
  assert.equal(challenges(h), 3);
  for (const attempt of [
    () => h.client.post('/authentication/options', {}),
    () => h.client.post('/registration/options', {username: 'carol'}),
    () => h.client.post('/authentication/verify', {}),
    () => h.client.post('/recovery/redeem', {username: 'x', code: 'y'}),
    () => h.client.post('/password/login', {username: 'x', password: 'y'}),
    () => h.client.post('/mfa/options', {mfaToken: 'x'}),
    () => h.client.post('/signup/email', {email: 'a@example.com'}),
    () => h.client.post('/authentication/options', {}, {origin: 'https://evil.example'}),
  ]) {
    const res = await assertRefusedWithoutChanges(
      h,
      attempt,
      429,
      'rate_limited',
      'Too many requests; try again later',
    );
    assertRetryAfter(res, 60);
  }
  assert.equal(challenges(h), 3);
  // Other endpoints are not counted.
  assert.equal((await h.client.get('/session')).status, 200);
  assertError(await h.client.get('/passkeys'), 401, 'unauthenticated', 'Sign in first'); // not 429
});

test('per account: forged passkey assertions are not counted (v1.1); the owner\u2019s passkey still signs in', async (t) => {
  const h = await startHarness({accountFailures: 2});
  t.after(() => h.close());
  await signUp(h, 'alice');
  const bobsAuthenticator = new SoftAuthenticator({origin: ORIGIN});
  await signUp(h, 'bob', {client: h.newClient(), authenticator: bobsAuthenticator});

  const browser = h.newClient();
  // Well past ACCOUNT_FAILURES: every forged assertion is evaluated and refused for what it is.
  for (let i = 0; i < 5; i++) {
    const sessions = h.counts().sessions;
    const bad = await signIn(h, 'alice', {
      client: browser,
      tamper: {signature: Buffer.alloc(70, 1).toString('base64url')},
    });
    assertError(
      bad,
      400,
      'verification_failed',
      'Sign-in rejected: Data does not match to ECDSASigValue ASN1 schema.',
    );
    assert.equal(h.counts().sessions, sessions, 'no session');
  }
  // The owner's genuine assertion, by username and discoverable, still signs in.
  assert.equal((await signIn(h, 'alice', {client: h.newClient()})).status, 200);
  assert.equal((await signIn(h, undefined, {client: h.newClient()})).status, 200);
  const bob = await signIn(h, 'bob', {client: h.newClient(), authenticator: bobsAuthenticator});
  assert.equal(bob.status, 200);
});
