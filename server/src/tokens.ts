import {createHash, randomBytes} from 'node:crypto';
import {challengeInvalid, unauthenticated} from './errors.js';
import type {AppDeps} from './http/context.js';
import type {TokenPurpose, TokenRecord} from './store/types.js';

/**
 * Short-lived bearer tokens (`recoveryToken`, `mfaToken`, `signupToken`, `stepUpToken`): 32 random
 * bytes handed to the browser once; the store keeps their SHA-256, a purpose, and what they act
 * for.
 */

export const hashToken = (token: string) => createHash('sha256').update(token).digest('base64url');

/**
 * Mints a token for `purpose`, issued at `at.createdAt` (default now) and valid for `at.ttlMs`
 * (default `config.tokenTtlMs`), and returns it (the only copy).
 */
export async function issueToken(
  deps: AppDeps,
  purpose: TokenPurpose,
  subject: {userId?: string; email?: string; sessionId?: string; action?: string | null},
  at: {createdAt?: Date; ttlMs?: number} = {},
): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  const createdAt = at.createdAt ?? deps.now();
  const ttlMs = at.ttlMs ?? deps.config.tokenTtlMs;
  await deps.store.putToken({
    id: hashToken(token),
    purpose,
    userId: subject.userId ?? null,
    email: subject.email ?? null,
    sessionId: subject.sessionId ?? null,
    action: subject.action ?? null,
    createdAt,
    expiresAt: new Date(createdAt.getTime() + ttlMs),
  });
  return token;
}

/** The live token for `purpose`, without using it up; `401 unauthenticated` when unknown or expired. */
export async function requireToken(
  deps: AppDeps,
  token: string,
  purpose: TokenPurpose,
): Promise<TokenRecord> {
  const record = await deps.store.getToken(hashToken(token), purpose, deps.now());
  if (!record) throw unauthenticated(`The ${purpose} token is unknown, used or expired`);
  return record;
}

/**
 * Uses a token up for a ceremony that is about to succeed: consumes it (one winner among racers;
 * else `400 challenge_invalid`), runs `complete` (the write that finishes the ceremony), and puts
 * the token back when that write fails (`409 credential_exists`, `409 user_exists`, a database
 * error), so only a ceremony that succeeded burns its token (and the recovery code behind it).
 */
export async function spendToken<T>(
  deps: AppDeps,
  tokenHash: string,
  purpose: TokenPurpose,
  complete: () => Promise<T>,
): Promise<T> {
  const token = await deps.store.consumeToken(tokenHash, purpose, deps.now());
  if (!token) throw challengeInvalid(`The ${purpose} token was already used or has expired`);
  try {
    return await complete();
  } catch (error) {
    try {
      await deps.store.putToken(token);
    } catch (restoreError) {
      console.error('[passkey-server] could not give back a', purpose, 'token', restoreError);
    }
    throw error;
  }
}
