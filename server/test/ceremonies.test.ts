import assert from 'node:assert/strict';
import {test} from 'node:test';
import {
  ORIGIN,
  assertError,
  authenticationOptions,
  registrationOptions,
  signIn,
  signUp,
  startHarness,
} from './helpers/harness.js';
import {SoftAuthenticator} from './helpers/soft-authenticator.js';

test('sign-up with a passkey creates the account, the passkey and a session', async (t) => {
  const h = await startHarness();
  t.after(() => h.close());

  const options = await registrationOptions(h.client, {username: 'Alice', displayName: 'Alice A.'});
  assert.equal(options.rp.id, 'localhost');
  assert.equal(options.user.name, 'Alice');
  assert.equal(options.user.displayName, 'Alice A.');
  assert.deepEqual(
    options.pubKeyCredParams.map((p) => p.alg),
    [-7, -257],
  );
  assert.equal(options.authenticatorSelection?.residentKey, 'required');
  assert.equal(options.authenticatorSelection?.userVerification, 'required');
  assert.equal(options.attestation, 'none');
  assert.deepEqual(options.excludeCredentials, []);
  assert.ok(Buffer.from(options.challenge, 'base64url').byteLength >= 32);

  const response = h.authenticator.create(options);
  const res = await h.client.post('/registration/verify', {response, name: 'My laptop'});
  assert.equal(res.status, 201, JSON.stringify(res.body));
  assert.deepEqual(Object.keys(res.body.user).sort(), [
    'displayName',
    'id',
    'username',
    'webauthnUserId',
  ]);
  assert.equal(res.body.user.username, 'Alice');
  assert.equal(res.body.user.displayName, 'Alice A.');
  assert.equal(res.body.user.webauthnUserId, options.user.id);
  const passkey = res.body.passkey;
  assert.equal(passkey.id, response.id);
  assert.equal(passkey.name, 'My laptop');
  assert.equal(passkey.lastUsedAt, null);
  assert.equal(passkey.backedUp, true);
  assert.equal(passkey.deviceType, 'multiDevice');
  assert.deepEqual(passkey.transports, ['hybrid', 'internal']);
  assert.equal(passkey.aaguid, '00000000-0000-0000-0000-000000000000');
  assert.deepEqual(passkey.authenticator, {name: 'Synced passkey'});
  assert.ok(!Number.isNaN(Date.parse(passkey.createdAt)));

  assert.deepEqual(h.counts(), {users: 1, credentials: 1, sessions: 1});
  const cookie = res.headers.getSetCookie()[0]!;
  assert.match(cookie, /^passkey_session=[A-Za-z0-9_-]{43};/);
  assert.match(cookie, /HttpOnly/);
  assert.match(cookie, /SameSite=Lax/);
  assert.match(cookie, /Path=\//);
  assert.doesNotMatch(cookie, /Secure/);

  const session = await h.client.get('/session');
  assert.equal(session.status, 200);
  // A passkey sign-up is a passkey verification (contract v1.1): verifiedAt is set.
  const {verifiedAt, ...rest} = session.body;
  assert.deepEqual(rest, {user: res.body.user, rpId: 'localhost'});
  assert.ok(Math.abs(Date.parse(verifiedAt) - Date.now()) < 60_000, `verifiedAt ${verifiedAt}`);

  // The database keeps a hash of the session token, not the token.
  const token = h.client.cookies.get('passkey_session')!;
  const stored = h.db.prepare('SELECT id FROM sessions').get() as {id: string};
  assert.notEqual(stored.id, token);
});

test('sign-in with a username: allowCredentials lists the passkeys; counter and lastUsedAt move', async (t) => {
  const h = await startHarness();
  t.after(() => h.close());
  const {user, credentialId} = await signUp(h, 'bob');
  const browser = h.newClient();

  const options = await authenticationOptions(browser, {username: 'BOB'}); // usernames ignore case
  assert.deepEqual(options.allowCredentials, [
    {id: credentialId, type: 'public-key', transports: ['hybrid', 'internal']},
  ]);
  assert.equal(options.userVerification, 'required');
  assert.equal(options.rpId, 'localhost');

  const res = await browser.post('/authentication/verify', {
    response: h.authenticator.get(options),
  });
  assert.equal(res.status, 200, JSON.stringify(res.body));
  assert.deepEqual(res.body, {user});
  assert.ok(browser.cookies.has('passkey_session'));
  assert.equal((await browser.get('/session')).body.user.id, user.id);

  const row = h.db.prepare('SELECT counter, last_used_at FROM credentials').get() as {
    counter: number;
    last_used_at: number;
  };
  assert.equal(row.counter, 1);
  assert.ok(row.last_used_at > 0);
  const list = await browser.get('/passkeys');
  assert.ok(list.body.passkeys[0].lastUsedAt);
});

test('discoverable sign-in: empty allowCredentials, the user found by the user handle', async (t) => {
  const h = await startHarness();
  t.after(() => h.close());
  const {user} = await signUp(h, 'carol');
  const browser = h.newClient();

  const options = await authenticationOptions(browser);
  assert.deepEqual(options.allowCredentials, []);
  const res = await browser.post('/authentication/verify', {
    response: h.authenticator.get(options),
  });
  assert.equal(res.status, 200, JSON.stringify(res.body));
  assert.equal(res.body.user.id, user.id);
});

test('an authenticator without a counter (always 0) signs in again and again', async (t) => {
  const h = await startHarness();
  t.after(() => h.close());
  const authenticator = new SoftAuthenticator({origin: ORIGIN, counterStep: 0});
  await signUp(h, 'dora', {authenticator});
  for (let i = 0; i < 3; i++) {
    const res = await signIn(h, 'dora', {authenticator});
    assert.equal(res.status, 200, JSON.stringify(res.body));
  }
});

test('every sign-in gets a new session id; sign-out invalidates the session server-side', async (t) => {
  const h = await startHarness();
  t.after(() => h.close());
  await signUp(h, 'erin');
  const first = h.client.cookies.get('passkey_session')!;

  const res = await signIn(h, 'erin');
  assert.equal(res.status, 200);
  const second = h.client.cookies.get('passkey_session')!;
  assert.notEqual(second, first);
  assert.equal(h.counts().sessions, 1, 'the session the browser came with is dropped');

  // Keep a copy of the cookie, as an attacker who stole it would.
  const thief = h.newClient();
  thief.cookies.set('passkey_session', second);
  assert.equal((await thief.get('/session')).body.user.username, 'erin');

  const out = await h.client.delete('/session');
  assert.equal(out.status, 204);
  assert.match(out.headers.getSetCookie()[0]!, /passkey_session=;.*Max-Age=0/);
  assert.equal(h.counts().sessions, 0);
  assert.deepEqual((await h.client.get('/session')).body, {
    user: null,
    rpId: 'localhost',
    verifiedAt: null,
  });
  assert.equal((await thief.get('/session')).body.user, null);
  assertError(await thief.get('/passkeys'), 401, 'unauthenticated', 'Sign in first');
});

test('sessions expire', async (t) => {
  const h = await startHarness({sessionTtlMs: 60_000});
  t.after(() => h.close());
  await signUp(h, 'fred');
  h.advanceClock(61_000);
  assert.equal((await h.client.get('/session')).body.user, null);
  assertError(await h.client.get('/passkeys'), 401, 'unauthenticated', 'Sign in first');
});

test('a signed-in user adds a passkey: excludeCredentials, no new account, listed newest first', async (t) => {
  const h = await startHarness();
  t.after(() => h.close());
  const {user, credentialId} = await signUp(h, 'gina');

  const options = await registrationOptions(h.client, {username: 'someone-else'});
  assert.equal(options.user.id, user.webauthnUserId);
  assert.equal(options.user.name, 'gina');
  assert.deepEqual(
    options.excludeCredentials?.map((c) => c.id),
    [credentialId],
  );
  const phone = new SoftAuthenticator({origin: ORIGIN, flags: {be: false, bs: false}});
  const response = phone.create(options);
  const res = await h.client.post('/registration/verify', {response});
  assert.equal(res.status, 201, JSON.stringify(res.body));
  assert.equal(res.body.user.id, user.id);
  assert.equal(res.body.passkey.name, 'Passkey');
  assert.equal(res.body.passkey.deviceType, 'singleDevice');
  assert.equal(res.body.passkey.backedUp, false);
  assert.deepEqual(h.counts(), {users: 1, credentials: 2, sessions: 1});

  const list = await h.client.get('/passkeys');
  assert.equal(list.status, 200);
  assert.deepEqual(
    list.body.passkeys.map((p: {id: string}) => p.id),
    [response.id, credentialId],
  );

  // Either passkey signs in.
  assert.equal((await signIn(h, 'gina', {authenticator: phone})).status, 200);
  assert.equal((await signIn(h, 'gina')).status, 200);
});

test('an unknown username gets an answer shaped like a known one, stable across calls', async (t) => {
  const h = await startHarness();
  t.after(() => h.close());
  await signUp(h, 'hank');

  const known = await authenticationOptions(h.newClient(), {username: 'hank'});
  const unknown1 = await authenticationOptions(h.newClient(), {username: 'nobody'});
  const unknown2 = await authenticationOptions(h.newClient(), {username: 'Nobody'});
  assert.deepEqual(Object.keys(unknown1).sort(), Object.keys(known).sort());
  assert.ok(unknown1.allowCredentials!.length >= 1);
  assert.deepEqual(unknown1.allowCredentials, unknown2.allowCredentials);
  for (const c of unknown1.allowCredentials!) {
    assert.equal(c.type, 'public-key');
    assert.equal(Buffer.from(c.id, 'base64url').byteLength, 32);
  }
  assert.notEqual(unknown1.challenge, unknown2.challenge);
});

test('USER_VERIFICATION=preferred: options say so, and UV-less responses pass', async (t) => {
  const h = await startHarness({userVerification: 'preferred'});
  t.after(() => h.close());
  const noUv = new SoftAuthenticator({origin: ORIGIN, flags: {uv: false}});
  const options = await registrationOptions(h.client, {username: 'ivy'});
  assert.equal(options.authenticatorSelection?.userVerification, 'preferred');
  const res = await h.client.post('/registration/verify', {response: noUv.create(options)});
  assert.equal(res.status, 201, JSON.stringify(res.body));
  const request = await authenticationOptions(h.client, {username: 'ivy'});
  assert.equal(request.userVerification, 'preferred');
  assert.equal((await signIn(h, 'ivy', {authenticator: noUv})).status, 200);
});

test('GET /session without a cookie, and unknown paths', async (t) => {
  const h = await startHarness();
  t.after(() => h.close());
  const res = await h.client.get('/session');
  assert.deepEqual(res.body, {user: null, rpId: 'localhost', verifiedAt: null});
  assert.equal(res.headers.get('cache-control'), 'no-store');
  const missing = await h.client.get('/nope');
  assertError(missing, 404, 'not_found', 'No such endpoint');
  // Errors too, whether a guard or a handler refuses.
  assert.equal(missing.headers.get('cache-control'), 'no-store');
  const foreign = await h.client.post(
    '/authentication/options',
    {},
    {origin: 'https://evil.example'},
  );
  assertError(foreign, 403, 'origin_mismatch', 'Origin https://evil.example is not allowed');
  assert.equal(foreign.headers.get('cache-control'), 'no-store');
  const bad = await h.client.post('/authentication/options', {username: 42});
  assertError(
    bad,
    400,
    'invalid_request',
    'Invalid body: username: Invalid input: expected string, received number',
  );
  assert.equal(bad.headers.get('cache-control'), 'no-store');
});

test('https origins get Secure cookies', async (t) => {
  const h = await startHarness({origins: ['https://app.example'], rpId: 'app.example'});
  t.after(() => h.close());
  const authenticator = new SoftAuthenticator({origin: 'https://app.example'});
  const options = await registrationOptions(h.client, {username: 'jo'}).catch(() => null);
  assert.equal(options, null, 'the default test origin is not allowed here');
  const res = await h.client.post(
    '/registration/options',
    {username: 'jo'},
    {origin: 'https://app.example'},
  );
  assert.equal(res.status, 200);
  const verify = await h.client.post(
    '/registration/verify',
    {response: authenticator.create(res.body.options)},
    {origin: 'https://app.example'},
  );
  assert.equal(verify.status, 201, JSON.stringify(verify.body));
  assert.match(verify.headers.getSetCookie()[0]!, /; Secure/);
});
