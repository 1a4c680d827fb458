import type {Hono} from 'hono';
import type {AppDeps, AppEnv} from '../http/context.js';
import {toUserJson} from '../presenters.js';
import {clearSessionCookie, endSession, getAuth} from '../sessions.js';
import type {SessionResponse} from 'passkey-elements/contract';

/** `GET /session` and `DELETE /session`. */
export function sessionRoutes(app: Hono<AppEnv>, deps: AppDeps): void {
  app.get('/session', async (c) => {
    const auth = await getAuth(c, deps);
    if (!auth) clearSessionCookie(c, deps); // a stale or unknown cookie is forgotten
    return c.json({
      user: auth ? toUserJson(auth.user) : null,
      rpId: deps.config.rpId,
    } satisfies SessionResponse);
  });

  app.delete('/session', async (c) => {
    await endSession(c, deps);
    return c.body(null, 204);
  });
}
