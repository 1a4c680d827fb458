import assert from 'node:assert/strict';
import {test} from 'node:test';
import {
  ORIGIN,
  assertError,
  assertRefusedWithoutChanges,
  registrationOptions,
  startHarness,
  type Harness,
  type TestClient,
} from './helpers/harness.js';
import {SoftAuthenticator} from './helpers/soft-authenticator.js';

/** The answer to a code that is no longer live: expired, used, burned, or never sent. */
const EXPIRED = 'The code has expired, was used or was tried too often; ask for a new one';

const codeRows = (h: Harness) =>
  (h.db.prepare('SELECT count(*) AS n FROM email_codes').get() as {n: number}).n;

async function outbox(client: TestClient) {
  const res = await client.get('/dev/outbox');
  assert.equal(res.status, 200);
  return res.body as {to: string; subject: string; text: string; sentAt: string}[];
}

async function requestCode(h: Harness, email: string): Promise<string> {
  const res = await h.client.post('/signup/email', {email});
  assert.equal(res.status, 202);
  assert.equal(res.body, null);
  const last = (await outbox(h.client)).at(-1)!;
  assert.equal(last.to, email.trim().toLowerCase());
  return /\b(\d{6})\b/.exec(last.text)![1]!;
}

test('email signup: code by mail (dev outbox), verify, register a passkey for the new account, session', async (t) => {
  const h = await startHarness();
  t.after(() => h.close());
  const code = await requestCode(h, '  Grace@Example.com ');
  assert.equal(codeRows(h), 1);
  const stored = h.db.prepare('SELECT code_hash FROM email_codes').get() as {code_hash: string};
  assert.ok(!stored.code_hash.includes(code));

  const browser = h.newClient();
  const verified = await browser.post('/signup/email/verify', {email: 'grace@example.com', code});
  assert.equal(verified.status, 200, JSON.stringify(verified.body));
  assert.deepEqual(Object.keys(verified.body), ['signupToken']);
  assert.equal(codeRows(h), 0, 'the code is used up');
  assertError(
    await browser.post('/signup/email/verify', {email: 'grace@example.com', code}),
    400,
    'code_expired',
    EXPIRED,
  );

  const options = await registrationOptions(browser, {
    signupToken: verified.body.signupToken,
    displayName: 'Grace H.',
  });
  assert.equal(options.user.name, 'grace@example.com');
  const res = await browser.post('/registration/verify', {
    response: new SoftAuthenticator({origin: ORIGIN}).create(options),
  });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  assert.equal(res.body.user.username, 'grace@example.com');
  assert.equal(res.body.user.displayName, 'Grace H.');
  assert.deepEqual(h.counts(), {users: 1, credentials: 1, sessions: 1});
  assert.equal(
    (h.db.prepare('SELECT email FROM users').get() as {email: string}).email,
    'grace@example.com',
  );

  // The token is spent; the address is now taken, and asking again answers the same 202 with a
  // notice instead of a code (and stores a code nobody knows: see the taken-address test).
  await assertRefusedWithoutChanges(
    h,
    () => h.newClient().post('/registration/options', {signupToken: verified.body.signupToken}),
    401,
    'unauthenticated',
    'The signup token is unknown, used or expired',
  );
  const again = await h.client.post('/signup/email', {email: 'grace@example.com'});
  assert.equal(again.status, 202);
  assert.equal(codeRows(h), 1);
  assert.doesNotMatch((await outbox(h.client)).at(-1)!.text, /\d{6}/);
});

test('email signup: wrong codes are verification_failed; expiry and 5 wrong tries burn the code (code_expired); bad input is 400; nothing stored', async (t) => {
  const h = await startHarness();
  t.after(() => h.close());
  const tokens = () => (h.db.prepare('SELECT count(*) AS n FROM tokens').get() as {n: number}).n;
  // A valid address with the malformed codes, so that it is the code that is refused.
  for (const [body, reason] of [
    [{}, /^Invalid body: email: Invalid input/],
    [{email: 'not-an-email'}, 'Invalid body: email: Invalid email address'],
    [{email: 'heidi@example.com', code: '12345'}, 'Invalid body: code: must be the 6-digit code'],
    [{email: 'heidi@example.com', code: 'abcdef'}, 'Invalid body: code: must be the 6-digit code'],
  ] as const) {
    const path = 'code' in body ? '/signup/email/verify' : '/signup/email';
    await assertRefusedWithoutChanges(
      h,
      () => h.client.post(path, body),
      400,
      'invalid_request',
      reason,
    );
  }
  const code = await requestCode(h, 'heidi@example.com');
  const wrong = code === '000000' ? '111111' : '000000';
  for (let i = 0; i < 4; i++) {
    await assertRefusedWithoutChanges(
      h,
      () => h.client.post('/signup/email/verify', {email: 'heidi@example.com', code: wrong}),
      400,
      'verification_failed',
      'The code is wrong',
    );
  }
  assert.equal(codeRows(h), 1);
  // The 5th wrong try burns the code, and says so: no point in typing it again.
  assertError(
    await h.client.post('/signup/email/verify', {email: 'heidi@example.com', code: wrong}),
    400,
    'code_expired',
    EXPIRED,
  );
  assert.equal(codeRows(h), 0, 'burned');
  assertError(
    await h.client.post('/signup/email/verify', {email: 'heidi@example.com', code}),
    400,
    'code_expired',
    EXPIRED,
  );

  const fresh = await requestCode(h, 'heidi@example.com');
  h.advanceClock(10 * 60_000 + 1);
  assertError(
    await h.client.post('/signup/email/verify', {email: 'heidi@example.com', code: fresh}),
    400,
    'code_expired',
    EXPIRED,
  );
  assert.equal(tokens(), 0);
  // An address nobody asked a code for answers alike.
  assertError(
    await h.client.post('/signup/email/verify', {email: 'ivan@example.com', code: '123456'}),
    400,
    'code_expired',
    EXPIRED,
  );
  // A new code works again after all that.
  const again = await requestCode(h, 'heidi@example.com');
  const ok = await h.client.post('/signup/email/verify', {email: 'heidi@example.com', code: again});
  assert.equal(ok.status, 200, JSON.stringify(ok.body));
});

test('email signup: a taken address answers the code checks exactly as a free one (wrong, then code_expired), and no code opens it', async (t) => {
  const h = await startHarness();
  t.after(() => h.close());
  // Grace's account exists (email signup); Heidi's address is free.
  const grace = await requestCode(h, 'grace@example.com');
  const {signupToken} = (
    await h.client.post('/signup/email/verify', {email: 'grace@example.com', code: grace})
  ).body;
  const options = await registrationOptions(h.client, {signupToken});
  assert.equal(
    (
      await h.client.post('/registration/verify', {
        response: new SoftAuthenticator({origin: ORIGIN}).create(options),
      })
    ).status,
    201,
  );

  /** What five wrong tries then the mailed code (if any) answer, as [status, code]. */
  async function answers(email: string) {
    const res = await h.newClient().post('/signup/email', {email});
    assert.equal(res.status, 202);
    const mailed = /\b(\d{6})\b/.exec((await outbox(h.client)).at(-1)!.text)?.[1];
    const seen: string[] = [];
    for (const code of ['000000', '111111', '222222', '333333', '444444', mailed ?? '555555']) {
      const r = await h.newClient().post('/signup/email/verify', {email, code});
      seen.push(`${r.status} ${r.body?.error?.code ?? 'ok'}`);
    }
    return {seen, mailed};
  }
  const tokens = () => (h.db.prepare('SELECT count(*) AS n FROM tokens').get() as {n: number}).n;
  const tokensBefore = tokens();
  const taken = await answers('grace@example.com');
  assert.equal(taken.mailed, undefined, 'a taken address is mailed a notice, not a code');
  const free = await answers('heidi@example.com');
  assert.ok(free.mailed);
  const wrong = '400 verification_failed';
  const dead = '400 code_expired';
  // Five wrong tries burn either code (the free one's mailed code then no longer works).
  assert.deepEqual(taken.seen, [wrong, wrong, wrong, wrong, dead, dead]);
  assert.deepEqual(free.seen, taken.seen);
  assert.equal(tokens(), tokensBefore, 'no signup token was issued');
});

test('email signup: works with direct signup off, refuses a taken username; the outbox is off in production', async (t) => {
  const h = await startHarness({allowDirectSignup: false});
  t.after(() => h.close());
  await assertRefusedWithoutChanges(
    h,
    () => h.client.post('/registration/options', {username: 'judy'}),
    401,
    'unauthenticated',
    'Sign in to add a passkey; direct signup is off',
  );
  const code = await requestCode(h, 'judy@example.com');
  const {signupToken} = (
    await h.client.post('/signup/email/verify', {email: 'judy@example.com', code})
  ).body;
  const options = await registrationOptions(h.client, {signupToken, username: 'judy'});
  const res = await h.client.post('/registration/verify', {
    response: new SoftAuthenticator({origin: ORIGIN}).create(options),
  });
  assert.equal(res.status, 201);
  assert.equal(res.body.user.username, 'judy');

  const code2 = await requestCode(h, 'other@example.com');
  const second = (
    await h.newClient().post('/signup/email/verify', {email: 'other@example.com', code: code2})
  ).body;
  await assertRefusedWithoutChanges(
    h,
    () =>
      h
        .newClient()
        .post('/registration/options', {signupToken: second.signupToken, username: 'JUDY'}),
    409,
    'user_exists',
    'An account with that email or username exists',
  );

  // Production (no development mode): SMTP is required for email signup, and there is no outbox.
  const prod = await startHarness({development: false, smtpUrl: 'smtp://127.0.0.1:9'});
  t.after(() => prod.close());
  assert.equal((await prod.client.post('/signup/email', {email: 'a@example.com'})).status, 202);
  assertError(await prod.client.get('/dev/outbox'), 404, 'not_found', 'No such endpoint');
});

test('email signup: a mailer passed to the app receives the mails', async () => {
  const {createPasskeyServer} = await import('../src/index.js');
  const sent: {to: string; text: string}[] = [];
  const server = await createPasskeyServer(
    {databasePath: ':memory:', origins: [ORIGIN], secret: 'x'.repeat(32), development: true},
    {mailer: {outbox: [], send: async (m) => void sent.push(m)}},
  );
  try {
    const res = await server.fetch(
      new Request(`${ORIGIN}/passkeys/signup/email`, {
        method: 'POST',
        headers: {origin: ORIGIN, 'content-type': 'application/json'},
        body: JSON.stringify({email: 'kim@example.com'}),
      }),
    );
    assert.equal(res.status, 202);
    assert.equal(sent.length, 1);
    assert.match(sent[0]!.text, /\b\d{6}\b/);
  } finally {
    await server.close();
  }
});
