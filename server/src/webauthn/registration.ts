import {
  generateRegistrationOptions,
  verifyRegistrationResponse,
  type PublicKeyCredentialCreationOptionsJSON,
  type RegistrationResponseJSON,
  type VerifiedRegistrationResponse,
} from '@simplewebauthn/server';
import type {z} from 'zod';
import {verificationFailed} from '../errors.js';
import type {AppContext, AppDeps} from '../http/context.js';
import type {registrationResponse} from '../schemas.js';
import type {ChallengeRecord, CredentialRecord, PendingSignup, UserRecord} from '../store/types.js';
import {newChallenge, saveChallenge} from './challenges.js';

/** ES256 and RS256: offered at registration, and the only algorithms accepted back. */
export const SUPPORTED_ALGORITHM_IDS = [-7, -257];

/** Transport hints we keep (others are dropped rather than echoed back to browsers). */
const KNOWN_TRANSPORTS = new Set([
  'ble',
  'cable',
  'hybrid',
  'internal',
  'nfc',
  'smart-card',
  'usb',
]);

/** The WebAuthn limit on credential ids (L3 §7.1 step 24). */
const MAX_CREDENTIAL_ID_BYTES = 1023;

export type RegistrationResponse = z.output<typeof registrationResponse>;

/** Who the new passkey is for: a signed-in account, or an account created at verify time. */
export type RegistrationSubject =
  | {kind: 'user'; user: UserRecord; tokenHash?: string}
  | {kind: 'signup'; signup: PendingSignup; tokenHash?: string};

/**
 * Creation options for `subject`, with its challenge stored and bound to it. Discoverable
 * credentials are required; user verification as configured; ES256/RS256 only; no attestation.
 */
export async function createRegistrationOptions(
  c: AppContext,
  deps: AppDeps,
  subject: RegistrationSubject,
  purpose: 'registration' | 'mfa' = 'registration',
): Promise<PublicKeyCredentialCreationOptionsJSON> {
  const {config, store} = deps;
  const person =
    subject.kind === 'user'
      ? {
          name: subject.user.username,
          displayName: subject.user.displayName,
          handle: subject.user.webauthnUserId,
        }
      : {
          name: subject.signup.username,
          displayName: subject.signup.displayName,
          handle: subject.signup.webauthnUserId,
        };
  const existing = subject.kind === 'user' ? await store.listCredentials(subject.user.id) : [];
  const options = await generateRegistrationOptions({
    rpName: config.rpName,
    rpID: config.rpId,
    userName: person.name,
    userDisplayName: person.displayName,
    userID: Buffer.from(person.handle, 'base64url'),
    challenge: newChallenge(c, deps),
    timeout: config.challengeTtlMs,
    attestationType: 'none',
    excludeCredentials: existing.map((cred) => ({id: cred.id, transports: cred.transports})),
    authenticatorSelection: {
      residentKey: 'required',
      requireResidentKey: true,
      userVerification: config.userVerification,
    },
    supportedAlgorithmIDs: SUPPORTED_ALGORITHM_IDS,
  });
  await saveChallenge(c, deps, options.challenge, purpose, {
    ...(subject.kind === 'user' ? {userId: subject.user.id} : {pendingSignup: subject.signup}),
    tokenHash: subject.tokenHash ?? null,
  });
  return options;
}

/** What a verified registration yields: the credential minus owner, name and timestamps. */
export type NewCredential = Omit<
  CredentialRecord,
  'userId' | 'name' | 'createdAt' | 'lastUsedAt' | 'counterRegressedAt'
>;

/** A verified registration: the new credential, and whether the authenticator verified the user. */
export interface VerifiedRegistration {
  credential: NewCredential;
  /** The UV flag: the user was verified (the new passkey counts as a verification of the session). */
  userVerified: boolean;
}

/**
 * Verifies an attestation against its (already consumed) challenge: WebAuthn L3 §7.1 through
 * `@simplewebauthn/server` (type, challenge, origin, rpIdHash, UP, UV, algorithm, attestation
 * statement, BE/BS consistency), plus the steps it leaves to the caller: the credential id is at
 * most 1023 bytes and `id`, `rawId` and the attested id are one and the same, and the
 * credential is discoverable when the client says so through `credProps`.
 * Uniqueness of the credential id is the store's job (`credential_exists`).
 */
export async function verifyRegistration(
  deps: AppDeps,
  response: RegistrationResponse,
  challenge: ChallengeRecord,
): Promise<VerifiedRegistration> {
  const {config} = deps;
  if (response.id !== response.rawId) throw verificationFailed('id and rawId differ');
  let verification: VerifiedRegistrationResponse;
  try {
    verification = await verifyRegistrationResponse({
      response: response as RegistrationResponseJSON,
      expectedChallenge: challenge.challenge,
      expectedOrigin: config.origins,
      expectedRPID: config.rpId,
      expectedType: 'webauthn.create',
      requireUserPresence: true,
      requireUserVerification: config.userVerification === 'required',
      supportedAlgorithmIDs: SUPPORTED_ALGORITHM_IDS,
    });
  } catch (error) {
    throw verificationFailed(`Registration rejected: ${(error as Error).message}`, error);
  }
  const info = verification.registrationInfo;
  if (!verification.verified || !info) throw verificationFailed('The attestation did not verify');

  const {credential} = info;
  if (credential.id !== response.id || credential.id !== response.rawId) {
    throw verificationFailed('The credential id does not match the attested credential');
  }
  if (Buffer.from(credential.id, 'base64url').byteLength > MAX_CREDENTIAL_ID_BYTES) {
    throw verificationFailed('The credential id is longer than 1023 bytes');
  }
  if (response.clientExtensionResults.credProps?.rk === false) {
    throw verificationFailed('The credential is not discoverable (credProps.rk is false)');
  }

  return {
    credential: {
      id: credential.id,
      publicKey: credential.publicKey,
      counter: credential.counter,
      transports: [...new Set(response.response.transports ?? [])].filter((t) =>
        KNOWN_TRANSPORTS.has(t),
      ),
      deviceType: info.credentialDeviceType,
      backedUp: info.credentialBackedUp,
      aaguid: info.aaguid,
    },
    userVerified: info.userVerified,
  };
}
