import type {Hono} from 'hono';
import type {AppDeps, AppEnv} from '../http/context.js';
import {toUserJson} from '../presenters.js';
import {
  clearSessionCookie,
  endOtherSessions,
  endSession,
  getAuth,
  requireRecentVerification,
} from '../sessions.js';
import type {SessionResponse} from 'passkey-elements/contract';

/** `GET /session`, `DELETE /session` and `DELETE /sessions`. */
export function sessionRoutes(app: Hono<AppEnv>, deps: AppDeps): void {
  app.get('/session', async (c) => {
    const auth = await getAuth(c, deps);
    if (!auth) clearSessionCookie(c, deps); // a stale or unknown cookie is forgotten
    // `verifiedAt`: the session's last passkey verification (contract v1.1), or null.
    const body: SessionResponse & {verifiedAt: string | null} = {
      user: auth ? toUserJson(auth.user) : null,
      rpId: deps.config.rpId,
      verifiedAt: auth?.session.verifiedAt?.toISOString() ?? null,
    };
    return c.json(body);
  });

  app.delete('/session', async (c) => {
    await endSession(c, deps);
    return c.body(null, 204);
  });

  /**
   * Sign out other devices: every session of the user but this one ends. Needs a session
   * (`401 unauthenticated`) with a recent passkey verification (sensitive, contract v1.1:
   * `401 reauth_required`).
   */
  app.delete('/sessions', async (c) => {
    const {session, user} = await requireRecentVerification(c, deps);
    await endOtherSessions(deps, user.id, session.id);
    return c.body(null, 204);
  });
}
