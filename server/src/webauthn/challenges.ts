import {createHmac, randomBytes, timingSafeEqual} from 'node:crypto';
import {getCookie, setCookie} from 'hono/cookie';
import type {z} from 'zod';
import {challengeInvalid, invalidRequest, verificationFailed} from '../errors.js';
import type {AppContext, AppDeps} from '../http/context.js';
import {validate} from '../http/validate.js';
import {collectedClientData} from '../schemas.js';
import {cookieOptions, sessionCookieName} from '../sessions.js';
import type {
  ChallengePurpose,
  ChallengeRecord,
  CredentialRecord,
  UserRecord,
} from '../store/types.js';

export type CollectedClientData = z.output<typeof collectedClientData>;

/*
 * Challenges bound to the browser that asked for them (contract v1.1).
 *
 * Every options call makes sure the browser holds a ceremony cookie: a random 32-byte id,
 * HttpOnly, SameSite=Lax, Path=/, and on https `Secure` with the `__Host-` prefix (named after the
 * session cookie: `passkey_session_ceremony`, `__Host-passkey_session_ceremony`). It lives as
 * long as a challenge (refreshed by each options call, keeping its value, so several tabs of one
 * browser share it) and is not tied to an account.
 *
 * The binding is carried by the challenge itself, so the store needs no extra column:
 *
 *     challenge = random (32 bytes) || HMAC-SHA256(SERVER_SECRET, label || random || id)[:16]
 *
 * 48 bytes, of which 32 random as the contract asks. Verify consumes the challenge first (a
 * challenge serves one attempt, whatever happens next), then recomputes the tag from the caller's
 * cookie and compares it in constant time: a response carried to another browser (no cookie, or
 * another id) fails with `400 challenge_invalid`, and the challenge is gone for the browser it was
 * issued to as well. The secret keeps the tag from telling anything about the id; a server that
 * restarts with another secret (development without SERVER_SECRET) refuses the challenges it
 * issued before, which last minutes anyway.
 */

const RANDOM_BYTES = 32;
const TAG_BYTES = 16;
const ID_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** The ceremony cookie's name: the session cookie's, `__Host-` prefix included, plus `_ceremony`. */
export function ceremonyCookieName(deps: AppDeps): string {
  return `${sessionCookieName(deps)}_ceremony`;
}

/** The ids handed out in this request (set before the response carries the cookie). */
const issued = new WeakMap<AppContext, string>();

/**
 * The browser's ceremony id: the one its cookie carries, else a new one; either way the cookie is
 * (re)set to last as long as the challenge about to be issued, plus a minute.
 */
function ensureBrowserId(c: AppContext, deps: AppDeps): string {
  let id = issued.get(c);
  if (id) return id;
  const carried = getCookie(c, ceremonyCookieName(deps));
  id = carried && ID_PATTERN.test(carried) ? carried : randomBytes(32).toString('base64url');
  setCookie(c, ceremonyCookieName(deps), id, {
    ...cookieOptions(c, deps),
    maxAge: Math.ceil(deps.config.challengeTtlMs / 1000) + 60,
  });
  issued.set(c, id);
  return id;
}

function bindingTag(deps: AppDeps, random: Uint8Array, browserId: string): Buffer {
  return createHmac('sha256', deps.config.secret)
    .update('passkey-challenge-browser\0')
    .update(random)
    .update(browserId)
    .digest()
    .subarray(0, TAG_BYTES);
}

/** Whether `challenge` (base64url) was issued to the browser whose ceremony id is `browserId`. */
function isBoundTo(deps: AppDeps, challenge: string, browserId: string | undefined): boolean {
  if (!browserId || !ID_PATTERN.test(browserId)) return false;
  const bytes = Buffer.from(challenge, 'base64url');
  if (bytes.byteLength !== RANDOM_BYTES + TAG_BYTES) return false;
  const expected = bindingTag(deps, bytes.subarray(0, RANDOM_BYTES), browserId);
  return timingSafeEqual(expected, bytes.subarray(RANDOM_BYTES));
}

/**
 * A new challenge for the browser making this request: 32 random bytes (the WebAuthn minimum
 * being 16) and the 16-byte tag binding them to the browser's ceremony cookie, which this sets
 * when absent. Put it into the options, then `saveChallenge` it.
 */
export function newChallenge(c: AppContext, deps: AppDeps): Uint8Array<ArrayBuffer> {
  const random = randomBytes(RANDOM_BYTES);
  const tag = bindingTag(deps, random, ensureBrowserId(c, deps));
  return new Uint8Array(Buffer.concat([random, tag]));
}

/**
 * Stores a challenge the options endpoint has just put into `options.challenge` (made by
 * `newChallenge` in this same request, so bound to this browser), bound to its purpose and to the
 * user, signup or allowed credentials in `binding`, expiring after the configured time.
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
  if (!isBoundTo(deps, challenge, issued.get(c))) {
    // A programming error, not the client's: a challenge that no verify could ever accept.
    throw new Error('saveChallenge: the challenge was not made by newChallenge(c, deps)');
  }
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
 * attempt. Unknown, already used, expired, issued for another purpose, or issued to another
 * browser (the request's ceremony cookie does not match it): `challenge_invalid`.
 *
 * Also refuses what `@simplewebauthn/server` leaves to the caller in the client data: a
 * cross-origin (iframe) ceremony, which this backend does not offer.
 */
export async function consumeChallenge(
  c: AppContext,
  deps: AppDeps,
  clientDataJSON: string,
  purpose: ChallengePurpose,
): Promise<{record: ChallengeRecord}> {
  const clientData = decodeClientData(clientDataJSON);
  const record = await deps.store.consumeChallenge(clientData.challenge, purpose);
  return {record: checkChallenge(c, deps, record, clientData)};
}

/**
 * `consumeChallenge` for an assertion, which also reads the passkey `credentialId` names and its
 * account in the same round trip (`store.consumeChallengeWithCredential`): `found` is `null` when
 * there is no such passkey, for `verifyAuthentication`.
 */
export async function consumeAssertionChallenge(
  c: AppContext,
  deps: AppDeps,
  clientDataJSON: string,
  purpose: ChallengePurpose,
  credentialId: string,
): Promise<{
  record: ChallengeRecord;
  found: {credential: CredentialRecord; user: UserRecord} | null;
}> {
  const clientData = decodeClientData(clientDataJSON);
  const {record, found} = await deps.store.consumeChallengeWithCredential(
    clientData.challenge,
    purpose,
    credentialId,
  );
  return {record: checkChallenge(c, deps, record, clientData), found: found ?? null};
}

/** The checks of a consumed challenge (see `consumeChallenge`); returns it when it passes. */
function checkChallenge(
  c: AppContext,
  deps: AppDeps,
  record: ChallengeRecord | undefined,
  clientData: CollectedClientData,
): ChallengeRecord {
  if (!record) throw challengeInvalid();
  if (!isBoundTo(deps, record.challenge, getCookie(c, ceremonyCookieName(deps)))) {
    throw challengeInvalid('The challenge was issued to another browser');
  }
  if (record.expiresAt <= deps.now()) throw challengeInvalid('The challenge has expired');
  if (clientData.crossOrigin === true || clientData.topOrigin !== undefined) {
    throw verificationFailed('Cross-origin ceremonies are not accepted');
  }
  return record;
}
