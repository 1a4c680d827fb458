// The LoginRadius adapter against the LoginRadius STAND-IN (test/servers/loginradius-stand-in.ts,
// mounted at /stand-in/loginradius: LoginRadius's documented passkey and MFA-passkey endpoints,
// ceremonies verified by @simplewebauthn/server), driven through the real elements with the
// DevTools virtual authenticator.
import {expect, fixture, html} from '@open-wc/testing';
import '../../src/define.js';
import {
  LoginRadiusClient,
  type SecondFactorAuthentication,
} from '../../src/adapters/loginradius.js';
import {PasskeyError} from '../../src/core/client/passkey-error.js';
import type {PasskeyLogin} from '../../src/elements/passkey-login/passkey-login.js';
import type {PasskeyMfa} from '../../src/elements/passkey-mfa/passkey-mfa.js';
import type {PasskeyRegister} from '../../src/elements/passkey-register/passkey-register.js';
import {click, part, type, outcome} from '../helpers/dom.js';
import {uniqueEmail} from '../helpers/backend.js';
import {addVirtualAuthenticator, clearCredentials, getCredentials} from '../helpers/webauthn.js';

const BASE = '/stand-in/loginradius';
const API_KEY = 'stand-in-loginradius-api-key'; // test/plugins/adapter-backends.mjs

/** The stand-in's test-only routes: a password user, and the first factor. */
async function standIn<T>(path: string, body: object): Promise<T> {
  const res = await fetch(`${BASE}/stand-in/${path}`, {
    method: 'POST',
    headers: {'content-type': 'application/json'},
    body: JSON.stringify(body),
  });
  return res.json();
}

describe('LoginRadius adapter against the LoginRadius stand-in', () => {
  let client: LoginRadiusClient;
  before(() => addVirtualAuthenticator());
  beforeEach(async () => {
    client = new LoginRadiusClient({apiKey: API_KEY, baseURL: BASE});
    await clearCredentials();
  });

  it('signs up with <passkey-register signup> (access token kept), out, and in with <passkey-login>', async () => {
    const username = uniqueEmail('lr');
    const reg = await fixture<PasskeyRegister>(
      html`<passkey-register signup .client=${client}></passkey-register>`,
    );
    await type(part(reg, 'input'), username);
    const registered = outcome<{user: {id: string; username: string}; passkey: {id: string}}>(
      reg,
      'passkey-registered',
    );
    await click(part(reg, 'button'));
    const {user, passkey} = await registered;
    expect(user.username).to.equal(username);
    expect(passkey.id).to.equal((await getCredentials())[0]!.credentialId);
    expect(client.accessToken).to.be.a('string');
    expect((await client.session()).user?.id).to.equal(user.id);

    await client.signOut();
    expect(client.accessToken).to.equal(null);
    expect((await client.session()).user).to.equal(null);

    const login = await fixture<PasskeyLogin>(
      html`<passkey-login .client=${client}></passkey-login>`,
    );
    await type(part(login, 'input'), username);
    const signedIn = outcome<{user: {id: string}}>(login, 'passkey-authenticated');
    await click(part(login, 'button'));
    expect((await signedIn).user.id).to.equal(user.id);
    expect((await client.session()).user?.id).to.equal(user.id);
  });

  it('adds a passkey while signed in (<passkey-register> without signup: the account passkey APIs, with the Bearer token)', async () => {
    const {options} = await client.registrationOptions({username: uniqueEmail('add')});
    const {startRegistration} = await import('@simplewebauthn/browser');
    const {user} = await client.registrationVerify({
      response: await startRegistration({optionsJSON: options}),
    });
    await clearCredentials(); // the authenticator would refuse a second credential for an excluded one

    const reg = await fixture<PasskeyRegister>(
      html`<passkey-register .client=${client}></passkey-register>`,
    );
    const added = outcome<{user: {id: string}; passkey: {id: string}}>(reg, 'passkey-registered');
    await click(part(reg, 'button'));
    const detail = await added;
    expect(detail.user.id).to.equal(user.id);
    expect(detail.passkey.id).to.equal((await getCredentials())[0]!.credentialId);
    await client.signOut();
    const login = await fixture<PasskeyLogin>(
      html`<passkey-login discoverable .client=${client}></passkey-login>`,
    );
    const signedIn = outcome<{user: {id: string}}>(login, 'passkey-authenticated');
    await click(part(login, 'button'));
    expect((await signedIn).user.id).to.equal(user.id);
  });

  it('passkey as a second factor: <passkey-mfa> registers one, then verifies with it; the user can reset it', async () => {
    const address = uniqueEmail('mfa');
    await standIn('users', {email: address, password: 'correct horse', mfa: true});
    const firstFactor = async () =>
      (
        await standIn<{SecondFactorAuthentication: SecondFactorAuthentication}>('login', {
          email: address,
          password: 'correct horse',
        })
      ).SecondFactorAuthentication;

    const sfa = await firstFactor();
    expect(sfa.IsPasskeyAuthenticatorVerified).to.equal(false);
    const first = await fixture<PasskeyMfa>(
      html`<passkey-mfa mfa-token=${client.secondFactor(sfa)} .client=${client}></passkey-mfa>`,
    );
    const events: string[] = [];
    first.addEventListener('passkey-registered', () => events.push('registered'));
    const done = outcome<{user: {username: string}; factor: string}>(
      first,
      'passkey-authenticated',
    );
    await click(part(first, 'button'));
    expect((await done).user.username).to.equal(address);
    expect(events).to.deep.equal(['registered']);

    await client.signOut();
    const again = await firstFactor();
    expect(again.IsPasskeyAuthenticatorVerified).to.equal(true);
    const second = await fixture<PasskeyMfa>(
      html`<passkey-mfa mfa-token=${client.secondFactor(again)} .client=${client}></passkey-mfa>`,
    );
    second.addEventListener('passkey-registered', () => events.push('registered again'));
    const verified = outcome<{user: {username: string}}>(second, 'passkey-authenticated');
    await click(part(second, 'button'));
    expect((await verified).user.username).to.equal(address);
    expect(events).to.deep.equal(['registered']);

    await client.resetMfaPasskey();
    expect((await firstFactor()).IsPasskeyAuthenticatorVerified).to.equal(false);
  });

  it('maps errors: a taken e-mail is user_exists, a wrong API key forbidden, managing passkeys unsupported', async () => {
    const username = uniqueEmail('taken');
    const reg = await fixture<PasskeyRegister>(
      html`<passkey-register signup .client=${client}></passkey-register>`,
    );
    await type(part(reg, 'input'), username);
    const registered = outcome(reg, 'passkey-registered');
    await click(part(reg, 'button'));
    await registered;

    const taken = await client.registrationOptions({username}).catch((e) => e);
    expect(taken).to.be.instanceOf(PasskeyError);
    expect(taken.code).to.equal('user_exists');
    const wrongKey = await new LoginRadiusClient({apiKey: 'nope', baseURL: BASE})
      .authenticationOptions({})
      .catch((e) => e);
    expect(wrongKey.code).to.equal('forbidden');
    expect(wrongKey.message).to.contain('905');
    for (const call of [
      () => client.listPasskeys(),
      () => client.deletePasskey('x'),
      () => client.recoveryCodes(),
    ]) {
      expect((await call().catch((e) => e)).code).to.equal('unsupported');
    }
  });
});
