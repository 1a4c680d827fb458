import {msg} from '../../core/localize.js';
import {html, nothing} from 'lit';
import {RegistrationController} from '../../core/controllers/registration-controller.js';
import {conditionalCreateAvailable} from '../../core/webauthn/support.js';
import {PasskeyElement} from '../../core/passkey-element.js';
import {doneNote} from '../shared/icons.js';
import {passkeyName, registrationForm} from '../shared/registration.js';

/**
 * Offers a passkey to a user who just signed in another way (a password, say). Where the
 * browser can create one without a prompt for the password its password manager just filled
 * (conditional create, per `getClientCapabilities()`), it asks for that as soon as it is on
 * the page; the button asks explicitly, everywhere, and ends the silent request first.
 * Once the passkey exists the offer is gone: a tick, "Passkey created." and what comes next.
 *
 * @tagname passkey-upgrade
 * @summary After a password sign-in: offer a passkey, silently where the browser can.
 *
 * @fires {CustomEvent<PasskeyStartDetail>} passkey-start - The explicit ceremony began. `detail: {ceremony: 'registration'}`
 * @fires {CustomEvent<PasskeyRegisteredDetail>} passkey-registered - The passkey was created (silently or after the prompt). `detail: {passkey, user}`
 * @fires {CustomEvent<PasskeyCancelDetail>} passkey-cancel - The user dismissed the prompt. `detail: {code}`
 * @fires {CustomEvent<PasskeyErrorDetail>} passkey-error - It failed; the message is shown in `part="error"`. `detail: {code, message}`
 * @fires {CustomEvent<Record<string, never>>} passkey-unsupported - The browser has no WebAuthn.
 *
 * @slot unsupported - Shown instead when the browser has no WebAuthn.
 *
 * @csspart label - The offer's text (and the passkey name input's label with `name-input`).
 * @csspart form - The form around the button.
 * @csspart input - The passkey name input (with `name-input`).
 * @csspart button - Creates the passkey (with the passkey glyph).
 * @csspart done - What replaces the offer once the passkey exists: a tick, the heading, the note.
 * @csspart heading - The finished flow's heading.
 * @csspart note - What comes next, under the heading.
 * @csspart status - Progress, success and cancel notes (a polite live region).
 * @csspart error - The error message (an assertive live region).
 *
 * @cssstate busy - The explicit ceremony is running.
 * @cssstate success - The passkey was created.
 * @cssstate error - The last attempt failed.
 */
export class PasskeyUpgrade extends PasskeyElement {
  static override properties = {
    nameInput: {type: Boolean, reflect: true, attribute: 'name-input'},
  };

  /** Offer an input to name the passkey (used by the button's explicit request). */
  nameInput = false;

  /** The explicit request, from the button. */
  private registration = new RegistrationController(this);
  /** The silent request (conditional create), pending until the browser answers or it ends. */
  private silent = new RegistrationController(this);

  protected override supportDetected() {
    this.offer();
  }

  /** Starts conditional create, where the browser has it. */
  private async offer() {
    if (!(await conditionalCreateAvailable())) return;
    const r = await this.ceremony(this.silent, () =>
      this.silent.start(this.backend, {}, undefined, true),
    );
    if (r) this.emit('passkey-registered', r);
  }

  private async create(e: Event) {
    e.preventDefault();
    this.silent.abort();
    const r = await this.ceremony(
      this.registration,
      () => this.registration.start(this.backend, {}, passkeyName(e)),
      'registration',
    );
    if (r) this.emit('passkey-registered', r);
  }

  protected override renderContent() {
    const offer = html`
      <p part="label">
        ${msg('Sign in faster next time: use a passkey instead of your password.')}
      </p>
      ${registrationForm(this.create, msg('Create a passkey'), this.busy, this.nameInput)}
    `;
    // Created (by the button or silently): the offer is gone, only the note stays.
    const done = this.done(this.registration) || this.done(this.silent);
    return html`
      ${done ? nothing : offer}
      ${this.renderMessages(
        doneNote(msg('Passkey created.'), msg('Next time, sign in with your passkey.')),
      )}
    `;
  }
}
