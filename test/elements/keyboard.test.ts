// Keyboard only: each flow driven by Tab, typing, Enter, Space and Escape (no clicks), with the named
// STUB client for the backend and real ceremonies on the virtual authenticator.
import {expect, fixture, html, oneEvent} from '@open-wc/testing';
import {sendKeys} from '@web/test-runner-commands';
import '../../src/define.js';
import {part, parts, text, until} from '../helpers/dom.js';
import {StubClient, stubPasskey} from '../helpers/stub-client.js';
import {
  addVirtualAuthenticator,
  capability,
  clearCredentials,
  getCredentials,
  setPresence,
} from '../helpers/webauthn.js';

const press = (key: string) => sendKeys({press: key});
const type = (text: string) => sendKeys({type: text});

/** Tabs from the page's first focusable place until `target` (inside a shadow root) has focus. */
async function tabTo(el: Element, target: Element, max = 12) {
  (document.activeElement as HTMLElement | null)?.blur();
  for (let i = 0; i < max; i++) {
    await press('Tab');
    if (el.shadowRoot!.activeElement === target) return;
  }
  throw new Error(`Tab never reached ${target.outerHTML.slice(0, 60)}`);
}

before(() => addVirtualAuthenticator());
afterEach(() => clearCredentials());

describe('keyboard only', () => {
  it('signs up with <passkey-register signup>: Tab, type, Enter', async () => {
    const client = new StubClient();
    const el = await fixture(html`<passkey-register signup .client=${client}></passkey-register>`);
    await tabTo(el, part(el, 'input'));
    await type('ada');
    await press('Tab');
    await type('Ada Lovelace');
    const registered = oneEvent(el, 'passkey-registered');
    await press('Enter');
    await registered;
    expect(client.calls[0].body).to.deep.equal({username: 'ada', displayName: 'Ada Lovelace'});
  });

  it('signs in with <passkey-login>: Tab to the button, Enter', async () => {
    const client = new StubClient();
    const reg = await fixture(html`<passkey-register .client=${client}></passkey-register>`);
    const made = oneEvent(reg, 'passkey-registered');
    part(reg, 'button').click();
    await made;
    const el = await fixture(html`<passkey-login discoverable .client=${client}></passkey-login>`);
    await tabTo(el, part(el, 'button'));
    const done = oneEvent(el, 'passkey-authenticated');
    await press('Enter');
    await done;
  });

  it('renames and deletes in <passkey-manager>, with focus where the next key needs it', async () => {
    const client = new StubClient();
    client.passkeys = [{...stubPasskey}, {...stubPasskey, id: 'cred-2', name: 'Phone'}];
    const el = await fixture(html`<passkey-manager .client=${client}></passkey-manager>`);
    await until(() => parts(el, 'item').length === 2);
    await tabTo(el, part(parts(el, 'item')[0], 'rename-button'));
    await press('Enter');
    await until(
      () => el.shadowRoot!.activeElement === el.shadowRoot!.querySelector('[part~=input]'),
    );
    await type('Laptop');
    const updated = oneEvent(el, 'passkey-updated');
    await press('Enter');
    await updated;
    await until(() => el.shadowRoot!.activeElement === part(parts(el, 'item')[0], 'rename-button'));
    expect(text(parts(el, 'item')[0], 'item-name')).to.equal('Laptop');

    await press('Tab'); // to Delete
    await press('Enter'); // asks to confirm; focus on Keep
    await until(() => el.shadowRoot!.activeElement?.getAttribute('part') === 'cancel-button');
    await press('Escape'); // nothing: Escape belongs to the rename form
    await sendKeys({down: 'Shift'}); // Shift+Tab: back to the confirming Delete
    await press('Tab');
    await sendKeys({up: 'Shift'});
    const deleted = oneEvent(el, 'passkey-deleted');
    await press('Enter');
    expect((await deleted).detail.id).to.equal('cred-1');
    await until(() => parts(el, 'item').length === 1);
  });

  it('goes through <passkey-signup> and <passkey-recovery> with Enter', async () => {
    const client = new StubClient();
    const signup = await fixture(html`<passkey-signup .client=${client}></passkey-signup>`);
    await tabTo(signup, part(signup, 'input'));
    await type('ada@example.com');
    await press('Enter');
    await until(() => signup.shadowRoot!.activeElement?.getAttribute('name') === 'code'); // focus moved
    await type('123456');
    await press('Enter');
    await until(() => signup.shadowRoot!.activeElement === part(signup, 'button'));
    const registered = oneEvent(signup, 'passkey-registered');
    await press('Enter');
    await registered;

    await clearCredentials();
    const rec = await fixture(html`<passkey-recovery .client=${client}></passkey-recovery>`);
    await tabTo(rec, part(rec, 'input'));
    await type('ada');
    await press('Tab');
    await type('aaaa-bbbb');
    await press('Enter');
    await until(() => rec.shadowRoot!.activeElement === part(rec, 'button'));
    const again = oneEvent(rec, 'passkey-registered');
    await press('Enter');
    await again;
  });

  it('passes <passkey-mfa> from the keyboard: registers the second factor with Enter, verifies with it by Space', async () => {
    const client = new StubClient();
    client.mfaMode = 'register';
    const first = await fixture(
      html`<passkey-mfa mfa-token="mfa-1" .client=${client}></passkey-mfa>`,
    );
    await tabTo(first, part(first, 'button'));
    const registered = oneEvent(first, 'passkey-registered');
    const signedIn = oneEvent(first, 'passkey-authenticated');
    await press('Enter');
    await registered;
    expect((await signedIn).detail.factor).to.equal('mfa');
    expect(await getCredentials()).to.have.length(1);
    // Signed in: nothing is left to press, the note says so.
    await until(() => !first.shadowRoot!.querySelector('[part~=button]'));
    expect(text(first, 'status')).to.equal('Signed in.');

    client.mfaMode = 'verify';
    const el = await fixture(html`<passkey-mfa mfa-token="mfa-2" .client=${client}></passkey-mfa>`);
    await tabTo(el, part(el, 'button'));
    const events: string[] = [];
    for (const type of ['passkey-registered', 'passkey-authenticated'])
      el.addEventListener(type, () => events.push(type));
    const done = oneEvent(el, 'passkey-authenticated');
    await press('Space');
    expect((await done).detail.factor).to.equal('mfa');
    expect(events).to.deep.equal(['passkey-authenticated']);
    expect(
      client.calls
        .filter((c) => c.step === 'mfaVerify')
        .map((c) => (c.body as {mfaToken: string}).mfaToken),
    ).to.deep.equal(['mfa-1', 'mfa-2']);
  });

  it('takes the offer of <passkey-upgrade name-input>: Tab to the name, type, Enter ends the silent request and creates the passkey', async () => {
    // Chromium has conditional create: the offer starts a silent request first. Firefox has
    // not: the kit's fallback starts nothing, and the Enter alone asks.
    const silent = await capability('conditionalCreate');
    const client = new StubClient();
    if (silent) await setPresence(false); // the silent request (conditional create) stays pending
    try {
      const el = await fixture(
        html`<passkey-upgrade name-input .client=${client}></passkey-upgrade>`,
      );
      if (silent) {
        await until(
          () => client.count('registrationOptions') === 1,
          4000,
          'conditional create to start',
        );
        await setPresence(true);
      }
      let cancels = 0;
      el.addEventListener('passkey-cancel', () => cancels++);
      await tabTo(el, part(el, 'input'));
      await type('Work laptop');
      await press('Tab');
      expect(el.shadowRoot!.activeElement).to.equal(part(el, 'button'));
      await sendKeys({down: 'Shift'}); // back to the name: Enter in the input submits too
      await press('Tab');
      await sendKeys({up: 'Shift'});
      expect(el.shadowRoot!.activeElement).to.equal(part(el, 'input'));
      const registered = oneEvent(el, 'passkey-registered');
      await press('Enter');
      await registered;
      if (!silent) expect(client.count('registrationOptions'), 'only the Enter asked').to.equal(1);
      expect(cancels).to.equal(0);
      expect(
        client.calls
          .filter((c) => c.step === 'registrationVerify')
          .map((c) => (c.body as {name?: string}).name),
      ).to.deep.equal(['Work laptop']);
      expect(text(el, 'status')).to.equal('Passkey created. Next time, sign in with your passkey.');
      expect(await getCredentials()).to.have.length(1);
    } finally {
      await setPresence(true);
    }
  });
});
