// <passkey-upgrade>: the offer after a password sign-in, every state, driven by the stub client
// (stories/stub-client.ts). Where the browser has conditional create (headless Chromium does),
// the element asks for a passkey silently on connect; the button asks explicitly and ends the
// silent request first, which is what these stories press. Error stories: one per case in
// upgradeErrors (stories/error-codes.ts); test/node/storybook.test.ts checks none is missing.
import {expect} from 'storybook/test';
import {errorCase, upgradeErrors} from './error-codes.js';
import {
  darkPage,
  elementMeta,
  errorStory,
  firedBy,
  outcomeStory,
  rtlPage,
  themeArgs,
  type Story,
} from './helpers.js';
import {themeAttributeDark, themed} from './themes.js';

const tag = 'passkey-upgrade';
export default {
  title: 'Elements/passkey-upgrade',
  component: 'passkey-upgrade',
  ...elementMeta(tag),
};

const error = (code: string) => errorStory(tag, errorCase(upgradeErrors, code));

// ─── idle and running ───────────────────────────────────────────────────────────────────────

/** The offer, with its button. */
export const Default: Story = {name: 'Idle'};

/** The offer with a name for the new passkey. */
export const NameInput: Story = {name: 'name-input', args: {nameInput: true}};

/** The explicit ceremony is running (its options call never answers here). */
export const Busy = outcomeStory(tag, 'busy', {stub: {pending: 'registrationOptions'}});

// ─── outcomes ───────────────────────────────────────────────────────────────────────────────

/** Created: `passkey-registered`, and a note. */
export const Created = outcomeStory(tag, 'success', {
  prompt: 'approve',
  then: async (el) => {
    await expect(firedBy(el).map((e) => e.type)).toContain('passkey-registered');
  },
});

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
export const ErrorUnauthenticated = error('unauthenticated');
export const ErrorCredentialExists = error('credential_exists');
export const ErrorAlreadyRegistered = error('already_registered');
export const ErrorChallengeInvalid = error('challenge_invalid');
export const ErrorVerificationFailed = error('verification_failed');
export const ErrorSecurityError = error('security_error');
export const ErrorNotSupported = error('not_supported');

// ─── unsupported, pages and themes ──────────────────────────────────────────────────────────

/** No WebAuthn: the default note. */
export const Unsupported: Story = {args: {unsupported: true}};

/** On a page with `color-scheme: dark`. */
export const Dark: Story = {decorators: [darkPage]};

/** In a right-to-left page. */
export const RightToLeft: Story = {decorators: [rtlPage]};

/** Every `--passkey-*` custom property set. */
export const Themed: Story = {args: {...themeArgs}};

// ─── the example themes of docs/theming.md, and the theme attribute ─────────────────────────

/** The brand theme: violet, rounded, pill buttons. */
export const ThemeBrand = themed('brand', Default);

/** The dense, corporate theme: smaller type and spacing, square corners. */
export const ThemeDense = themed('dense', Default);

/** The high-contrast dark theme (with `theme="dark"`). */
export const ThemeHighContrastDark = themed('contrast', Default);

/** `theme="dark"` on a light page: the element paints its own dark surface. */
export const ThemeAttributeDark = themeAttributeDark(Default);
