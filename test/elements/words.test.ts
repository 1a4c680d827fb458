// What each flow says at the moments it used to say the wrong thing (issue #15): a dead email
// code, a second factor being set up, a finished flow that still offered its button, a sign-in
// remembered after sign-out, errors not tied to their field. The STUB client stands in for the
// backend (test/helpers/stub-client.ts); the prompts are real, on the virtual authenticator.
import {expect, fixture, html, oneEvent} from '@open-wc/testing';
import '../../src/define.js';
import type {PasskeyElement} from '../../src/core/passkey-element.js';
import type {PasskeyLogin} from '../../src/elements/passkey-login/passkey-login.js';
import type {PasskeyMfa} from '../../src/elements/passkey-mfa/passkey-mfa.js';
import {click, part, parts, text, type, until} from '../helpers/dom.js';
import {startRegistration} from '@simplewebauthn/browser';
import {creationOptions, StubClient} from '../helpers/stub-client.js';
import {
  addVirtualAuthenticator,
  clearCredentials,
  overrideCapabilities,
} from '../helpers/webauthn.js';

const shadow = (el: Element) => el.shadowRoot!;
/** Whether `target` has focus (a boolean: chai's message for two unequal DOM nodes can hang). */
const focusOn = (el: Element, target: Element) => shadow(el).activeElement === target;
const has = (el: Element, name: string) => !!shadow(el).querySelector(`[part~="${name}"]`);

/** Signup with the stub client, on its code step (the code sent to ada@example.com). */
async function codeStep(client: StubClient) {
  const el = await fixture<PasskeyElement>(
    html`<passkey-signup email="ada@example.com" .client=${client}></passkey-signup>`,
  );
  await click(part(el, 'button'));
  await until(() => part<HTMLInputElement>(el, 'input').name === 'code', 4000, 'the code step');
  return el;
}

/** One discoverable credential for localhost, so that a sign-in prompt has one to offer. */
const aCredential = () => startRegistration({optionsJSON: creationOptions()});

before(() => addVirtualAuthenticator());
afterEach(() => clearCredentials());

describe('<passkey-signup>: a dead code', () => {
  it('code_expired says the code expired and offers a new one as the one primary action', async () => {
    const client = new StubClient();
    const el = await codeStep(client);
    client.fail.signupVerify = 'code_expired';
    await type(part(el, 'input'), '123456');
    const err = oneEvent(el, 'passkey-error');
    await click(part(el, 'button'));
    const {detail} = await err;
    const expired = 'That code no longer works. Send a new one.';
    expect(detail).to.deep.equal({code: 'code_expired', message: expired});
    await el.updateComplete;
    expect(text(el, 'error')).to.equal(expired);
    // Typing the dead code again cannot help: no code field, no Confirm; one primary button.
    expect(has(el, 'input')).to.equal(false);
    expect(parts(el, 'button')).to.have.length(1);
    expect(text(el, 'button')).to.equal('Send a new code');
    expect(has(el, 'resend-button')).to.equal(false);
    expect(text(el, 'back-button')).to.equal('Use another email');
    expect(focusOn(el, part(el, 'button')), 'focus on Send a new code').to.equal(true);
    await expect(el).to.be.accessible();

    // It sends a new code to the same address, and the code step is back, empty and focused.
    delete client.fail.signupVerify;
    await click(part(el, 'button'));
    await until(() => has(el, 'input'), 4000, 'the code field again');
    expect(client.calls.filter((c) => c.step === 'signupEmail').map((c) => c.body)).to.deep.equal([
      {email: 'ada@example.com'},
      {email: 'ada@example.com'},
    ]);
    expect(text(el, 'status')).to.equal('We sent a code to ada@example.com.');
    expect(text(el, 'error')).to.equal('');
    expect(part<HTMLInputElement>(el, 'input').value).to.equal('');
    expect(focusOn(el, part(el, 'input')), 'focus on the code field').to.equal(true);
    expect(text(el, 'button')).to.equal('Confirm');
  });

  it('a wrong code is tied to the code field, which takes focus; notes and errors sit above the buttons', async () => {
    const client = new StubClient();
    const el = await codeStep(client);
    client.fail.signupVerify = 'verification_failed';
    await type(part(el, 'input'), '000000');
    const err = oneEvent(el, 'passkey-error');
    await click(part(el, 'button'));
    await err;
    await el.updateComplete;
    const input = part<HTMLInputElement>(el, 'input');
    expect(input.getAttribute('aria-invalid')).to.equal('true');
    const describedBy = input.getAttribute('aria-describedby')!.split(' ');
    expect(describedBy.some((id) => shadow(el).getElementById(id) === part(el, 'error'))).to.equal(
      true,
    );
    expect(text(el, 'error')).to.equal('That code is not right. Check it and try again.');
    await until(() => focusOn(el, input), 2000, 'focus on the code field');
    // Reading order = visual order: field, error, then the buttons.
    const y = (name: string) => part(el, name).getBoundingClientRect().top;
    expect(y('input')).to.be.below(y('error'));
    expect(y('error')).to.be.below(y('button'));
    expect(y('button')).to.be.below(y('resend-button') + 1);
    await expect(el).to.be.accessible();
  });
});

describe('<passkey-mfa>: words by mode, known before the first click', () => {
  it('register mode: "Set up a passkey as your second step", and passkey-start says registration', async () => {
    const client = new StubClient();
    client.mfaMode = 'register';
    const el = await fixture<PasskeyMfa>(
      html`<passkey-mfa mfa-token="t0k" .client=${client}></passkey-mfa>`,
    );
    await until(() => text(el, 'label'), 4000, 'the prompt');
    expect(text(el, 'label')).to.equal('Set up a passkey as your second step.');
    expect(text(el, 'button')).to.equal('Create a passkey');
    expect(client.calls).to.deep.equal([{step: 'mfaOptions', body: {mfaToken: 't0k'}}]);
    await expect(el).to.be.accessible();

    const started = oneEvent(el, 'passkey-start');
    const done = oneEvent(el, 'passkey-authenticated');
    await click(part(el, 'button'));
    expect((await started).detail).to.deep.equal({ceremony: 'registration'});
    await done;
    // The options asked for early served the click: one /mfa/options in all.
    expect(client.calls.map((c) => c.step)).to.deep.equal(['mfaOptions', 'mfaVerify']);
  });

  it('verify mode: "Confirm it is you with your passkey", and passkey-start says authentication', async () => {
    const client = new StubClient();
    client.mfaMode = 'register';
    const first = await fixture(html`<passkey-mfa mfa-token="a" .client=${client}></passkey-mfa>`);
    await until(() => text(first, 'label'));
    const made = oneEvent(first, 'passkey-authenticated');
    await click(part(first, 'button'));
    await made;

    client.mfaMode = 'verify';
    const el = await fixture(html`<passkey-mfa mfa-token="b" .client=${client}></passkey-mfa>`);
    await until(() => text(el, 'label'), 4000, 'the prompt');
    expect(text(el, 'label')).to.equal('Confirm it is you with your passkey.');
    expect(text(el, 'button')).to.equal('Continue with a passkey');
    const started = oneEvent(el, 'passkey-start');
    await click(part(el, 'button'));
    expect((await started).detail).to.deep.equal({ceremony: 'authentication'});
  });

  it('asks again when the kept options are stale, and for a new token', async () => {
    const client = new StubClient();
    client.mfaMode = 'register';
    const el = await fixture<PasskeyMfa>(
      html`<passkey-mfa mfa-token="t1" .client=${client}></passkey-mfa>`,
    );
    await until(() => text(el, 'label'));
    el.mfaToken = 't2';
    await until(() => client.count('mfaOptions') === 2, 4000, 'a second /mfa/options');
    expect(client.calls[1].body).to.deep.equal({mfaToken: 't2'});
    // Options whose timeout is half gone are stale: the click asks for new ones.
    const now = Date.now();
    const clock = Date.now;
    Date.now = () => now + 6_000; // the stub's options have a 10 s timeout
    try {
      const done = oneEvent(el, 'passkey-authenticated');
      await click(part(el, 'button'));
      await done;
    } finally {
      Date.now = clock;
    }
    expect(client.calls.map((c) => c.step)).to.deep.equal([
      'mfaOptions',
      'mfaOptions',
      'mfaOptions',
      'mfaVerify',
    ]);
  });

  it('an expired token says so at once, before any click', async () => {
    const client = new StubClient();
    client.fail.mfaOptions = 'unauthenticated';
    const el = document.createElement('passkey-mfa') as PasskeyMfa;
    el.client = client;
    const err = oneEvent(el, 'passkey-error');
    el.mfaToken = 'old';
    document.body.append(el);
    try {
      expect((await err).detail).to.deep.equal({
        code: 'unauthenticated',
        message: 'This sign-in has expired. Please sign in again.',
      });
      await el.updateComplete;
      expect(text(el, 'error')).to.equal('This sign-in has expired. Please sign in again.');
    } finally {
      el.remove();
    }
  });
});

/** Each flow, driven to its end by a user with the stub client. */
const flows: {
  tag: string;
  render: (c: StubClient) => ReturnType<typeof html>;
  finish(el: HTMLElement): Promise<void>;
  heading: string;
  note?: string;
}[] = [
  {
    tag: 'passkey-login',
    render: (c) =>
      html`<passkey-login .client=${c}
        ><a slot="fallback" href="#">Use a password</a></passkey-login
      >`,
    async finish(el) {
      await aCredential();
      await click(part(el, 'button'));
    },
    heading: 'Signed in.',
  },
  {
    tag: 'passkey-register',
    render: (c) => html`<passkey-register .client=${c}></passkey-register>`,
    finish: (el) => click(part(el, 'button')),
    heading: 'Passkey created.',
    note: 'Next time, sign in with your passkey.',
  },
  {
    tag: 'passkey-signup',
    render: (c) => html`<passkey-signup email="ada@example.com" .client=${c}></passkey-signup>`,
    async finish(el) {
      await click(part(el, 'button'));
      await until(() => part<HTMLInputElement>(el, 'input').name === 'code');
      await type(part(el, 'input'), '123456');
      await click(part(el, 'button'));
      await until(() => !has(el, 'input'), 4000, 'the passkey step');
      await click(part(el, 'button'));
    },
    heading: 'Your account is ready.',
    note: 'You are signed in.',
  },
  {
    tag: 'passkey-recovery',
    render: (c) => html`<passkey-recovery username="ada" .client=${c}></passkey-recovery>`,
    async finish(el) {
      await type(parts(el, 'input')[1], 'aaaa-bbbb');
      await click(part(el, 'button'));
      await until(() => !has(el, 'input'), 4000, 'the passkey step');
      await click(part(el, 'button'));
    },
    heading: 'New passkey created.',
    note: 'You are signed in.',
  },
  {
    tag: 'passkey-upgrade',
    render: (c) => html`<passkey-upgrade .client=${c}></passkey-upgrade>`,
    finish: (el) => click(part(el, 'button')),
    heading: 'Passkey created.',
    note: 'Next time, sign in with your passkey.',
  },
];

describe('done states look done', () => {
  let restore = () => {};
  // The upgrade's silent request would answer first; here the button does it.
  beforeEach(() => (restore = overrideCapabilities({conditionalCreate: false}).restore));
  afterEach(() => restore());

  for (const f of flows) {
    it(`<${f.tag}>: a tick and "${f.heading}", nothing left to press, focus on the note`, async () => {
      const el = await fixture<PasskeyElement>(f.render(new StubClient()));
      await f.finish(el);
      await until(() => el.matches(':state(success)') && has(el, 'done'), 8000, 'the done state');
      await el.updateComplete;
      expect(text(el, 'heading')).to.equal(f.heading);
      if (f.note) expect(text(el, 'note')).to.equal(f.note);
      else expect(has(el, 'note')).to.equal(false);
      expect(part(el, 'done').querySelector('svg')).to.exist;
      // No call to action under the success note: no button, no field, no fallback link.
      expect(shadow(el).querySelectorAll('button, input, slot')).to.have.length(0);
      await until(() => focusOn(el, part(el, 'done')), 2000, 'focus on the note');
      await expect(el).to.be.accessible();
    });
  }
});

describe('<passkey-login> forgets a sign-in when the page signs out', () => {
  async function signedIn() {
    await aCredential();
    const el = await fixture<PasskeyLogin>(
      html`<passkey-login .client=${new StubClient()}></passkey-login>`,
    );
    const done = oneEvent(el, 'passkey-authenticated');
    await click(part(el, 'button'));
    await done;
    await el.updateComplete;
    expect(text(el, 'status')).to.equal('Signed in.');
    return el;
  }

  it('on passkey-signed-out (dispatched on document): the form is back, no "Signed in."', async () => {
    const el = await signedIn();
    document.dispatchEvent(new Event('passkey-signed-out'));
    await el.updateComplete;
    expect(text(el, 'status')).to.equal('');
    expect(has(el, 'done')).to.equal(false);
    expect(el.matches(':state(success)')).to.equal(false);
    expect(text(el, 'button')).to.equal('Sign in with a passkey');
    expect(part<HTMLInputElement>(el, 'input').value).to.equal('');
    // And it signs in again.
    const again = oneEvent(el, 'passkey-authenticated');
    await click(part(el, 'button'));
    await again;
  });

  it('on reset(), and a removed element no longer listens', async () => {
    const el = await signedIn();
    el.reset();
    await el.updateComplete;
    expect(text(el, 'status')).to.equal('');
    expect(has(el, 'button')).to.equal(true);

    const other = await signedIn();
    const parent = other.parentElement!;
    other.remove();
    document.dispatchEvent(new Event('passkey-signed-out'));
    parent.append(other);
    await (other as PasskeyLogin).updateComplete;
    expect(text(other, 'status')).to.equal('Signed in.');
  });
});

describe('errors tied to their fields', () => {
  it('<passkey-register signup>: a taken username marks the username field and focuses it', async () => {
    const client = new StubClient();
    client.fail.registrationOptions = 'user_exists';
    const el = await fixture<PasskeyElement>(
      html`<passkey-register signup .client=${client}></passkey-register>`,
    );
    await type(part(el, 'input'), 'ada');
    const err = oneEvent(el, 'passkey-error');
    await click(part(el, 'button'));
    await err;
    await el.updateComplete;
    const [username, displayName] = parts(el, 'input');
    expect(username.getAttribute('aria-invalid')).to.equal('true');
    expect(username.getAttribute('aria-describedby')).to.equal('error');
    expect(displayName.getAttribute('aria-invalid')).to.equal('false');
    await until(() => focusOn(el, username), 2000, 'focus on the username');
    await expect(el).to.be.accessible();
  });

  it('<passkey-recovery>: a refused code marks both fields', async () => {
    const client = new StubClient();
    client.fail.recoveryRedeem = 'verification_failed';
    const el = await fixture<PasskeyElement>(
      html`<passkey-recovery username="ada" .client=${client}></passkey-recovery>`,
    );
    await type(parts(el, 'input')[1], 'aaaa-bbbb');
    const err = oneEvent(el, 'passkey-error');
    await click(part(el, 'button'));
    await err;
    await el.updateComplete;
    expect(parts(el, 'input')).to.have.length(2);
    for (const input of parts(el, 'input')) {
      expect(input.getAttribute('aria-invalid')).to.equal('true');
      expect(input.getAttribute('aria-describedby')).to.equal('error');
    }
    expect(text(el, 'error')).to.equal('That username and recovery code do not match.');
  });
});
