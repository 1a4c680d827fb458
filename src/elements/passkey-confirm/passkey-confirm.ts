import {msg} from '../../core/localize.js';
import {html, nothing} from 'lit';
import {FetchClient} from '../../core/client/fetch-client.js';
import type {PasskeyClient} from '../../core/client/types.js';
import {ReauthController} from '../../core/controllers/reauth-controller.js';
import {PasskeyElement} from '../../core/passkey-element.js';
import {confirmForm, noPasskeyToConfirm} from '../shared/confirm.js';
import {doneNote} from '../shared/icons.js';

/**
 * Step-up before a sensitive action: the signed-in user confirms it is them with one of their
 * passkeys. For the site's own actions too (a payment, a change of e-mail): with `action` set,
 * the `stepUpToken` it hands over is bound to that action, and the site's backend checks it
 * (once) before it acts. The backend also marks the session as recently verified, so the kit's
 * own sensitive calls (deleting a passkey, recovery codes, signing out other devices) pass for
 * a few minutes. It creates no session and signs nobody in.
 *
 * Put the reason in the element (`<passkey-confirm action="transfer:42">To send €420, confirm it
 * is you.</passkey-confirm>`): it replaces the default prompt.
 *
 * @tagname passkey-confirm
 * @summary Confirm it is you with a passkey (step-up) before a sensitive action.
 *
 * @fires {CustomEvent<PasskeyStartDetail>} passkey-start - The ceremony began. `detail: {ceremony: 'authentication'}`
 * @fires {CustomEvent<PasskeyConfirmedDetail>} passkey-confirmed - The user confirmed it is them. `detail: {verifiedAt, stepUpToken, action}`
 * @fires {CustomEvent<PasskeyCancelDetail>} passkey-cancel - The user dismissed the prompt. `detail: {code}`
 * @fires {CustomEvent<PasskeyErrorDetail>} passkey-error - It failed; the message is shown in `part="error"`. `detail: {code, message}`
 * @fires {CustomEvent<Record<string, never>>} passkey-unsupported - The browser has no WebAuthn.
 *
 * @slot - The prompt: what the user confirms, and why (default: "Confirm it is you with your passkey.").
 * @slot unsupported - Shown instead when the browser has no WebAuthn.
 *
 * @csspart form - The form around the prompt and the button.
 * @csspart label - The prompt.
 * @csspart button - Asks for the passkey.
 * @csspart status - Progress, success and cancel notes (a polite live region).
 * @csspart error - The error message (an assertive live region).
 * @csspart done - The finished flow (a tick and its heading), in `status`, instead of the prompt.
 * @csspart heading - The finished flow's heading ("Confirmed. You can continue.").
 *
 * @cssstate busy - The ceremony is running.
 * @cssstate success - The user confirmed it is them.
 * @cssstate error - The last attempt failed.
 */
export class PasskeyConfirm extends PasskeyElement<PasskeyClient> {
  static override properties = {
    action: {reflect: true},
  };

  /**
   * What the user confirms (e.g. `transfer:42`): sent to `/reauth/verify`, which binds the step-up
   * token to it. Empty: a token for no particular action.
   */
  action = '';

  /** The whole contract: this element uses more than the ceremonies. */
  protected static override defaultClient = FetchClient;

  private reauth = new ReauthController(this);

  private async confirm(e: Event) {
    e.preventDefault();
    // The action as it was when the user pressed the button (the page may change it meanwhile).
    const action = this.action || null;
    const r = await this.ceremony(
      this.reauth,
      () => this.reauth.start(this.backend, action ?? undefined),
      'authentication',
    );
    if (r)
      this.emit('passkey-confirmed', {
        verifiedAt: r.verifiedAt,
        stepUpToken: r.stepUpToken,
        action,
      });
  }

  protected override errorText(code: string) {
    return code === 'forbidden' ? noPasskeyToConfirm() : super.errorText(code);
  }

  protected override renderContent() {
    const prompt = html`<slot>${msg('Confirm it is you with your passkey.')}</slot>`;
    // Confirmed: the prompt and its button are gone (the token went out with the event);
    // `reset()` brings them back for another action.
    return html`
      ${this.done(this.reauth) ? nothing : confirmForm(this.confirm, prompt, this.busy)}
      ${this.renderMessages(doneNote(msg('Confirmed. You can continue.')))}
    `;
  }
}
