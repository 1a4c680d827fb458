/**
 * docs/openapi.yaml against the running app: real flows (harness + software authenticator) through
 * a recording client; every response (2xx and errors) must have a documented status for its
 * operation, match that status's JSON schema (Ajv, draft 2020-12), and carry its required headers.
 * Every documented operation must be exercised at least once.
 */
import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import {test} from 'node:test';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import YAML from 'yaml';
import {
  ORIGIN,
  TestClient,
  assertError,
  assertRefusedWithoutChanges,
  registrationOptions,
  signUp,
  startHarness,
  type Harness,
} from './helpers/harness.js';
import {SoftAuthenticator} from './helpers/soft-authenticator.js';
import type {PasskeyServer} from '../src/index.js';

const SPEC_URL = new URL('../../docs/openapi.yaml', import.meta.url);

const spec: any = YAML.parse(readFileSync(SPEC_URL, 'utf8'));
const SPEC_ID = 'https://passkey-elements.local/openapi.json';
const basePath: string = spec.servers[0].url;
const METHODS = ['get', 'post', 'patch', 'delete', 'put'];

const ajv = new (Ajv2020 as any)({strict: false, allErrors: true, validateSchema: false});

(addFormats as any)(ajv);
ajv.addSchema(spec, SPEC_ID);

const pointer = (...parts: string[]) =>
  parts.map((p) => p.replace(/~/g, '~0').replace(/\//g, '~1')).join('/');

interface Operation {
  method: string;
  template: string;
  regex: RegExp;
}
const operations: Operation[] = [];
for (const [template, item] of Object.entries<Record<string, unknown>>(spec.paths)) {
  for (const method of METHODS) {
    if (!item[method]) continue;
    const regex = new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`);
    operations.push({method, template, regex});
  }
}

function resolve(node: any): any {
  while (node && typeof node.$ref === 'string') {
    const path = node.$ref
      .replace(/^#\//, '')
      .split('/')
      .map((p: string) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
    node = path.reduce((n: Record<string, unknown>, key: string) => n[key], spec);
  }
  return node;
}

const validators = new Map<string, (value: unknown) => boolean>();
/** Calls checked: `METHOD template status`. */
const seen = new Set<string>();

function check(method: string, url: string, status: number, body: unknown, headers: Headers): void {
  const path = new URL(url).pathname.slice(basePath.length);
  const op = operations.find((o) => o.method === method.toLowerCase() && o.regex.test(path));
  assert.ok(op, `${method} ${path} is not in docs/openapi.yaml`);
  const responses = spec.paths[op.template][op.method].responses;
  const label = `${method} ${op.template} ${status}`;
  assert.ok(
    responses[String(status)],
    `${label}: status not documented (body ${JSON.stringify(body)})`,
  );
  seen.add(label);
  const response = resolve(responses[String(status)]);
  for (const [name, header] of Object.entries<Record<string, unknown>>(response.headers ?? {})) {
    const h = resolve(header);
    if (!h.required) continue;
    const value =
      name.toLowerCase() === 'set-cookie' ? headers.getSetCookie().join(', ') : headers.get(name);
    assert.ok(value, `${label}: required header ${name} missing`);
    if (h.schema?.pattern)
      assert.match(value, new RegExp(h.schema.pattern), `${label}: header ${name}`);
  }
  const schema = response.content?.['application/json']?.schema;
  if (!schema) {
    assert.equal(body, null, `${label}: documented without a body, got ${JSON.stringify(body)}`);
    return;
  }
  assert.match(headers.get('content-type') ?? '', /^application\/json/, `${label}: content type`);
  let validate = validators.get(label);
  if (!validate) {
    const ref = `${SPEC_ID}#/${pointer('paths', op.template, op.method, 'responses', String(status))}`;
    // Follow a response $ref to its components entry so Ajv resolves inner refs against the spec.
    const target = responses[String(status)].$ref
      ? `${SPEC_ID}${responses[String(status)].$ref}/content/application~1json/schema`
      : `${ref}/content/application~1json/schema`;
    validate = ajv.compile({$ref: target}) as (value: unknown) => boolean;
    validators.set(label, validate);
  }
  const ok = validate(body);
  assert.ok(
    ok,
    `${label}: body does not match the schema: ${ajv.errorsText((validate as unknown as {errors: unknown}).errors)}\n${JSON.stringify(body)}`,
  );
}

/** A TestClient whose every response is checked against the spec. */
function checkedClient(server: PasskeyServer): TestClient {
  const recording = {
    ...server,
    fetch: async (request: Request) => {
      const res = await server.fetch(request);
      const text = await res.clone().text();
      check(request.method, request.url, res.status, text ? JSON.parse(text) : null, res.headers);
      return res;
    },
  } as PasskeyServer;
  return new TestClient(recording);
}

async function checkedHarness(
  t: {after(fn: () => unknown): void},
  config = {},
): Promise<Harness & {c(): TestClient}> {
  const h = await startHarness(config);
  t.after(() => h.close());
  return Object.assign(h, {
    client: checkedClient(h.server),
    newClient: () => checkedClient(h.server),
    c: () => checkedClient(h.server),
  });
}

const ADMIN_KEY = 'admin-key-admin-key-admin-key';
/** The cookie a challenge is bound to (the session cookie's name + `_ceremony`). */
const CEREMONY_COOKIE = 'passkey_session_ceremony';

test('openapi.yaml is a 3.1 document whose every $ref resolves', () => {
  assert.equal(spec.openapi, '3.1.0');
  const walk = (node: unknown): void => {
    if (!node || typeof node !== 'object') return;
    const ref = (node as {$ref?: unknown}).$ref;
    if (typeof ref === 'string') assert.ok(resolve({$ref: ref}), `${ref} does not resolve`);
    for (const value of Object.values(node)) walk(value);
  };
  walk(spec);
});

test('passkey flows: signup, session, sign-in, manage, sign-out', async (t) => {
  const h = await checkedHarness(t, {adminKey: ADMIN_KEY});
  const alice = h.client;
  const {credentialId, user} = await signUp(h, 'alice');
  await alice.get('/session');
  await h.c().get('/session');
  const second = h.newClient();
  await signUp(h, 'bob', {client: second, authenticator: new SoftAuthenticator({origin: ORIGIN})});

  // Sign-in by username and discoverable; an unknown username; an unknown credential.
  // (Each ceremony in one browser: a challenge is bound to the browser that asked for it.)
  for (const body of [{username: 'alice'}, {}]) {
    const browser = h.c();
    const opts = await browser.post('/authentication/options', body);
    assert.equal(
      (
        await browser.post('/authentication/verify', {
          response: h.authenticator.get(opts.body.options),
        })
      ).status,
      200,
    );
  }
  await h.c().post('/authentication/options', {username: 'nobody'});
  const stranger = new SoftAuthenticator({origin: ORIGIN});
  const strangerOpts = await registrationOptions(h.c(), {username: 'ghost'});
  stranger.create(strangerOpts);
  const strangerBrowser = h.c();
  const unknown = await strangerBrowser.post('/authentication/verify', {
    response: stranger.get(
      (await strangerBrowser.post('/authentication/options', {})).body.options,
    ),
  });
  assertError(unknown, 404, 'unknown_credential', 'No such passkey on this server');
  assert.equal(unknown.body.credentialId, [...stranger.credentials.keys()][0], 'the one to signal');
  // Replay, bad signature.
  const replayer = h.c();
  const opts = (await replayer.post('/authentication/options', {username: 'alice'})).body.options;
  const response = h.authenticator.get(opts);
  await replayer.post('/authentication/verify', {response});
  assertError(
    await replayer.post('/authentication/verify', {response}),
    400,
    'challenge_invalid',
    /already used/,
  );

  // Manage.
  const added = await registrationOptions(alice, {});
  const addRes = await alice.post('/registration/verify', {
    response: h.authenticator.create(added),
    name: 'Laptop',
  });
  assert.equal(addRes.status, 201);
  assert.equal((await alice.get('/passkeys')).body.passkeys.length, 2);
  assert.equal(
    (await alice.request('PATCH', `/passkeys/${credentialId}`, {json: {name: ' Phone '}})).status,
    200,
  );
  assertError(
    await alice.request('PATCH', `/passkeys/${credentialId}`, {json: {name: ''}}),
    400,
    'invalid_request',
    /^Invalid body: name: Too small/,
  );
  assertError(
    await alice.request('PATCH', '/passkeys/AAAA', {json: {name: 'x'}}),
    404,
    'not_found',
    'No such passkey',
  );
  assertError(
    await h.c().request('PATCH', `/passkeys/${credentialId}`, {json: {name: 'x'}}),
    401,
    'unauthenticated',
    'Sign in first',
  );
  assertError(await h.c().get('/passkeys'), 401, 'unauthenticated', 'Sign in first');
  assert.equal((await alice.delete(`/passkeys/${addRes.body.passkey.id}`)).status, 204);
  await assertRefusedWithoutChanges(
    h,
    () => alice.delete(`/passkeys/${credentialId}`),
    409,
    'last_passkey',
    /only way to sign in/,
  );
  assertError(await alice.delete('/passkeys/AAAA'), 404, 'not_found', 'No such passkey');
  assertError(
    await alice.delete('/passkeys/not*base64'),
    400,
    'invalid_request',
    /^Invalid passkey id: id: Invalid base64url/,
  );
  await assertRefusedWithoutChanges(
    h,
    () => h.c().delete(`/passkeys/${credentialId}`),
    401,
    'unauthenticated',
    'Sign in first',
  );

  // Re-authentication (v1.1): a stale session is refused a sensitive call, confirms with a
  // passkey, and gets a step-up token.
  h.advanceClock(6 * 60_000);
  assertError(await alice.delete('/sessions'), 401, 'reauth_required');
  assertError(await h.c().post('/reauth/options', {}), 401, 'unauthenticated', 'Sign in first');
  const reauthOpts = (await alice.post('/reauth/options', {})).body.options;
  assertError(
    await h.c().post('/reauth/verify', {response: h.authenticator.get(reauthOpts)}),
    401,
    'unauthenticated',
    'Sign in first',
  );
  const confirmed = await alice.post('/reauth/verify', {
    response: h.authenticator.get((await alice.post('/reauth/options', {})).body.options),
    action: 'sign-out-others',
  });
  assert.equal(confirmed.status, 200, JSON.stringify(confirmed.body));
  assert.equal((await alice.get('/session')).body.verifiedAt, confirmed.body.verifiedAt);

  // Taken username, duplicate credential, another account's challenge.
  assertError(
    await h.c().post('/registration/options', {username: 'ALICE'}),
    409,
    'user_exists',
    'That username is taken',
  );
  assertError(
    await h.c().post('/registration/options', {}),
    400,
    'invalid_request',
    'username is required to sign up',
  );
  const dupBrowser = h.c();
  const dupOpts = await registrationOptions(dupBrowser, {username: 'carol'});
  await assertRefusedWithoutChanges(
    h,
    () =>
      dupBrowser.post('/registration/verify', {
        response: h.authenticator.create(dupOpts, {
          credentialId: new Uint8Array(Buffer.from(credentialId, 'base64url')),
        }),
      }),
    409,
    'credential_exists',
    'This passkey is already registered',
  );
  // Another session (or none) in the browser the challenge was issued to: its ceremony cookie.
  const sameBrowser = (client: TestClient) => {
    client.cookies.set(CEREMONY_COOKIE, alice.cookies.get(CEREMONY_COOKIE)!);
    return client;
  };
  const aliceOpts = await registrationOptions(alice, {});
  await assertRefusedWithoutChanges(
    h,
    () =>
      sameBrowser(second).post('/registration/verify', {
        response: h.authenticator.create(aliceOpts),
      }),
    403,
    'forbidden',
    'This challenge was issued to another account',
  );
  const aliceOpts2 = await registrationOptions(alice, {});
  await assertRefusedWithoutChanges(
    h,
    () =>
      sameBrowser(h.c()).post('/registration/verify', {
        response: h.authenticator.create(aliceOpts2),
      }),
    401,
    'unauthenticated',
    'Sign in first',
  );

  // Admin reset.
  const admin = (key: string, id: string) =>
    h.c().delete(`/admin/users/${id}/passkeys`, {
      origin: null,
      headers: {authorization: `Bearer ${key}`},
    });
  await assertRefusedWithoutChanges(
    h,
    () => admin('wrong-key', user.id),
    401,
    'unauthenticated',
    'A valid admin key is required',
  );
  assertError(await admin(ADMIN_KEY, 'no-such-user'), 404, 'not_found', 'No such user');
  assertError(
    await admin(ADMIN_KEY, 'x'.repeat(200)),
    400,
    'invalid_request',
    /^Invalid user id: userId: Too big/,
  );
  assert.equal(
    (await admin(ADMIN_KEY, second === alice ? '' : (await second.get('/session')).body.user.id))
      .status,
    204,
  );

  // Sign out other devices (v1.1), then sign out, with and without a session.
  assertError(await h.c().delete('/sessions'), 401, 'unauthenticated', 'Sign in first');
  assert.equal((await alice.delete('/sessions')).status, 204);
  assert.equal((await alice.delete('/session')).status, 204);
  assert.equal((await h.c().delete('/session')).status, 204);
});

test('recovery, password + MFA, email signup', async (t) => {
  const h = await checkedHarness(t);
  await signUp(h, 'alice');
  const codes = (await h.client.post('/recovery/codes', {})).body.codes as string[];
  assertError(await h.c().post('/recovery/codes', {}), 401, 'unauthenticated', 'Sign in first');
  assert.equal((await h.client.get('/recovery/codes')).body.unused, 10);
  assertError(await h.c().get('/recovery/codes'), 401, 'unauthenticated', 'Sign in first');
  assertError(
    await h.c().post('/recovery/redeem', {username: 'alice', code: 'nope'}),
    400,
    'verification_failed',
    'The username or recovery code is wrong',
  );
  const redeemed = await h.c().post('/recovery/redeem', {username: 'alice', code: codes[0]});
  const recovering = h.c();
  const recOpts = await registrationOptions(recovering, {
    recoveryToken: redeemed.body.recoveryToken,
  });
  assert.equal(
    (await recovering.post('/registration/verify', {response: h.authenticator.create(recOpts)}))
      .status,
    201,
  );
  assertError(
    await h.c().post('/registration/options', {recoveryToken: redeemed.body.recoveryToken}),
    401,
    'unauthenticated',
    'The recovery token is unknown, used or expired',
  );

  // Password + MFA: register mode, then verify mode.
  assert.equal(
    (
      await h
        .c()
        .post('/password/register', {username: 'carol', password: 'correct horse', mfa: true})
    ).status,
    201,
  );
  await assertRefusedWithoutChanges(
    h,
    () => h.c().post('/password/register', {username: 'carol', password: 'correct horse'}),
    409,
    'user_exists',
    'That username is taken',
  );
  await assertRefusedWithoutChanges(
    h,
    () => h.c().post('/password/register', {username: 'x', password: 'short'}),
    400,
    'invalid_request',
    /^Invalid body: password: Too small/,
  );
  assert.equal(
    (await h.c().post('/password/register', {username: 'dave', password: 'correct horse'})).status,
    201,
  );
  assert.equal(
    (await h.c().post('/password/login', {username: 'dave', password: 'correct horse'})).status,
    200,
  );
  await assertRefusedWithoutChanges(
    h,
    () => h.c().post('/password/login', {username: 'dave', password: 'wrong horse'}),
    400,
    'verification_failed',
    'The username or password is wrong',
  );
  const carol = new SoftAuthenticator({origin: ORIGIN});
  for (const mode of ['register', 'verify']) {
    const login = await h
      .c()
      .post('/password/login', {username: 'carol', password: 'correct horse'});
    assert.equal(login.body.mfaRequired, true);
    const {mfaToken} = login.body;
    const browser = h.c();
    const mfaOpts = await browser.post('/mfa/options', {mfaToken});
    assert.equal(mfaOpts.body.mode, mode);
    const response =
      mode === 'register' ? carol.create(mfaOpts.body.options) : carol.get(mfaOpts.body.options);
    assert.equal((await browser.post('/mfa/verify', {mfaToken, response})).status, 200);
    await assertRefusedWithoutChanges(
      h,
      () => browser.post('/mfa/verify', {mfaToken, response}),
      401,
      'unauthenticated',
      'The mfa token is unknown, used or expired',
    );
  }
  assertError(
    await h.c().post('/mfa/options', {mfaToken: 'nope'}),
    401,
    'unauthenticated',
    'The mfa token is unknown, used or expired',
  );
  assertError(
    await h.c().post('/mfa/options', {}),
    400,
    'invalid_request',
    /^Invalid body: mfaToken: Invalid input: expected string, received undefined/,
  );

  // Email signup.
  assert.equal((await h.c().post('/signup/email', {email: 'Grace@Example.com'})).status, 202);
  assertError(
    await h.c().post('/signup/email', {email: 'not an email'}),
    400,
    'invalid_request',
    /^Invalid body: email: Invalid email address/,
  );
  const mails = (await h.c().get('/dev/outbox')).body as {text: string}[];
  const code = /\b(\d{6})\b/.exec(mails.at(-1)!.text)![1];
  assertError(
    await h.c().post('/signup/email/verify', {
      email: 'grace@example.com',
      code: code === '000000' ? '111111' : '000000',
    }),
    400,
    'verification_failed',
    'The code is wrong',
  );
  const verified = await h.c().post('/signup/email/verify', {email: 'grace@example.com', code});
  // The used code is no longer live: code_expired, as documented.
  assertError(
    await h.c().post('/signup/email/verify', {email: 'grace@example.com', code}),
    400,
    'code_expired',
    'The code has expired, was used or was tried too often; ask for a new one',
  );
  assert.equal(verified.status, 200);
  const browser = h.c();
  const signupOpts = await registrationOptions(browser, {signupToken: verified.body.signupToken});
  assert.equal(
    (await browser.post('/registration/verify', {response: h.authenticator.create(signupOpts)}))
      .status,
    201,
  );
  await assertRefusedWithoutChanges(
    h,
    () => h.c().post('/registration/options', {signupToken: 'spent'}),
    401,
    'unauthenticated',
    'The signup token is unknown, used or expired',
  );
});

test('refusals shared by every route: 403, 413, 415, 429', async (t) => {
  const h = await checkedHarness(t, {
    rateLimitPerMinute: 1000,
    development: false,
    smtpUrl: 'smtp://127.0.0.1:9',
  });
  const big = JSON.stringify({pad: 'a'.repeat(70 * 1024)});
  for (const op of operations) {
    if (op.method === 'get') continue;
    const path = op.template.replace('{id}', 'AAAA').replace('{userId}', 'nobody');
    const method = op.method.toUpperCase();
    if (!op.template.startsWith('/admin/')) {
      const res = await h.c().request(method, path, {json: {}, origin: 'https://evil.example'});
      assertError(res, 403, 'origin_mismatch', 'Origin https://evil.example is not allowed');
    }
    assertError(
      await h.c().request(method, path, {body: big}),
      413,
      'payload_too_large',
      'The body exceeds 65536 bytes',
    );
    assertError(
      await h.c().request(method, path, {body: '{}', contentType: 'text/plain'}),
      415,
      'unsupported_media_type',
      'Send the body as application/json',
    );
  }
  // Production (no development mode): demo endpoints answer 404.
  assertError(
    await h.c().post('/password/register', {username: 'x', password: 'correct horse'}),
    404,
    'not_found',
    'No such endpoint',
  );
  assertError(await h.c().get('/dev/outbox'), 404, 'not_found', 'No such endpoint');

  const limited = await checkedHarness(t, {rateLimitPerMinute: 2});
  for (const op of operations) {
    if (
      op.method !== 'post' ||
      !/^\/(registration|authentication|mfa|signup|recovery|password)\//.test(op.template)
    )
      continue;
    const client = limited.c();
    await client.post('/authentication/options', {});
    await client.post('/authentication/options', {});
    // Every client shares the key `unknown` under app.fetch: the budget is spent for all.
    const res = await client.post(op.template, {});
    assertError(res, 429, 'rate_limited', 'Too many requests; try again later');
  }
});

test('a database out of reach: 503 unavailable with Retry-After, as documented', async (t) => {
  const h = await checkedHarness(t);
  const {credentialId} = await signUp(h, 'alice');
  await h.server.close(); // the store goes away under the running app (server.close is idempotent)
  const statuses = [];
  for (const op of operations) {
    if (op.template === '/dev/outbox') continue;
    const path = op.template.replace('{id}', credentialId).replace('{userId}', 'nobody');
    const body =
      op.method === 'get' || op.method === 'delete'
        ? {}
        : {
            json: {
              username: 'bob',
              name: 'x',
              email: 'b@example.com',
              code: '123456',
              password: 'correct horse',
              mfaToken: 'x',
              recoveryToken: 'x',
            },
          };
    statuses.push((await h.client.request(op.method.toUpperCase(), path, body)).status);
  }
  assert.ok(statuses.filter((s) => s === 503).length >= 10, `statuses: ${statuses.join(' ')}`);
});

test('every operation in openapi.yaml was exercised', () => {
  for (const op of operations) {
    const label = `${op.method.toUpperCase()} ${op.template}`;
    assert.ok(
      [...seen].some((s) => s.startsWith(`${label} `)),
      `${label} was never called`,
    );
    const ok = [...seen].some((s) => s.startsWith(`${label} 2`));
    assert.ok(ok, `${label} was never answered with a 2xx`);
  }
});
