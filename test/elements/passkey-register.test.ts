import {expect, fixture, html, oneEvent} from '@open-wc/testing';
import '../../src/elements/passkey-register/define.js';
import type {PasskeyRegister} from '../../src/elements/passkey-register/passkey-register.js';
import {click, part, parts, text, type} from '../helpers/dom.js';
import {StubClient, stubPasskey, stubUser} from '../helpers/stub-client.js';
import {
  addVirtualAuthenticator,
  clearCredentials,
  getCredentials,
  setUserVerified,
} from '../helpers/webauthn.js';

describe('<passkey-register> (stub client, virtual authenticator)', () => {
  before(() => addVirtualAuthenticator());
  // The virtual authenticator keeps at most three discoverable credentials: start each test empty.
  afterEach(async () => {
    await setUserVerified(true);
    await clearCredentials();
  });

  it('adds a passkey for the signed-in user with one button', async () => {
    const client = new StubClient();
    const el = await fixture<PasskeyRegister>(
      html`<passkey-register .client=${client}></passkey-register>`,
    );
    expect(parts(el, 'input')).to.have.length(0);
    expect(text(el, 'form')).to.equal('Create a passkey');
    expect(text(el, 'button')).to.equal('Create a passkey');
    await expect(el).to.be.accessible();
    const before = (await getCredentials()).length;
    const done = oneEvent(el, 'passkey-registered');
    part(el, 'button').click();
    const ev = await done;
    expect(ev.detail).to.deep.equal({passkey: stubPasskey, user: stubUser});
    expect((await getCredentials()).length).to.equal(before + 1);
    expect(client.calls[0]).to.deep.equal({
      step: 'registrationOptions',
      body: {signupToken: undefined, recoveryToken: undefined},
    });
    await el.updateComplete;
    expect(text(el, 'status')).to.equal('Passkey created. Next time, sign in with your passkey.');
    expect(el.matches(':state(success)')).to.equal(true);
  });

  it('signs up with a username, display name and passkey name', async () => {
    const client = new StubClient();
    const el = await fixture<PasskeyRegister>(
      html`<passkey-register signup name-input .client=${client}></passkey-register>`,
    );
    const [username, displayName, passkeyName] = parts(el, 'input');
    expect(parts(el, 'label')).to.have.length(3);
    await expect(el).to.be.accessible();
    await type(username, 'grace');
    await type(displayName, 'Grace Hopper');
    await type(passkeyName, 'Laptop');
    const done = oneEvent(el, 'passkey-registered');
    part(el, 'button').click();
    await done;
    expect(client.calls[0].body).to.deep.equal({username: 'grace', displayName: 'Grace Hopper'});
    expect((client.calls[1].body as {name: string}).name).to.equal('Laptop');
  });

  it('asks for a missing username without calling the backend', async () => {
    const client = new StubClient();
    const el = await fixture<PasskeyRegister>(
      html`<passkey-register signup .client=${client}></passkey-register>`,
    );
    let events = 0;
    el.addEventListener('passkey-start', () => events++);
    // The browser's validation refuses the submit and says so with an invalid event.
    const invalid = oneEvent(part(el, 'input'), 'invalid');
    await click(part(el, 'button'));
    await invalid;
    expect(client.calls).to.have.length(0);
    expect(events).to.equal(0);
    const input = part<HTMLInputElement>(el, 'input');
    expect(input.required).to.equal(true);
    expect(input.validity.valueMissing).to.equal(true);
    await expect(el).to.be.accessible();
  });

  it('uses a signup token instead of asking for a username', async () => {
    const client = new StubClient();
    const el = await fixture<PasskeyRegister>(
      html`<passkey-register signup signup-token="tok" .client=${client}></passkey-register>`,
    );
    expect(parts(el, 'input')).to.have.length(0);
    expect(text(el, 'form')).to.equal('Sign up with a passkey');
    const done = oneEvent(el, 'passkey-registered');
    part(el, 'button').click();
    await done;
    expect(client.calls[0].body).to.deep.equal({signupToken: 'tok', recoveryToken: undefined});
  });

  for (const code of ['user_exists', 'credential_exists', 'unauthenticated', 'network_error']) {
    it(`shows ${code} and fires passkey-error`, async () => {
      const client = new StubClient();
      client.fail[code === 'credential_exists' ? 'registrationVerify' : 'registrationOptions'] =
        code;
      const el = await fixture<PasskeyRegister>(
        html`<passkey-register .client=${client}></passkey-register>`,
      );
      const err = oneEvent(el, 'passkey-error');
      part(el, 'button').click();
      const ev = await err;
      expect(ev.detail.code).to.equal(code);
      await el.updateComplete;
      expect(text(el, 'error')).to.equal(ev.detail.message);
      expect(el.busy).to.equal(false);
    });
  }

  it('turns a prompt the user cannot verify into passkey-cancel', async () => {
    await setUserVerified(false);
    const client = new StubClient();
    const el = await fixture<PasskeyRegister>(
      html`<passkey-register .client=${client}></passkey-register>`,
    );
    const cancel = oneEvent(el, 'passkey-cancel');
    part(el, 'button').click();
    expect((await cancel).detail.code).to.equal('cancelled');
    expect(client.count('registrationVerify')).to.equal(0);
  });
});
