import assert from 'node:assert/strict';
import {randomBytes} from 'node:crypto';
import {test} from 'node:test';
import {
  ORIGIN,
  assertRefusedWithoutChanges,
  registrationOptions,
  startHarness,
  type Harness,
  type TestClient,
} from './helpers/harness.js';
import {SoftAuthenticator} from './helpers/soft-authenticator.js';

/**
 * Contract v1.1: MFA never falls back to enrolment on the password alone (issue #14). `/mfa/options`
 * offers `register` only to an account that has never had a passkey, or that an operator reset
 * since; an account whose passkeys are gone otherwise is refused (403 forbidden) and recovers.
 */

const PASSWORD = 'correct horse battery';
const ADMIN_KEY = randomBytes(32).toString('hex');
const GONE =
  'This account has no passkey left; recover it with a recovery code or ask the operator to reset it';
const LAST = 'This is your only way to sign in; add another passkey first';

const rows = (h: Harness, table: string) =>
  Number((h.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as {n: number | string}).n);

async function mfaToken(h: Harness, username: string): Promise<string> {
  const res = await h.newClient().post('/password/login', {username, password: PASSWORD});
  assert.equal(res.status, 200, JSON.stringify(res.body));
  assert.equal(res.body.mfaRequired, true);
  return res.body.mfaToken as string;
}

/** An MFA account that enrolled a passkey at its first sign-in; returns its signed-in browser. */
async function enrolledMfaAccount(h: Harness, username: string, key: SoftAuthenticator) {
  const created = await h
    .newClient()
    .post('/password/register', {username, password: PASSWORD, mfa: true});
  assert.equal(created.status, 201, JSON.stringify(created.body));
  const token = await mfaToken(h, username);
  const browser = h.newClient();
  const enrol = await browser.post('/mfa/options', {mfaToken: token});
  assert.equal(enrol.body.mode, 'register');
  const response = key.create(enrol.body.options);
  const res = await browser.post('/mfa/verify', {mfaToken: token, response});
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return {browser, user: created.body.user, credentialId: response.id as string};
}

/** `/mfa/options` refused with 403 forbidden: no challenge stored, the token not used up. */
async function refusedEnrolment(h: Harness, token: string) {
  const challenges = rows(h, 'challenges');
  const tokens = rows(h, 'tokens');
  const res = await assertRefusedWithoutChanges(
    h,
    () => h.newClient().post('/mfa/options', {mfaToken: token}),
    403,
    'forbidden',
    GONE,
  );
  assert.equal(res.body.mode, undefined);
  assert.equal(rows(h, 'challenges'), challenges, 'a challenge was stored');
  assert.equal(rows(h, 'tokens'), tokens, 'the mfa token was used up');
}

test('mfa: an MFA account whose last passkey was deleted (it kept recovery codes) is not offered register with the password alone (403 forbidden, nothing stored); recovery brings it back', async (t) => {
  const h = await startHarness();
  t.after(() => h.close());
  const key = new SoftAuthenticator({origin: ORIGIN});
  const {browser, credentialId} = await enrolledMfaAccount(h, 'erin', key);
  const codes = (await browser.post('/recovery/codes', {})).body.codes as string[];
  assert.equal(codes.length, 10);
  const deleted = await browser.delete(`/passkeys/${credentialId}`);
  assert.equal(deleted.status, 204, JSON.stringify(deleted.body));
  assert.equal(rows(h, 'credentials'), 0);

  // Someone with the password: no enrolment of their own passkey, and no register mode.
  const token = await mfaToken(h, 'erin');
  await refusedEnrolment(h, token);
  const attacker = new SoftAuthenticator({origin: ORIGIN});
  const forged = attacker.create(await registrationOptions(h.newClient(), {username: 'mallory'}));
  await assertRefusedWithoutChanges(
    h,
    () => h.newClient().post('/mfa/verify', {mfaToken: token, response: forged}),
    400,
    'challenge_invalid',
  );

  // The owner recovers with a code and a new passkey; the second factor is then that passkey.
  const lost = h.newClient();
  const {recoveryToken} = (await lost.post('/recovery/redeem', {username: 'erin', code: codes[0]}))
    .body;
  const fresh = new SoftAuthenticator({origin: ORIGIN});
  const options = await registrationOptions(lost, {recoveryToken});
  assert.equal(
    (await lost.post('/registration/verify', {response: fresh.create(options)})).status,
    201,
  );
  const again = await h.newClient().post('/mfa/options', {mfaToken: await mfaToken(h, 'erin')});
  assert.equal(again.status, 200, JSON.stringify(again.body));
  assert.equal(again.body.mode, 'verify');
});

test('mfa: deleting an MFA account\u2019s last passkey without unused recovery codes is refused (409 last_passkey): the password is not another way in', async (t) => {
  const h = await startHarness();
  t.after(() => h.close());
  const {browser, credentialId} = await enrolledMfaAccount(
    h,
    'erin',
    new SoftAuthenticator({origin: ORIGIN}),
  );
  await assertRefusedWithoutChanges(
    h,
    () => browser.delete(`/passkeys/${credentialId}`),
    409,
    'last_passkey',
    LAST,
  );
  assert.equal(rows(h, 'credentials'), 1);
  // Its codes all used: the same.
  const codes = (await browser.post('/recovery/codes', {})).body.codes as string[];
  for (const code of codes) {
    assert.equal(
      (await h.newClient().post('/recovery/redeem', {username: 'erin', code})).status,
      200,
    );
  }
  await assertRefusedWithoutChanges(
    h,
    () => browser.delete(`/passkeys/${credentialId}`),
    409,
    'last_passkey',
    LAST,
  );

  // Without MFA the password still is another way in.
  const plain = h.newClient();
  await plain.post('/password/register', {username: 'frank', password: PASSWORD});
  assert.equal(
    (await plain.post('/password/login', {username: 'frank', password: PASSWORD})).status,
    200,
  );
  const opts = await registrationOptions(plain, {});
  const franks = new SoftAuthenticator({origin: ORIGIN});
  const response = franks.create(opts);
  assert.equal((await plain.post('/registration/verify', {response})).status, 201);
  // Deleting a passkey is sensitive (v1.1): the password session confirms with it first.
  const reauth = (await plain.post('/reauth/options', {})).body.options;
  assert.equal((await plain.post('/reauth/verify', {response: franks.get(reauth)})).status, 200);
  assert.equal((await plain.delete(`/passkeys/${response.id}`)).status, 204);
});

test('mfa: after an operator reset the account may enrol again (register); a never-enrolled MFA account may too', async (t) => {
  const h = await startHarness({adminKey: ADMIN_KEY});
  t.after(() => h.close());
  const {user} = await enrolledMfaAccount(h, 'erin', new SoftAuthenticator({origin: ORIGIN}));
  const verify = await h.newClient().post('/mfa/options', {mfaToken: await mfaToken(h, 'erin')});
  assert.equal(verify.body.mode, 'verify');

  const reset = await h.newClient().delete(`/admin/users/${user.id}/passkeys`, {
    origin: null,
    headers: {authorization: `Bearer ${ADMIN_KEY}`},
  });
  assert.equal(reset.status, 204, JSON.stringify(reset.body));
  const token = await mfaToken(h, 'erin');
  const browser: TestClient = h.newClient();
  const enrol = await browser.post('/mfa/options', {mfaToken: token});
  assert.equal(enrol.status, 200, JSON.stringify(enrol.body));
  assert.equal(enrol.body.mode, 'register');
  const res = await browser.post('/mfa/verify', {
    mfaToken: token,
    response: new SoftAuthenticator({origin: ORIGIN}).create(enrol.body.options),
  });
  assert.equal(res.status, 200, JSON.stringify(res.body));
  // Enrolled again: closed again.
  const next = await h.newClient().post('/mfa/options', {mfaToken: await mfaToken(h, 'erin')});
  assert.equal(next.body.mode, 'verify');
});

test('mfa: a passkey enrolled as a second factor is named after its authenticator', async (t) => {
  const h = await startHarness();
  t.after(() => h.close());
  // Google Password Manager's AAGUID, in the shipped list.
  const aaguid = Buffer.from('ea9b8d664d011d213ce4b6b48cb575d4', 'hex');
  const key = new SoftAuthenticator({origin: ORIGIN, aaguid: new Uint8Array(aaguid)});
  const {browser} = await enrolledMfaAccount(h, 'frank', key);
  const list = await browser.get('/passkeys');
  assert.equal(list.status, 200, JSON.stringify(list.body));
  assert.deepEqual(
    list.body.passkeys.map((p: {name: string}) => p.name),
    ['Google Password Manager'],
  );
});
