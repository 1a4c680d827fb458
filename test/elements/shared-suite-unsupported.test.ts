// The shared suite's other page (see shared-suite.test.ts): a browser without WebAuthn, for all
// tags from the same table (test/helpers/element-cases.ts). The global is removed before
// any element runs (the elements touch nothing at import time; they detect support on connect).
delete (window as {PublicKeyCredential?: unknown}).PublicKeyCredential;

import {expect, fixture, oneEvent} from '@open-wc/testing';
import '../../src/define.js';
import type {PasskeyElement} from '../../src/core/passkey-element.js';
import {elementCases} from '../helpers/element-cases.js';
import {StubClient} from '../helpers/stub-client.js';

describe('a browser without WebAuthn', () => {
  for (const c of elementCases) {
    it(`<${c.tag}> fires passkey-unsupported, reflects unsupported and shows its note, accessibly`, async () => {
      const fired = oneEvent(document, 'passkey-unsupported');
      const el = await fixture<PasskeyElement>(c.render(new StubClient()));
      const ev = await fired;
      expect(ev.target).to.equal(el);
      await el.updateComplete;
      expect(el.hasAttribute('unsupported')).to.equal(true);
      expect(el.shadowRoot!.querySelector(`[part~=${c.button}]`)).to.equal(null);
      expect(el.shadowRoot!.textContent!.trim()).to.equal(
        'Passkeys are not supported in this browser.',
      );
      await expect(el).to.be.accessible();
    });

    it(`<${c.tag}> lets the page replace the note through the unsupported slot`, async () => {
      const fired = oneEvent(document, 'passkey-unsupported');
      const el = await fixture<PasskeyElement>(c.render(new StubClient()));
      const note = Object.assign(document.createElement('p'), {
        slot: 'unsupported',
        textContent: 'Use your password',
      });
      el.append(note);
      await fired;
      await el.updateComplete;
      const slot = el.shadowRoot!.querySelector<HTMLSlotElement>('slot[name=unsupported]')!;
      expect(slot.assignedElements()).to.deep.equal([note]);
      expect(note.checkVisibility()).to.equal(true);
      await expect(el).to.be.accessible();
    });
  }
});
