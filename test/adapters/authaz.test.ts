// The Authaz adapter against the Authaz STAND-IN (test/servers/authaz-stand-in.ts, mounted at
// /stand-in/authaz: Authaz's documented passkey-provider endpoints, ceremonies verified by
// @simplewebauthn/server), driven through the real elements with the DevTools virtual
// authenticator: e-mail-verified sign-up, sign-in, the manager's list and delete.
import {expect, fixture, html} from '@open-wc/testing';
import {sendKeys} from '@web/test-runner-commands';
import '../../src/define.js';
import {AuthazClient} from '../../src/adapters/authaz.js';
import type {PasskeyLogin} from '../../src/elements/passkey-login/passkey-login.js';
import type {PasskeyManager} from '../../src/elements/passkey-manager/passkey-manager.js';
import {click, part, parts, type, until, outcome} from '../helpers/dom.js';
import {uniqueEmail} from '../helpers/backend.js';
import {addVirtualAuthenticator, clearCredentials, getCredentials} from '../helpers/webauthn.js';

const BASE = '/stand-in/authaz';

describe('Authaz adapter against the Authaz stand-in', () => {
  let client: AuthazClient;
  before(() => addVirtualAuthenticator());
  beforeEach(async () => {
    client = new AuthazClient({baseURL: BASE});
    await clearCredentials();
  });

  it('e-mail-verified sign-up through <passkey-signup>, then sign-in through <passkey-login>', async () => {
    const address = uniqueEmail('az');
    const el = await fixture(html`<passkey-signup .client=${client}></passkey-signup>`);
    await type(part(el, 'input'), address);
    await click(part(el, 'button'));
    await until(
      // The attribute: Firefox's autocomplete property does not reflect this token.
      () => part(el, 'input').getAttribute('autocomplete') === 'one-time-code',
      8000,
      'the code step',
    );
    const {code} = await (
      await fetch(`${BASE}/stand-in/outbox?email=${encodeURIComponent(address)}`)
    ).json();
    expect(code).to.match(/^\d{6}$/);
    part<HTMLInputElement>(el, 'input').focus();
    await sendKeys({type: code});
    await click(part(el, 'button'));
    await until(() => !el.shadowRoot!.querySelector('[part~=input]'), 8000, 'the passkey step');
    const registered = outcome<{user: {id: string; username: string}; passkey: {id: string}}>(
      el,
      'passkey-registered',
    );
    await click(part(el, 'button'));
    const {user} = await registered;
    expect(user.username).to.equal(address);
    expect(client.accessToken).to.be.a('string');

    await client.signOut();
    expect((await client.session()).user).to.equal(null);
    const login = await fixture<PasskeyLogin>(
      html`<passkey-login discoverable .client=${client}></passkey-login>`,
    );
    const signedIn = outcome<{user: {id: string}}>(login, 'passkey-authenticated');
    await click(part(login, 'button'));
    expect((await signedIn).user.id).to.equal(user.id);
    expect((await client.session()).user?.id).to.equal(user.id);
  });

  it('<passkey-manager> lists the passkey with its AAGUID; deleting it through the adapter removes it', async () => {
    const address = uniqueEmail('mgr');
    const {options} = await client.registrationOptions({username: address});
    const {startRegistration} = await import('@simplewebauthn/browser');
    const {user} = await client.registrationVerify({
      response: await startRegistration({optionsJSON: options}),
    });
    expect(user.username).to.equal(address);

    const manager = await fixture<PasskeyManager>(
      html`<passkey-manager .client=${client}></passkey-manager>`,
    );
    await until(() => parts(manager, 'item').length === 1, 8000, 'the passkey listed');
    const {passkeys} = await client.listPasskeys();
    expect(passkeys).to.have.length(1);
    expect(passkeys[0]!.id).to.match(/^pk_/);
    expect(passkeys[0]!.aaguid).to.match(/^[0-9a-f-]{36}$/);
    await client.deletePasskey(passkeys[0]!.id);
    expect((await client.listPasskeys()).passkeys).to.deep.equal([]);
    expect(await getCredentials()).to.have.length(
      1,
      'the authenticator keeps it: no Signal API call with Authaz ids',
    );
  });

  it('adds a passkey while signed in through <passkey-register> (register/start and complete, Bearer)', async () => {
    const {options} = await client.registrationOptions({username: uniqueEmail('add')});
    const {startRegistration} = await import('@simplewebauthn/browser');
    const {user} = await client.registrationVerify({
      response: await startRegistration({optionsJSON: options}),
    });
    await clearCredentials(); // the authenticator would refuse a second credential for an excluded one

    const reg = await fixture(html`<passkey-register .client=${client}></passkey-register>`);
    const added = outcome<{user: {id: string}; passkey: {id: string; name: string}}>(
      reg,
      'passkey-registered',
    );
    await click(part(reg, 'button'));
    const detail = await added;
    expect(detail.user.id).to.equal(user.id);
    expect((await client.listPasskeys()).passkeys.map((p) => p.id)).to.include(detail.passkey.id);
  });

  it('maps errors: a wrong code, a taken e-mail, renaming (unsupported)', async () => {
    const address = uniqueEmail('err');
    await client.signupEmail({email: address});
    const wrong = await client.signupVerify({email: address, code: 'abcdef'}).catch((e) => e);
    expect(wrong.code).to.equal('invalid_request');

    const {options} = await client.registrationOptions({username: address});
    const {startRegistration} = await import('@simplewebauthn/browser');
    await client.registrationVerify({response: await startRegistration({optionsJSON: options})});
    const taken = await client.registrationOptions({username: address}).catch((e) => e);
    expect(taken.code).to.equal('user_exists');
    expect((await client.renamePasskey('x', 'y').catch((e) => e)).code).to.equal('unsupported');
  });
});
