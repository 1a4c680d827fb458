// <passkey-recovery>: username and recovery code → a new passkey on this device, every step
// and outcome, driven by the stub client (stories/stub-client.ts; any code is accepted unless a
// story makes it fail). Error stories: one per case in recoveryErrors (stories/error-codes.ts),
// each failing at its step; test/node/storybook.test.ts checks none is missing.
import {expect, waitFor} from 'storybook/test';
import {errorCase, recoveryErrors} from './error-codes.js';
import {
  darkPage,
  elementIn,
  elementMeta,
  errorStory,
  firedBy,
  outcomeStory,
  part,
  parts,
  press,
  reaches,
  rtlPage,
  themeArgs,
  typeInto,
  type Act,
  type Story,
} from './helpers.js';
import {themeAttributeDark, themed} from './themes.js';

const tag = 'passkey-recovery';
export default {
  title: 'Elements/passkey-recovery',
  component: 'passkey-recovery',
  ...elementMeta(tag),
};

/** The username the flow stories start with (prefilled; the code is typed). */
const username = {username: 'ada'};

// ─── play steps ─────────────────────────────────────────────────────────────────────────────

/** Types a recovery code and presses Continue. */
const redeem: Act = async (el) => {
  await el.updateComplete;
  await typeInto(parts(el, 'input')[1], '3c5a-46d3-4fbc-5925');
  await press(el);
};

/** Through the code step to the passkey step. */
const accepted: Act = async (el) => {
  await redeem(el);
  await waitFor(() => expect(parts(el, 'input')).toHaveLength(0), {timeout: 3000});
};

/** At the passkey step, presses "Create a new passkey". */
const createPasskey: Act = async (el) => {
  await accepted(el);
  await press(el);
};

const stages: Record<string, Act> = {code: redeem, passkey: createPasskey};

// A story's own name goes in its literal ({...error(code), name}), where the sidebar reads it.
const error = (code: string, key?: string): Story => {
  const c = errorCase(recoveryErrors, code, key);
  const story = errorStory(tag, c, stages[c.stage!]);
  return {...story, args: {...username, ...story.args}};
};

// ─── steps ──────────────────────────────────────────────────────────────────────────────────

/** Step 1: username and one recovery code. */
export const Default: Story = {name: 'Code step'};

/** Step 1 with the username known (e.g. from the sign-in form). */
export const Prefilled: Story = {name: 'Code step (username known)', args: username};

/** A wrong or used code (or an unknown username: the same answer). */
export const ErrorVerificationFailed: Story = {
  ...error('verification_failed'),
  name: 'Wrong code (error: verification_failed)',
};

/** Step 2: the code was accepted; one button creates the new passkey. */
export const PasskeyStep: Story = {
  name: 'Passkey step',
  args: username,
  play: async ({canvasElement}) => {
    const el = elementIn(canvasElement, tag);
    await accepted(el);
    await reaches(el, 'success');
    await expect(part(el, 'status')?.textContent).toBe(
      'Code accepted. Now create a new passkey on this device.',
    );
  },
};

/** The passkey ceremony is running (its options call never answers here). */
export const Creating = outcomeStory(tag, 'busy', {
  args: username,
  act: createPasskey,
  stub: {pending: 'registrationOptions'},
});

/** Done: a new passkey, the user signed in; `passkey-registered`. */
export const Done = outcomeStory(tag, 'success', {
  args: username,
  act: createPasskey,
  prompt: 'approve',
  then: async (el) => {
    await waitFor(
      () => expect(part(el, 'status')?.textContent).toBe('New passkey created. You are signed in.'),
      {timeout: 3000},
    );
    await expect(firedBy(el).map((e) => e.type)).toContain('passkey-registered');
  },
});

/** The user dismissed the passkey prompt: a calm note; the passkey step stays. */
export const Cancelled = outcomeStory(tag, 'cancelled', {
  args: username,
  act: createPasskey,
  prompt: 'dismiss',
});

// ─── errors: one story per case ─────────────────────────────────────────────────────────────

// At the code step (a wrong code is with the steps above).
export const ErrorNetworkError = error('network_error');
export const ErrorBadResponse = error('bad_response');
export const ErrorInternal = error('internal');
export const ErrorRateLimited = error('rate_limited');
export const ErrorInvalidRequest = error('invalid_request');
export const ErrorOriginMismatch = error('origin_mismatch');
export const ErrorPayloadTooLarge = error('payload_too_large');
// At the passkey step.
export const ErrorUnauthenticated = error('unauthenticated');
export const ErrorCredentialExists = error('credential_exists');
export const ErrorAlreadyRegistered = error('already_registered');
export const ErrorChallengeInvalid = error('challenge_invalid');
export const ErrorVerificationFailedPasskey = error('verification_failed', 'passkey');
export const ErrorSecurityError = error('security_error');
export const ErrorNotSupported = error('not_supported');

// ─── unsupported, pages and themes ──────────────────────────────────────────────────────────

/** No WebAuthn: the default note. */
export const Unsupported: Story = {args: {unsupported: true}};

/** On a page with `color-scheme: dark`. */
export const Dark: Story = {args: username, decorators: [darkPage]};

/** A wrong code on a dark page. */
export const DarkError: Story = {
  ...ErrorVerificationFailed,
  name: 'Dark (wrong code)',
  decorators: [darkPage],
};

/** In a right-to-left page. */
export const RightToLeft: Story = {args: username, decorators: [rtlPage]};

/** Every `--passkey-*` custom property set. */
export const Themed: Story = {args: {...username, ...themeArgs}};

// ─── the example themes of docs/theming.md, and the theme attribute ─────────────────────────

/** The brand theme: violet, rounded, pill buttons. */
export const ThemeBrand = themed('brand', {args: username});

/** The dense, corporate theme: smaller type and spacing, square corners. */
export const ThemeDense = themed('dense', {args: username});

/** The high-contrast dark theme (with `theme="dark"`). */
export const ThemeHighContrastDark = themed('contrast', {args: username});

/** `theme="dark"` on a light page: the element paints its own dark surface. */
export const ThemeAttributeDark = themeAttributeDark({args: username});
