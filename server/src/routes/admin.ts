import {createHash, timingSafeEqual} from 'node:crypto';
import type {Hono} from 'hono';
import {ApiError} from '../errors.js';
import type {AppContext, AppDeps, AppEnv} from '../http/context.js';
import {validate} from '../http/validate.js';
import {adminUserParam} from '../schemas.js';

const digest = (value: string) => createHash('sha256').update(value).digest();

/**
 * `Authorization: Bearer <ADMIN_KEY>`, compared in constant time (both sides hashed first, so
 * their lengths do not show either). No key configured: the endpoints are off, `401` for all.
 */
function requireAdmin(c: AppContext, deps: AppDeps): void {
  const refuse = (message: string) =>
    new ApiError(401, 'unauthenticated', message, {headers: {'WWW-Authenticate': 'Bearer'}});
  const {adminKey} = deps.config;
  if (adminKey === null) throw refuse('The admin endpoints are disabled (no ADMIN_KEY)');
  const given = /^Bearer\s+(\S+)\s*$/i.exec(c.req.header('authorization') ?? '')?.[1];
  if (given === undefined || !timingSafeEqual(digest(given), digest(adminKey))) {
    throw refuse('A valid admin key is required');
  }
}

/** Operator endpoints: `DELETE /admin/users/{userId}/passkeys`. */
export function adminRoutes(app: Hono<AppEnv>, deps: AppDeps): void {
  /** Removes every passkey and session of the user (recovery codes are kept). */
  app.delete('/admin/users/:userId/passkeys', async (c) => {
    const {userId} = validate(adminUserParam, c.req.param(), 'user id');
    requireAdmin(c, deps);
    if (!(await deps.store.resetUserPasskeys(userId)))
      throw new ApiError(404, 'not_found', 'No such user');
    return c.body(null, 204);
  });
}
