// The error codes each element can show, one story each (generated in the story files with
// errorStory()). Plain data, no DOM: test/node/storybook.test.ts imports it to check that every
// case here has its story. `at` says where the failure comes from, and so how the story makes it:
//   options — the backend refuses a call made before any prompt (ceremony options, or a plain
//             request: listing, renaming, an email code…); the stub client fails it;
//   verify  — the prompt is approved, then the backend refuses the verify call;
//   prompt  — the browser's prompt throws a DOMException (the stub authenticator throws it).
// The flow elements fail at more than one place: `stage` names the user's action that fails
// (each story file maps it to a play step), `key` tells apart two stories of one code, and
// `message` is the element's own wording where it replaces the shared one.
import type {PromptOutcome} from './stub-authenticator.js';
import type {StubScript, StubStep} from './stub-client.js';

export type ErrorCase = {
  code: string;
  why: string;
  args?: Record<string, unknown>;
  /** Extra stub script (e.g. `mfaMode`), merged with the failure. */
  stub?: StubScript;
  generic?: boolean;
  stage?: string;
  key?: string;
  /** The English message the element shows, when it is not `errorMessage(code)`. */
  message?: string;
} & ({at: 'options' | 'verify'; step: StubStep} | {at: 'prompt'; prompt: PromptOutcome});

type Extra = Partial<Omit<ErrorCase, 'code' | 'why' | 'at'>>;

const options = (step: StubStep, code: string, why: string, extra: Extra = {}) =>
  ({code, why, at: 'options', step, ...extra}) as ErrorCase;
const verify = (step: StubStep, code: string, why: string, extra: Extra = {}) =>
  ({code, why, at: 'verify', step, ...extra}) as ErrorCase;
const prompt = (p: PromptOutcome, code: string, why: string, extra: Extra = {}) =>
  ({code, why, at: 'prompt', prompt: p, ...extra}) as ErrorCase;
/** The same cases at another stage of a flow (and with its stub extras). */
const at = (cases: ErrorCase[], extra: Extra) =>
  cases.map((c) => ({...c, ...extra, stub: {...c.stub, ...extra.stub}}) as ErrorCase);

/** Shared by every call: the network, the server, limits, malformed requests. */
const common = (step: StubStep) => [
  options(step, 'network_error', 'The backend could not be reached.'),
  options(
    step,
    'bad_response',
    'The backend answered with something that is not the contract’s JSON.',
  ),
  options(step, 'internal', 'The backend failed (500).'),
  options(step, 'rate_limited', 'Too many attempts (429).'),
  options(step, 'invalid_request', 'The backend refused the request’s fields (400).'),
  options(step, 'origin_mismatch', 'The page’s origin is not one the backend allows (403).'),
  options(
    step,
    'payload_too_large',
    'A code with no message of its own: the general one is shown.',
    {generic: true},
  ),
];

export const loginErrors: ErrorCase[] = [
  ...common('authenticationOptions'),
  verify('authenticationVerify', 'challenge_invalid', 'The challenge expired or was used before.'),
  verify('authenticationVerify', 'verification_failed', 'The assertion did not verify.'),
  verify(
    'authenticationVerify',
    'unknown_credential',
    'The passkey is not known to the backend (the element also signals it to the authenticator).',
  ),
  prompt('SecurityError', 'security_error', 'The browser refused WebAuthn on this address.'),
  prompt('NotSupportedError', 'not_supported', 'The authenticator cannot do what was asked.'),
];

export const registerErrors: ErrorCase[] = [
  ...common('registrationOptions'),
  options('registrationOptions', 'unauthenticated', 'Adding a passkey without a session (401).'),
  options('registrationOptions', 'user_exists', 'Sign-up for a username that is taken (409).', {
    args: {signup: true, username: 'ada'},
  }),
  verify(
    'registrationVerify',
    'credential_exists',
    'The new credential id is already registered (409).',
  ),
  verify('registrationVerify', 'challenge_invalid', 'The challenge expired or was used before.'),
  verify('registrationVerify', 'verification_failed', 'The attestation did not verify.'),
  prompt(
    'InvalidStateError',
    'already_registered',
    'The authenticator already holds a passkey for this account (excludeCredentials).',
  ),
  prompt('SecurityError', 'security_error', 'The browser refused WebAuthn on this address.'),
  prompt(
    'NotSupportedError',
    'not_supported',
    'The authenticator cannot do what was asked (e.g. no supported algorithm).',
  ),
];

/** After a prompt: the credential already exists, the challenge expired, the browser refuses. */
const ceremonyEnd = (verifyStep: StubStep, extra: Extra = {}) =>
  at(
    [
      verify(verifyStep, 'challenge_invalid', 'The challenge expired or was used before.'),
      verify(verifyStep, 'verification_failed', 'The passkey’s answer did not verify.'),
      prompt('SecurityError', 'security_error', 'The browser refused WebAuthn on this address.'),
      prompt('NotSupportedError', 'not_supported', 'The authenticator cannot do what was asked.'),
    ],
    extra,
  );

/** A new passkey refused: it exists already on the backend, or the authenticator has one. */
const duplicate = (extra: Extra = {}) =>
  at(
    [
      verify(
        'registrationVerify',
        'credential_exists',
        'The new credential id is already registered (409).',
      ),
      prompt(
        'InvalidStateError',
        'already_registered',
        'The authenticator already holds a passkey for this account (excludeCredentials).',
      ),
    ],
    extra,
  );

export const managerErrors: ErrorCase[] = [
  // Loading, on connect: nothing to press.
  options(
    'listPasskeys',
    'unauthenticated',
    'Signed out: the session expired or was never there (401).',
    {stage: 'load'},
  ),
  ...at(
    [
      options('listPasskeys', 'network_error', 'The backend could not be reached.'),
      options(
        'listPasskeys',
        'bad_response',
        'The backend answered with something that is not the contract’s JSON.',
      ),
      options('listPasskeys', 'internal', 'The backend failed (500).'),
    ],
    {stage: 'load'},
  ),
  options('renamePasskey', 'invalid_request', 'The backend refused the new name (400).', {
    stage: 'rename',
  }),
  options(
    'renamePasskey',
    'not_found',
    'The passkey was deleted elsewhere in the meantime (404).',
    {stage: 'rename', message: 'That passkey no longer exists.'},
  ),
  options('deletePasskey', 'last_passkey', 'Deleting the account’s only way in (409).', {
    stage: 'delete',
    message: 'This is your only passkey. Add another passkey or create recovery codes first.',
  }),
  options(
    'deletePasskey',
    'origin_mismatch',
    'The page’s origin is not one the backend allows (403).',
    {stage: 'delete'},
  ),
  options('recoveryCodes', 'rate_limited', 'Too many attempts (429).', {stage: 'codes'}),
  options(
    'recoveryCodes',
    'payload_too_large',
    'A code with no message of its own: the general one is shown.',
    {stage: 'codes', generic: true},
  ),
  ...duplicate({stage: 'add'}),
  ...ceremonyEnd('registrationVerify', {stage: 'add'}),
  options(
    'deletePasskey',
    'reauth_required',
    'Refused again after the user confirmed it is them (401): the manager asks once, then shows it.',
    {stage: 'reauth-again'},
  ),
];

export const mfaErrors: ErrorCase[] = [
  ...common('mfaOptions'),
  options(
    'mfaOptions',
    'unauthenticated',
    'The mfa-token expired or was used (401): back to the first factor.',
    {message: 'This sign-in has expired. Please sign in again.'},
  ),
  verify('mfaVerify', 'unknown_credential', 'The passkey is not one of this account’s (404).'),
  ...ceremonyEnd('mfaVerify'),
  ...duplicate({stub: {mfaMode: 'register'}}).map((c) =>
    c.at === 'verify' ? {...c, step: 'mfaVerify' as StubStep} : c,
  ),
];

/** What <passkey-signup> says at its code step for these codes. */
const wrongCode = 'That code is not right. Check it and try again.';
export const signupErrors: ErrorCase[] = [
  ...at(common('signupEmail'), {stage: 'email'}),
  options('signupVerify', 'verification_failed', 'A wrong code.', {
    stage: 'code',
    key: 'code',
    message: wrongCode,
  }),
  options(
    'signupVerify',
    'challenge_invalid',
    'The code expired, or was tried too often (the 5th wrong try burns it).',
    {
      stage: 'code',
      key: 'code',
      message: 'That code no longer works. Send a new one.',
    },
  ),
  options('signupVerify', 'invalid_request', 'A code that is not 6 digits (400).', {
    stage: 'code',
    key: 'code',
    message: wrongCode,
  }),
  options('signupVerify', 'rate_limited', 'Too many wrong codes for this address (429).', {
    stage: 'code',
    key: 'code',
  }),
  options(
    'registrationOptions',
    'unauthenticated',
    'The signup token expired before the passkey was created (401).',
    {stage: 'passkey'},
  ),
  options(
    'registrationOptions',
    'user_exists',
    'The address got an account in the meantime (409).',
    {stage: 'passkey'},
  ),
  ...duplicate({stage: 'passkey'}),
  ...ceremonyEnd('registrationVerify', {stage: 'passkey'}),
];

export const recoveryErrors: ErrorCase[] = [
  ...at(common('recoveryRedeem'), {stage: 'code'}).map((c) =>
    c.code === 'invalid_request'
      ? {
          ...c,
          why: 'A malformed recovery code (400).',
          message: 'That username and recovery code do not match.',
        }
      : c,
  ),
  options(
    'recoveryRedeem',
    'verification_failed',
    'A wrong or used recovery code, or an unknown username (same answer).',
    {
      stage: 'code',
      message: 'That username and recovery code do not match.',
    },
  ),
  options(
    'registrationOptions',
    'unauthenticated',
    'The recovery token expired before the passkey was created (401).',
    {stage: 'passkey'},
  ),
  ...duplicate({stage: 'passkey'}),
  ...ceremonyEnd('registrationVerify', {stage: 'passkey'}).map((c) =>
    c.code === 'verification_failed' ? {...c, key: 'passkey'} : c,
  ),
];

export const upgradeErrors: ErrorCase[] = [
  ...common('registrationOptions'),
  options(
    'registrationOptions',
    'unauthenticated',
    'The password sign-in’s session is gone (401).',
  ),
  ...duplicate(),
  ...ceremonyEnd('registrationVerify'),
];

export const confirmErrors: ErrorCase[] = [
  ...common('reauthOptions'),
  options('reauthOptions', 'unauthenticated', 'Signed out: there is nobody to confirm (401).'),
  options('reauthOptions', 'forbidden', 'The account has no passkey to confirm with (403).', {
    message: 'You have no passkey yet. Add one first.',
  }),
  verify(
    'reauthVerify',
    'unknown_credential',
    'The passkey is not known to the backend (deleted elsewhere).',
  ),
  ...ceremonyEnd('reauthVerify'),
];

/** Every element's cases, by tag. */
export const errorsByTag: Record<string, ErrorCase[]> = {
  'passkey-login': loginErrors,
  'passkey-register': registerErrors,
  'passkey-manager': managerErrors,
  'passkey-mfa': mfaErrors,
  'passkey-signup': signupErrors,
  'passkey-recovery': recoveryErrors,
  'passkey-upgrade': upgradeErrors,
  'passkey-confirm': confirmErrors,
};

const camel = (s: string) => s.replace(/(^|[_\s-])(\w)/g, (_, __, c: string) => c.toUpperCase());

/** The story export name for a case: `rate_limited` → `ErrorRateLimited`; with key `code`, `ErrorRateLimitedCode`. */
export const errorExportName = (code: string, key?: string) =>
  'Error' + camel(code) + (key ? camel(key) : '');

/** The Storybook id of that story, as Storybook derives it from the export name. */
export const errorStoryId = (tag: string, c: Pick<ErrorCase, 'code' | 'key'>) =>
  `elements-${tag}--` +
  errorExportName(c.code, c.key)
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .toLowerCase();

/** Finds the case for a story: by code, and by key when one code has two stories. */
export const errorCase = (cases: ErrorCase[], code: string, key?: string) => {
  const c = cases.find((x) => x.code === code && x.key === key);
  if (!c) throw new Error(`no error case ${code}${key ? ` (${key})` : ''}`);
  return c;
};
