// <passkey-login>: every state, driven by the stub client (stories/stub-client.ts). Controls
// and docs come from custom-elements.json. Error stories: one per code in loginErrors
// (stories/error-codes.ts); test/node/storybook.test.ts checks none is missing.
import {html} from 'lit';
import {expect} from 'storybook/test';
import {loginErrors} from './error-codes.js';
import {
  darkPage,
  elementIn,
  elementMeta,
  errorStory,
  outcomeStory,
  part,
  rtlPage,
  themeArgs,
  withChildren,
  type Story,
} from './helpers.js';
import {themeAttributeDark, themed} from './themes.js';

const tag = 'passkey-login';
export default {title: 'Elements/passkey-login', component: 'passkey-login', ...elementMeta(tag)};

const error = (code: string) =>
  errorStory(
    tag,
    loginErrors.find((c) => c.code === code)!,
  );

// ─── idle ───────────────────────────────────────────────────────────────────────────────────

/** Username-first: type a username (or none, for any passkey of the site), then the button. */
export const Default: Story = {};

/** Usernameless: one button, any passkey of this site. */
export const Discoverable: Story = {
  args: {discoverable: true},
  play: async ({canvasElement}) => {
    // Also proves the build keeps `useDefineForClassFields: false`: a class field shadowing
    // Lit's accessor would leave the input in place.
    await expect(part(elementIn(canvasElement, tag), 'input')).toBeNull();
  },
};

/** Passkeys offered in the built-in input's autofill (conditional mediation starts on connect). */
export const Autofill: Story = {args: {autofill: true}};

/** Autofill on the site's own light-DOM input, which password managers see. */
export const AutofillSlottedInput: Story = {
  name: 'Autofill (slotted input)',
  args: {autofill: true},
  render: withChildren(
    tag,
    () =>
      html`<label slot="username" style="display:grid;gap:.25rem"
        >Email or username<input
          name="username"
          autocomplete="username webauthn"
          autocapitalize="none"
          spellcheck="false"
          style="font:inherit;padding:.6em .9em;border-radius:.5rem;border:1px solid #8e8f99"
      /></label>`,
  ),
};

/** The site's other way in, below the button. */
export const Fallback: Story = {
  name: 'With fallback',
  render: withChildren(
    tag,
    () =>
      html`<p slot="fallback">No passkey yet? <a href="#password">Sign in with a password</a></p>`,
  ),
};

// ─── running and outcomes ──────────────────────────────────────────────────────────────────

/** A ceremony is running: the options call never answers here. */
export const Busy = outcomeStory(tag, 'busy', {stub: {pending: 'authenticationOptions'}});

/** The prompt was approved and the backend verified it. */
export const SignedIn = outcomeStory(tag, 'success', {prompt: 'approve'});

/** The user dismissed the prompt: a calm note, not an error. */
export const Cancelled = outcomeStory(tag, 'cancelled', {prompt: 'dismiss'});

// ─── errors: one story per code ─────────────────────────────────────────────────────────────

export const ErrorNetworkError = error('network_error');
export const ErrorBadResponse = error('bad_response');
export const ErrorInternal = error('internal');
export const ErrorRateLimited = error('rate_limited');
export const ErrorInvalidRequest = error('invalid_request');
export const ErrorOriginMismatch = error('origin_mismatch');
export const ErrorPayloadTooLarge = error('payload_too_large');
export const ErrorChallengeInvalid = error('challenge_invalid');
export const ErrorVerificationFailed = error('verification_failed');
export const ErrorUnknownCredential = error('unknown_credential');
export const ErrorSecurityError = error('security_error');
export const ErrorNotSupported = error('not_supported');

// ─── unsupported ────────────────────────────────────────────────────────────────────────────

/** No WebAuthn: the default note. */
export const Unsupported: Story = {args: {unsupported: true}};

/** No WebAuthn, with the site's own content in the `unsupported` slot. */
export const UnsupportedCustom: Story = {
  name: 'Unsupported (custom content)',
  args: {unsupported: true},
  render: withChildren(
    tag,
    () =>
      html`<p slot="unsupported">
        This browser cannot use passkeys. <a href="#password">Sign in with a password</a>.
      </p>`,
  ),
};

// ─── pages and themes ───────────────────────────────────────────────────────────────────────

/** On a page with `color-scheme: dark`. */
export const Dark: Story = {decorators: [darkPage]};

/** An error on a dark page. */
export const DarkError: Story = {
  ...error('rate_limited'),
  name: 'Dark (error)',
  decorators: [darkPage],
};

/** In a right-to-left page: the layout mirrors. */
export const RightToLeft: Story = {decorators: [rtlPage]};

/** Every `--passkey-*` custom property set. */
export const Themed: Story = {args: {...themeArgs}};

/** The themed element after an error. */
export const ThemedError: Story = {
  ...error('network_error'),
  name: 'Themed (error)',
  args: {...themeArgs},
};

// ─── the example themes of docs/theming.md, and the theme attribute ─────────────────────────

/** The brand theme: violet, rounded, pill buttons. */
export const ThemeBrand = themed('brand', Default);

/** The dense, corporate theme: smaller type and spacing, square corners. */
export const ThemeDense = themed('dense', Default);

/** The high-contrast dark theme (with `theme="dark"`). */
export const ThemeHighContrastDark = themed('contrast', Default);

/** The brand theme after an error. */
export const ThemeBrandError = themed('brand', error('network_error'));

/** The dense theme after an error. */
export const ThemeDenseError = themed('dense', error('network_error'));

/** The high-contrast dark theme after an error. */
export const ThemeHighContrastDarkError = themed('contrast', error('network_error'));

/** The brand theme on a dark page: its `light-dark()` values follow the page. */
export const ThemeBrandDarkPage = themed('brand', {decorators: [darkPage]});

/** The dense theme on a dark page. */
export const ThemeDenseDarkPage = themed('dense', {decorators: [darkPage]});

/** `theme="dark"` on a light page: the element paints its own dark surface. */
export const ThemeAttributeDark = themeAttributeDark(Default);

/** `theme="light"` on a dark page: the element paints its own light surface. */
export const ThemeAttributeLight: Story = {
  name: 'theme="light" (dark page)',
  args: {theme: 'light'},
  decorators: [darkPage],
};
