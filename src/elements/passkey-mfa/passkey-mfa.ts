import {msg} from '../../core/localize.js';
import {html, nothing} from 'lit';
import {MfaController} from '../../core/controllers/mfa-controller.js';
import {FetchClient} from '../../core/client/fetch-client.js';
import type {PasskeyClient} from '../../core/client/types.js';
import {PasskeyElement} from '../../core/passkey-element.js';

/**
 * The second factor after the site's own first factor (a password, say). Given the
 * `mfa-token` the first factor handed out, it asks the backend whether this user must
 * register a passkey or verify with one, runs that ceremony, and signs the user in.
 *
 * @tagname passkey-mfa
 * @summary A passkey as the second factor after a password.
 *
 * @fires {CustomEvent<PasskeyStartDetail>} passkey-start - The ceremony began. `detail: {ceremony: 'authentication'}`
 * @fires {CustomEvent<PasskeyRegisteredDetail>} passkey-registered - The user registered their second-factor passkey (fired before passkey-authenticated). `detail: {passkey, user}`
 * @fires {CustomEvent<PasskeyAuthenticatedDetail>} passkey-authenticated - Both factors passed; the user is signed in. `detail: {user, factor: 'mfa'}`
 * @fires {CustomEvent<PasskeyCancelDetail>} passkey-cancel - The user dismissed the prompt. `detail: {code}`
 * @fires {CustomEvent<PasskeyErrorDetail>} passkey-error - It failed; the message is shown in `part="error"`. `detail: {code, message}`
 * @fires {CustomEvent<Record<string, never>>} passkey-unsupported - The browser has no WebAuthn.
 *
 * @slot unsupported - Shown instead when the browser has no WebAuthn.
 *
 * @csspart form - The form around the prompt and the button.
 * @csspart label - The short explanation.
 * @csspart button - Starts the ceremony.
 * @csspart status - Progress, success and cancel notes (a polite live region).
 * @csspart error - The error message (an assertive live region).
 *
 * @cssstate busy - The ceremony is running.
 * @cssstate success - The user is signed in.
 * @cssstate error - The last attempt failed.
 */
export class PasskeyMfa extends PasskeyElement<PasskeyClient> {
  static override properties = {
    mfaToken: {attribute: 'mfa-token'},
  };

  /** The short-lived token the site's first factor returned (`mfaToken`). */
  mfaToken = '';

  /** The whole contract: this element uses more than the ceremonies. */
  protected static override defaultClient = FetchClient;

  private mfa = new MfaController(this);

  private async go(e: Event) {
    e.preventDefault();
    const r = await this.ceremony(
      this.mfa,
      () => this.mfa.start(this.backend, this.mfaToken),
      'authentication',
    );
    if (!r) return;
    if (r.passkey) this.emit('passkey-registered', {passkey: r.passkey, user: r.user});
    this.emit('passkey-authenticated', {user: r.user, factor: 'mfa'});
  }

  protected override renderContent() {
    // Once signed in there is nothing left to press: only the note stays.
    const form =
      this.mfa.status === 'success'
        ? nothing
        : html`
            <form part="form" @submit=${this.go}>
              <p part="label">${msg('Confirm it is you with your passkey.')}</p>
              <button part="button" aria-disabled=${this.busy}>
                ${msg('Continue with a passkey')}
              </button>
            </form>
          `;
    return html`${form}${this.renderMessages(msg('Signed in.'))}`;
  }
}
