import type {Hono} from 'hono';
import type {AppDeps, AppEnv} from '../http/context.js';
import {toUserJson} from '../presenters.js';
import {
  clearSessionCookie,
  endOtherSessions,
  endSession,
  getAuth,
  requireAuth,
} from '../sessions.js';
import type {SessionResponse} from 'passkey-elements/contract';

/** `GET /session`, `DELETE /session` and `DELETE /sessions`. */
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

  /**
   * Sign out other devices: every session of the user but this one ends. Needs a session
   * (`401 unauthenticated`). The contract marks it sensitive (a recent passkey verification,
   * `401 reauth_required`): that check comes with the step-up work and is not made here yet.
   */
  app.delete('/sessions', async (c) => {
    const {session, user} = await requireAuth(c, deps);
    await endOtherSessions(deps, user.id, session.id);
    return c.body(null, 204);
  });
}
