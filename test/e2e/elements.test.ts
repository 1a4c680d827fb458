// The kit's promise, end to end: real tags, real ceremonies in Chromium and Firefox with each
// engine's own virtual authenticator, the real reference backend and a real SQLite file (mounted
// by the runner on this page's origin). Nothing here is stubbed.
import {expect, fixture, html, oneEvent} from '@open-wc/testing';
import type {AuthenticationResponseJSON} from '@simplewebauthn/browser';
import '../../src/define.js';
import {FetchClient} from '../../src/core/client/fetch-client.js';
import type {PasskeyLogin} from '../../src/elements/passkey-login/passkey-login.js';
import type {PasskeyRegister} from '../../src/elements/passkey-register/passkey-register.js';
import {api, getSession, signOut, uniqueName, type Passkey} from '../helpers/backend.js';
import {click, part, text, type} from '../helpers/dom.js';
import {
  addVirtualAuthenticator,
  chooseAutofillPasskey,
  clearCredentials,
  getCredentials,
  removeVirtualAuthenticator,
  setUserVerified,
} from '../helpers/webauthn.js';

/** Signs a new user up through <passkey-register signup>, as a person would. */
async function signUp(username: string) {
  const el = await fixture<PasskeyRegister>(html`<passkey-register signup></passkey-register>`);
  await type(part(el, 'input'), username);
  const registered = oneEvent(el, 'passkey-registered');
  await click(part(el, 'button'));
  return (await registered).detail;
}

describe('elements against the reference backend (e2e)', () => {
  before(() => addVirtualAuthenticator());
  beforeEach(async () => {
    await signOut();
    await clearCredentials(); // the virtual authenticator holds at most three discoverable credentials
    await setUserVerified(true);
  });

  it('signs up with <passkey-register signup>: passkey-registered, a session, a credential', async () => {
    const username = uniqueName('signup');
    const {user, passkey} = await signUp(username);
    expect(user.username).to.equal(username);
    expect(passkey.id).to.be.a('string').and.not.empty;
    expect((await getSession()).user?.id).to.equal(user.id);
    const creds = await getCredentials();
    expect(creds.map((c) => c.credentialId)).to.deep.equal([passkey.id]);
    expect(creds[0].isResidentCredential).to.equal(true);
  });

  it('signs the same user in with a username, and without one', async () => {
    const {user} = await signUp(uniqueName('login'));
    await signOut();
    expect((await getSession()).user).to.equal(null);

    const el = await fixture<PasskeyLogin>(html`<passkey-login></passkey-login>`);
    await type(part(el, 'input'), user.username);
    const first = oneEvent(el, 'passkey-authenticated');
    await click(part(el, 'button'));
    expect((await first).detail.user.id).to.equal(user.id);
    expect((await getSession()).user?.id).to.equal(user.id);

    await signOut();
    const usernameless = await fixture<PasskeyLogin>(
      html`<passkey-login discoverable></passkey-login>`,
    );
    const second = oneEvent(usernameless, 'passkey-authenticated');
    await click(part(usernameless, 'button'));
    expect((await second).detail.user.id).to.equal(user.id);
    expect((await getSession()).user?.id).to.equal(user.id);
  });

  it('signs in through autofill on the built-in input', async () => {
    const {user} = await signUp(uniqueName('autofill'));
    await signOut();
    const done = oneEvent(document, 'passkey-authenticated');
    await fixture(html`<passkey-login autofill></passkey-login>`);
    await chooseAutofillPasskey(); // as the user would; Chromium's authenticator needs no pick
    expect((await done).detail.user.id).to.equal(user.id);
    expect((await getSession()).user?.id).to.equal(user.id);
  });

  it('signs in through autofill on a slotted light-DOM input', async () => {
    const {user} = await signUp(uniqueName('slotted'));
    await signOut();
    const done = oneEvent(document, 'passkey-authenticated');
    await fixture(
      html`<passkey-login autofill
        ><label slot="username"
          >User <input slot="username" autocomplete="username webauthn" /></label
      ></passkey-login>`,
    );
    await chooseAutofillPasskey();
    expect((await done).detail.user.id).to.equal(user.id);
  });

  it('refuses a second passkey on the same authenticator (excludeCredentials)', async () => {
    await signUp(uniqueName('same'));
    const el = await fixture<PasskeyRegister>(html`<passkey-register></passkey-register>`);
    const err = oneEvent(el, 'passkey-error');
    await click(part(el, 'button'));
    expect((await err).detail.code).to.equal('already_registered');
    const list = await api<{passkeys: Passkey[]}>('/passkeys');
    expect(list.body!.passkeys).to.have.length(1);
  });

  it('adds a second passkey for the signed-in user from another authenticator', async () => {
    const {user} = await signUp(uniqueName('add'));
    // A second device: the first one already holds a passkey for this account.
    await removeVirtualAuthenticator();
    await addVirtualAuthenticator();
    const el = await fixture<PasskeyRegister>(
      html`<passkey-register name-input></passkey-register>`,
    );
    await type(part(el, 'input'), 'Second key');
    const registered = oneEvent(el, 'passkey-registered');
    await click(part(el, 'button'));
    const {passkey, user: owner} = (await registered).detail;
    expect(owner.id).to.equal(user.id);
    expect(passkey.name).to.equal('Second key');
    const list = await api<{passkeys: Passkey[]}>('/passkeys');
    expect(list.body!.passkeys.map((p) => p.name)).to.include('Second key');
    expect(list.body!.passkeys).to.have.length(2);
  });

  it('ends a prompt the user cannot verify in passkey-cancel, with no session', async () => {
    await signUp(uniqueName('nouv'));
    await signOut();
    await setUserVerified(false);
    const el = await fixture<PasskeyLogin>(html`<passkey-login discoverable></passkey-login>`);
    const cancel = oneEvent(el, 'passkey-cancel');
    await click(part(el, 'button'));
    expect((await cancel).detail.code).to.equal('cancelled');
    await el.updateComplete;
    expect(el.busy).to.equal(false);
    expect((await getSession()).user).to.equal(null);
  });

  it('refuses a replayed assertion', async () => {
    await signUp(uniqueName('replay'));
    await signOut();
    // The real contract client, wrapped only to keep a copy of what it sends.
    let captured: AuthenticationResponseJSON | undefined;
    const real = new FetchClient('/passkeys');
    const client = Object.assign(Object.create(real), {
      authenticationVerify(body: {response: AuthenticationResponseJSON}) {
        captured = body.response;
        return real.authenticationVerify(body);
      },
    });
    const el = await fixture<PasskeyLogin>(
      html`<passkey-login discoverable .client=${client}></passkey-login>`,
    );
    const done = oneEvent(el, 'passkey-authenticated');
    await click(part(el, 'button'));
    await done;
    await signOut();
    const replay = await api('/authentication/verify', {body: {response: captured}});
    expect(replay.status).to.equal(400);
    expect(replay.error?.code).to.equal('challenge_invalid');
    expect((await getSession()).user).to.equal(null);
  });

  it('ends a backend that is down in a readable network error', async () => {
    const el = await fixture<PasskeyLogin>(
      html`<passkey-login discoverable api="http://localhost:9/passkeys"></passkey-login>`,
    );
    const err = oneEvent(el, 'passkey-error');
    await click(part(el, 'button'));
    expect((await err).detail.code).to.equal('network_error');
    await el.updateComplete;
    expect(el.busy).to.equal(false);
    expect(text(el, 'error')).to.equal(
      'Could not reach the server. Check your connection and try again.',
    );
  });

  it('ends a taken username in user_exists', async () => {
    const username = uniqueName('taken');
    await signUp(username);
    await signOut();
    const el = await fixture<PasskeyRegister>(html`<passkey-register signup></passkey-register>`);
    await type(part(el, 'input'), username);
    const err = oneEvent(el, 'passkey-error');
    await click(part(el, 'button'));
    expect((await err).detail.code).to.equal('user_exists');
    expect((await getSession()).user).to.equal(null);
  });
});
