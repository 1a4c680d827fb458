// <passkey-manager> meeting `reauth_required` (contract v1.1), and signing out other devices,
// with the named STUB client standing in for the backend (test/helpers/stub-client.ts) and real
// ceremonies on the virtual authenticator. The same against the real backend, with a session
// made stale: test/e2e/stepup.test.ts.
import {expect, fixture, html, oneEvent} from '@open-wc/testing';
import {startRegistration} from '@simplewebauthn/browser';
import '../../src/elements/passkey-manager/define.js';
import type {PasskeyManager} from '../../src/elements/passkey-manager/passkey-manager.js';
import {click, part, parts, text, until} from '../helpers/dom.js';
import {creationOptions, StubClient, stubPasskey, stubUser} from '../helpers/stub-client.js';
import {addVirtualAuthenticator, clearCredentials, setUserVerified} from '../helpers/webauthn.js';

const phone = {...stubPasskey, id: 'cred-2', name: 'Phone'};

async function manager(client = new StubClient()) {
  client.passkeys = [{...phone}, {...stubPasskey}];
  const el = await fixture<PasskeyManager>(
    html`<passkey-manager lang="en-US" .client=${client}></passkey-manager>`,
  );
  await until(() => parts(el, 'item').length === 2, 4000, 'the list');
  return {el, client};
}

/** The kit's events the element fired, by name. */
function record(el: Element) {
  const seen: string[] = [];
  for (const name of ['passkey-error', 'passkey-cancel', 'passkey-deleted', 'passkey-registered'])
    el.addEventListener(name, () => seen.push(name));
  return seen;
}

/** The inline confirm, once it is shown; checks what it says and that focus is on its button. */
async function asked(el: PasskeyManager, why: string) {
  await until(() => parts(el, 'reauth').length, 4000, 'the inline confirm');
  await el.updateComplete;
  expect(text(el, 'reauth-note')).to.equal(why);
  expect(text(el, 'reauth-button')).to.equal('Confirm with a passkey');
  await until(() => el.shadowRoot!.activeElement === part(el, 'reauth-button'), 2000, 'focus');
  // Nothing reported as an error: the manager handles it.
  expect(text(el, 'error')).to.equal('');
  expect(el.matches(':state(error)')).to.equal(false);
}

const steps = (client: StubClient) => client.calls.map((c) => c.step);

before(() => addVirtualAuthenticator());

describe('<passkey-manager> and reauth_required (stub client)', () => {
  beforeEach(async () => {
    await clearCredentials();
    await startRegistration({optionsJSON: creationOptions()}); // a passkey to confirm with
  });
  afterEach(() => setUserVerified(true));

  it('delete: asks for the passkey inline, saying why, then deletes', async () => {
    const {el, client} = await manager();
    const seen = record(el);
    client.failOnce.deletePasskey = 'reauth_required';
    await click(part(parts(el, 'item')[0], 'delete-button'));
    await el.updateComplete;
    await click(part(parts(el, 'item')[0], 'delete-button')); // confirms the deletion
    await asked(el, 'To delete Phone, confirm it is you.');
    expect(seen).to.deep.equal([]);
    expect(parts(el, 'item')).to.have.length(2);
    await expect(el).to.be.accessible();

    const deleted = oneEvent(el, 'passkey-deleted');
    await click(part(el, 'reauth-button'));
    expect((await deleted).detail).to.deep.equal({id: 'cred-2'});
    expect(steps(client).slice(1)).to.deep.equal([
      'deletePasskey',
      'reauthOptions',
      'reauthVerify',
      'deletePasskey',
    ]);
    // The manager's confirm is for the session: no action.
    expect(Object.keys(client.calls[3].body as object)).to.deep.equal(['response']);
    await el.updateComplete;
    expect(parts(el, 'item')).to.have.length(1);
    expect(parts(el, 'reauth')).to.have.length(0);
    expect(text(el, 'status')).to.equal('Passkey deleted.');
    expect(seen).to.deep.equal(['passkey-deleted']);
  });

  it('repeats the action once: refused again, it shows the error and asks no more', async () => {
    const {el, client} = await manager();
    const seen = record(el);
    client.fail.deletePasskey = 'reauth_required';
    await click(part(parts(el, 'item')[0], 'delete-button'));
    await el.updateComplete;
    await click(part(parts(el, 'item')[0], 'delete-button'));
    await asked(el, 'To delete Phone, confirm it is you.');
    const err = oneEvent(el, 'passkey-error');
    await click(part(el, 'reauth-button'));
    const message = 'Confirm it is you with your passkey, then try again.';
    expect((await err).detail).to.deep.equal({code: 'reauth_required', message});
    await el.updateComplete;
    expect(text(el, 'error')).to.equal(message);
    expect(parts(el, 'reauth')).to.have.length(0);
    expect(client.count('deletePasskey')).to.equal(2);
    expect(client.count('reauthVerify')).to.equal(1);
    expect(parts(el, 'item')).to.have.length(2);
    expect(seen).to.deep.equal(['passkey-error']);
  });

  it('recovery codes: asks, then creates them', async () => {
    const {el, client} = await manager();
    client.failOnce.recoveryCodes = 'reauth_required';
    await click(part(el, 'codes-button'));
    await asked(el, 'To create recovery codes, confirm it is you.');
    expect(parts(el, 'codes')).to.have.length(0);
    await click(part(el, 'reauth-button'));
    await until(() => parts(el, 'codes').length, 4000, 'the codes');
    await el.updateComplete;
    expect(parts(el, 'code')).to.have.length(3);
    expect(text(el, 'status')).to.equal('Recovery codes created.'); // the account had none
    expect(client.count('recoveryCodes')).to.equal(2);
  });

  it('add a passkey: asks, then runs the registration', async () => {
    const {el, client} = await manager();
    client.failOnce.registrationOptions = 'reauth_required';
    client.answer.registrationVerify = {
      passkey: {...stubPasskey, id: 'cred-3', name: 'New'},
      user: stubUser,
    };
    const seen = record(el);
    await click(part(el, 'add-button'));
    await asked(el, 'To add a passkey, confirm it is you.');
    const registered = oneEvent(el, 'passkey-registered');
    await click(part(el, 'reauth-button'));
    expect((await registered).detail.passkey.id).to.equal('cred-3');
    expect(client.count('registrationOptions')).to.equal(2);
    await el.updateComplete;
    expect(parts(el, 'item')).to.have.length(3);
    expect(text(el, 'status')).to.equal('Passkey added.');
    expect(seen).to.deep.equal(['passkey-registered']);
  });

  it('a dismissed passkey prompt keeps the confirm there, to try again', async () => {
    const {el, client} = await manager();
    client.failOnce.recoveryCodes = 'reauth_required';
    await click(part(el, 'codes-button'));
    await asked(el, 'To create recovery codes, confirm it is you.');
    await setUserVerified(false); // the prompt is refused: NotAllowedError
    const cancel = oneEvent(el, 'passkey-cancel');
    await click(part(el, 'reauth-button'));
    expect((await cancel).detail).to.deep.equal({code: 'cancelled'});
    await el.updateComplete;
    expect(text(el, 'status')).to.equal('Cancelled. Try again when you are ready.');
    expect(parts(el, 'reauth')).to.have.length(1);
    expect(client.count('recoveryCodes')).to.equal(1);
    await setUserVerified(true);
    await click(part(el, 'reauth-button'));
    await until(() => parts(el, 'codes').length, 4000, 'the codes');
  });

  it('an account without a passkey to confirm with (403 forbidden) is told to add one first', async () => {
    const {el, client} = await manager();
    client.failOnce.endOtherSessions = 'reauth_required';
    client.fail.reauthOptions = 'forbidden';
    await click(part(el, 'sessions-button'));
    await asked(el, 'To sign out your other devices, confirm it is you.');
    const err = oneEvent(el, 'passkey-error');
    await click(part(el, 'reauth-button'));
    const message = 'You have no passkey yet. Add one first.';
    expect((await err).detail).to.deep.equal({code: 'forbidden', message});
    await el.updateComplete;
    expect(text(el, 'error')).to.equal(message);
    expect(client.count('endOtherSessions')).to.equal(1);
  });

  it('"Not now" drops the action and gives focus back', async () => {
    const {el, client} = await manager();
    client.failOnce.endOtherSessions = 'reauth_required';
    await click(part(el, 'sessions-button'));
    await asked(el, 'To sign out your other devices, confirm it is you.');
    await click(part(part(el, 'reauth'), 'cancel-button'));
    await el.updateComplete;
    expect(parts(el, 'reauth')).to.have.length(0);
    expect(text(el, 'status')).to.equal('');
    expect(steps(client).slice(1)).to.deep.equal(['endOtherSessions']);
    await until(() => el.shadowRoot!.activeElement === part(el, 'sessions-button'), 2000, 'focus');
  });
});

describe('<passkey-manager>: sign out other devices (stub client)', () => {
  it('ends the other sessions and says so', async () => {
    const {el, client} = await manager();
    expect(text(el, 'sessions-button')).to.equal('Sign out other devices');
    await click(part(el, 'sessions-button'));
    await until(() => text(el, 'status') === 'Signed out everywhere else.', 4000, 'the status');
    expect(client.count('endOtherSessions')).to.equal(1);
    expect(el.matches(':state(success)')).to.equal(true);
    await expect(el).to.be.accessible();
  });

  it('after confirming, when the session was not verified recently', async () => {
    const {el, client} = await manager();
    await clearCredentials();
    await startRegistration({optionsJSON: creationOptions()});
    client.failOnce.endOtherSessions = 'reauth_required';
    await click(part(el, 'sessions-button'));
    await asked(el, 'To sign out your other devices, confirm it is you.');
    await click(part(el, 'reauth-button'));
    await until(() => text(el, 'status') === 'Signed out everywhere else.', 4000, 'the status');
    expect(steps(client).slice(1)).to.deep.equal([
      'endOtherSessions',
      'reauthOptions',
      'reauthVerify',
      'endOtherSessions',
    ]);
  });

  it('shows a failure', async () => {
    const client = new StubClient();
    client.fail.endOtherSessions = 'rate_limited';
    const {el} = await manager(client);
    const err = oneEvent(el, 'passkey-error');
    await click(part(el, 'sessions-button'));
    expect((await err).detail.code).to.equal('rate_limited');
    await el.updateComplete;
    expect(text(el, 'error')).to.equal('Too many attempts. Please wait and try again.');
  });
});

after(() => clearCredentials());
