import {createHash, randomBytes} from 'node:crypto';
import type {Hono} from 'hono';
import {verificationFailed} from '../errors.js';
import type {AppDeps, AppEnv} from '../http/context.js';
import {parseBody} from '../http/validate.js';
import {recoveryRedeemBody} from '../schemas.js';
import {endOtherSessions, requireRecentVerification, requireUser} from '../sessions.js';
import {issueToken} from '../tokens.js';
import {normalizeUsername} from '../users.js';
import type {
  RecoveryCodeStatusResponse,
  RecoveryCodesResponse,
  RecoveryRedeemResponse,
} from 'passkey-elements/contract';

/** How many codes a set has. */
export const RECOVERY_CODE_COUNT = 10;

/** A code: 64 random bits as 16 hex digits in groups of four (`3f9a-0c1e-77b2-d405`). */
function newRecoveryCode(): string {
  return randomBytes(8).toString('hex').match(/.{4}/g)!.join('-');
}

/** What is hashed: lower case, spaces and dashes dropped, so typing variants still match. */
const normalizeCode = (code: string) => code.toLowerCase().replace(/[\s-]/g, '');

/** Codes carry 64 random bits, so a plain SHA-256 (salted with the account) is enough. */
export const hashRecoveryCode = (userId: string, code: string) =>
  createHash('sha256')
    .update(`${userId}\0${normalizeCode(code)}`)
    .digest('base64url');

/**
 * After a recovery completes (a passkey registered with a `recoveryToken`): every other session of
 * the user ends (a stolen one included), keeping only `keepSessionId`, the one recovery just
 * started, and every outstanding token of the user (other recovery tokens, mfa tokens) is dropped.
 */
export async function endOtherAccess(
  deps: AppDeps,
  userId: string,
  keepSessionId: string,
): Promise<void> {
  await endOtherSessions(deps, userId, keepSessionId);
  await deps.store.deleteUserTokens(userId);
}

/** `GET /recovery/codes`, `POST /recovery/codes` and `POST /recovery/redeem`. */
export function recoveryRoutes(app: Hono<AppEnv>, deps: AppDeps): void {
  /** The signed-in user's set at a glance, never the codes (contract v1.1). */
  app.get('/recovery/codes', async (c) => {
    const user = await requireUser(c, deps);
    const status = await deps.store.recoveryCodeStatus(user.id);
    return c.json({
      total: status.total,
      unused: status.unused,
      createdAt: status.createdAt?.toISOString() ?? null,
      lastUsedAt: status.lastUsedAt?.toISOString() ?? null,
    } satisfies RecoveryCodeStatusResponse);
  });

  // No body to validate: whatever is sent is ignored. Sensitive (contract v1.1): a fresh set
  // replaces the old one, so it needs a recent passkey verification (`401 reauth_required`).
  app.post('/recovery/codes', async (c) => {
    const {user} = await requireRecentVerification(c, deps);
    const codes = Array.from({length: RECOVERY_CODE_COUNT}, newRecoveryCode);
    await deps.store.replaceRecoveryCodes(
      user.id,
      codes.map((code) => hashRecoveryCode(user.id, code)),
      deps.now(),
    );
    return c.json({codes} satisfies RecoveryCodesResponse);
  });

  /**
   * A wrong code and an unknown username get the same answer (`400 verification_failed`), and
   * both count against the username's `recovery` failure budget.
   */
  app.post('/recovery/redeem', async (c) => {
    const body = parseBody(c, recoveryRedeemBody);
    const usernameNormalized = normalizeUsername(body.username);
    const recoveryToken = await deps.limits.guard('recovery', usernameNormalized, async () => {
      const user = await deps.store.getUserByUsername(usernameNormalized);
      const used = user
        ? await deps.store.useRecoveryCode(
            user.id,
            hashRecoveryCode(user.id, body.code),
            deps.now(),
          )
        : false;
      if (!user || !used) throw verificationFailed('The username or recovery code is wrong');
      return issueToken(deps, 'recovery', {userId: user.id});
    });
    return c.json({recoveryToken} satisfies RecoveryRedeemResponse);
  });
}
