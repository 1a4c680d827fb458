/**
 * The adversarial cases the other suites do not already cover (see docs/contract.md, "Tests"):
 * parallel replays, enumeration, sessions and CSRF on every route, oversize bodies on every route,
 * malformed WebAuthn structures, origin attacks, token and challenge cross-use, and limits.
 * Every case asserts the status, the error code, and a snapshot of the database: nothing changed
 * but what the contract says must (a verify attempt burns its challenge).
 */
import assert from 'node:assert/strict';
import {createHash, sign} from 'node:crypto';
import {test} from 'node:test';
import {
  ORIGIN,
  addPasskey,
  assertError,
  authenticationOptions,
  registrationOptions,
  signIn,
  signUp,
  startHarness,
  type ApiResponse,
  type Harness,
} from './helpers/harness.js';
import {SoftAuthenticator} from './helpers/soft-authenticator.js';

type T = {after(fn: () => unknown): void};
const PASSWORD = 'correct horse battery';
const ADMIN_KEY = 'admin-key-admin-key-admin-key';

async function harness(t: T, config: Parameters<typeof startHarness>[0] = {}): Promise<Harness> {
  const h = await startHarness(config);
  t.after(() => h.close());
  return h;
}

const TABLES = [
  'users',
  'credentials',
  'sessions',
  'challenges',
  'recovery_codes',
  'tokens',
  'email_codes',
] as const;
type Table = (typeof TABLES)[number];
type Snapshot = Record<Table, unknown[]>;

/** Every row of every table, in a stable order. */
function snapshot(h: Harness): Snapshot {
  const out = {} as Snapshot;
  for (const table of TABLES) out[table] = h.db.prepare(`SELECT * FROM ${table} ORDER BY 1`).all();
  return out;
}

function assertUnchanged(h: Harness, before: Snapshot, except: Table[] = []): void {
  const after = snapshot(h);
  for (const table of TABLES) {
    if (except.includes(table)) continue;
    assert.deepEqual(after[table], before[table], `table ${table} changed`);
  }
}

/** Runs `attempt`; asserts status, code, reason (see assertError), and that no table but `except` changed. */
async function refused(
  h: Harness,
  attempt: () => Promise<ApiResponse>,
  status: number,
  code: string,
  reason?: string | RegExp,
  except: Table[] = [],
): Promise<ApiResponse> {
  const before = snapshot(h);
  const res = await attempt();
  assertError(res, status, code, reason);
  assertUnchanged(h, before, except);
  return res;
}

const challengeRow = (h: Harness, challenge: string) =>
  h.db.prepare('SELECT challenge FROM challenges WHERE challenge = ?').get(challenge);

/** A verify refusal that burns exactly its own challenge and changes nothing else. */
async function refusedBurning(
  h: Harness,
  challenge: string,
  attempt: () => Promise<ApiResponse>,
  status: number,
  code: string,
  reason?: string | RegExp,
): Promise<ApiResponse> {
  assert.ok(challengeRow(h, challenge), 'the challenge is pending before');
  const before = snapshot(h);
  const res = await refused(h, attempt, status, code, reason, ['challenges']);
  assert.equal(challengeRow(h, challenge), undefined, 'the attempt burned the challenge');
  assert.equal(
    snapshot(h).challenges.length,
    before.challenges.length - 1,
    'only that challenge went',
  );
  return res;
}

/** Every state-changing route, with a body that would otherwise be acceptable in shape. */
function stateChangingRoutes(credentialId: string, userId: string): [string, string][] {
  return [
    ['POST', '/registration/options'],
    ['POST', '/registration/verify'],
    ['POST', '/authentication/options'],
    ['POST', '/authentication/verify'],
    ['POST', '/mfa/options'],
    ['POST', '/mfa/verify'],
    ['POST', '/password/login'],
    ['POST', '/password/register'],
    ['POST', '/recovery/codes'],
    ['POST', '/recovery/redeem'],
    ['POST', '/signup/email'],
    ['POST', '/signup/email/verify'],
    ['PATCH', `/passkeys/${credentialId}`],
    ['DELETE', `/passkeys/${credentialId}`],
    ['POST', '/reauth/options'],
    ['POST', '/reauth/verify'],
    ['DELETE', '/sessions'],
    ['DELETE', '/session'],
    ['DELETE', `/admin/users/${userId}/passkeys`],
  ];
}

const b64 = (data: Uint8Array | Buffer) => Buffer.from(data).toString('base64url');
const sha256 = (data: Uint8Array | string) => createHash('sha256').update(data).digest();

/** Rewrites an assertion's clientDataJSON and signs it again with the real key. */
function resign(
  authenticator: SoftAuthenticator,

  response: any,
  mutate: (clientData: Record<string, unknown>) => void,
) {
  const clientData = JSON.parse(
    Buffer.from(response.response.clientDataJSON, 'base64url').toString('utf8'),
  );
  mutate(clientData);
  const clientDataJSON = Buffer.from(JSON.stringify(clientData));
  const authData = Buffer.from(response.response.authenticatorData, 'base64url');
  const key = authenticator.credentials.get(response.id)!.privateKey;
  const signature = sign('sha256', Buffer.concat([authData, sha256(clientDataJSON)]), key);
  return {
    ...response,
    response: {
      ...response.response,
      clientDataJSON: b64(clientDataJSON),
      signature: b64(signature),
    },
  };
}

// Parallel replays

test('30 parallel replays of one assertion: exactly one signs in, 29 are challenge_invalid', async (t) => {
  const h = await harness(t);
  const {credentialId} = await signUp(h, 'alice');
  // All from the browser the challenge was issued to (another browser's copy is refused before
  // it could race: challenge-binding.test.ts).
  const browser = h.newClient();
  const request = await authenticationOptions(browser, {username: 'alice'});
  const response = h.authenticator.get(request);
  const before = snapshot(h);
  const counter = (
    h.db.prepare('SELECT counter FROM credentials WHERE id = ?').get(credentialId) as {
      counter: number;
    }
  ).counter;
  const results = await Promise.all(
    Array.from({length: 30}, () => browser.post('/authentication/verify', {response})),
  );
  assert.equal(results.filter((r) => r.status === 200).length, 1);
  for (const r of results.filter((r) => r.status !== 200))
    assertError(
      r,
      400,
      'challenge_invalid',
      'The challenge is unknown, expired, already used or for another purpose',
    );
  assertUnchanged(h, before, ['sessions', 'challenges', 'credentials']);
  assert.equal(snapshot(h).sessions.length, before.sessions.length + 1, 'one session');
  assert.equal(challengeRow(h, request.challenge), undefined);
  const row = h.db
    .prepare('SELECT counter, last_used_at FROM credentials WHERE id = ?')
    .get(credentialId) as {counter: number; last_used_at: number};
  assert.equal(row.counter, counter + 1, 'the counter moved once');
  assert.ok(row.last_used_at);
});

test('30 parallel replays of one attestation: exactly one account, 29 are challenge_invalid', async (t) => {
  const h = await harness(t);
  await signUp(h, 'alice');
  const browser = h.newClient();
  const creation = await registrationOptions(browser, {username: 'zed'});
  const response = h.authenticator.create(creation);
  const before = snapshot(h);
  const results = await Promise.all(
    Array.from({length: 30}, () => browser.post('/registration/verify', {response})),
  );
  assert.equal(results.filter((r) => r.status === 201).length, 1);
  for (const r of results.filter((r) => r.status !== 201))
    assertError(
      r,
      400,
      'challenge_invalid',
      'The challenge is unknown, expired, already used or for another purpose',
    );
  const after = snapshot(h);
  assert.equal(after.users.length, before.users.length + 1);
  assert.equal(after.credentials.length, before.credentials.length + 1);
  assert.equal(after.sessions.length, before.sessions.length + 1);
  assert.equal(after.challenges.length, before.challenges.length - 1);
  assertUnchanged(h, before, ['users', 'credentials', 'sessions', 'challenges']);
});

test('30 parallel replays of one attestation adding a passkey to a signed-in account: one passkey', async (t) => {
  const h = await harness(t);
  await signUp(h, 'alice');
  const creation = await registrationOptions(h.client, {});
  const response = h.authenticator.create(creation);
  const before = snapshot(h);
  const results = await Promise.all(
    Array.from({length: 30}, () => h.client.post('/registration/verify', {response})),
  );
  assert.equal(results.filter((r) => r.status === 201).length, 1);
  for (const r of results.filter((r) => r.status !== 201))
    assertError(
      r,
      400,
      'challenge_invalid',
      'The challenge is unknown, expired, already used or for another purpose',
    );
  assert.equal(snapshot(h).credentials.length, before.credentials.length + 1);
  assertUnchanged(h, before, ['credentials', 'challenges']);
});

// Enumeration

test('enumeration: authentication options for a known and an unknown username look alike', async (t) => {
  const h = await harness(t);
  await signUp(h, 'alice');
  await h.newClient().post('/password/register', {username: 'nopasskey', password: PASSWORD});
  const shape = (res: ApiResponse) => {
    const {options} = res.body;
    return {
      status: res.status,
      keys: Object.keys(options).sort(),
      headers: [...res.headers.keys()].sort(),
      allow: options.allowCredentials.map(
        (c: {id: string; type: string; transports: string[]}) => ({
          idLength: c.id.length,
          type: c.type,
          transports: c.transports,
        }),
      ),
      rest: {...options, challenge: undefined, allowCredentials: undefined},
    };
  };
  const before = snapshot(h);
  const known = await h.newClient().post('/authentication/options', {username: 'alice'});
  const withoutPasskey = await h
    .newClient()
    .post('/authentication/options', {username: 'nopasskey'});
  const unknownBrowser = h.newClient();
  const unknown = await unknownBrowser.post('/authentication/options', {username: 'nobody-here'});
  const unknownAgain = await h
    .newClient()
    .post('/authentication/options', {username: 'Nobody-Here'});
  // The shapes match (an unknown name may get one or two ids; compare the first).
  const first = (s: ReturnType<typeof shape>) => ({...s, allow: s.allow.slice(0, 1)});
  assert.deepEqual(first(shape(unknown)), first(shape(known)));
  assert.deepEqual(first(shape(withoutPasskey)), first(shape(known)));
  assert.deepEqual(
    unknownAgain.body.options.allowCredentials,
    unknown.body.options.allowCredentials,
    'stable per (normalized) username',
  );
  // Only challenges were stored, one per call; no other table moved.
  assert.equal(snapshot(h).challenges.length, before.challenges.length + 4);
  assertUnchanged(h, before, ['challenges']);
  // Assertions against the decoy ids: unknown_credential, nothing but the challenge burned.
  const decoy = unknown.body.options.allowCredentials[0].id;
  const res = await refusedBurning(
    h,
    unknown.body.options.challenge,
    () =>
      unknownBrowser.post('/authentication/verify', {
        response: {
          ...h.authenticator.get(unknown.body.options, {
            credentialId: [...h.authenticator.credentials.keys()][0],
          }),
          id: decoy,
          rawId: decoy,
        },
      }),
    404,
    'unknown_credential',
    'No such passkey on this server',
  );
  assert.equal(res.body.credentialId, decoy);
});

/**
 * Records the store methods the app calls, outermost only (not what one method calls inside
 * the store), in order.
 */
function recordStoreCalls(h: Harness): string[] {
  const calls: string[] = [];
  const store = h.server.store as unknown as Record<string, (...args: unknown[]) => unknown>;
  const names = new Set<string>();
  for (
    let proto = Object.getPrototypeOf(store);
    proto && proto !== Object.prototype;
    proto = Object.getPrototypeOf(proto)
  ) {
    for (const name of Object.getOwnPropertyNames(proto))
      if (name !== 'constructor') names.add(name);
  }
  let depth = 0;
  for (const name of names) {
    const original = store[name];
    if (typeof original !== 'function') continue;
    store[name] = (...args: unknown[]) => {
      if (depth > 0) return original.apply(store, args);
      calls.push(name);
      depth++;
      let result: unknown;
      try {
        result = original.apply(store, args);
      } catch (error) {
        depth--;
        throw error;
      }
      if (result instanceof Promise) return result.finally(() => depth--);
      depth--;
      return result;
    };
  }
  return calls;
}

test('enumeration: authentication options do the same store work for a known, a passkey-less and an unknown username', async (t) => {
  const h = await harness(t);
  await signUp(h, 'alice');
  await addPasskey(h, h.client); // two passkeys: more rows than a fake list has ids
  await h.newClient().post('/password/register', {username: 'nopasskey', password: PASSWORD});
  const calls = recordStoreCalls(h);
  const work = async (username: string) => {
    calls.length = 0;
    const res = await h.newClient().post('/authentication/options', {username});
    assert.equal(res.status, 200);
    assert.ok(res.body.options.allowCredentials.length >= 1);
    return [...calls];
  };
  const known = await work('alice');
  assert.ok(known.length >= 2, `store calls: ${known.join(', ')}`);
  assert.deepEqual(await work('nopasskey'), known);
  assert.deepEqual(await work('nobody-here'), known);
  assert.deepEqual(await work('Alice'), known);
  // Fake ids carry the transports of a synced platform passkey, whoever asks.
  const fake = (await h.newClient().post('/authentication/options', {username: 'nobody-else'})).body
    .options.allowCredentials;
  for (const c of fake) assert.deepEqual(c.transports, ['hybrid', 'internal']);
});

test('enumeration: POST /signup/email answers 202, no body, for a taken and a free address', async (t) => {
  const h = await harness(t);
  const browser = h.newClient();
  const options = await registrationOptions(browser, {username: 'taken'});
  // Give an account an email through the email signup flow.
  await h.client.post('/signup/email', {email: 'taken@example.com'});
  const code = /\b(\d{6})\b/.exec((await h.client.get('/dev/outbox')).body.at(-1).text)![1];
  const token = (await h.client.post('/signup/email/verify', {email: 'taken@example.com', code}))
    .body.signupToken;
  const signup = await registrationOptions(browser, {signupToken: token});
  assert.equal(
    (await browser.post('/registration/verify', {response: h.authenticator.create(signup)})).status,
    201,
  );
  void options;

  const before = snapshot(h);
  const taken = await h.newClient().post('/signup/email', {email: ' TAKEN@example.com'});
  assert.equal(taken.status, 202);
  assert.equal(taken.body, null);
  // A taken address stores a code as a free one does (one nobody knows; its owner gets a notice).
  assertUnchanged(h, before, ['email_codes']);
  const free = await h.newClient().post('/signup/email', {email: 'free@example.com'});
  assert.equal(free.status, 202);
  assert.equal(free.body, null);
  assert.deepEqual([...free.headers.keys()].sort(), [...taken.headers.keys()].sort());
  assertUnchanged(h, before, ['email_codes']);
  // Guessing a code for the taken address is the same refusal as for a free one.
  await refused(
    h,
    () => h.newClient().post('/signup/email/verify', {email: 'taken@example.com', code: '123456'}),
    400,
    'verification_failed',
    'The code is wrong',
    ['email_codes'],
  );
});

test('enumeration: recovery redeem answers alike for an unknown user, a user without codes, and a wrong code', async (t) => {
  const h = await harness(t);
  await signUp(h, 'alice');
  await h.client.post('/recovery/codes', {});
  const bob = h.newClient();
  await signUp(h, 'bob', {client: bob, authenticator: new SoftAuthenticator({origin: ORIGIN})});
  const answers = [];
  for (const username of ['nobody', 'bob', 'alice']) {
    const res = await refused(
      h,
      () => h.newClient().post('/recovery/redeem', {username, code: '0000-0000-0000-0000'}),
      400,
      'verification_failed',
      'The username or recovery code is wrong',
    );
    answers.push({status: res.status, body: res.body, headers: [...res.headers].sort()});
  }
  assert.deepEqual(answers[0], answers[1]);
  assert.deepEqual(answers[1], answers[2]);
});

test('enumeration: another user\u2019s passkey and an unknown id get identical 404s on PATCH and DELETE', async (t) => {
  const h = await harness(t);
  await signUp(h, 'alice');
  const bob = h.newClient();
  const bobKey = new SoftAuthenticator({origin: ORIGIN});
  const {credentialId: bobsId} = await signUp(h, 'bob', {client: bob, authenticator: bobKey});
  const unknownId = b64(Buffer.alloc(32, 7));
  for (const [method, json] of [
    ['PATCH', {name: 'mine now'}],
    ['DELETE', undefined],
  ] as const) {
    const others = await refused(
      h,
      () => h.client.request(method, `/passkeys/${bobsId}`, {json}),
      404,
      'not_found',
      'No such passkey',
    );
    const unknown = await refused(
      h,
      () => h.client.request(method, `/passkeys/${unknownId}`, {json}),
      404,
      'not_found',
      'No such passkey',
    );
    assert.deepEqual(others.body, unknown.body);
  }
});

// Sessions and CSRF

test('CSRF: every state-changing route refuses a missing or foreign Origin with 403, changing nothing', async (t) => {
  const h = await harness(t, {adminKey: ADMIN_KEY});
  const {credentialId, user} = await signUp(h, 'alice');
  await h.client.post('/recovery/codes', {});
  const origins = [
    null,
    'https://evil.example',
    'https://localhost:3000',
    'http://localhost:3000.evil.example',
    'null',
    'http://sub.localhost:3000',
  ];
  for (const [method, path] of stateChangingRoutes(credentialId, user.id)) {
    if (path.startsWith('/admin/')) continue; // bearer-key route: checked below
    for (const origin of origins) {
      await refused(
        h,
        () => h.client.request(method, path, {json: {username: 'alice', name: 'x'}, origin}),
        403,
        'origin_mismatch',
        origin === null ? 'Origin header missing' : `Origin ${origin} is not allowed`,
      );
    }
  }
  // The admin route needs no Origin, but a browser-sent request without the key still gets nothing.
  await refused(
    h,
    () =>
      h.client.request('DELETE', `/admin/users/${user.id}/passkeys`, {
        origin: 'https://evil.example',
      }),
    401,
    'unauthenticated',
    'A valid admin key is required',
  );
  assert.equal((await h.client.get('/session')).body.user.id, user.id, 'still signed in');
});

test('sessions: a planted cookie is not adopted; each sign-in mints a new id and drops the old row', async (t) => {
  const h = await harness(t);
  await signUp(h, 'alice', {client: h.newClient()});
  const browser = h.newClient();
  browser.cookies.set('passkey_session', 'attacker-chosen-value');
  await refused(h, () => browser.get('/passkeys'), 401, 'unauthenticated', 'Sign in first');
  assert.equal((await signIn(h, 'alice', {client: browser})).status, 200);
  const first = browser.cookies.get('passkey_session')!;
  assert.notEqual(first, 'attacker-chosen-value');
  const sessionsAfterFirst = snapshot(h).sessions.length;
  assert.equal((await signIn(h, 'alice', {client: browser})).status, 200);
  const second = browser.cookies.get('passkey_session')!;
  assert.notEqual(second, first);
  assert.equal(
    snapshot(h).sessions.length,
    sessionsAfterFirst,
    'the previous session row was replaced',
  );
  // The stale id is dead server-side.
  const stale = h.newClient();
  stale.cookies.set('passkey_session', first);
  await refused(h, () => stale.get('/passkeys'), 401, 'unauthenticated', 'Sign in first');
  // The database holds only hashes of session tokens.
  assert.ok(!JSON.stringify(snapshot(h).sessions).includes(second));
});

test('sessions: sign-out deletes the session server-side; the copied cookie no longer works', async (t) => {
  const h = await harness(t);
  await signUp(h, 'alice');
  const token = h.client.cookies.get('passkey_session')!;
  const before = snapshot(h).sessions.length;
  const out = await h.client.delete('/session');
  assert.equal(out.status, 204);
  assert.match(out.headers.getSetCookie().join(), /passkey_session=;.*Max-Age=0/i);
  assert.equal(snapshot(h).sessions.length, before - 1);
  const thief = h.newClient();
  thief.cookies.set('passkey_session', token);
  await refused(h, () => thief.get('/passkeys'), 401, 'unauthenticated', 'Sign in first');
  await refused(
    h,
    () => thief.post('/recovery/codes', {}),
    401,
    'unauthenticated',
    'Sign in first',
  );
  await refused(
    h,
    () => thief.post('/registration/options', {}),
    400,
    'invalid_request',
    'username is required to sign up',
  ); // not signed in: a signup needs a username
});

test('sessions: cookie flags HttpOnly, SameSite=Lax, Path=/, Max-Age; a refused sign-in sets no cookie', async (t) => {
  const h = await harness(t, {sessionTtlMs: 3_600_000});
  const creation = await registrationOptions(h.client, {username: 'alice'});
  const res = await h.client.post('/registration/verify', {
    response: h.authenticator.create(creation),
  });
  const [cookie] = res.headers.getSetCookie();
  assert.match(cookie!, /^passkey_session=[A-Za-z0-9_-]{43};/);
  for (const flag of [
    /;\s*HttpOnly/i,
    /;\s*SameSite=Lax/i,
    /;\s*Path=\/(;|$)/,
    /;\s*Max-Age=3600(;|$)/,
  ])
    assert.match(cookie!, flag);
  assert.doesNotMatch(cookie!, /;\s*Secure/i, 'plain http origin');
  assert.doesNotMatch(cookie!, /;\s*Domain=/i, 'host-only');
  const browser = h.newClient();
  const request = await authenticationOptions(browser, {username: 'alice'});
  const bad = await refusedBurning(
    h,
    request.challenge,
    () =>
      browser.post('/authentication/verify', {
        response: h.authenticator.get(request, {signature: b64(Buffer.alloc(70, 1))}),
      }),
    400,
    'verification_failed',
    'Sign-in rejected: Data does not match to ECDSASigValue ASN1 schema.',
  );
  assert.deepEqual(bad.headers.getSetCookie(), []);
});

test('sessions: an expired session cookie is refused and its row removed', async (t) => {
  const h = await harness(t, {sessionTtlMs: 60_000});
  await signUp(h, 'alice');
  h.advanceClock(61_000);
  const before = snapshot(h);
  assertError(await h.client.get('/passkeys'), 401, 'unauthenticated', 'Sign in first');
  assert.equal(snapshot(h).sessions.length, before.sessions.length - 1);
  assertUnchanged(h, before, ['sessions']);
});

// Oversize bodies

test('oversize bodies: every body-carrying route answers 413, by Content-Length and by what arrives', async (t) => {
  const h = await harness(t, {adminKey: ADMIN_KEY});
  const {credentialId, user} = await signUp(h, 'alice');
  const big = JSON.stringify({username: 'bob', pad: 'a'.repeat(64 * 1024)});
  const chunked = () =>
    new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 65; i++) controller.enqueue(new Uint8Array(1024).fill(0x20));
        controller.enqueue(new TextEncoder().encode('{}'));
        controller.close();
      },
    });
  for (const [method, path] of stateChangingRoutes(credentialId, user.id)) {
    const headers: Record<string, string> = path.startsWith('/admin/')
      ? {authorization: `Bearer ${ADMIN_KEY}`}
      : {};
    await refused(
      h,
      () => h.client.request(method, path, {body: big, headers}),
      413,
      'payload_too_large',
      'The body exceeds 65536 bytes',
    );
    await refused(
      h,
      () => h.client.request(method, path, {body: chunked(), headers}),
      413,
      'payload_too_large',
      'The body exceeds 65536 bytes',
    );
    await refused(
      h,
      () =>
        h.client.request(method, path, {
          body: chunked(),
          headers: {...headers, 'content-length': '2'},
        }),
      413,
      'payload_too_large',
      'The body exceeds 65536 bytes',
    );
  }
  assert.equal((await h.client.get('/session')).body.user.id, user.id);
});

// Malformed JSON and WebAuthn structures

test('malformed: a deeply nested body is 400 invalid_request, not a crash', async (t) => {
  const h = await harness(t);
  await signUp(h, 'alice');
  const deep = '['.repeat(20_000) + ']'.repeat(20_000);
  for (const path of [
    '/authentication/verify',
    '/registration/verify',
    '/mfa/verify',
    '/recovery/redeem',
    '/reauth/verify',
  ]) {
    await refused(
      h,
      () => h.newClient().request('POST', path, {body: `{"response": ${deep}}`}),
      400,
      'invalid_request',
      /^Invalid body: /, // parsed, then refused by the schema
    );
  }
  await refused(
    h,
    () => h.newClient().request('POST', '/authentication/options', {body: '[]'}),
    400,
    'invalid_request',
    'Invalid body: Invalid input: expected object, received array',
  );
  await refused(
    h,
    () => h.newClient().request('POST', '/authentication/options', {body: 'null'}),
    400,
    'invalid_request',
    'Invalid body: Invalid input: expected object, received null',
  );
});

test('malformed: clientDataJSON that is not JSON, or lacks a challenge, is 400 invalid_request and burns nothing', async (t) => {
  const h = await harness(t);
  await signUp(h, 'alice');
  const request = await authenticationOptions(h.newClient(), {username: 'alice'});
  const good = h.authenticator.get(request);
  for (const clientDataJSON of [
    b64(Buffer.from('not json at all')),
    b64(Buffer.from('{"type":"webauthn.get","origin":"http://localhost:3000"}')),
    b64(Buffer.from('{"type":"webauthn.get","challenge":"***","origin":"x"}')),
  ]) {
    await refused(
      h,
      () =>
        h.newClient().post('/authentication/verify', {
          response: {...good, response: {...good.response, clientDataJSON}},
        }),
      400,
      'invalid_request',
      /clientDataJSON/,
    );
  }
  assert.ok(challengeRow(h, request.challenge), 'no challenge was touched');
});

test('malformed: a garbage attestationObject is 400 verification_failed; the challenge is burned, no account', async (t) => {
  const h = await harness(t);
  const creation = await registrationOptions(h.client, {username: 'alice'});
  const response = h.authenticator.create(creation);
  await refusedBurning(
    h,
    creation.challenge,
    () =>
      h.client.post('/registration/verify', {
        response: {
          ...response,
          response: {
            ...response.response,
            attestationObject: b64(Buffer.from([0xa3, 0x63, 0x66, 0x6d, 0x74, 0xff, 0x00])),
          },
        },
      }),
    400,
    'verification_failed',
    'Registration rejected: Unsupported or not well formed at 5',
  );
});

test('malformed: truncated authenticatorData is 400 verification_failed; no session, counter untouched', async (t) => {
  const h = await harness(t);
  await signUp(h, 'alice', {client: h.newClient()});
  const request = await authenticationOptions(h.client, {username: 'alice'});
  const response = h.authenticator.get(request);
  await refusedBurning(
    h,
    request.challenge,
    () =>
      h.client.post('/authentication/verify', {
        response: {
          ...response,
          response: {
            ...response.response,
            authenticatorData: response.response.authenticatorData.slice(0, 20),
          },
        },
      }),
    400,
    'verification_failed',
    'Sign-in rejected: Authenticator data was 15 bytes, expected at least 37 bytes',
  );
});

test('malformed: wrong credential type, oversized userHandle, unknown authenticatorAttachment: 400 invalid_request', async (t) => {
  const h = await harness(t);
  await signUp(h, 'alice');
  const request = await authenticationOptions(h.newClient(), {username: 'alice'});
  const good = h.authenticator.get(request);
  const variants: [unknown, RegExp][] = [
    [{...good, type: 'password'}, /^Invalid body: response\.type: /],
    [
      {...good, response: {...good.response, userHandle: 'A'.repeat(89)}},
      /^Invalid body: response\.response\.userHandle: /,
    ],
    [
      {...good, authenticatorAttachment: 'usb'},
      /^Invalid body: response\.authenticatorAttachment: /,
    ],
    [{...good, response: {...good.response, signature: ''}}, /response\.response\.signature: /],
    [{...good, response: {...good.response, signature: 1234}}, /response\.response\.signature: /],
  ];
  for (const [response, reason] of variants)
    await refused(
      h,
      () => h.newClient().post('/authentication/verify', {response}),
      400,
      'invalid_request',
      reason,
    );
  assert.ok(challengeRow(h, request.challenge));
});

// Origins and RP ID

test('origin attacks: lookalike, https-upgrade and suffix origins in clientDataJSON are 400 verification_failed', async (t) => {
  const h = await harness(t);
  await signUp(h, 'alice', {client: h.newClient()});
  for (const origin of [
    'http://localhost:3000.evil.example',
    'https://localhost:3000',
    'http://localhost:30000',
    'http://evil.localhost:3000',
    'http://localhost',
  ]) {
    const request = await authenticationOptions(h.client, {username: 'alice'});
    await refusedBurning(
      h,
      request.challenge,
      () =>
        h.client.post('/authentication/verify', {response: h.authenticator.get(request, {origin})}),
      400,
      'verification_failed',
      `Sign-in rejected: Unexpected authentication response origin "${origin}", expected one of: http://localhost:3000`,
    );
  }
});

test('origin attacks: a validly signed topOrigin (embedded in a foreign page) is 400 verification_failed', async (t) => {
  const h = await harness(t);
  await signUp(h, 'alice', {client: h.newClient()});
  const request = await authenticationOptions(h.client, {username: 'alice'});
  const response = resign(h.authenticator, h.authenticator.get(request), (cd) => {
    cd.topOrigin = 'https://evil.example';
  });
  await refusedBurning(
    h,
    request.challenge,
    () => h.client.post('/authentication/verify', {response}),
    400,
    'verification_failed',
    'Cross-origin ceremonies are not accepted',
  );
});

test('RP ID attacks: a registration under a parent or sibling RP ID is 400 verification_failed, no account', async (t) => {
  const h = await harness(t);
  for (const rpId of ['example.com', 'localhost.', 'evil.example']) {
    const browser = h.newClient();
    const creation = await registrationOptions(browser, {username: `alice-${rpId}`});
    await refusedBurning(
      h,
      creation.challenge,
      () =>
        browser.post('/registration/verify', {response: h.authenticator.create(creation, {rpId})}),
      400,
      'verification_failed',
      'Registration rejected: Unexpected RP ID hash',
    );
  }
});

// Challenge and token misuse

test('challenge misuse: an MFA challenge cannot complete a plain sign-in, nor a sign-in challenge an MFA', async (t) => {
  const h = await harness(t);
  const key = new SoftAuthenticator({origin: ORIGIN});
  await h.client.post('/password/register', {username: 'erin', password: PASSWORD, mfa: true});
  const mfaToken = (await h.client.post('/password/login', {username: 'erin', password: PASSWORD}))
    .body.mfaToken;
  const enrol = await h.client.post('/mfa/options', {mfaToken});
  assert.equal(
    (await h.client.post('/mfa/verify', {mfaToken, response: key.create(enrol.body.options)}))
      .status,
    200,
  );

  const token2 = (
    await h.newClient().post('/password/login', {username: 'erin', password: PASSWORD})
  ).body.mfaToken;
  const mfa = (await h.newClient().post('/mfa/options', {mfaToken: token2})).body.options;
  await refused(
    h,
    () => h.newClient().post('/authentication/verify', {response: key.get(mfa)}),
    400,
    'challenge_invalid',
    'The challenge is unknown, expired, already used or for another purpose',
  );
  assert.ok(challengeRow(h, mfa.challenge), 'a lookup under the wrong purpose consumes nothing');
  const plain = await authenticationOptions(h.newClient(), {username: 'erin'});
  await refused(
    h,
    () => h.newClient().post('/mfa/verify', {mfaToken: token2, response: key.get(plain)}),
    400,
    'challenge_invalid',
    'The challenge is unknown, expired, already used or for another purpose',
  );
});

test('token misuse: a signup, mfa or bogus token is no recovery token (401), and vice versa', async (t) => {
  const h = await harness(t);
  await signUp(h, 'alice');
  const codes = (await h.client.post('/recovery/codes', {})).body.codes;
  const recoveryToken = (
    await h.newClient().post('/recovery/redeem', {username: 'alice', code: codes[0]})
  ).body.recoveryToken;
  await h.client.post('/signup/email', {email: 'new@example.com'});
  const code = /\b(\d{6})\b/.exec((await h.client.get('/dev/outbox')).body.at(-1).text)![1];
  const signupToken = (
    await h.client.post('/signup/email/verify', {email: 'new@example.com', code})
  ).body.signupToken;
  await h.newClient().post('/password/register', {username: 'erin', password: PASSWORD, mfa: true});
  const mfaToken = (
    await h.newClient().post('/password/login', {username: 'erin', password: PASSWORD})
  ).body.mfaToken;

  for (const token of [signupToken, mfaToken, 'A'.repeat(43)]) {
    await refused(
      h,
      () => h.newClient().post('/registration/options', {recoveryToken: token}),
      401,
      'unauthenticated',
      'The recovery token is unknown, used or expired',
    );
  }
  for (const token of [recoveryToken, mfaToken]) {
    await refused(
      h,
      () => h.newClient().post('/registration/options', {signupToken: token}),
      401,
      'unauthenticated',
      'The signup token is unknown, used or expired',
    );
  }
  for (const token of [recoveryToken, signupToken]) {
    await refused(
      h,
      () => h.newClient().post('/mfa/options', {mfaToken: token}),
      401,
      'unauthenticated',
      'The mfa token is unknown, used or expired',
    );
  }
});

test('token misuse: an email code is bound to its address', async (t) => {
  const h = await harness(t);
  await h.client.post('/signup/email', {email: 'a@example.com'});
  const code = /\b(\d{6})\b/.exec((await h.client.get('/dev/outbox')).body.at(-1).text)![1];
  await h.client.post('/signup/email', {email: 'b@example.com'});
  await refused(
    h,
    () => h.newClient().post('/signup/email/verify', {email: 'b@example.com', code}),
    400,
    'verification_failed',
    'The code is wrong',
    ['email_codes'],
  );
  // The first address's code still works afterwards.
  assert.equal(
    (await h.newClient().post('/signup/email/verify', {email: 'a@example.com', code})).status,
    200,
  );
});

// Credential binding, usernames

test('usernames: NFKC and case variants of a taken name are 409 user_exists; control characters are 400', async (t) => {
  const h = await harness(t);
  await signUp(h, 'alice');
  for (const username of ['ALICE', '\uff41\uff4c\uff49\uff43\uff45', ' Alice ']) {
    await refused(
      h,
      () => h.newClient().post('/registration/options', {username}),
      409,
      'user_exists',
      'That username is taken',
    );
  }
  for (const username of [
    'ali\u0000ce',
    'ali\nce',
    'ali\u0085ce',
    '',
    ' '.repeat(3),
    'x'.repeat(65),
  ]) {
    await refused(
      h,
      () => h.newClient().post('/registration/options', {username}),
      400,
      'invalid_request',
      /^Invalid body: username: /,
    );
  }
});

test('binding: a signup attestation whose user handle was minted for another pending signup still makes one account for that signup only', async (t) => {
  const h = await harness(t);
  const a = await registrationOptions(h.newClient(), {username: 'first'});
  const browser = h.newClient();
  const b = await registrationOptions(browser, {username: 'second'});
  // Sign b's challenge with a's user entity: the server binds the account to its own challenge record.
  const response = h.authenticator.create({...a, challenge: b.challenge});
  const res = await browser.post('/registration/verify', {response});
  assert.equal(res.status, 201);
  assert.equal(res.body.user.username, 'second');
  assert.equal(res.body.user.webauthnUserId, b.user.id);
  // Signing in with that passkey returns a's handle: refused, the handle is not the owner's.
  const signIn = h.newClient();
  const request = await authenticationOptions(signIn);
  await refusedBurning(
    h,
    request.challenge,
    () => signIn.post('/authentication/verify', {response: h.authenticator.get(request)}),
    400,
    'verification_failed',
    'The user handle does not belong to this passkey',
  );
});

// Limits

test('limits: forged assertions never close the passkey route (v1.1); a locked password route leaves the passkey and recovery routes open', async (t) => {
  const h = await harness(t, {accountFailures: 2});
  await signUp(h, 'alice');
  const codes = (await h.client.post('/recovery/codes', {})).body.codes;
  for (let i = 0; i < 4; i++) {
    const attacker = h.newClient();
    const request = await authenticationOptions(attacker, {username: 'alice'});
    assertError(
      await attacker.post('/authentication/verify', {
        response: h.authenticator.get(request, {signature: b64(Buffer.alloc(70, 2))}),
      }),
      400,
      'verification_failed',
      'Sign-in rejected: Data does not match to ECDSASigValue ASN1 schema.',
    );
  }
  // The password route closes after ACCOUNT_FAILURES wrong guesses, for the username.
  for (let i = 0; i < 2; i++)
    assertError(
      await h.newClient().post('/password/login', {username: 'alice', password: 'wrong guess'}),
      400,
      'verification_failed',
      'The username or password is wrong',
    );
  const res = await refused(
    h,
    () => h.newClient().post('/password/login', {username: 'alice', password: 'wrong guess'}),
    429,
    'rate_limited',
    'Too many failed attempts for this account; try again later',
  );
  assert.ok(Number(res.headers.get('retry-after')) >= 1);
  // The owner still has the passkey route and the recovery route.
  const owner = h.newClient();
  const request = await authenticationOptions(owner, {username: 'alice'});
  assert.equal(
    (await owner.post('/authentication/verify', {response: h.authenticator.get(request)})).status,
    200,
  );
  assert.equal(
    (await h.newClient().post('/recovery/redeem', {username: 'alice', code: codes[0]})).status,
    200,
  );
});

test('limits: the per-client budget counts refused requests (bad origin, bad body) too', async (t) => {
  const h = await harness(t, {rateLimitPerMinute: 5});
  for (let i = 0; i < 3; i++)
    assertError(
      await h.client.post('/authentication/options', {}, {origin: 'https://evil.example'}),
      403,
      'origin_mismatch',
      'Origin https://evil.example is not allowed',
    );
  for (let i = 0; i < 2; i++)
    assertError(
      await h.client.request('POST', '/authentication/options', {body: '{'}),
      400,
      'invalid_request',
      'The body is not valid JSON',
    );
  const res = await refused(
    h,
    () => h.client.post('/authentication/options', {}),
    429,
    'rate_limited',
    'Too many requests; try again later',
  );
  assert.ok(Number(res.headers.get('retry-after')) >= 1);
  // Non-ceremony routes are outside the budget.
  assert.equal((await h.client.get('/session')).status, 200);
});

test('limits: the recovery failure budget counts unknown usernames too, and a right code is then refused without being burned', async (t) => {
  const h = await harness(t, {accountFailures: 2});
  await signUp(h, 'alice');
  const codes = (await h.client.post('/recovery/codes', {})).body.codes;
  for (let i = 0; i < 2; i++)
    assertError(
      await h
        .newClient()
        .post('/recovery/redeem', {username: 'alice', code: 'ffff-ffff-ffff-ffff'}),
      400,
      'verification_failed',
      'The username or recovery code is wrong',
    );
  await refused(
    h,
    () => h.newClient().post('/recovery/redeem', {username: 'alice', code: codes[0]}),
    429,
    'rate_limited',
    'Too many failed attempts for this account; try again later',
  );
  for (let i = 0; i < 2; i++)
    assertError(
      await h
        .newClient()
        .post('/recovery/redeem', {username: 'ghost', code: 'ffff-ffff-ffff-ffff'}),
      400,
      'verification_failed',
      'The username or recovery code is wrong',
    );
  await refused(
    h,
    () => h.newClient().post('/recovery/redeem', {username: 'ghost', code: 'ffff-ffff-ffff-ffff'}),
    429,
    'rate_limited',
    'Too many failed attempts for this account; try again later',
  );
});
