import {msg} from '../../core/localize.js';
import {html, nothing} from 'lit';
import {AuthenticationController} from '../../core/controllers/authentication-controller.js';
import {ConditionalController} from '../../core/controllers/conditional-controller.js';
import {PasskeyElement} from '../../core/passkey-element.js';
import type {Support} from '../../core/webauthn/support.js';
import {doneNote, passkeyGlyph} from '../shared/icons.js';

/** Errors after which autofill is offered again: the user picked a passkey that failed. */
const retry = ['unknown_credential', 'verification_failed', 'challenge_invalid'];

/**
 * Signs a user in with a passkey.
 *
 * Username-first by default: the user types a username (or leaves it empty to pick any
 * passkey of this site), then presses the button. With `discoverable` it is one button.
 * With `autofill` the browser also offers the site's passkeys in the username field's
 * autofill (conditional mediation); pressing the button instead ends that request cleanly.
 *
 * Once signed in it shows only that: a tick and "Signed in.", no form. When the page signs the
 * user out it forgets that and shows the form again: dispatch `passkey-signed-out` on
 * `document`, or call `reset()`.
 *
 * @tagname passkey-login
 * @summary Sign in with a passkey: username-first, usernameless, or through autofill.
 *
 * @fires {CustomEvent<PasskeyStartDetail>} passkey-start - A ceremony began. `detail: {ceremony: 'authentication'}`
 * @fires {CustomEvent<PasskeyAuthenticatedDetail>} passkey-authenticated - Signed in. `detail: {user, factor: 'passkey'}`
 * @fires {CustomEvent<PasskeyCancelDetail>} passkey-cancel - The user dismissed the prompt. `detail: {code}`
 * @fires {CustomEvent<PasskeyErrorDetail>} passkey-error - It failed; the message is shown in `part="error"`. `detail: {code, message}`
 * @fires {CustomEvent<Record<string, never>>} passkey-unsupported - The browser has no WebAuthn.
 *
 * @slot username - Your own light-DOM `<input autocomplete="username webauthn">`, or its `<label>`
 *   with the input inside, so password managers and autofill see it; replaces the built-in label
 *   and input. Enter in that input signs in.
 * @slot fallback - The site's other way in (password form, magic link), shown below.
 * @slot unsupported - Shown instead when the browser has no WebAuthn.
 *
 * @csspart form - The form around the inputs and the button.
 * @csspart label - The username label (wraps its text and the input).
 * @csspart input - The username input.
 * @csspart button - The sign-in button (with the passkey glyph).
 * @csspart done - What replaces the form once signed in: a tick and the heading.
 * @csspart heading - The finished flow's heading ("Signed in.").
 * @csspart status - Progress, success and cancel notes (a polite live region).
 * @csspart error - The error message (an assertive live region).
 *
 * @cssstate busy - A ceremony is running.
 * @cssstate success - The last ceremony signed the user in.
 * @cssstate error - The last ceremony failed.
 */
export class PasskeyLogin extends PasskeyElement {
  static override properties = {
    discoverable: {type: Boolean, reflect: true},
    autofill: {type: Boolean, reflect: true},
    username: {},
  };

  /** One button, any passkey of this site: no username input. */
  discoverable = false;

  /** Offer passkeys in the browser's autofill of the username input (conditional mediation). */
  autofill = false;

  /** The username input's initial value; the input itself is read when the user signs in. */
  username = '';

  private auth = new AuthenticationController(this);
  private conditional = new ConditionalController(this);

  /**
   * The input the username is read from: the site's, slotted itself or inside a slotted element
   * (the natural `<label slot="username">User <input></label>`), else the built-in one.
   */
  private get usernameInput() {
    const slot = this.renderRoot.querySelector<HTMLSlotElement>('slot[name=username]');
    for (const el of slot?.assignedElements() ?? []) {
      const input = el.matches('input') ? el : el.querySelector('input');
      if (input) return input as HTMLInputElement;
    }
    return this.renderRoot.querySelector<HTMLInputElement>('input');
  }

  protected override supportDetected(s: Support) {
    if (s.autofill) this.startAutofill();
  }

  override updated(changed: Map<PropertyKey, unknown>) {
    super.updated(changed);
    if (!changed.has('autofill') || changed.get('autofill') === undefined) return;
    // Turned off: its pending request ends (quietly: the user cancelled nothing).
    if (this.autofill) this.startAutofill();
    else this.conditional.abort();
  }

  /** (Re)starts the autofill request, when `autofill` is set and nothing else runs. */
  private async startAutofill() {
    if (!this.autofill || !this.autofillAvailable || !this.isConnected) return;
    if (this.auth.busy || this.conditional.busy) return;
    const user = await this.ceremony(this.conditional, () => this.conditional.start(this.backend));
    if (user) this.emit('passkey-authenticated', {user, factor: 'passkey'});
    // A passkey picked from autofill that the backend refused: offer the others again.
    else if (retry.includes(this.conditional.error?.code as string)) this.startAutofill();
  }

  private async signIn(e: Event) {
    e.preventDefault();
    if (this.auth.busy) return;
    const username = this.discoverable ? '' : (this.usernameInput?.value.trim() ?? '');
    // Ends a pending autofill request; our own request below would do it too, but only once
    // the options have arrived.
    this.conditional.abort();
    const user = await this.ceremony(
      this.auth,
      () => this.auth.start(this.backend, username),
      'authentication',
    );
    if (user) this.emit('passkey-authenticated', {user, factor: 'passkey'});
    else this.startAutofill();
  }

  /** Forgets the sign-in (see the base class), and offers autofill again. */
  override reset() {
    super.reset();
    this.updateComplete.then(() => this.startAutofill());
  }

  private onKeydown(e: KeyboardEvent) {
    // Enter in the site's light-DOM input does not submit our shadow form.
    const input = this.usernameInput;
    if (e.key === 'Enter' && e.target === input && this.contains(input)) this.signIn(e);
  }

  protected override renderContent() {
    // The built-in username field, which a slotted light-DOM input replaces.
    const input = this.discoverable
      ? nothing
      : html`
          <slot name="username">
            <label part="label">
              ${msg('Username')}
              <input
                part="input"
                name="username"
                autocomplete="username webauthn"
                autocapitalize="none"
                spellcheck="false"
                value=${this.username}
                @focus=${this.startAutofill}
              />
            </label>
          </slot>
        `;
    // Signed in: nothing is left to press, only the note stays (until reset()).
    const done = this.done(this.auth) || this.done(this.conditional);
    const form = html`
      <form part="form" @submit=${this.signIn} @keydown=${this.onKeydown}>
        ${input}
        <button part="button" aria-disabled=${this.busy}>
          ${passkeyGlyph}${msg('Sign in with a passkey')}
        </button>
      </form>
    `;
    return html`
      ${done ? nothing : form} ${this.renderMessages(doneNote(msg('Signed in.')))}
      ${done ? nothing : html`<slot name="fallback"></slot>`}
    `;
  }
}
