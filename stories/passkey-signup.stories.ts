// <passkey-signup>: email → one-time code → passkey, every step and outcome, driven by the stub
// client (stories/stub-client.ts; any code is accepted unless a story makes it fail). Error
// stories: one per case in signupErrors (stories/error-codes.ts), each failing at its step;
// test/node/storybook.test.ts checks none is missing.
import {expect, waitFor} from 'storybook/test';
import {errorCase, signupErrors} from './error-codes.js';
import {
  darkPage,
  elementIn,
  elementMeta,
  errorStory,
  firedBy,
  outcomeStory,
  part,
  press,
  reaches,
  rtlPage,
  themeArgs,
  typeInto,
  type Act,
  type Story,
} from './helpers.js';
import {themeAttributeDark, themed} from './themes.js';

const tag = 'passkey-signup';
export default {title: 'Elements/passkey-signup', component: 'passkey-signup', ...elementMeta(tag)};

/** The address the flow stories start with (prefilled, so the first step is one press). */
const email = {email: 'ada@example.com'};

// ─── play steps ─────────────────────────────────────────────────────────────────────────────

const input = (el: Element) => part(el, 'input') as HTMLInputElement | null;

/** Sends the code, and waits for the code step. */
const sendCode: Act = async (el) => {
  await press(el);
  await waitFor(() => expect(input(el)?.autocomplete).toBe('one-time-code'), {timeout: 3000});
};

/** Through the code step: types a code and confirms it. */
const enterCode: Act = async (el) => {
  await sendCode(el);
  await typeInto(input(el)!, '123456');
  await press(el);
};

/** Through the code step to the passkey step. */
const confirmEmail: Act = async (el) => {
  await enterCode(el);
  await waitFor(() => expect(input(el)).toBeNull(), {timeout: 3000});
};

/** At the passkey step, presses "Create your passkey". */
const createPasskey: Act = async (el) => {
  await confirmEmail(el);
  await press(el);
};

const stages: Record<string, Act> = {email: press, code: enterCode, passkey: createPasskey};

// A story's own name goes in its literal ({...error(code), name}), where the sidebar reads it.
const error = (code: string, key?: string): Story => {
  const c = errorCase(signupErrors, code, key);
  const story = errorStory(tag, c, stages[c.stage!]);
  return {...story, args: {...email, ...story.args}};
};

// ─── steps ──────────────────────────────────────────────────────────────────────────────────

/** Step 1: the email address. */
export const Default: Story = {name: 'Email step'};

/** Step 2: the code was sent; the code input has focus, with resend and change-address buttons. */
export const CodeStep: Story = {
  name: 'Code step',
  args: email,
  play: async ({canvasElement}) => {
    const el = elementIn(canvasElement, tag);
    await sendCode(el);
    await expect(part(el, 'status')?.textContent).toBe(`We sent a code to ${email.email}.`);
    await expect(el.shadowRoot!.activeElement).toBe(input(el));
  },
};

/** A wrong code: said at the code step, which stays open for another try. */
export const ErrorVerificationFailedCode: Story = {
  ...error('verification_failed', 'code'),
  name: 'Wrong code (error: verification_failed)',
};

/** An expired (or burnt) code: send a new one. */
export const ErrorChallengeInvalidCode: Story = {
  ...error('challenge_invalid', 'code'),
  name: 'Expired code (error: challenge_invalid)',
};

/** Step 3: the email is confirmed; one button creates the passkey. */
export const PasskeyStep: Story = {
  name: 'Passkey step',
  args: email,
  play: async ({canvasElement}) => {
    const el = elementIn(canvasElement, tag);
    await confirmEmail(el);
    await reaches(el, 'success');
    await expect(part(el, 'status')?.textContent).toBe('Email confirmed. Now create your passkey.');
  },
};

/** The passkey ceremony is running (its options call never answers here). */
export const Creating = outcomeStory(tag, 'busy', {
  args: email,
  act: createPasskey,
  stub: {pending: 'registrationOptions'},
});

/** Done: the account exists with its passkey; `passkey-registered`; no step or button left. */
export const Done = outcomeStory(tag, 'success', {
  args: email,
  act: createPasskey,
  prompt: 'approve',
  then: async (el) => {
    await waitFor(() => expect(part(el, 'heading')?.textContent).toBe('Your account is ready.'), {
      timeout: 3000,
    });
    await expect(part(el, 'note')?.textContent).toBe('You are signed in.');
    await expect(part(el, 'status')?.contains(part(el, 'done'))).toBe(true);
    await expect(el.shadowRoot!.querySelector('input,button')).toBeNull();
    await expect(firedBy(el).map((e) => e.type)).toContain('passkey-registered');
  },
});

/** The user dismissed the passkey prompt: a calm note; the passkey step stays. */
export const Cancelled = outcomeStory(tag, 'cancelled', {
  args: email,
  act: createPasskey,
  prompt: 'dismiss',
});

// ─── errors: one story per case ─────────────────────────────────────────────────────────────

// At the email step.
export const ErrorNetworkError = error('network_error');
export const ErrorBadResponse = error('bad_response');
export const ErrorInternal = error('internal');
export const ErrorRateLimited = error('rate_limited');
export const ErrorInvalidRequest = error('invalid_request');
export const ErrorOriginMismatch = error('origin_mismatch');
export const ErrorPayloadTooLarge = error('payload_too_large');
// At the code step (wrong and expired codes are with the steps above).
export const ErrorInvalidRequestCode = error('invalid_request', 'code');
export const ErrorRateLimitedCode = error('rate_limited', 'code');
// At the passkey step.
export const ErrorUnauthenticated = error('unauthenticated');
export const ErrorUserExists = error('user_exists');
export const ErrorCredentialExists = error('credential_exists');
export const ErrorAlreadyRegistered = error('already_registered');
export const ErrorChallengeInvalid = error('challenge_invalid');
export const ErrorVerificationFailed = error('verification_failed');
export const ErrorSecurityError = error('security_error');
export const ErrorNotSupported = error('not_supported');

// ─── unsupported, pages and themes ──────────────────────────────────────────────────────────

/** No WebAuthn: the default note. */
export const Unsupported: Story = {args: {unsupported: true}};

/** The code step on a page with `color-scheme: dark`. */
export const Dark: Story = {...CodeStep, name: 'Dark (code step)', decorators: [darkPage]};

/** The code step in a right-to-left page. */
export const RightToLeft: Story = {
  ...CodeStep,
  name: 'Right to left (code step)',
  decorators: [rtlPage],
};

/** Every `--passkey-*` custom property set, at the code step. */
export const Themed: Story = {
  ...CodeStep,
  name: 'Themed (code step)',
  args: {...email, ...themeArgs},
};

// ─── the example themes of docs/theming.md, and the theme attribute ─────────────────────────

/** The brand theme: violet, rounded, pill buttons. */
export const ThemeBrand = themed('brand', CodeStep);

/** The dense, corporate theme: smaller type and spacing, square corners. */
export const ThemeDense = themed('dense', CodeStep);

/** The high-contrast dark theme (with `theme="dark"`). */
export const ThemeHighContrastDark = themed('contrast', CodeStep);

/** `theme="dark"` on a light page: the element paints its own dark surface. */
export const ThemeAttributeDark = themeAttributeDark(CodeStep);
