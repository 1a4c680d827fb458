import {randomBytes, randomUUID} from 'node:crypto';
import type {PendingSignup, UserRecord} from './store/types.js';

/**
 * The key usernames are unique by: compatibility-normalized and lower-cased, so `Alice`,
 * `alice` and `ａｌｉｃｅ` are one account. The username itself is kept as typed.
 */
export function normalizeUsername(username: string): string {
  return username.normalize('NFKC').toLowerCase();
}

/** A signup waiting for its first passkey: the user handle is chosen now, the account made at verify. */
export function pendingSignup(
  username: string,
  displayName: string | undefined,
  email?: string,
): PendingSignup {
  return {
    ...(email === undefined ? {} : {email}),
    username,
    usernameNormalized: normalizeUsername(username),
    displayName: displayName ?? username,
    // 32 random bytes: within WebAuthn's 64-byte limit, and carrying nothing about the user.
    webauthnUserId: randomBytes(32).toString('base64url'),
  };
}

export function userFromSignup(signup: PendingSignup, createdAt: Date): UserRecord {
  return {
    id: randomUUID(),
    username: signup.username,
    usernameNormalized: signup.usernameNormalized,
    displayName: signup.displayName,
    webauthnUserId: signup.webauthnUserId,
    createdAt,
    email: signup.email ?? null,
  };
}
