import {msg, str} from '../../core/localize.js';
import {html, nothing} from 'lit';
import {CeremonyController} from '../../core/controllers/ceremony-controller.js';
import {RegistrationController} from '../../core/controllers/registration-controller.js';
import {FetchClient} from '../../core/client/fetch-client.js';
import type {PasskeyClient} from '../../core/client/types.js';
import {PasskeyElement} from '../../core/passkey-element.js';
import {baseStyles} from '../../styles/base.styles.js';
import {secondaryStyles} from '../../styles/secondary.styles.js';
import {field, formValue} from '../shared/form.js';
import {doneNote, passkeyGlyph} from '../shared/icons.js';

type Step = 'email' | 'code' | 'passkey';

/** The codes that say the emailed code is dead (expired, used up, tried too often). */
const DEAD_CODE = ['code_expired', 'challenge_invalid'];

/**
 * Sign-up that proves the email first: the user gives an email address, types the one-time
 * code the backend mailed, then creates the account's first passkey. The code step can resend
 * the code or go back to change the address. A wrong code says so beside the field; a code that
 * has expired or was tried too often (`code_expired`) says so and offers to send a new one. Once
 * the account exists it shows only that, until `reset()` or `passkey-signed-out` on `document`.
 *
 * Each step reads top to bottom: the field, the notes and errors about it, then its buttons.
 *
 * @tagname passkey-signup
 * @summary Email → one-time code → passkey: the email-verified sign-up.
 *
 * @fires {CustomEvent<PasskeyStartDetail>} passkey-start - The passkey ceremony began. `detail: {ceremony: 'registration'}`
 * @fires {CustomEvent<PasskeyRegisteredDetail>} passkey-registered - The account and its passkey exist; the user is signed in. `detail: {passkey, user}`
 * @fires {CustomEvent<PasskeyCancelDetail>} passkey-cancel - The user dismissed the prompt. `detail: {code}`
 * @fires {CustomEvent<PasskeyErrorDetail>} passkey-error - A step failed; the message is shown in `part="error"`. `detail: {code, message}`
 * @fires {CustomEvent<Record<string, never>>} passkey-unsupported - The browser has no WebAuthn.
 *
 * @slot unsupported - Shown instead when the browser has no WebAuthn.
 *
 * @csspart form - The form of the current step.
 * @csspart label - The input's label.
 * @csspart input - The email or code input.
 * @csspart button - The step's primary action: send the code, confirm it (once it has expired: send a new one), create the passkey (with the passkey glyph).
 * @csspart resend-button - Sends a new code.
 * @csspart back-button - Goes back to change the email address.
 * @csspart status - Progress, success and cancel notes (a polite live region).
 * @csspart error - The error message (an assertive live region).
 * @csspart done - What replaces the steps once the account exists: a tick, the heading, the note.
 * @csspart heading - The finished flow's heading.
 * @csspart note - What comes next, under the heading.
 *
 * @cssstate busy - A request or the ceremony is running.
 * @cssstate success - The last step succeeded.
 * @cssstate error - The last step failed.
 */
export class PasskeySignup extends PasskeyElement<PasskeyClient> {
  static override styles = [baseStyles, secondaryStyles];

  static override properties = {
    email: {},
    step: {state: true},
  };

  /** The email address (prefills the first step). */
  email = '';

  /** The whole contract: this element uses more than the ceremonies. */
  protected static override defaultClient = FetchClient;

  private step: Step = 'email';
  /** The address the code went to (until `reset()`). */
  private address = '';
  private token = '';
  private note = '';
  private request = new CeremonyController<unknown>(this);
  private registration = new RegistrationController(this);

  private async send(email: string) {
    if (
      await this.ceremony(this.request, () =>
        this.request.run((signal) => this.backend.signupEmail({email}, signal).then(() => 1)),
      )
    ) {
      this.address = email;
      this.go('code', msg(str`We sent a code to ${email}.`));
    }
  }

  private async verify(code: string) {
    const r = await this.ceremony(this.request, () =>
      this.request.run((signal) => this.backend.signupVerify({email: this.address, code}, signal)),
    );
    if (!r) return;
    this.token = r.signupToken;
    this.go('passkey', msg('Email confirmed. Now create your passkey.'));
  }

  private async create() {
    const r = await this.ceremony(
      this.registration,
      () => this.registration.start(this.backend, {signupToken: this.token}),
      'registration',
    );
    if (r) this.emit('passkey-registered', r);
  }

  /** The form's submit: the current step's primary action. */
  private submit(e: Event) {
    e.preventDefault();
    if (this.step === 'email') this.send(formValue(e, 'email'));
    else if (this.step === 'passkey') this.create();
    else if (this.expired) this.send(this.address);
    else this.verify(formValue(e, 'code'));
  }

  /** Shows `step` with `note`, and focuses its first field (emptied: a new code) or button. */
  private async go(step: Step, note: string) {
    this.step = step;
    this.note = note;
    await this.updateComplete;
    const first = this.renderRoot.querySelector<HTMLInputElement>('input,button');
    if (first?.name === 'code') first.value = '';
    first?.focus();
  }

  /** Back to the email step, the code step's notes and errors forgotten. */
  private back() {
    this.current = undefined;
    this.go('email', '');
  }

  override reset() {
    super.reset();
    this.step = 'email';
    this.address = this.token = this.note = '';
  }

  /** The code step's code is dead (expired, used, tried too often): only a new one helps. */
  private get expired() {
    return this.step === 'code' && this.failed(...DEAD_CODE);
  }

  protected override errorText(code: string) {
    return this.step !== 'code'
      ? super.errorText(code)
      : code === 'verification_failed' || code === 'invalid_request'
        ? msg('That code is not right. Check it and try again.')
        : DEAD_CODE.includes(code)
          ? msg('That code no longer works. Send a new one.')
          : super.errorText(code);
  }

  protected override renderContent() {
    const s = this.step;
    const done = this.done(this.registration);
    const expired = this.expired;
    const input =
      done || s === 'passkey' || expired
        ? nothing
        : s === 'email'
          ? html`
              <label part="label">
                ${msg('Email')}
                <input
                  part="input"
                  name="email"
                  type="email"
                  autocomplete="email"
                  inputmode="email"
                  value=${this.address || this.email}
                  aria-invalid=${this.failed('invalid_request')}
                  aria-describedby="status error"
                  required
                />
              </label>
            `
          : field(
              msg('Code from the email'),
              'code',
              'one-time-code',
              '',
              true,
              'numeric',
              this.failed('verification_failed', 'invalid_request'),
            );
    const resend = msg('Send a new code');
    const back = html`
      <button part="back-button" type="button" @click=${this.back}>
        ${msg('Use another email')}
      </button>
    `;
    const buttons = done
      ? nothing
      : s === 'email'
        ? html`
            <button part="button" aria-disabled=${this.busy}>
              ${msg('Send code', {desc: 'Button: emails a one-time code to the address above.'})}
            </button>
          `
        : s === 'passkey'
          ? html`
              <button part="button" aria-disabled=${this.busy}>
                ${passkeyGlyph}${msg('Create your passkey')}
              </button>
            `
          : expired
            ? html`<button part="button" aria-disabled=${this.busy}>${resend}</button>${back}`
            : html`
                <button part="button" aria-disabled=${this.busy}>
                  ${msg('Confirm', {desc: 'Button: checks the code from the email.'})}
                </button>
                <button part="resend-button" type="button" @click=${() => this.send(this.address)}>
                  ${resend}
                </button>
                ${back}
              `;
    const success = done
      ? doneNote(msg('Your account is ready.'), msg('You are signed in.'))
      : this.note;
    // One form for every step, so that the live regions stay the same nodes and are announced.
    return html`
      <form part="form" @submit=${this.submit}>
        ${input} ${this.renderMessages(success)}
        <div class="actions">${buttons}</div>
      </form>
    `;
  }
}
