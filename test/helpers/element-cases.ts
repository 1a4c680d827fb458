// The kit's tags in one table, for the tests every element must pass (test/elements/shared-suite
// and shared-suite-unsupported): how to render each with the STUB client (test/helpers/stub-client.ts)
// and how a user starts its passkey ceremony. One row per tag, so the suite is not a copy per tag.
import {html, type TemplateResult} from 'lit';
import {click, part, parts, type, until} from './dom.js';
import type {StubClient} from './stub-client.js';
import {overrideCapabilities} from './webauthn.js';

type Step = keyof StubClient['fail'];

export interface ElementCase {
  tag: string;
  /** The element, with the stub client. */
  render(client: StubClient): TemplateResult;
  /**
   * Does what a user does to start the element's passkey ceremony: any earlier steps (an
   * email code, a recovery code), then a real click on the button that starts it.
   */
  start(el: HTMLElement): Promise<void>;
  /** The part the user presses to start the ceremony. */
  button: string;
  /** The backend call that starts the ceremony (held for `busy`, failed for an error). */
  options: Step;
  /** The backend call that ends it (never made when the prompt is cancelled or aborted). */
  verify: Step;
  /** The event that says the ceremony succeeded. */
  done: 'passkey-authenticated' | 'passkey-registered' | 'passkey-confirmed';
  /** Set up before rendering; returns what undoes it. */
  setup?(client: StubClient): () => void;
}

const press = (name: string) => async (el: HTMLElement) => click(part(el, name));

export const elementCases: ElementCase[] = [
  {
    tag: 'passkey-login',
    render: (c) => html`<passkey-login discoverable .client=${c}></passkey-login>`,
    start: press('button'),
    button: 'button',
    options: 'authenticationOptions',
    verify: 'authenticationVerify',
    done: 'passkey-authenticated',
  },
  {
    tag: 'passkey-register',
    render: (c) => html`<passkey-register .client=${c}></passkey-register>`,
    start: press('button'),
    button: 'button',
    options: 'registrationOptions',
    verify: 'registrationVerify',
    done: 'passkey-registered',
  },
  {
    tag: 'passkey-manager',
    render: (c) => html`<passkey-manager .client=${c}></passkey-manager>`,
    async start(el) {
      await until(() => parts(el, 'add-button').length, 4000, 'the list to load');
      await click(part(el, 'add-button'));
    },
    button: 'add-button',
    options: 'registrationOptions',
    verify: 'registrationVerify',
    done: 'passkey-registered',
  },
  {
    tag: 'passkey-mfa',
    // It asks /mfa/options as soon as it has its token (to word its prompt by the mode): the
    // token comes with the user's action here, so that the suite's scripted options call is
    // the one the press waits for.
    render: (c) => html`<passkey-mfa .client=${c}></passkey-mfa>`,
    async start(el) {
      (el as HTMLElement & {mfaToken: string}).mfaToken = 't0k';
      await click(part(el, 'button'));
    },
    button: 'button',
    options: 'mfaOptions',
    verify: 'mfaVerify',
    done: 'passkey-authenticated',
    // The backend asks to register the second factor: a create() prompt, like most rows.
    setup(client) {
      client.mfaMode = 'register';
      return () => {};
    },
  },
  {
    tag: 'passkey-signup',
    render: (c) => html`<passkey-signup email="ada@example.com" .client=${c}></passkey-signup>`,
    async start(el) {
      await click(part(el, 'button')); // send the code
      await until(() => part(el, 'input').getAttribute('autocomplete') === 'one-time-code');
      await type(part(el, 'input'), '123456');
      await click(part(el, 'button')); // confirm it
      await until(() => !parts(el, 'input').length, 4000, 'the passkey step');
      await click(part(el, 'button'));
    },
    button: 'button',
    options: 'registrationOptions',
    verify: 'registrationVerify',
    done: 'passkey-registered',
  },
  {
    tag: 'passkey-recovery',
    render: (c) => html`<passkey-recovery username="ada" .client=${c}></passkey-recovery>`,
    async start(el) {
      await type(parts(el, 'input')[1], 'aaaa-bbbb');
      await click(part(el, 'button')); // redeem the code
      await until(() => !parts(el, 'input').length, 4000, 'the passkey step');
      await click(part(el, 'button'));
    },
    button: 'button',
    options: 'registrationOptions',
    verify: 'registrationVerify',
    done: 'passkey-registered',
  },
  {
    tag: 'passkey-upgrade',
    render: (c) => html`<passkey-upgrade .client=${c}></passkey-upgrade>`,
    start: press('button'),
    button: 'button',
    options: 'registrationOptions',
    verify: 'registrationVerify',
    done: 'passkey-registered',
    // Its silent conditional create (tested in flows.test.ts) would share the backend calls
    // the suite scripts; here the browser plays one without it, and the button is the ceremony.
    setup: () => overrideCapabilities({conditionalCreate: false}).restore,
  },
  {
    tag: 'passkey-confirm',
    render: (c) => html`<passkey-confirm action="transfer:42" .client=${c}></passkey-confirm>`,
    start: press('button'),
    button: 'button',
    options: 'reauthOptions',
    verify: 'reauthVerify',
    done: 'passkey-confirmed',
  },
];
