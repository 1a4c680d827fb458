import {createHmac} from 'node:crypto';
import {
  generateAuthenticationOptions,
  verifyAuthenticationResponse,
  type AuthenticationResponseJSON,
  type PublicKeyCredentialRequestOptionsJSON,
  type VerifiedAuthenticationResponse,
} from '@simplewebauthn/server';
import type {z} from 'zod';
import {ApiError, verificationFailed} from '../errors.js';
import type {AppContext, AppDeps} from '../http/context.js';
import type {authenticationResponse} from '../schemas.js';
import type {ChallengeRecord, CredentialRecord, SessionRecord, UserRecord} from '../store/types.js';
import {newChallenge, saveChallenge} from './challenges.js';

export type AuthenticationResponse = z.output<typeof authenticationResponse>;

/**
 * Stable stand-in credential ids for a username with no passkeys (or no account): derived from
 * the server secret, so asking twice gives the same answer and the list cannot be told from a
 * real one. One id, or two for about a quarter of usernames, as real accounts vary too.
 */
export function fakeCredentialIds(secret: string, usernameNormalized: string): string[] {
  const mac = (label: string) =>
    createHmac('sha256', secret).update(`${label}\0${usernameNormalized}`).digest();
  const count = mac('fake-credential-count')[0]! < 64 ? 2 : 1;
  return Array.from({length: count}, (_, i) => mac(`fake-credential-${i}`).toString('base64url'));
}

/** Transport hints shown with fake ids: what a synced platform passkey reports. */
const FAKE_TRANSPORTS = ['hybrid', 'internal'];

/**
 * Request options, with the challenge stored. With `target` (a sign-in that named a username),
 * `allowCredentials` lists that account's passkeys and the challenge is bound to exactly those;
 * for an unknown username (`userId: null`) or an account without passkeys the answer looks the
 * same, with fake ids no assertion can match (computed in every case, so that neither answer
 * takes less work). Without `target`: a discoverable sign-in (empty list).
 */
export async function createAuthenticationOptions(
  c: AppContext,
  deps: AppDeps,
  target: {
    userId: string | null;
    credentials: CredentialRecord[];
    usernameNormalized: string;
  } | null,
  /** For a second factor: purpose `mfa`, bound to the mfa token. */
  mfa?: {tokenHash: string},
  /** For a re-authentication (`/reauth/options`): purpose `reauth`, user verification required. */
  reauth = false,
): Promise<PublicKeyCredentialRequestOptionsJSON> {
  const {config} = deps;
  let allowCredentials: {id: string; transports?: string[]}[] = [];
  if (target) {
    const fakes = fakeCredentialIds(config.secret, target.usernameNormalized).map((id) => ({
      id,
      transports: FAKE_TRANSPORTS,
    }));
    allowCredentials = target.credentials.length
      ? target.credentials.map((cred) => ({id: cred.id, transports: cred.transports}))
      : fakes;
  }
  const options = await generateAuthenticationOptions({
    rpID: config.rpId,
    challenge: newChallenge(c, deps),
    timeout: config.challengeTtlMs,
    userVerification: reauth ? 'required' : config.userVerification,
    allowCredentials,
  });
  const purpose = reauth ? 'reauth' : mfa ? 'mfa' : 'authentication';
  await saveChallenge(c, deps, options.challenge, purpose, {
    ...(target
      ? {userId: target.userId, allowedCredentialIds: allowCredentials.map((a) => a.id)}
      : {}),
    tokenHash: mfa?.tokenHash ?? null,
  });
  return options;
}

export interface VerifiedAssertion {
  credential: CredentialRecord;
  user: UserRecord;
  /** The UV flag: the authenticator verified the user (a passkey is then both factors). */
  userVerified: boolean;
}

/**
 * Verifies an assertion against its (already consumed) challenge: WebAuthn L3 §7.2 through
 * `@simplewebauthn/server` (type, challenge, origin, rpIdHash, UP, UV, signature, BE/BS), plus
 * the steps it leaves to the caller:
 * - the credential (and its owner) is looked up by `rawId` (`404 unknown_credential` with its id);
 * - a challenge issued for a username accepts only that user's offered credentials;
 * - `userHandle`, required in a discoverable sign-in, must be the owner's user handle;
 * - the BE flag may not change over the credential's life;
 * - a signature counter that does not move forward (when either value is non-zero) fails and
 *   marks the credential as possibly cloned; a marked credential is refused from then on.
 * On success the counter, BS flag and last use are recorded.
 */
export async function verifyAuthentication(
  deps: AppDeps,
  response: AuthenticationResponse,
  challenge: ChallengeRecord,
  /**
   * The passkey named by `rawId` and its owner, when the caller has already read them (`null`: no
   * such passkey); read here otherwise. A change made in between cannot slip through: the
   * counter is written by compare-and-set, which also fails once the passkey has been marked.
   */
  found?: {credential: CredentialRecord; user: UserRecord} | null,
  /** Require the UV flag whatever `config.userVerification` says (a re-authentication). */
  requireUserVerification = deps.config.userVerification === 'required',
  /**
   * A sign-in: the session it starts, for the verified user, stored together with the counter's
   * compare-and-set (`store.recordSignIn`: one round trip on PostgreSQL, and no session unless
   * the use is recorded).
   */
  startsSession?: (verified: {user: UserRecord; userVerified: boolean}) => SessionRecord,
): Promise<VerifiedAssertion> {
  const {config, store} = deps;
  if (response.id !== response.rawId) throw verificationFailed('id and rawId differ');
  const owned = found === undefined ? await store.getCredentialWithUser(response.rawId) : found;
  if (!owned) {
    throw new ApiError(404, 'unknown_credential', 'No such passkey on this server', {
      extra: {credentialId: response.rawId},
    });
  }
  const {credential, user} = owned;

  if (challenge.allowedCredentialIds !== null) {
    if (
      challenge.userId !== credential.userId ||
      !challenge.allowedCredentialIds.includes(credential.id)
    ) {
      throw verificationFailed('This passkey was not offered for this sign-in');
    }
  }
  const userHandle = response.response.userHandle || null;
  if (challenge.allowedCredentialIds === null && !userHandle) {
    throw verificationFailed('A discoverable sign-in must return the user handle');
  }
  if (userHandle !== null && userHandle !== user.webauthnUserId) {
    throw verificationFailed('The user handle does not belong to this passkey');
  }
  if (credential.counterRegressedAt) {
    throw verificationFailed('This passkey is disabled: its signature counter went backwards');
  }

  let verification: VerifiedAuthenticationResponse;
  try {
    verification = await verifyAuthenticationResponse({
      response: response as AuthenticationResponseJSON,
      expectedChallenge: challenge.challenge,
      expectedOrigin: config.origins,
      expectedRPID: config.rpId,
      expectedType: 'webauthn.get',
      requireUserVerification,
      // The counter is compared below, after the signature, so that only a genuine assertion can
      // mark a credential; a zero here switches off the library's own comparison.
      credential: {
        id: credential.id,
        publicKey: new Uint8Array(credential.publicKey),
        counter: 0,
        transports: credential.transports,
      },
    });
  } catch (error) {
    throw verificationFailed(`Sign-in rejected: ${(error as Error).message}`, error);
  }
  if (!verification.verified) throw verificationFailed('The signature did not verify');

  const info = verification.authenticationInfo;
  if (info.credentialDeviceType !== credential.deviceType) {
    throw verificationFailed('The backup eligibility (BE) flag changed');
  }
  const now = deps.now();
  if ((info.newCounter > 0 || credential.counter > 0) && info.newCounter <= credential.counter) {
    await store.flagCounterRegression(credential.id, now);
    throw verificationFailed('The signature counter went backwards; the passkey is disabled');
  }
  const use = {
    previousCounter: credential.counter,
    counter: info.newCounter,
    backedUp: info.credentialBackedUp,
    usedAt: now,
  };
  const recorded = startsSession
    ? await store.recordSignIn(
        credential.id,
        use,
        startsSession({user, userVerified: info.userVerified}),
      )
    : await store.recordCredentialUse(credential.id, use);
  if (!recorded)
    throw verificationFailed('The passkey was used by another sign-in at the same time');
  return {
    credential: {
      ...credential,
      counter: info.newCounter,
      backedUp: info.credentialBackedUp,
      lastUsedAt: now,
    },
    user,
    userVerified: info.userVerified,
  };
}
