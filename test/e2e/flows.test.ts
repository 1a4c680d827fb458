// Every flow a site needs, through the tags, against the real reference backend and a real
// SQLite file, with real ceremonies on the engine's virtual authenticator (Chromium's DevTools
// one, Firefox's own). Effects are checked where they land: the backend's list, the session, the
// authenticator's own credentials. Firefox has no Signal API: there the tests check that the
// authenticator is left as it was, and the flows work the same.
import {expect, fixture, html, oneEvent} from '@open-wc/testing';
import {sendKeys} from '@web/test-runner-commands';
import '../../src/define.js';
import type {PasskeyManager} from '../../src/elements/passkey-manager/passkey-manager.js';
import {
  api,
  apiOk,
  getSession,
  signOut,
  uniqueName,
  type Passkey,
  type User,
} from '../helpers/backend.js';
import {click, part, parts, text, type, until} from '../helpers/dom.js';
import {
  addCredential,
  addVirtualAuthenticator,
  capability,
  clearCredentials,
  getCredentials,
  getCredentialsWithKeys,
  removeCredential,
  type NewVirtualCredential,
} from '../helpers/webauthn.js';

const ADMIN_KEY = 'e2e-admin-key-0123456789abcdef'; // set for the test backend in web-test-runner.config.mjs

async function signUp(username = uniqueName('flow'), displayName = 'Flow Tester') {
  const el = await fixture(html`<passkey-register signup></passkey-register>`);
  const [u, d] = parts(el, 'input');
  await type(u, username);
  await type(d, displayName);
  const registered = oneEvent(el, 'passkey-registered');
  await click(part(el, 'button'));
  return (await registered).detail;
}

async function openManager() {
  const el = await fixture<PasskeyManager>(html`<passkey-manager lang="en"></passkey-manager>`);
  await until(() => parts(el, 'item').length > 0, 8000, 'the passkey list');
  return el;
}

const names = (el: Element) => parts(el, 'item').map((i) => text(i, 'item-name'));
const serverPasskeys = async () => (await apiOk<{passkeys: Passkey[]}>('/passkeys')).passkeys;

/** Reads the recovery codes the manager shows once. */
async function createCodes(el: Element) {
  await click(part(el, 'codes-button'));
  await until(() => el.shadowRoot!.querySelector('[part~=codes]'), 8000, 'recovery codes');
  return [...part(el, 'codes').querySelectorAll('code')].map((c) => c.textContent!);
}

describe('every flow against the reference backend (e2e)', () => {
  before(() => addVirtualAuthenticator());
  after(() => signOut());
  beforeEach(async () => {
    await signOut();
    await clearCredentials();
  });

  it('manager: lists, renames (in the list and on the server), and signals current user details to the authenticator', async () => {
    const {user, passkey} = await signUp(uniqueName('mgr'), 'Ada Lovelace');
    const signals = await capability('signalCurrentUserDetails');
    if (signals) {
      // Make the authenticator's copy stale: plant the same credential again with old names.
      const [cred] = await getCredentialsWithKeys();
      await removeCredential(cred.credentialId);
      await addCredential({
        ...cred,
        userName: 'old-name',
        userDisplayName: 'Old Name',
      } as NewVirtualCredential);
      expect((await getCredentials())[0].userDisplayName).to.equal('Old Name');
    }

    const el = await openManager();
    expect(names(el)).to.deep.equal([passkey.name]);
    if (signals) {
      // signalCurrentUserDetails after listing brings the names back in step.
      let creds = await getCredentials();
      await until(
        async () => (creds = await getCredentials())[0].userDisplayName === 'Ada Lovelace',
        4000,
        'signalCurrentUserDetails to rename the credential',
      );
      expect(creds[0].userName).to.equal(user.username);
      expect(creds[0].userDisplayName).to.equal('Ada Lovelace');
    } else {
      // No Signal API (Firefox): the listing leaves the authenticator's credential alone.
      expect((await getCredentials()).map((c) => c.credentialId)).to.deep.equal([passkey.id]);
    }

    await click(part(parts(el, 'item')[0], 'rename-button'));
    await el.updateComplete;
    part<HTMLInputElement>(el, 'input').select();
    const updated = oneEvent(el, 'passkey-updated');
    await sendKeys({type: 'Work laptop'});
    await sendKeys({press: 'Enter'});
    await updated;
    await el.updateComplete;
    expect(names(el)).to.deep.equal(['Work laptop']);
    expect((await serverPasskeys()).map((p) => p.name)).to.deep.equal(['Work laptop']);
  });

  it('manager: adds a second passkey, deletes it (gone from the list, the server and the authenticator), and guards the last one', async () => {
    const {passkey: first} = await signUp(uniqueName('del'));
    // One authenticator keeps one discoverable credential per account: set the first passkey
    // aside (as if it lived on another device), add the second here, delete it, put the first back.
    const [kept] = await getCredentialsWithKeys();
    await removeCredential(kept.credentialId);
    const el = await openManager();
    const added = oneEvent(el, 'passkey-registered');
    await click(part(el, 'add-button'));
    const secondId = (await added).detail.passkey.id;
    await el.updateComplete;
    expect(parts(el, 'item')).to.have.length(2);
    expect((await getCredentials()).map((c) => c.credentialId)).to.deep.equal([secondId]);

    const item = () => parts(el, 'item').find((i) => i.dataset.id === secondId)!;
    await click(part(item(), 'delete-button'));
    await el.updateComplete;
    const deleted = oneEvent(el, 'passkey-deleted');
    await click(part(item(), 'delete-button'));
    expect((await deleted).detail.id).to.equal(secondId);
    await el.updateComplete;
    expect(parts(el, 'item')).to.have.length(1);
    expect((await serverPasskeys()).map((p) => p.id)).to.deep.equal([first.id]);
    if (await capability('signalAllAcceptedCredentials')) {
      // signalAllAcceptedCredentials: the authenticator drops the deleted passkey.
      await until(
        async () => (await getCredentials()).length === 0,
        4000,
        'signalAllAcceptedCredentials to drop the deleted passkey',
      );
    } else {
      // No Signal API (Firefox): the authenticator keeps it, as a user's provider would, until
      // the user deletes it there.
      expect((await getCredentials()).map((c) => c.credentialId)).to.deep.equal([secondId]);
      await removeCredential(secondId);
    }
    await addCredential(kept as NewVirtualCredential);

    // The last passkey, with no password and no recovery codes, stays.
    await click(part(parts(el, 'item')[0], 'delete-button'));
    await el.updateComplete;
    const err = oneEvent(el, 'passkey-error');
    await click(part(parts(el, 'item')[0], 'delete-button'));
    expect((await err).detail.code).to.equal('last_passkey');
    await el.updateComplete;
    expect(text(el, 'error')).to.equal(
      'This is your only passkey. Add another passkey or create recovery codes first.',
    );
    expect(await serverPasskeys()).to.have.length(1);
  });

  it('MFA: a password sign-in for a user with MFA on, then register, then verify, ends signed in', async () => {
    const username = uniqueName('mfa');
    await apiOk('/password/register', {
      body: {username, password: 'correct horse battery', mfa: true},
    });
    const login = async () => {
      const r = await apiOk<{mfaRequired?: boolean; mfaToken?: string; user?: User}>(
        '/password/login',
        {
          body: {username, password: 'correct horse battery'},
        },
      );
      expect(r.mfaRequired).to.equal(true);
      expect((await getSession()).user).to.equal(null);
      return r.mfaToken!;
    };

    const first = await fixture(html`<passkey-mfa mfa-token=${await login()}></passkey-mfa>`);
    const events: string[] = [];
    first.addEventListener('passkey-registered', () => events.push('registered'));
    const done = oneEvent(first, 'passkey-authenticated');
    await click(part(first, 'button'));
    const {detail} = await done;
    expect(detail.factor).to.equal('mfa');
    expect(detail.user.username).to.equal(username);
    expect(events).to.deep.equal(['registered']);
    expect((await getSession()).user?.username).to.equal(username);

    await signOut();
    const second = await fixture(html`<passkey-mfa mfa-token=${await login()}></passkey-mfa>`);
    second.addEventListener('passkey-registered', () => events.push('registered again'));
    const again = oneEvent(second, 'passkey-authenticated');
    await click(part(second, 'button'));
    expect((await again).detail.user.username).to.equal(username);
    expect(events).to.deep.equal(['registered']);
    expect((await getSession()).user?.username).to.equal(username);
  });

  it('email-verified sign-up: the code is read from the outbox', async () => {
    const email = `${uniqueName('mail')}@example.com`;
    const el = await fixture(html`<passkey-signup></passkey-signup>`);
    await type(part(el, 'input'), email);
    await click(part(el, 'button'));
    await until(
      // The attribute: Firefox's autocomplete property reads "" for one-time-code.
      () => part(el, 'input').getAttribute('autocomplete') === 'one-time-code',
      8000,
      'the code step',
    );
    const outbox = await apiOk<{to: string; text: string}[]>('/dev/outbox');
    const mail = outbox.filter((m) => m.to === email).at(-1)!;
    const code = mail.text.match(/\b\d{6}\b/)![0];

    await type(part(el, 'input'), '000000' === code ? '111111' : '000000');
    const wrong = oneEvent(el, 'passkey-error');
    await click(part(el, 'button'));
    expect((await wrong).detail.message).to.equal(
      'That code is not right. Check it and try again.',
    );

    const input = part<HTMLInputElement>(el, 'input');
    input.select();
    await sendKeys({type: code});
    await click(part(el, 'button'));
    await until(() => !el.shadowRoot!.querySelector('[part~=input]'), 8000, 'the passkey step');
    const registered = oneEvent(el, 'passkey-registered');
    await click(part(el, 'button'));
    const {user} = (await registered).detail;
    expect((await getSession()).user?.id).to.equal(user.id);
  });

  it('recovery: a code from the manager works once, on a device that lost its passkey', async () => {
    const {user} = await signUp(uniqueName('rec'));
    const codes = await createCodes(await openManager());
    expect(codes).to.have.length(10);
    await signOut();
    await clearCredentials(); // the device is lost

    const el = await fixture(html`<passkey-recovery></passkey-recovery>`);
    const [u, c] = parts(el, 'input');
    await type(u, user.username);
    await type(c, codes[0]);
    await click(part(el, 'button'));
    await until(() => parts(el, 'input').length === 0, 8000, 'the passkey step');
    const registered = oneEvent(el, 'passkey-registered');
    await click(part(el, 'button'));
    expect((await registered).detail.user.id).to.equal(user.id);
    expect((await getSession()).user?.id).to.equal(user.id);
    expect(await getCredentials()).to.have.length(1);

    await signOut();
    const reuse = await api('/recovery/redeem', {body: {username: user.username, code: codes[0]}});
    expect(reuse.status).to.equal(400);
    expect(reuse.error?.code).to.equal('verification_failed');
  });

  it('operator reset, then recovery', async () => {
    const {user} = await signUp(uniqueName('reset'));
    const codes = await createCodes(await openManager());
    await signOut();
    const reset = await fetch(`/passkeys/admin/users/${user.id}/passkeys`, {
      method: 'DELETE',
      headers: {authorization: `Bearer ${ADMIN_KEY}`},
    });
    expect(reset.status).to.equal(204);
    const wrongKey = await fetch(`/passkeys/admin/users/${user.id}/passkeys`, {
      method: 'DELETE',
      headers: {authorization: 'Bearer nope'},
    });
    expect(wrongKey.status).to.equal(401);

    // The old passkey no longer signs in; the login tells the authenticator to forget it
    // (where the browser has the Signal API; Firefox keeps it).
    const login = await fixture(html`<passkey-login discoverable></passkey-login>`);
    const err = oneEvent(login, 'passkey-error');
    await click(part(login, 'button'));
    expect((await err).detail.code).to.equal('unknown_credential');
    if (await capability('signalUnknownCredential')) {
      await until(
        async () => (await getCredentials()).length === 0,
        4000,
        'signalUnknownCredential to remove the old passkey',
      );
    } else {
      expect(await getCredentials()).to.have.length(1);
    }

    const el = await fixture(html`<passkey-recovery></passkey-recovery>`);
    const [u, c] = parts(el, 'input');
    await type(u, user.username);
    await type(c, codes[1]);
    await click(part(el, 'button'));
    await until(() => parts(el, 'input').length === 0, 8000, 'the passkey step');
    const registered = oneEvent(el, 'passkey-registered');
    await click(part(el, 'button'));
    expect((await registered).detail.user.id).to.equal(user.id);
    expect(await serverPasskeys()).to.have.length(1);
  });
});
