import {msg, str} from '../../core/localize.js';
import {html} from 'lit';
import {CeremonyController} from '../../core/controllers/ceremony-controller.js';
import {RegistrationController} from '../../core/controllers/registration-controller.js';
import {FetchClient} from '../../core/client/fetch-client.js';
import type {PasskeyClient} from '../../core/client/types.js';
import {PasskeyElement} from '../../core/passkey-element.js';
import {baseStyles} from '../../styles/base.styles.js';
import {secondaryStyles} from '../../styles/secondary.styles.js';
import {field, formValue} from '../shared/form.js';

type Step = 'email' | 'code' | 'passkey';

/**
 * Sign-up that proves the email first: the user gives an email address, types the one-time
 * code the backend mailed, then creates the account's first passkey. The code step can resend
 * the code or go back to change the address; a wrong or expired code says so.
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
 * @csspart button - The step's primary action.
 * @csspart resend-button - Sends a new code.
 * @csspart back-button - Goes back to change the email address.
 * @csspart status - Progress, success and cancel notes (a polite live region).
 * @csspart error - The error message (an assertive live region).
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
  private token = '';
  private note = '';
  private request = new CeremonyController<unknown>(this);
  private registration = new RegistrationController(this);

  private sendCode(e: Event) {
    e.preventDefault();
    this.send(formValue(e, 'email'));
  }

  private async send(email: string) {
    if (
      await this.ceremony(this.request, () =>
        this.request.run((signal) => this.backend.signupEmail({email}, signal).then(() => 1)),
      )
    ) {
      this.email = email;
      this.go('code', msg(str`We sent a code to ${email}.`));
    }
  }

  private async verify(e: Event) {
    e.preventDefault();
    const code = formValue(e, 'code');
    const r = await this.ceremony(this.request, () =>
      this.request.run((signal) => this.backend.signupVerify({email: this.email, code}, signal)),
    );
    if (!r) return;
    this.token = r.signupToken;
    this.go('passkey', msg('Email confirmed. Now create your passkey.'));
  }

  private async create(e: Event) {
    e.preventDefault();
    const r = await this.ceremony(
      this.registration,
      () => this.registration.start(this.backend, {signupToken: this.token}),
      'registration',
    );
    if (r) this.emit('passkey-registered', r);
  }

  private async go(step: Step, note: string) {
    this.step = step;
    this.note = note;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('input,button')?.focus();
  }

  protected override errorText(code: string) {
    return this.step !== 'code'
      ? super.errorText(code)
      : code === 'verification_failed' || code === 'invalid_request'
        ? msg('That code is not right. Check it and try again.')
        : code === 'challenge_invalid'
          ? msg('That code has expired or was tried too often. Send a new one.')
          : super.errorText(code);
  }

  protected override renderContent() {
    const s = this.step;
    const success =
      this.registration.status === 'success' ? msg('Your account is ready.') : this.note;
    const form =
      s === 'email'
        ? html`
            <form part="form" @submit=${this.sendCode}>
              <label part="label">
                ${msg('Email')}
                <input
                  part="input"
                  name="email"
                  type="email"
                  autocomplete="email"
                  inputmode="email"
                  value=${this.email}
                  required
                />
              </label>
              <button part="button" aria-disabled=${this.busy}>
                ${msg('Send code', {desc: 'Button: emails a one-time code to the address above.'})}
              </button>
            </form>
          `
        : s === 'code'
          ? html`
              <form part="form" @submit=${this.verify}>
                ${field(msg('Code from the email'), 'code', 'one-time-code', '', true, 'numeric')}
                <button part="button" aria-disabled=${this.busy}>
                  ${msg('Confirm', {desc: 'Button: checks the code from the email.'})}
                </button>
                <button part="resend-button" type="button" @click=${() => this.send(this.email)}>
                  ${msg('Send a new code')}
                </button>
                <button part="back-button" type="button" @click=${() => this.go('email', '')}>
                  ${msg('Use another email')}
                </button>
              </form>
            `
          : html`
              <form part="form" @submit=${this.create}>
                <button part="button" aria-disabled=${this.busy}>
                  ${msg('Create your passkey')}
                </button>
              </form>
            `;
    return html`${form}${this.renderMessages(success)}`;
  }
}
