import {createHash, randomBytes} from 'node:crypto';
import {unauthenticated} from './errors.js';
import type {AppDeps} from './http/context.js';
import type {TokenPurpose, TokenRecord} from './store/types.js';

/**
 * Short-lived bearer tokens (`recoveryToken`, `mfaToken`, `signupToken`): 32 random bytes handed
 * to the browser once; the store keeps their SHA-256, a purpose, and what they act for.
 */

export const hashToken = (token: string) => createHash('sha256').update(token).digest('base64url');

/** Mints a token for `purpose`, valid for `config.tokenTtlMs`, and returns it (the only copy). */
export async function issueToken(
  deps: AppDeps,
  purpose: TokenPurpose,
  subject: {userId?: string; email?: string},
): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  const createdAt = deps.now();
  await deps.store.putToken({
    id: hashToken(token),
    purpose,
    userId: subject.userId ?? null,
    email: subject.email ?? null,
    createdAt,
    expiresAt: new Date(createdAt.getTime() + deps.config.tokenTtlMs),
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
