import {createHash, randomBytes, timingSafeEqual} from 'node:crypto';
import type {Hono} from 'hono';
import {ApiError} from '../errors.js';
import type {AppContext, AppDeps, AppEnv} from '../http/context.js';
import {validate} from '../http/validate.js';
import {adminUserParam} from '../schemas.js';

const digest = (value: string) => createHash('sha256').update(value).digest();

/** Stands in for the key when none is configured, so that case does the same work. */
const NO_KEY = digest(randomBytes(32).toString('base64url'));

/**
 * `Authorization: Bearer <ADMIN_KEY>`, compared in constant time (both sides hashed first, so
 * their lengths do not show either). No key configured: the endpoints are off. Every refusal is
 * the same `401` (same body, same header), whether the key is missing, wrong, or the endpoints
 * are off, so a caller cannot tell which.
 */
function requireAdmin(c: AppContext, deps: AppDeps): void {
  const {adminKey} = deps.config;
  const given = /^Bearer\s+(\S+)\s*$/i.exec(c.req.header('authorization') ?? '')?.[1] ?? '';
  const expected = adminKey === null ? NO_KEY : digest(adminKey);
  const matches = timingSafeEqual(digest(given), expected);
  if (adminKey === null || given === '' || !matches) {
    throw new ApiError(401, 'unauthenticated', 'A valid admin key is required', {
      headers: {'WWW-Authenticate': 'Bearer'},
    });
  }
}

/**
 * Operator endpoints: `DELETE /admin/users/{userId}/passkeys`. Rate-limited per client like the
 * ceremony endpoints (same budget, `RATE_LIMIT_PER_MINUTE`), so the key cannot be tried at speed.
 */
export function adminRoutes(app: Hono<AppEnv>, deps: AppDeps): void {
  app.use('/admin/*', deps.limits.perClientMiddleware(deps.clientKey));

  /**
   * Removes every passkey, session and outstanding token (recovery, mfa) of the user (recovery
   * codes are kept). The key is checked before anything else, the path included.
   */
  app.delete('/admin/users/:userId/passkeys', async (c) => {
    requireAdmin(c, deps);
    const {userId} = validate(adminUserParam, c.req.param(), 'user id');
    if (!(await deps.store.resetUserPasskeys(userId)))
      throw new ApiError(404, 'not_found', 'No such user');
    return c.body(null, 204);
  });
}
