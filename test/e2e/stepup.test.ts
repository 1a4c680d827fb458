// Step-up (contract v1.1) end to end: real tags, real ceremonies on the DevTools virtual
// authenticator, the real reference backend. The backend's test hooks (test/plugins/
// backend-plugin.mjs) make this page's session stale, and check a step-up token the way a site's
// own backend would, with the server's exported checkStepUpToken().
import {expect, fixture, html, oneEvent} from '@open-wc/testing';
import '../../src/define.js';
import type {PasskeyConfirm} from '../../src/elements/passkey-confirm/passkey-confirm.js';
import type {PasskeyManager} from '../../src/elements/passkey-manager/passkey-manager.js';
import {
  apiOk,
  getSession,
  registerPasskey,
  signOut,
  testHook,
  uniqueName,
  type Passkey,
} from '../helpers/backend.js';
import {click, outcome, part, parts, text, type, until} from '../helpers/dom.js';
import {
  addVirtualAuthenticator,
  clearCredentials,
  getCredentialsWithKeys,
  removeCredential,
  setUserVerified,
} from '../helpers/webauthn.js';

/** Signs a new user up through <passkey-register signup>: a session verified just now. */
async function signUp(username = uniqueName('stepup')) {
  const el = await fixture(html`<passkey-register signup></passkey-register>`);
  await type(parts(el, 'input')[0], username);
  const registered = outcome<{user: {id: string}; passkey: Passkey}>(el, 'passkey-registered');
  await click(part(el, 'button'));
  return registered;
}

/** Makes this page's session look verified `seconds` ago (longer than the 5 minute window: stale). */
async function ageSession(seconds = 600) {
  const {verifiedAt} = await testHook<{verifiedAt: string}>('age-session', {seconds});
  expect((await getSession()).verifiedAt).to.equal(verifiedAt);
  return verifiedAt;
}

const serverPasskeys = async () => (await apiOk<{passkeys: Passkey[]}>('/passkeys')).passkeys;

async function openManager(count: number) {
  const el = await fixture<PasskeyManager>(html`<passkey-manager lang="en"></passkey-manager>`);
  await until(() => parts(el, 'item').length === count, 8000, 'the passkey list');
  return el;
}

/** The kit's error and cancel events an element fired. */
function troubles(el: Element) {
  const seen: string[] = [];
  for (const name of ['passkey-error', 'passkey-cancel'])
    el.addEventListener(name, (e) => seen.push(`${name} ${(e as CustomEvent).detail.code}`));
  return seen;
}

describe('step-up against the reference backend (e2e)', () => {
  before(() => addVirtualAuthenticator());
  after(() => signOut());
  beforeEach(async () => {
    await signOut();
    await clearCredentials();
    await setUserVerified(true);
  });

  it('manager, stale session: deleting a passkey asks for the passkey inline, then deletes it', async () => {
    const {passkey: first} = await signUp();
    // A second passkey, so the first is not the last way in. One authenticator keeps one
    // discoverable credential per account: the first goes (as if it lived on another device),
    // the second, made here, is the one the user confirms with.
    const [kept] = await getCredentialsWithKeys();
    await removeCredential(kept.credentialId);
    const {passkey: second} = await registerPasskey({name: 'Second'});
    const stale = await ageSession();

    const el = await openManager(2);
    const seen = troubles(el);
    const item = () => parts(el, 'item').find((i) => i.dataset.id === first.id)!;
    await click(part(item(), 'delete-button'));
    await el.updateComplete;
    await click(part(item(), 'delete-button')); // confirms the deletion: 401 reauth_required
    await until(() => parts(el, 'reauth').length, 8000, 'the inline confirm');
    await el.updateComplete;
    // A passkey without a name is called "Passkey", as in the list.
    expect(text(el, 'reauth-note')).to.equal(
      `To delete ${first.name || 'Passkey'}, confirm it is you.`,
    );
    expect(text(el, 'error')).to.equal('');
    expect(seen).to.deep.equal([]);
    expect((await serverPasskeys()).map((p) => p.id).sort()).to.deep.equal(
      [first.id, second.id].sort(),
    );
    await expect(el).to.be.accessible();

    const deleted = outcome<{id: string}>(el, 'passkey-deleted');
    await click(part(el, 'reauth-button'));
    expect((await deleted).id).to.equal(first.id);
    await el.updateComplete;
    expect(parts(el, 'reauth')).to.have.length(0);
    expect(parts(el, 'item').map((i) => i.dataset.id)).to.deep.equal([second.id]);
    expect(text(el, 'status')).to.equal('Passkey deleted.');
    expect((await serverPasskeys()).map((p) => p.id)).to.deep.equal([second.id]);
    // The confirm verified this session again, and started no other.
    const session = await getSession();
    expect(Date.parse(session.verifiedAt!)).to.be.greaterThan(Date.parse(stale));
    expect(seen).to.deep.equal([]);
  });

  it('manager, stale session: "Sign out other devices" asks, then ends the other sessions and keeps this one', async () => {
    const {user} = await signUp();
    await ageSession();
    const el = await openManager(1);
    await click(part(el, 'sessions-button'));
    await until(() => parts(el, 'reauth').length, 8000, 'the inline confirm');
    await el.updateComplete;
    expect(text(el, 'reauth-note')).to.equal('To sign out your other devices, confirm it is you.');
    await click(part(el, 'reauth-button'));
    await until(() => text(el, 'status') === 'Signed out everywhere else.', 8000, 'the status');
    expect((await getSession()).user?.id).to.equal(user.id);
  });

  it('<passkey-confirm action="transfer:42">: a token the step-up check accepts once, for that action only', async () => {
    const {user} = await signUp();
    const stale = await ageSession();
    const el = await fixture<PasskeyConfirm>(
      html`<passkey-confirm action="transfer:42"
        >To send €420, confirm it is you.</passkey-confirm
      >`,
    );
    const confirmed = outcome<{verifiedAt: string; stepUpToken: string; action: string}>(
      el,
      'passkey-confirmed',
    );
    await click(part(el, 'button'));
    const detail = await confirmed;
    expect(detail.action).to.equal('transfer:42');
    expect(detail.stepUpToken).to.be.a('string').and.not.empty;
    // The same session, verified now: no new session, nobody else signed in.
    const session = await getSession();
    expect(session.user?.id).to.equal(user.id);
    expect(session.verifiedAt).to.equal(detail.verifiedAt);
    expect(Date.parse(detail.verifiedAt)).to.be.greaterThan(Date.parse(stale));
    await el.updateComplete;
    expect(text(el, 'status')).to.equal('Confirmed. You can continue.');

    const check = (action?: string) =>
      testHook<{ok: boolean; userId?: string}>('step-up-check', {
        token: detail.stepUpToken,
        ...(action === undefined ? {} : {action}),
      });
    // Another action, or none: refused (and the token is not used up by a refusal).
    expect(await check('transfer:43')).to.deep.equal({ok: false});
    expect(await check()).to.deep.equal({ok: false});
    // Its own action: accepted once.
    expect(await check('transfer:42')).to.deep.equal({ok: true, userId: user.id});
    expect(await check('transfer:42')).to.deep.equal({ok: false});
  });

  it('<passkey-confirm> signed out: says to sign in first', async () => {
    const el = await fixture<PasskeyConfirm>(html`<passkey-confirm></passkey-confirm>`);
    const err = oneEvent(el, 'passkey-error');
    await click(part(el, 'button'));
    expect((await err).detail.code).to.equal('unauthenticated');
    await el.updateComplete;
    expect(text(el, 'error')).to.equal('Please sign in first.');
  });
});
