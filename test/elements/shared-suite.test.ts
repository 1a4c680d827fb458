// What every element of the kit promises (README, "Shared by every element" and "Behaviour you
// can rely on"), checked for every tag from one table (test/helpers/element-cases.ts): the
// shared parts and their roles, `busy` while a request runs, a refused prompt as a calm
// passkey-cancel, a backend error code as passkey-error with its localized message, removal
// while busy as a quiet abort, and axe in each state. The STUB client stands in for the backend
// (named as such: test/helpers/stub-client.ts); the prompts are real, on the virtual
// authenticator. A browser without WebAuthn: shared-suite-unsupported.test.ts.
import {expect, fixture, oneEvent} from '@open-wc/testing';
import '../../src/define.js';
import {startRegistration} from '@simplewebauthn/browser';
import type {PasskeyElement} from '../../src/core/passkey-element.js';
import {elementCases} from '../helpers/element-cases.js';
import {part, text, until} from '../helpers/dom.js';
import {creationOptions, StubClient} from '../helpers/stub-client.js';
import {
  addVirtualAuthenticator,
  clearCredentials,
  setPresence,
  setUserVerified,
  watchCredentialRequests,
} from '../helpers/webauthn.js';

/** The kit's events an element fired, by name. */
function record(el: Element) {
  const seen: Record<string, CustomEvent[]> = {};
  for (const name of ['passkey-cancel', 'passkey-error']) {
    el.addEventListener(name, (e) => (seen[name] ??= []).push(e as CustomEvent));
  }
  return (name: string) => seen[name] ?? [];
}

before(() => addVirtualAuthenticator());

for (const c of elementCases) {
  describe(`<${c.tag}> (shared suite, stub client)`, () => {
    let client: StubClient;
    let undo = () => {};

    async function render() {
      client = new StubClient();
      undo = c.setup?.(client) ?? (() => {});
      const el = await fixture<PasskeyElement>(c.render(client));
      await el.updateComplete;
      return el;
    }

    beforeEach(async () => {
      // One discoverable credential for localhost, so that a get() prompt has one to offer.
      await clearCredentials();
      await startRegistration({optionsJSON: creationOptions()});
    });
    afterEach(async () => {
      undo();
      await setUserVerified(true);
      await setPresence(true);
    });

    it('has the shared parts (status: role=status, error: role=alert), empty, and is accessible', async () => {
      const el = await render();
      expect(part(el, 'status').getAttribute('role')).to.equal('status');
      expect(part(el, 'error').getAttribute('role')).to.equal('alert');
      expect(text(el, 'error')).to.equal('');
      expect(el.hasAttribute('busy')).to.equal(false);
      expect(el.hasAttribute('unsupported')).to.equal(false);
      await expect(el).to.be.accessible();
    });

    it('reflects busy while its request runs, then not once it succeeds', async () => {
      const el = await render();
      client.hold[c.options] = true;
      await c.start(el);
      await until(() => client.count(c.options) === 1, 4000, `${c.options} to be asked`);
      await el.updateComplete;
      expect(el.hasAttribute('busy')).to.equal(true);
      expect(el.matches(':state(busy)')).to.equal(true);
      expect(part(el, c.button).getAttribute('aria-disabled')).to.equal('true');
      expect(text(el, 'status')).to.equal('Waiting for your passkey…');
      await expect(el).to.be.accessible();
      const done = oneEvent(el, c.done);
      client.release();
      await done;
      await el.updateComplete;
      expect(el.hasAttribute('busy')).to.equal(false);
      expect(el.matches(':state(success)')).to.equal(true);
    });

    it('a prompt the user refuses (NotAllowedError) is passkey-cancel, never passkey-error', async () => {
      const el = await render();
      const seen = record(el);
      await setUserVerified(false); // the authenticator refuses: NotAllowedError
      const cancel = oneEvent(el, 'passkey-cancel');
      await c.start(el);
      expect((await cancel).detail).to.deep.equal({code: 'cancelled'});
      await el.updateComplete;
      expect(seen('passkey-error')).to.have.length(0);
      expect(client.count(c.verify)).to.equal(0);
      expect(text(el, 'status')).to.equal('Cancelled. Try again when you are ready.');
      expect(text(el, 'error')).to.equal('');
      expect(el.hasAttribute('busy')).to.equal(false);
      expect(el.matches(':state(cancelled)')).to.equal(true);
    });

    // Before the prompt (the options request) and after it (the verify request).
    for (const [when, step, code, message] of [
      [
        'before the prompt',
        c.options,
        'rate_limited',
        'Too many attempts. Please wait and try again.',
      ],
      [
        'after the prompt',
        c.verify,
        'challenge_invalid',
        'This request expired. Please try again.',
      ],
    ] as const) {
      it(`a backend error code ${when} is passkey-error with its localized message, shown in the error part`, async () => {
        const el = await render();
        const seen = record(el);
        client.fail[step] = code;
        const err = oneEvent(el, 'passkey-error');
        await c.start(el);
        const {detail} = await err;
        expect(detail).to.deep.equal({code, message});
        await el.updateComplete;
        expect(text(el, 'error')).to.equal(message);
        expect(seen('passkey-cancel')).to.have.length(0);
        expect(client.count(c.verify)).to.equal(step === c.verify ? 1 : 0);
        expect(el.hasAttribute('busy')).to.equal(false);
        expect(el.matches(':state(error)')).to.equal(true);
        await expect(el).to.be.accessible();
      });
    }

    it('removed while its prompt is open, it aborts quietly: passkey-cancel aborted, no error', async () => {
      await setPresence(false); // the prompt waits for a touch that never comes
      const el = await render();
      const seen = record(el);
      const cancel = oneEvent(el, 'passkey-cancel');
      const requests = watchCredentialRequests();
      try {
        await c.start(el);
        await until(
          () => requests.calls.get + requests.calls.create === 1,
          4000,
          'the prompt to open',
        );
      } finally {
        requests.restore();
      }
      el.remove();
      expect((await cancel).detail).to.deep.equal({code: 'aborted'});
      expect(seen('passkey-error')).to.have.length(0);
      expect(client.count(c.verify)).to.equal(0);
    });
  });
}

after(() => clearCredentials());
