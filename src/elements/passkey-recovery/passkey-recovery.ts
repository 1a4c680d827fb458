import {msg} from '../../core/localize.js';
import {html, nothing} from 'lit';
import {CeremonyController} from '../../core/controllers/ceremony-controller.js';
import {RegistrationController} from '../../core/controllers/registration-controller.js';
import {FetchClient} from '../../core/client/fetch-client.js';
import type {PasskeyClient} from '../../core/client/types.js';
import {PasskeyElement} from '../../core/passkey-element.js';
import {field, formValue} from '../shared/form.js';
import {doneNote} from '../shared/icons.js';
import {registrationForm} from '../shared/registration.js';

/**
 * Back in after losing a device: the user gives their username and one of their recovery
 * codes (the code is then used up), and creates a new passkey on this device, which signs
 * them in. Once it is done it shows only that, until `reset()` or `passkey-signed-out` on
 * `document`.
 *
 * @tagname passkey-recovery
 * @summary Recovery code → a new passkey on this device.
 *
 * @fires {CustomEvent<PasskeyStartDetail>} passkey-start - The passkey ceremony began. `detail: {ceremony: 'registration'}`
 * @fires {CustomEvent<PasskeyRegisteredDetail>} passkey-registered - The new passkey exists; the user is signed in. `detail: {passkey, user}`
 * @fires {CustomEvent<PasskeyCancelDetail>} passkey-cancel - The user dismissed the prompt. `detail: {code}`
 * @fires {CustomEvent<PasskeyErrorDetail>} passkey-error - A step failed; the message is shown in `part="error"`. `detail: {code, message}`
 * @fires {CustomEvent<Record<string, never>>} passkey-unsupported - The browser has no WebAuthn.
 *
 * @slot unsupported - Shown instead when the browser has no WebAuthn.
 *
 * @csspart form - The form of the current step.
 * @csspart label - Each input's label.
 * @csspart input - The username and recovery code inputs.
 * @csspart button - The step's primary action (with the passkey glyph on the passkey step).
 * @csspart done - What replaces the form once done: a tick, the heading, the note.
 * @csspart heading - The finished flow's heading.
 * @csspart note - What comes next, under the heading.
 * @csspart status - Progress, success and cancel notes (a polite live region).
 * @csspart error - The error message (an assertive live region).
 *
 * @cssstate busy - A request or the ceremony is running.
 * @cssstate success - The last step succeeded.
 * @cssstate error - The last step failed.
 */
export class PasskeyRecovery extends PasskeyElement<PasskeyClient> {
  static override properties = {
    username: {},
    token: {state: true},
  };

  /** The username (prefills the first step). */
  username = '';

  /** The whole contract: this element uses more than the ceremonies. */
  protected static override defaultClient = FetchClient;

  private token = '';
  private request = new CeremonyController<unknown>(this);
  private registration = new RegistrationController(this);

  private async redeem(e: Event) {
    e.preventDefault();
    const username = formValue(e, 'username');
    const code = formValue(e, 'code');
    const r = await this.ceremony(this.request, () =>
      this.request.run((signal) => this.backend.recoveryRedeem({username, code}, signal)),
    );
    if (!r) return;
    this.token = r.recoveryToken;
    await this.updateComplete;
    this.renderRoot.querySelector('button')?.focus();
  }

  override reset() {
    super.reset();
    this.token = '';
  }

  private async create(e: Event) {
    e.preventDefault();
    const r = await this.ceremony(
      this.registration,
      () => this.registration.start(this.backend, {recoveryToken: this.token}),
      'registration',
    );
    if (r) this.emit('passkey-registered', r);
  }

  protected override errorText(code: string) {
    return !this.token && (code === 'verification_failed' || code === 'invalid_request')
      ? msg('That username and recovery code do not match.')
      : super.errorText(code);
  }

  protected override renderContent() {
    // A refused code: both fields, since the answer does not say which one is wrong.
    const wrong = !this.token && this.failed('verification_failed', 'invalid_request');
    const done = this.done(this.registration);
    const form = done
      ? nothing
      : this.token
        ? registrationForm(this.create, msg('Create a new passkey'), this.busy, false)
        : html`
            <form part="form" @submit=${this.redeem}>
              ${field(msg('Username'), 'username', 'username', this.username, true, 'text', wrong)}
              ${field(msg('Recovery code'), 'code', 'off', '', true, 'text', wrong)}
              <button part="button" aria-disabled=${this.busy}>
                ${msg('Continue', {desc: 'Button: checks the username and recovery code.'})}
              </button>
            </form>
          `;
    const success = done
      ? doneNote(msg('New passkey created.'), msg('You are signed in.'))
      : msg('Code accepted. Now create a new passkey on this device.');
    return html`${form}${this.renderMessages(success)}`;
  }
}
