// <passkey-confirm> through a user's eyes, with the named STUB client standing in for the backend
// (test/helpers/stub-client.ts) and a real get() on the virtual authenticator. The shared
// behaviour (busy, cancel, errors, abort, unsupported) is in the shared suite; against the real
// backend, with the step-up token checked by the server: test/e2e/stepup.test.ts.
import {expect, fixture, html, oneEvent} from '@open-wc/testing';
import '../../src/elements/passkey-confirm/define.js';
import type {PasskeyConfirm} from '../../src/elements/passkey-confirm/passkey-confirm.js';
import {click, part, text} from '../helpers/dom.js';
import {creationOptions, StubClient} from '../helpers/stub-client.js';
import {startRegistration} from '@simplewebauthn/browser';
import {addVirtualAuthenticator, clearCredentials} from '../helpers/webauthn.js';

async function confirmEl(client: StubClient, action?: string, prompt = '') {
  return fixture<PasskeyConfirm>(
    html`<passkey-confirm action=${action ?? ''} .client=${client}>${prompt}</passkey-confirm>`,
  );
}

describe('<passkey-confirm> (stub client, virtual authenticator)', () => {
  before(async () => {
    await addVirtualAuthenticator();
    await clearCredentials();
    await startRegistration({optionsJSON: creationOptions()}); // a passkey to confirm with
  });
  after(() => clearCredentials());

  it('shows the prompt and one button, accessibly', async () => {
    const el = await confirmEl(new StubClient());
    expect(text(el, 'label')).to.equal('Confirm it is you with your passkey.');
    expect(text(el, 'button')).to.equal('Confirm with a passkey');
    expect(part(el, 'button').getAttribute('aria-describedby')).to.equal('why');
    await expect(el).to.be.accessible();
  });

  it('takes the page’s reason in its slot instead of the default prompt', async () => {
    const el = await confirmEl(new StubClient(), 'transfer:42', 'To send €420, confirm it is you.');
    const slot = el.shadowRoot!.querySelector('slot:not([name])') as HTMLSlotElement;
    expect(slot.assignedNodes().map((n) => n.textContent)).to.deep.equal([
      'To send €420, confirm it is you.',
    ]);
    await expect(el).to.be.accessible();
  });

  it('with action: options, the passkey, verify with the action → passkey-confirmed with the token', async () => {
    const client = new StubClient();
    const el = await confirmEl(client, 'transfer:42');
    expect(el.getAttribute('action')).to.equal('transfer:42');
    const confirmed = oneEvent(el, 'passkey-confirmed');
    await click(part(el, 'button'));
    expect((await confirmed).detail).to.deep.equal({
      verifiedAt: '2026-01-02T03:04:05.000Z',
      stepUpToken: 'step-up-transfer:42',
      action: 'transfer:42',
    });
    // Only the step-up calls: no sign-in, no session started.
    expect(client.calls.map((c) => c.step)).to.deep.equal(['reauthOptions', 'reauthVerify']);
    const body = client.calls[1].body as {response: {type: string}; action: string};
    expect(body.action).to.equal('transfer:42');
    expect(body.response.type).to.equal('public-key');
    await el.updateComplete;
    expect(text(el, 'status')).to.equal('Confirmed. You can continue.');
    expect(el.matches(':state(success)')).to.equal(true);
    expect(el.hasAttribute('busy')).to.equal(false);
    // Done looks done: a heading in place of the prompt, no button left to press again.
    expect(el.shadowRoot!.querySelector('[part~=heading]')).to.exist;
    expect(el.shadowRoot!.querySelector('[part~=button]')).to.equal(null);
    // reset() brings the prompt back for another action.
    el.reset();
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[part~=button]')).to.exist;
  });

  it('without action: verify sends none, and the event says action null', async () => {
    const client = new StubClient();
    const el = await confirmEl(client);
    const confirmed = oneEvent(el, 'passkey-confirmed');
    await click(part(el, 'button'));
    expect((await confirmed).detail.action).to.equal(null);
    expect(Object.keys(client.calls[1].body as object)).to.deep.equal(['response']);
  });

  it('signed out: says to sign in first (unauthenticated), and fires no passkey-confirmed', async () => {
    const client = new StubClient();
    client.fail.reauthOptions = 'unauthenticated';
    const el = await confirmEl(client, 'transfer:42');
    let confirmed = 0;
    el.addEventListener('passkey-confirmed', () => confirmed++);
    const err = oneEvent(el, 'passkey-error');
    await click(part(el, 'button'));
    expect((await err).detail).to.deep.equal({
      code: 'unauthenticated',
      message: 'Please sign in first.',
    });
    await el.updateComplete;
    expect(text(el, 'error')).to.equal('Please sign in first.');
    expect(confirmed).to.equal(0);
    expect(client.count('reauthVerify')).to.equal(0);
  });

  it('an account without a passkey (403 forbidden): says to add one first', async () => {
    const client = new StubClient();
    client.fail.reauthOptions = 'forbidden';
    const el = await confirmEl(client);
    const err = oneEvent(el, 'passkey-error');
    await click(part(el, 'button'));
    const message = 'You have no passkey yet. Add one first.';
    expect((await err).detail).to.deep.equal({code: 'forbidden', message});
    await el.updateComplete;
    expect(text(el, 'error')).to.equal(message);
  });
});
