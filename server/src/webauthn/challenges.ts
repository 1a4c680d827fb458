import {randomBytes} from 'node:crypto';
import type {z} from 'zod';
import {challengeInvalid, invalidRequest, verificationFailed} from '../errors.js';
import type {AppContext, AppDeps} from '../http/context.js';
import {validate} from '../http/validate.js';
import {collectedClientData} from '../schemas.js';
import type {ChallengePurpose, ChallengeRecord} from '../store/types.js';

export type CollectedClientData = z.output<typeof collectedClientData>;

/** 32 random bytes, the WebAuthn minimum being 16. */
export const newChallenge = (): Uint8Array<ArrayBuffer> => new Uint8Array(randomBytes(32));

/**
 * Stores a challenge the options endpoint has just put into `options.challenge`, bound to its
 * purpose and to the user, signup or allowed credentials in `binding`, expiring after the
 * configured time.
 */
export async function saveChallenge(
  c: AppContext,
  deps: AppDeps,
  challenge: string,
  purpose: ChallengePurpose,
  binding: Partial<
    Pick<ChallengeRecord, 'userId' | 'pendingSignup' | 'allowedCredentialIds' | 'tokenHash'>
  >,
): Promise<void> {
  const now = deps.now();
  await deps.store.putChallenge(
    {
      challenge,
      purpose,
      userId: binding.userId ?? null,
      pendingSignup: binding.pendingSignup ?? null,
      allowedCredentialIds: binding.allowedCredentialIds ?? null,
      tokenHash: binding.tokenHash ?? null,
      clientKey: deps.clientKey(c),
      createdAt: now,
      expiresAt: new Date(now.getTime() + deps.config.challengeTtlMs),
    },
    {maxPerClient: deps.config.maxPendingChallengesPerClient, now},
  );
}

/** Decodes and checks the shape of `clientDataJSON` (base64url already validated). */
export function decodeClientData(clientDataJSON: string): CollectedClientData {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(clientDataJSON, 'base64url').toString('utf8'));
  } catch {
    throw invalidRequest('response.clientDataJSON is not JSON');
  }
  return validate(collectedClientData, value, 'response.clientDataJSON');
}

/**
 * Finds the challenge the response answers (from its `clientDataJSON`) and consumes it, in one
 * atomic step, whatever the outcome of the verification that follows: a challenge serves one
 * attempt. Unknown, already used, expired, or issued for another purpose: `challenge_invalid`.
 *
 * Also refuses what `@simplewebauthn/server` leaves to the caller in the client data: a
 * cross-origin (iframe) ceremony, which this backend does not offer.
 */
export async function consumeChallenge(
  deps: AppDeps,
  clientDataJSON: string,
  purpose: ChallengePurpose,
): Promise<{record: ChallengeRecord; clientData: CollectedClientData}> {
  const clientData = decodeClientData(clientDataJSON);
  const record = await deps.store.consumeChallenge(clientData.challenge, purpose);
  if (!record) throw challengeInvalid();
  if (record.expiresAt <= deps.now()) throw challengeInvalid('The challenge has expired');
  if (clientData.crossOrigin === true || clientData.topOrigin !== undefined) {
    throw verificationFailed('Cross-origin ceremonies are not accepted');
  }
  return {record, clientData};
}
