// <passkey-confirm>: every state, driven by the stub client (stories/stub-client.ts). Error
// stories: one per case in confirmErrors (stories/error-codes.ts); test/node/storybook.test.ts
// checks none is missing.
import {html} from 'lit';
import {expect} from 'storybook/test';
import {confirmErrors, errorCase} from './error-codes.js';
import {
  darkPage,
  elementMeta,
  errorStory,
  firedBy,
  outcomeStory,
  part,
  rtlPage,
  themeArgs,
  withChildren,
  type Story,
} from './helpers.js';
import {themeAttributeDark} from './themes.js';

const tag = 'passkey-confirm';
export default {
  title: 'Elements/passkey-confirm',
  component: 'passkey-confirm',
  ...elementMeta(tag, {args: {action: 'transfer:42'}}),
};

const error = (code: string) => errorStory(tag, errorCase(confirmErrors, code));

/** The site's reason, in the element's default slot. */
const reason = withChildren(tag, () => html`To send €420 to Grace Hopper, confirm it is you.`);

// ─── idle and running ───────────────────────────────────────────────────────────────────────

/** The default prompt and the button. */
export const Default: Story = {name: 'Idle'};

/** The site says what the confirmation is for, in the default slot. */
export const WithReason: Story = {name: 'With a reason (slot)', render: reason};

/** The ceremony is running: the options call never answers here. */
export const Busy = outcomeStory(tag, 'busy', {stub: {pending: 'reauthOptions'}});

// ─── outcomes ───────────────────────────────────────────────────────────────────────────────

/** Confirmed: `passkey-confirmed` carries the step-up token bound to the action. */
export const Confirmed = outcomeStory(tag, 'success', {
  prompt: 'approve',
  then: async (el) => {
    const confirmed = firedBy(el).find((e) => e.type === 'passkey-confirmed');
    await expect(confirmed?.detail.action).toBe('transfer:42');
    await expect(confirmed?.detail.stepUpToken).toBe('stub-step-up-token-for-transfer:42');
    await expect(part(el, 'status')?.textContent).toBe('Confirmed. You can continue.');
  },
});

/** Confirmed with the site's reason shown. */
export const ConfirmedWithReason: Story = {
  ...Confirmed,
  name: 'Confirmed (with a reason)',
  render: reason,
};

/** The user dismissed the prompt: a calm note, not an error. */
export const Cancelled = outcomeStory(tag, 'cancelled', {prompt: 'dismiss'});

// ─── errors: one story per case ─────────────────────────────────────────────────────────────

export const ErrorNetworkError = error('network_error');
export const ErrorBadResponse = error('bad_response');
export const ErrorInternal = error('internal');
export const ErrorRateLimited = error('rate_limited');
export const ErrorInvalidRequest = error('invalid_request');
export const ErrorOriginMismatch = error('origin_mismatch');
export const ErrorPayloadTooLarge = error('payload_too_large');
/** Signed out: there is nobody to confirm. */
export const ErrorUnauthenticated = error('unauthenticated');
/** The account has no passkey yet (a password-only user). */
export const ErrorForbidden = error('forbidden');
export const ErrorUnknownCredential = error('unknown_credential');
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
export const RightToLeft: Story = {decorators: [rtlPage], render: reason};

/** Every `--passkey-*` custom property set. */
export const Themed: Story = {args: {...themeArgs}};

/** `theme="dark"` on a light page: the element paints its own dark surface. */
export const ThemeAttributeDark = themeAttributeDark(Default);
