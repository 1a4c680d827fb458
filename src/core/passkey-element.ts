import {msg, updateWhenLocaleChanges} from './localize.js';
import {
  html,
  LitElement,
  nothing,
  type CSSResultGroup,
  type PropertyDeclarations,
  type PropertyValues,
  type TemplateResult,
} from 'lit';
import type {PasskeyEventDetail, PasskeyEventName} from '../events/passkey-events.js';
import {baseStyles} from '../styles/base.styles.js';
import {FetchCeremonyClient} from './client/fetch-client.js';
import type {CeremonyClient, PasskeyClient} from './client/types.js';
import type {CeremonyController, Outcome} from './controllers/ceremony-controller.js';
import {errorMessage} from './messages.js';
import {detectSupport, type Support} from './webauthn/support.js';

/**
 * The one base class of the kit's elements: the shared properties (`api`, `client`,
 * `headers`), support detection, the guarded `define()`, `emit()`, and the ceremony plumbing
 * that turns a controller's outcome into events, reflected state and announced messages.
 *
 * Every element lays itself out by its own width (it is an inline-size container, named
 * `passkey`), not the screen's, and forgets a finished flow when the page signs the user out:
 * see `reset()` and the `passkey-signed-out` event.
 *
 * @slot unsupported - Shown instead of the element when the browser has no WebAuthn.
 * @csspart status - The polite live region: progress, success and cancel notes.
 * @csspart error - The assertive live region with the localized error message.
 * @cssprop [--passkey-color-text=light-dark(#1b1b1f, #e4e2e6)] - Text colour.
 * @cssprop [--passkey-color-surface=light-dark(#fff, #1b1b1f)] - Input background, and the element's own background when `theme` is set.
 * @cssprop [--passkey-color-muted=light-dark(#5d5e66, #c6c6d0)] - Secondary text (status notes).
 * @cssprop [--passkey-color-border=#8e8f99] - Input border.
 * @cssprop [--passkey-color-primary=light-dark(#2b59c3, #b1c5ff)] - Primary button background, secondary button text and the focus ring.
 * @cssprop [--passkey-color-on-primary=light-dark(#fff, #002c71)] - Primary button text.
 * @cssprop [--passkey-color-error=light-dark(#b3261e, #ffb4ab)] - Error text.
 * @cssprop [--passkey-color-success=light-dark(#146c2e, #6dd58c)] - The tick of a finished flow.
 * @cssprop [--passkey-radius=0.5rem] - Corner radius of inputs and buttons.
 * @cssprop [--passkey-spacing=0.75rem] - Gap between the pieces.
 * @cssprop [--passkey-font-family=system-ui, sans-serif] - Font family.
 * @cssprop [--passkey-font-size=1rem] - Base font size (inputs and buttons scale with it).
 * @cssprop [--passkey-focus-ring=0 0 0 2px var(--passkey-color-surface), 0 0 0 4px var(--passkey-color-primary)] - Focus ring, a box-shadow value (default: a 2px surface gap, then 2px of the primary colour).
 *
 * @cssstate cancelled - The user dismissed the last prompt.
 */
export class PasskeyElement<C extends CeremonyClient = CeremonyClient> extends LitElement {
  static override styles: CSSResultGroup = baseStyles;

  // Declared here rather than with decorators: the legacy decorator helpers cost bytes in
  // every bundle, and these declarations are read the same way by the manifest analyzer.
  static override properties: PropertyDeclarations = {
    // `api` is read from its attribute but not reflected: reflecting would write the default
    // onto every element at its first render, an attribute round trip that cost the first
    // render about half a millisecond (docs/performance.md).
    api: {},
    client: {attribute: false},
    headers: {attribute: false},
    unsupported: {type: Boolean, reflect: true},
    busy: {type: Boolean, reflect: true},
    theme: {reflect: true},
    current: {state: true},
  };

  /**
   * The default client's class, used when no `client` is set: the contract's two ceremonies
   * (`FetchCeremonyClient`). An element that uses more of the contract sets `FetchClient` here
   * and `PasskeyClient` as `C`; a page that only signs in then does not download the other flows.
   */
  protected static defaultClient: new (
    api?: string | null,
    headers?: Record<string, string>,
  ) => CeremonyClient = FetchCeremonyClient;

  /** Registers this class under `tag`, unless that tag is already defined. */
  static define(tag: string) {
    if (!customElements.get(tag)) customElements.define(tag, this);
  }

  /**
   * Base URL of the backend contract (attribute `api`; the property is not reflected back to it).
   * Removing the attribute, or an empty value, means the default `/passkeys`.
   */
  api = '/passkeys';

  /** Replaces the default contract client (another backend's adapter, a stub in stories). */
  client?: PasskeyClient;

  /** Extra request headers for the default client (e.g. `Authorization`). */
  headers: Record<string, string> = {};

  /** Set when the browser has no WebAuthn; the `unsupported` slot is shown instead. */
  unsupported = false;

  /** Reflects that a ceremony is running. Read-only. */
  busy = false;

  /**
   * `light` or `dark`: the element takes that colour scheme whatever the page's, and paints its
   * own surface (`--passkey-color-surface`) so it reads on any background. Absent, it follows
   * the page's `color-scheme`, and so the user's `prefers-color-scheme` on a page that declares
   * `color-scheme: light dark`.
   */
  theme?: 'light' | 'dark';

  /** What the browser supports, once detected (not reactive: `unsupported` is). */
  private support?: Support;

  /** The controller whose outcome the element shows now. */
  protected current?: CeremonyController<unknown>;

  protected internals = this.attachInternals();

  constructor() {
    super();
    updateWhenLocaleChanges(this);
  }

  /**
   * Forgets the last outcome (a success, an error, a cancel note) and what the user typed, and
   * returns to the element's first step; a running ceremony is aborted. Call it when the page
   * signs the user out, or dispatch `passkey-signed-out` on `document`, which every connected
   * element of the kit answers by calling it.
   */
  reset() {
    this.current?.abort();
    this.current = undefined;
  }

  /** `passkey-signed-out` on `document`: the page signed the user out. */
  private signedOut = () => this.reset();

  /** Whether a user-verifying platform authenticator is available (after detection). */
  get platformAuthenticator(): boolean | undefined {
    return this.support?.platformAuthenticator;
  }

  /** Whether passkeys can be offered in the browser's autofill (after detection). */
  get autofillAvailable(): boolean | undefined {
    return this.support?.autofill;
  }

  /** The client requests go through: `client`, else the element's `defaultClient` for `api`. */
  protected get backend(): C {
    const {defaultClient} = this.constructor as typeof PasskeyElement;
    return (this.client ?? new defaultClient(this.api, this.headers)) as C;
  }

  override connectedCallback() {
    super.connectedCallback();
    document.addEventListener('passkey-signed-out', this.signedOut);
    // After the first render, which then shows without waiting for the library's detection
    // calls (the browser's own answers are asynchronous anyway).
    this.updateComplete.then(detectSupport).then((s) => {
      this.support = s;
      if (!s.webauthn && !this.unsupported) {
        this.unsupported = true;
        this.emit('passkey-unsupported', {});
      }
      // Nothing starts for an element removed meanwhile (it detects again when put back).
      if (this.isConnected) this.supportDetected(s);
    });
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    document.removeEventListener('passkey-signed-out', this.signedOut);
  }

  /** Called once support is known. */
  protected supportDetected(_s: Support) {}

  /** Fires one of the kit's events: bubbling, composed. */
  emit<K extends PasskeyEventName>(name: K, detail: PasskeyEventDetail<K>) {
    this.dispatchEvent(new CustomEvent(name, {detail, bubbles: true, composed: true}));
  }

  /**
   * Runs a task through `ctrl` and reports it. With a `kind` it is a ceremony the user started:
   * `passkey-start`, then `passkey-cancel` or `passkey-error` (success events are the
   * caller's, who knows what succeeded). Without one it is quiet (autofill, list, rename…):
   * only real errors are reported, and its outcome is shown only once it has one.
   */
  protected async ceremony<T>(
    ctrl: CeremonyController<unknown>,
    start: () => Promise<Outcome<T> | undefined>,
    kind?: 'registration' | 'authentication',
  ): Promise<T | undefined> {
    if (ctrl.busy) return;
    if (kind) {
      this.current = ctrl;
      this.emit('passkey-start', {ceremony: kind});
    }
    const focused = document.activeElement === this;
    const out = await start();
    // Skipped: one was running already, or the element is no longer on the page.
    if (!out) return;
    if (!kind && !out.cancelled) this.current = ctrl;
    this.refocus(focused);
    if (out.ok) return out.value;
    const {code} = out.error;
    if (!out.cancelled) {
      this.emit('passkey-error', {code, message: this.errorText(code)});
    } else if (kind) {
      this.emit('passkey-cancel', {code});
    }
  }

  protected override willUpdate(changed: PropertyValues) {
    super.willUpdate(changed);
    this.busy = !!this.current?.busy;
  }

  protected override updated(changed: PropertyValues) {
    super.updated(changed);
    // The custom state is the current status: busy, success, error, cancelled (none when idle).
    const states = this.internals.states;
    states.clear();
    if (this.current && this.current.status !== 'idle') states.add(this.current.status);
  }

  protected override render() {
    return this.unsupported
      ? html`
          <slot name="unsupported">
            <p part="status">${msg('Passkeys are not supported in this browser.')}</p>
          </slot>
        `
      : this.renderContent();
  }

  /** The element's own content, when WebAuthn is supported. */
  protected renderContent(): TemplateResult | typeof nothing {
    return nothing;
  }

  /**
   * After an outcome, when the user was in this element and still is (or focus fell to the page,
   * as when the focused button goes away): focus moves to the field the error concerns, else to
   * the note of a finished flow, else, when the focused control is gone, to the first field or
   * button.
   */
  private async refocus(focused: boolean) {
    const now = document.activeElement;
    if (!focused || (now !== this && now !== document.body)) return;
    await this.updateComplete;
    const root = this.renderRoot as ShadowRoot;
    (
      root.querySelector<HTMLElement>('[aria-invalid=true],[part~=done]') ??
      (root.activeElement ? null : root.querySelector<HTMLElement>('input,button'))
    )?.focus();
  }

  /** Whether the current outcome is an error with one of these codes (a field's error). */
  protected failed(...codes: string[]) {
    const c = this.current;
    return c?.status === 'error' && codes.includes(c.error!.code);
  }

  /** Whether `ctrl` finished its flow: it is the current one, and it succeeded. */
  protected done(ctrl: CeremonyController<unknown>) {
    return this.current === ctrl && ctrl.status === 'success';
  }

  /** The sentence shown for an error code; an element may word some codes for its own flow. */
  protected errorText(code: string) {
    return errorMessage(code);
  }

  /**
   * The two live regions: status notes (progress, success, cancel) and errors; `error` has
   * `id="error"` for the `aria-describedby` of the field it concerns. `success` is the note of a
   * succeeded step, or a finished flow's `doneNote()`.
   */
  protected renderMessages(success: unknown) {
    const c = this.current;
    const s = c?.status;
    const status =
      s === 'busy'
        ? msg('Waiting for your passkey…')
        : s === 'cancelled'
          ? msg('Cancelled. Try again when you are ready.')
          : s === 'success'
            ? success
            : nothing;
    const error = s === 'error' ? this.errorText(c!.error!.code) : nothing;
    // No whitespace inside the regions: an empty one matches :empty and takes no room.
    return html`
      <div part="status" role="status">${status}</div>
      <div part="error" id="error" role="alert">${error}</div>
    `;
  }
}
