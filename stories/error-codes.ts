// The error codes each element can show, one story each (generated in the story files with
// errorStory()). Plain data, no DOM: test/node/storybook.test.ts imports it to check that every
// code here has its story. `at` says where the failure comes from, and so how the story makes it:
//   options — the backend refuses the options call (the stub client fails it);
//   verify  — the prompt is approved, then the backend refuses the verify call;
//   prompt  — the browser's prompt throws a DOMException (the stub authenticator throws it).
import type {PromptOutcome} from './stub-authenticator.js';
import type {StubStep} from './stub-client.js';

export type ErrorCase = {code: string; why: string; args?: Record<string, unknown>; generic?: boolean} & (
  | {at: 'options' | 'verify'; step: StubStep}
  | {at: 'prompt'; prompt: PromptOutcome}
);

const options = (step: StubStep, code: string, why: string, extra: Partial<ErrorCase> = {}) =>
  ({code, why, at: 'options', step, ...extra}) as ErrorCase;
const verify = (step: StubStep, code: string, why: string) => ({code, why, at: 'verify', step}) as ErrorCase;
const prompt = (p: PromptOutcome, code: string, why: string) => ({code, why, at: 'prompt', prompt: p}) as ErrorCase;

/** Shared by every ceremony: the network, the server, limits, malformed requests. */
const common = (step: StubStep) => [
  options(step, 'network_error', 'The backend could not be reached.'),
  options(step, 'bad_response', 'The backend answered with something that is not the contract’s JSON.'),
  options(step, 'internal', 'The backend failed (500).'),
  options(step, 'rate_limited', 'Too many attempts (429).'),
  options(step, 'invalid_request', 'The backend refused the request’s fields (400).'),
  options(step, 'origin_mismatch', 'The page’s origin is not one the backend allows (403).'),
  options(step, 'payload_too_large', 'A code with no message of its own: the general one is shown.', {generic: true}),
];

export const loginErrors: ErrorCase[] = [
  ...common('authenticationOptions'),
  verify('authenticationVerify', 'challenge_invalid', 'The challenge expired or was used before.'),
  verify('authenticationVerify', 'verification_failed', 'The assertion did not verify.'),
  verify('authenticationVerify', 'unknown_credential', 'The passkey is not known to the backend (the element also signals it to the authenticator).'),
  prompt('SecurityError', 'security_error', 'The browser refused WebAuthn on this address.'),
  prompt('NotSupportedError', 'not_supported', 'The authenticator cannot do what was asked.'),
];

export const registerErrors: ErrorCase[] = [
  ...common('registrationOptions'),
  options('registrationOptions', 'unauthenticated', 'Adding a passkey without a session (401).'),
  options('registrationOptions', 'user_exists', 'Sign-up for a username that is taken (409).', {args: {signup: true, username: 'ada'}}),
  verify('registrationVerify', 'credential_exists', 'The new credential id is already registered (409).'),
  verify('registrationVerify', 'challenge_invalid', 'The challenge expired or was used before.'),
  verify('registrationVerify', 'verification_failed', 'The attestation did not verify.'),
  prompt('InvalidStateError', 'already_registered', 'The authenticator already holds a passkey for this account (excludeCredentials).'),
  prompt('SecurityError', 'security_error', 'The browser refused WebAuthn on this address.'),
  prompt('NotSupportedError', 'not_supported', 'The authenticator cannot do what was asked (e.g. no supported algorithm).'),
];

/** The story export name for a code: `rate_limited` → `ErrorRateLimited`. */
export const errorExportName = (code: string) =>
  'Error' + code.replace(/(^|_)(\w)/g, (_, __, c: string) => c.toUpperCase());
