// This page has no WebAuthn: the global is removed before any element module runs.
delete (window as {PublicKeyCredential?: unknown}).PublicKeyCredential;

import {expect, fixture, html, oneEvent} from '@open-wc/testing';
import '../../src/define.js';

describe('a browser without WebAuthn', () => {
  for (const tag of ['passkey-login', 'passkey-register']) {
    it(`<${tag}> shows its unsupported slot, reflects unsupported and fires passkey-unsupported`, async () => {
      const fired = oneEvent(document, 'passkey-unsupported');
      const el = await fixture(
        tag === 'passkey-login'
          ? html`<passkey-login></passkey-login>`
          : html`<passkey-register></passkey-register>`,
      );
      const ev = await fired;
      expect(ev.target).to.equal(el);
      await (el as unknown as {updateComplete: Promise<unknown>}).updateComplete;
      expect(el.hasAttribute('unsupported')).to.equal(true);
      expect(el.shadowRoot!.querySelector('[part=button]')).to.equal(null);
      expect(el.shadowRoot!.textContent).to.contain('not supported');
      await expect(el).to.be.accessible();
    });
  }

  it('lets the page replace the message through the unsupported slot', async () => {
    const el = await fixture(
      html`<passkey-login><p slot="unsupported">Use your password</p></passkey-login>`,
    );
    await new Promise((r) => setTimeout(r, 50));
    const slot = el.shadowRoot!.querySelector<HTMLSlotElement>('slot[name=unsupported]')!;
    expect(slot.assignedElements()[0].textContent).to.equal('Use your password');
  });
});
