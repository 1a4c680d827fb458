import {msg} from '../../core/localize.js';
import {css, html, nothing, type PropertyValues} from 'lit';
import {CeremonyController} from '../../core/controllers/ceremony-controller.js';
import {MfaController, type MfaOptions} from '../../core/controllers/mfa-controller.js';
import {FetchClient} from '../../core/client/fetch-client.js';
import type {PasskeyClient} from '../../core/client/types.js';
import {PasskeyElement} from '../../core/passkey-element.js';
import {baseStyles} from '../../styles/base.styles.js';
import {doneNote, passkeyGlyph} from '../shared/icons.js';

/**
 * The second factor after the site's own first factor (a password, say). As soon as it has the
 * `mfa-token` the first factor handed out, it asks the backend whether this user must set up a
 * passkey or confirm with one, and says which before the first click: "Set up a passkey as your
 * second step." or "Confirm it is you with your passkey." It keeps that answer's options for the
 * click (asking again when they have gone stale), runs that ceremony, and signs the user in.
 *
 * @tagname passkey-mfa
 * @summary A passkey as the second factor after a password.
 *
 * @fires {CustomEvent<PasskeyStartDetail>} passkey-start - The ceremony began. `detail: {ceremony}`: `'registration'` while it sets up the passkey, `'authentication'` while it confirms with one.
 * @fires {CustomEvent<PasskeyRegisteredDetail>} passkey-registered - The user registered their second-factor passkey (fired before passkey-authenticated). `detail: {passkey, user}`
 * @fires {CustomEvent<PasskeyAuthenticatedDetail>} passkey-authenticated - Both factors passed; the user is signed in. `detail: {user, factor: 'mfa'}`
 * @fires {CustomEvent<PasskeyCancelDetail>} passkey-cancel - The user dismissed the prompt. `detail: {code}`
 * @fires {CustomEvent<PasskeyErrorDetail>} passkey-error - It failed (also when asking the backend for the mode, e.g. an expired token); the message is shown in `part="error"`. `detail: {code, message}`
 * @fires {CustomEvent<Record<string, never>>} passkey-unsupported - The browser has no WebAuthn.
 *
 * @slot unsupported - Shown instead when the browser has no WebAuthn.
 *
 * @csspart form - The form around the prompt and the button.
 * @csspart label - The short explanation (set up, or confirm), once the backend said which (empty, it keeps its line until then).
 * @csspart button - Starts the ceremony (with the passkey glyph).
 * @csspart status - Progress, success and cancel notes (a polite live region).
 * @csspart error - The error message (an assertive live region).
 * @csspart done - What replaces the form once signed in: a tick and the heading.
 * @csspart heading - The finished flow's heading ("Signed in.").
 *
 * @cssstate busy - The ceremony is running.
 * @cssstate success - The user is signed in.
 * @cssstate error - The last attempt failed.
 */
export class PasskeyMfa extends PasskeyElement<PasskeyClient> {
  static override styles = [
    baseStyles,
    // The prompt keeps its line while the mode is being asked for: the button does not move.
    css`
      [part~='label'] {
        min-block-size: 1lh;
      }
    `,
  ];

  static override properties = {
    mfaToken: {attribute: 'mfa-token'},
    mode: {state: true},
  };

  /** The short-lived token the site's first factor returned (`mfaToken`). */
  mfaToken = '';

  /** The whole contract: this element uses more than the ceremonies. */
  protected static override defaultClient = FetchClient;

  private mfa = new MfaController(this);
  /** Asks `/mfa/options`: when the token arrives, and on a click once the answer is used or stale. */
  private request = new CeremonyController<MfaOptions>(this);
  /** The request running now, which a click waits for rather than asking twice. */
  private pending?: Promise<MfaOptions | undefined>;
  /** The unused answer, for the token it was asked with, and when it came. */
  private options?: {got: MfaOptions; token: string; at: number};
  /** Register or verify, once the backend said (kept after its options are used). */
  private mode?: MfaOptions['mode'];

  override updated(changed: PropertyValues) {
    super.updated(changed);
    // The early /mfa/options answer is no outcome: :state(success) means signed in.
    if (this.current === this.request) this.internals.states.delete('success');
    // A new token: forget the last answer and ask again, after this update (not inside it:
    // that updates the element again).
    if (changed.has('mfaToken'))
      queueMicrotask(() => {
        this.options = this.mode = undefined;
        this.ask();
      });
  }

  /** Asks the backend for the mode and the options, keeping the answer for the click. */
  private ask() {
    const token = this.mfaToken;
    if (!token) return;
    return (this.pending = this.ceremony(this.request, () =>
      this.request.run((signal) => this.backend.mfaOptions({mfaToken: token}, signal)),
    ).then((got) => {
      if (got && token === this.mfaToken) {
        this.options = {got, token, at: Date.now()};
        this.mode = got.mode;
      }
      return got;
    }));
  }

  /** The kept answer, unless stale: asked with another token, or past half its timeout. */
  private fresh() {
    const o = this.options;
    this.options = undefined; // each answer's challenge serves one ceremony
    const ttl = o?.got.options.timeout || 60_000;
    return o && o.token === this.mfaToken && Date.now() - o.at < ttl / 2 ? o.got : undefined;
  }

  private async go(e: Event) {
    e.preventDefault();
    if (this.mfa.busy || (this.request.busy && this.current === this.request)) return;
    let asked = this.fresh();
    if (!asked) {
      this.current = this.request; // busy while it asks
      asked = await (this.request.busy ? this.pending : this.ask());
      if (!asked) return;
      this.options = undefined;
    }
    const got = asked;
    const r = await this.ceremony(
      this.mfa,
      () => this.mfa.start(this.backend, this.mfaToken, got),
      got.mode === 'register' ? 'registration' : 'authentication',
    );
    if (!r) return;
    if (r.passkey) this.emit('passkey-registered', {passkey: r.passkey, user: r.user});
    this.emit('passkey-authenticated', {user: r.user, factor: 'mfa'});
  }

  protected override errorText(code: string) {
    return code === 'unauthenticated'
      ? msg('This sign-in has expired. Please sign in again.')
      : code === 'forbidden'
        ? msg('This account has no passkey left. Use a recovery code.')
        : super.errorText(code);
  }

  protected override renderContent() {
    const register = this.mode === 'register';
    // Once signed in there is nothing left to press: only the note stays.
    const form = this.done(this.mfa)
      ? nothing
      : html`
          <form part="form" @submit=${this.go}>
            <p part="label">
              ${
                register
                  ? msg('Set up a passkey as your second step.')
                  : this.mode
                    ? msg('Confirm it is you with your passkey.')
                    : nothing
              }
            </p>
            <button part="button" aria-disabled=${this.busy}>
              ${passkeyGlyph}${register ? msg('Create a passkey') : msg('Continue with a passkey')}
            </button>
          </form>
        `;
    // The quiet request's success is no news: only signing in is.
    const success = this.done(this.mfa) ? doneNote(msg('Signed in.')) : nothing;
    return html`${form}${this.renderMessages(success)}`;
  }
}
