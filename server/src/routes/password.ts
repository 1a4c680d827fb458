import type {Hono} from 'hono';
import {ApiError, verificationFailed} from '../errors.js';
import type {AppDeps, AppEnv} from '../http/context.js';
import {parseBody} from '../http/validate.js';
import {hashPassword, verifyPassword} from '../passwords.js';
import {toUserJson} from '../presenters.js';
import {passwordLoginBody, passwordRegisterBody} from '../schemas.js';
import {startSession} from '../sessions.js';
import {StoreConflictError} from '../store/types.js';
import {issueToken} from '../tokens.js';
import {normalizeUsername, pendingSignup, userFromSignup} from '../users.js';

/**
 * The password first factor: `POST /password/login`, and, in development mode, `POST
 * /password/register` to seed demo accounts.
 */
export function passwordRoutes(app: Hono<AppEnv>, deps: AppDeps): void {
  /**
   * Demo seeding, in development mode only (else `404` like any unknown path), and only while
   * direct signup is allowed (else `403 forbidden`):
   * an account with a password and, with `mfa: true`, a passkey second factor. No session.
   */
  app.post('/password/register', async (c) => {
    if (!deps.config.development) throw new ApiError(404, 'not_found', 'No such endpoint');
    const body = parseBody(c, passwordRegisterBody);
    if (!deps.config.allowDirectSignup)
      throw new ApiError(403, 'forbidden', 'Direct signup is off (ALLOW_DIRECT_SIGNUP=false)');
    const user = userFromSignup(pendingSignup(body.username, body.displayName), deps.now());
    try {
      await deps.store.createUser(user, {
        passwordHash: await hashPassword(body.password),
        mfaEnabled: body.mfa,
      });
    } catch (error) {
      if (error instanceof StoreConflictError)
        throw new ApiError(409, 'user_exists', 'That username is taken');
      throw error;
    }
    return c.json({user: toUserJson(user)}, 201);
  });

  /**
   * `200 {user}` and a session, or `200 {mfaRequired: true, mfaToken}` when the account has MFA
   * on. A wrong password and an unknown username get the same answer and take the same time.
   */
  app.post('/password/login', async (c) => {
    const body = parseBody(c, passwordLoginBody);
    const usernameNormalized = normalizeUsername(body.username);
    const user = await deps.limits.guard('password', usernameNormalized, async () => {
      const found = await deps.store.getUserByUsername(usernameNormalized);
      const factors = found && (await deps.store.getUserFactors(found.id));
      const ok = await verifyPassword(body.password, factors?.passwordHash ?? null);
      if (!found || !ok) throw verificationFailed('The username or password is wrong');
      return {...found, mfaEnabled: factors!.mfaEnabled};
    });
    if (user.mfaEnabled) {
      return c.json({
        mfaRequired: true,
        mfaToken: await issueToken(deps, 'mfa', {userId: user.id}),
      });
    }
    await startSession(c, deps, user, null); // a password is no passkey verification
    return c.json({user: toUserJson(user)});
  });
}
