import {msg} from '../../core/localize.js';
import {html, nothing} from 'lit';
import {RegistrationController} from '../../core/controllers/registration-controller.js';
import {PasskeyElement} from '../../core/passkey-element.js';
import {field, formValue} from '../shared/form.js';
import {doneNote} from '../shared/icons.js';
import {passkeyName, registrationForm} from '../shared/registration.js';

/**
 * Creates a passkey: for the signed-in user ("add a passkey"), as sign-up (`signup`: asks
 * for a username and a display name), after email verification (`signup-token`) or after
 * recovery (`recovery-token`).
 *
 * Once the passkey exists it shows only that (a tick, a heading and what comes next), until
 * `reset()` or `passkey-signed-out` on `document`.
 *
 * @tagname passkey-register
 * @summary Create a passkey: sign up, or add one to the signed-in account.
 *
 * @fires {CustomEvent<PasskeyStartDetail>} passkey-start - A ceremony began. `detail: {ceremony: 'registration'}`
 * @fires {CustomEvent<PasskeyRegisteredDetail>} passkey-registered - The backend stored the passkey. `detail: {passkey, user}`
 * @fires {CustomEvent<PasskeyCancelDetail>} passkey-cancel - The user dismissed the prompt. `detail: {code}`
 * @fires {CustomEvent<PasskeyErrorDetail>} passkey-error - It failed; the message is shown in `part="error"`. `detail: {code, message}`
 * @fires {CustomEvent<Record<string, never>>} passkey-unsupported - The browser has no WebAuthn.
 *
 * @slot unsupported - Shown instead when the browser has no WebAuthn.
 *
 * @csspart form - The form around the inputs and the button.
 * @csspart label - Each input's label (wraps its text and the input).
 * @csspart input - Each input (username, display name, passkey name).
 * @csspart button - The create button (with the passkey glyph).
 * @csspart done - What replaces the form once the passkey exists: a tick, the heading, the note.
 * @csspart heading - The finished flow's heading.
 * @csspart note - What comes next, under the heading.
 * @csspart status - Progress, success and cancel notes (a polite live region).
 * @csspart error - The error message (an assertive live region).
 *
 * @cssstate busy - A ceremony is running.
 * @cssstate success - The last ceremony created a passkey.
 * @cssstate error - The last ceremony failed.
 */
export class PasskeyRegister extends PasskeyElement {
  static override properties = {
    signup: {type: Boolean, reflect: true},
    nameInput: {type: Boolean, reflect: true, attribute: 'name-input'},
    signupToken: {attribute: 'signup-token'},
    recoveryToken: {attribute: 'recovery-token'},
    username: {},
    displayName: {attribute: 'display-name'},
  };

  /** Sign-up: create an account for the typed username along with its first passkey. */
  signup = false;

  /** Offer an input to name the passkey. */
  nameInput = false;

  /** A token from the email-verified sign-up flow: the account is for that email. */
  signupToken?: string;

  /** A token from recovery: the passkey is for the recovering user. */
  recoveryToken?: string;

  /** The username's initial value (sign-up); the form's input is read when submitted. */
  username = '';

  /** The display name's initial value (sign-up; an empty one becomes the username). */
  displayName = '';

  private registration = new RegistrationController(this);

  /** Whether this element asks for a username: plain sign-up without a token. */
  private get asksUsername() {
    return this.signup && !this.signupToken && !this.recoveryToken;
  }

  private async create(e: Event) {
    e.preventDefault();
    // An empty username never gets here: the input is `required`, so the browser stops the
    // submit and says why, in the user's language.
    const username = formValue(e, 'username');
    const req = this.asksUsername
      ? {username, displayName: formValue(e, 'displayName') || username}
      : {signupToken: this.signupToken, recoveryToken: this.recoveryToken};
    const result = await this.ceremony(
      this.registration,
      () => this.registration.start(this.backend, req, passkeyName(e)),
      'registration',
    );
    if (result) this.emit('passkey-registered', result);
  }

  protected override renderContent() {
    const inputs = this.asksUsername
      ? [
          field(
            msg('Username'),
            'username',
            'username',
            this.username,
            true,
            'text',
            this.failed('user_exists', 'invalid_request'),
          ),
          field(
            msg('Display name (optional)', {
              desc: 'Input label: the name of the user as people read it.',
            }),
            'displayName',
            'name',
            this.displayName,
            false,
          ),
        ]
      : nothing;
    const label = this.signup ? msg('Sign up with a passkey') : msg('Create a passkey');
    // Done: nothing is left to press. A new account or a recovered one is signed in now; a
    // passkey added to the signed-in account is for next time.
    const done =
      this.signup || this.signupToken
        ? doneNote(msg('Your account is ready.'), msg('You are signed in.'))
        : doneNote(
            msg('Passkey created.'),
            this.recoveryToken
              ? msg('You are signed in.')
              : msg('Next time, sign in with your passkey.'),
          );
    return html`
      ${
        this.done(this.registration)
          ? nothing
          : registrationForm(this.create, label, this.busy, this.nameInput, inputs)
      }
      ${this.renderMessages(done)}
    `;
  }
}
