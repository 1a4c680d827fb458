// <passkey-mfa>: every state, driven by the stub client (stories/stub-client.ts): `mfaMode`
// says whether the backend asks this user to register a passkey or verify with one. Error
// stories: one per case in mfaErrors (stories/error-codes.ts); test/node/storybook.test.ts
// checks none is missing.
import {expect} from 'storybook/test';
import {errorCase, mfaErrors} from './error-codes.js';
import {
  darkPage,
  elementMeta,
  errorStory,
  firedBy,
  outcomeStory,
  rtlPage,
  themeArgs,
  type PasskeyHost,
  type Story,
} from './helpers.js';
import {themeAttributeDark, themed} from './themes.js';

const tag = 'passkey-mfa';
export default {
  title: 'Elements/passkey-mfa',
  component: 'passkey-mfa',
  ...elementMeta(tag, {args: {mfaToken: 'stub-mfa-token'}}),
};

const error = (code: string) => errorStory(tag, errorCase(mfaErrors, code));

/** The events the element fired, in order, without `passkey-start`. */
const outcome = (el: PasskeyHost) =>
  firedBy(el)
    .map((e) => e.type)
    .filter((t) => t !== 'passkey-start');

/** The ceremonies `passkey-start` announced (the early /mfa/options request is not one). */
const started = (el: PasskeyHost) =>
  firedBy(el)
    .filter((e) => e.type === 'passkey-start')
    .map((e) => e.detail.ceremony);

// ─── idle and running ───────────────────────────────────────────────────────────────────────

/** After the site's password step: one button for the second factor. */
export const Default: Story = {name: 'Idle'};

/** The ceremony is running: the options call never answers here. */
export const Busy = outcomeStory(tag, 'busy', {stub: {pending: 'mfaOptions'}});

// ─── outcomes ───────────────────────────────────────────────────────────────────────────────

/** First time: the backend asked for a new passkey; `passkey-registered`, then `passkey-authenticated`. */
export const SignedInAfterRegister = outcomeStory(tag, 'success', {
  prompt: 'approve',
  stub: {mfaMode: 'register'},
  then: async (el) => {
    await expect(outcome(el)).toEqual(['passkey-registered', 'passkey-authenticated']);
    await expect(started(el)).toEqual(['registration']);
    await expect(firedBy(el).at(-1)?.detail.factor).toBe('mfa');
  },
});

/** Later: verified with the passkey registered before; only `passkey-authenticated`. */
export const SignedInAfterVerify = outcomeStory(tag, 'success', {
  prompt: 'approve',
  stub: {mfaMode: 'verify'},
  then: async (el) => {
    await expect(outcome(el)).toEqual(['passkey-authenticated']);
    await expect(started(el)).toEqual(['authentication']);
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
export const ErrorUnknownCredential = error('unknown_credential');
export const ErrorChallengeInvalid = error('challenge_invalid');
export const ErrorVerificationFailed = error('verification_failed');
export const ErrorSecurityError = error('security_error');
export const ErrorNotSupported = error('not_supported');
export const ErrorCredentialExists = error('credential_exists');
export const ErrorAlreadyRegistered = error('already_registered');

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
