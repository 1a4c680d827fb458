import {z} from 'zod';
import {looksLikeEmail, usernameProblem} from './users.js';

/**
 * Request schemas. Handlers validate every body against one of these before doing anything else;
 * the WebAuthn shapes follow the standard JSON forms (`RegistrationResponseJSON`,
 * `AuthenticationResponseJSON`) as `@simplewebauthn/browser` produces them. Unknown keys are
 * dropped, so nothing unvalidated reaches the verifier.
 */

/** Unpadded base64url, non-empty. */
export const base64url = z.base64url('Invalid base64url').min(1);

/** A credential id: at most 1023 bytes (WebAuthn L3 §7.1 step 24), i.e. 1364 base64url characters. */
export const credentialId = base64url.max(1364, 'Credential id too long');

/** No control characters (C0, DEL, C1), which would make names ambiguous or break logs. */
// eslint-disable-next-line no-control-regex -- these very characters are what it looks for
const printable = (s: string) => !/[\u0000-\u001f\u007f-\u009f]/.test(s);

export const username = z
  .string()
  .trim()
  .normalize('NFC')
  .min(1)
  .max(64)
  .refine(printable, {message: 'must not contain control characters', abort: true});

export const displayName = username;

/**
 * The username of a new account: a `username`, refused (with the reason) when it carries
 * invisible, format, bidirectional or control characters or mixes scripts (see `usernameProblem`).
 * Names used to look an account up keep the plain `username` rules, so existing accounts stay
 * reachable.
 */
export const newUsername = username.superRefine((value, ctx) => {
  const problem = usernameProblem(value);
  if (problem !== undefined) ctx.addIssue({code: 'custom', message: problem});
});

/** A new account's username that is not shaped like an email address (no proven address). */
export const newUsernameNotEmail = newUsername.refine(
  (value) => !looksLikeEmail(value),
  'must not be shaped like an email address unless that address is proven (sign up with email)',
);

/** A passkey's name: 1–64 characters after trimming. */
export const passkeyName = username;

const transports = z.array(z.string().max(32)).max(16);

/** `clientExtensionResults`: only `credProps` is read; the rest passes through untouched. */
const clientExtensionResults = z
  .looseObject({credProps: z.looseObject({rk: z.boolean().optional()}).optional()})
  .default({});

export const registrationResponse = z.object({
  id: credentialId,
  rawId: credentialId,
  type: z.literal('public-key'),
  response: z.object({
    clientDataJSON: base64url,
    attestationObject: base64url,
    authenticatorData: base64url.optional(),
    transports: transports.optional(),
    publicKeyAlgorithm: z.number().int().optional(),
    publicKey: base64url.optional(),
  }),
  authenticatorAttachment: z.enum(['platform', 'cross-platform']).nullable().optional(),
  clientExtensionResults,
});

export const authenticationResponse = z.object({
  id: credentialId,
  rawId: credentialId,
  type: z.literal('public-key'),
  response: z.object({
    clientDataJSON: base64url,
    authenticatorData: base64url,
    signature: base64url,
    /** Empty or absent: no user handle. */
    userHandle: z.base64url('Invalid base64url').max(88).nullable().optional(),
  }),
  authenticatorAttachment: z.enum(['platform', 'cross-platform']).nullable().optional(),
  clientExtensionResults,
});

/** The part of `CollectedClientData` (decoded `clientDataJSON`) read before verification. */
export const collectedClientData = z.looseObject({
  type: z.string(),
  challenge: base64url,
  origin: z.string(),
  crossOrigin: z.boolean().optional(),
  topOrigin: z.string().optional(),
});

export const token = z.string().min(1).max(512);

export const registrationOptionsBody = z.object({
  /** Checked as a new account's name; an email-shaped one only with a `signupToken` for it. */
  username: newUsername.optional(),
  displayName: displayName.optional(),
  signupToken: token.optional(),
  recoveryToken: token.optional(),
});

export const registrationVerifyBody = z.object({
  response: registrationResponse,
  name: passkeyName.optional(),
});

export const authenticationOptionsBody = z.object({
  username: username.optional(),
});

export const authenticationVerifyBody = z.object({
  response: authenticationResponse,
});

/** What a step-up is for, e.g. `transfer:42`: 1–200 characters, none of them control characters. */
export const stepUpAction = z
  .string()
  .min(1)
  .max(200)
  .refine(printable, {message: 'must not contain control characters'});

export const reauthVerifyBody = z.object({
  response: authenticationResponse,
  action: stepUpAction.optional(),
});

export const stepUpCheck = z.object({
  token,
  action: stepUpAction.optional(),
});

export const passkeyIdParam = z.object({id: credentialId});

export const renamePasskeyBody = z.object({
  name: passkeyName,
});

export const recoveryRedeemBody = z.object({
  username,
  /** As shown (`xxxx-xxxx-xxxx-xxxx`); case, spaces and dashes are ignored. */
  code: z.string().min(1).max(64),
});

export const adminUserParam = z.object({userId: z.string().min(1).max(128)});

/** 8–256 characters; anything else is up to the user. */
export const password = z.string().min(8).max(256);

export const passwordLoginBody = z.object({
  username,
  /** Any length up to the cap: a login only compares. */
  password: z.string().min(1).max(256),
});

export const passwordRegisterBody = z.object({
  username: newUsernameNotEmail,
  displayName: displayName.optional(),
  password,
  mfa: z.boolean().default(false),
});

export const mfaOptionsBody = z.object({mfaToken: token});

export const mfaVerifyBody = z.object({
  mfaToken: token,
  /** A registration response in `register` mode, an assertion in `verify` mode. */
  response: z.union([registrationResponse, authenticationResponse]),
});

/** An address, trimmed and lower-cased (the uniqueness key of email signups). */
export const email = z
  .string()
  .trim()
  .toLowerCase()
  .max(254)
  .pipe(z.email('Invalid email address'));

export const signupEmailBody = z.object({email});

export const signupEmailVerifyBody = z.object({
  email,
  code: z
    .string()
    .trim()
    .regex(/^\d{6}$/, 'must be the 6-digit code'),
});
