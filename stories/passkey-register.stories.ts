// <passkey-register>: every state, driven by the stub client (stories/stub-client.ts). Controls
// and docs come from custom-elements.json. Error stories: one per code in registerErrors
// (stories/error-codes.ts); test/node/storybook.test.ts checks none is missing.
import {html} from 'lit';
import {registerErrors} from './error-codes.js';
import {
  darkPage,
  elementMeta,
  errorStory,
  outcomeStory,
  rtlPage,
  themeArgs,
  withChildren,
  type Story,
} from './helpers.js';
import {themeAttributeDark, themed} from './themes.js';

const tag = 'passkey-register';
export default {
  title: 'Elements/passkey-register',
  component: 'passkey-register',
  ...elementMeta(tag),
};

const error = (code: string) =>
  errorStory(
    tag,
    registerErrors.find((c) => c.code === code)!,
  );
const signup = {signup: true, username: 'ada', displayName: 'Ada Lovelace'};

// ─── idle ───────────────────────────────────────────────────────────────────────────────────

/** "Add a passkey" for the signed-in user: one button. */
export const Default: Story = {name: 'Add a passkey'};

/** Sign-up: username and optional display name, then the button. */
export const Signup: Story = {args: {signup: true}};

/** Sign-up, with a name for the new passkey. */
export const SignupWithNameInput: Story = {
  name: 'Signup with name-input',
  args: {signup: true, nameInput: true},
};

/** Add a passkey and name it. */
export const NameInput: Story = {name: 'name-input', args: {nameInput: true}};

/** After email verification: the token says who the account is for, so no username input. */
export const SignupToken: Story = {
  name: 'signup-token',
  args: {signup: true, signupToken: 'stub-signup-token'},
};

/** After recovery: a new passkey for the recovering user. */
export const RecoveryToken: Story = {
  name: 'recovery-token',
  args: {recoveryToken: 'stub-recovery-token'},
};

// ─── running and outcomes ──────────────────────────────────────────────────────────────────

/** A ceremony is running: the options call never answers here. */
export const Busy = outcomeStory(tag, 'busy', {
  stub: {pending: 'registrationOptions'},
  args: signup,
});

/** The prompt was approved and the backend stored the passkey. */
export const Created = outcomeStory(tag, 'success', {
  prompt: 'approve',
  args: {nameInput: true, passkeyName: 'Work laptop'},
});

/** Signed up: a new account with its first passkey. */
export const SignedUp = outcomeStory(tag, 'success', {prompt: 'approve', args: signup});

/** The user dismissed the prompt: a calm note, not an error. */
export const Cancelled = outcomeStory(tag, 'cancelled', {prompt: 'dismiss', args: signup});

// ─── errors: one story per code ─────────────────────────────────────────────────────────────

export const ErrorNetworkError = error('network_error');
export const ErrorBadResponse = error('bad_response');
export const ErrorInternal = error('internal');
export const ErrorRateLimited = error('rate_limited');
export const ErrorInvalidRequest = error('invalid_request');
export const ErrorOriginMismatch = error('origin_mismatch');
export const ErrorPayloadTooLarge = error('payload_too_large');
export const ErrorUnauthenticated = error('unauthenticated');
export const ErrorUserExists = error('user_exists');
export const ErrorCredentialExists = error('credential_exists');
export const ErrorChallengeInvalid = error('challenge_invalid');
export const ErrorVerificationFailed = error('verification_failed');
export const ErrorAlreadyRegistered = error('already_registered');
export const ErrorSecurityError = error('security_error');
export const ErrorNotSupported = error('not_supported');

// ─── unsupported ────────────────────────────────────────────────────────────────────────────

/** No WebAuthn: the default note. */
export const Unsupported: Story = {args: {unsupported: true}};

/** No WebAuthn, with the site's own content in the `unsupported` slot. */
export const UnsupportedCustom: Story = {
  name: 'Unsupported (custom content)',
  args: {unsupported: true, signup: true},
  render: withChildren(
    tag,
    () =>
      html`<p slot="unsupported">
        This browser cannot create passkeys. <a href="#signup">Sign up with email</a>.
      </p>`,
  ),
};

// ─── pages and themes ───────────────────────────────────────────────────────────────────────

/** Sign-up on a page with `color-scheme: dark`. */
export const Dark: Story = {args: {signup: true, nameInput: true}, decorators: [darkPage]};

/** An error on a dark page. */
export const DarkError: Story = {
  ...error('user_exists'),
  name: 'Dark (error)',
  decorators: [darkPage],
};

/** Sign-up in a right-to-left page: the layout mirrors. */
export const RightToLeft: Story = {args: {signup: true}, decorators: [rtlPage]};

/** Every `--passkey-*` custom property set. */
export const Themed: Story = {args: {...themeArgs, signup: true}};

/** The themed element after an error. */
export const ThemedError: Story = {
  ...error('user_exists'),
  name: 'Themed (error)',
  args: {...themeArgs, signup: true, username: 'ada'},
};

// ─── the example themes of docs/theming.md, and the theme attribute ─────────────────────────

/** The brand theme: violet, rounded, pill buttons. */
export const ThemeBrand = themed('brand', {args: {signup: true, nameInput: true}});

/** The dense, corporate theme: smaller type and spacing, square corners. */
export const ThemeDense = themed('dense', {args: {signup: true, nameInput: true}});

/** The high-contrast dark theme (with `theme="dark"`). */
export const ThemeHighContrastDark = themed('contrast', {args: {signup: true, nameInput: true}});

/** `theme="dark"` on a light page: the element paints its own dark surface. */
export const ThemeAttributeDark = themeAttributeDark({args: {signup: true, nameInput: true}});
