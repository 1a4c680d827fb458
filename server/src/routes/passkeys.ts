import type { Hono } from 'hono';
import type { AppDeps, AppEnv } from '../http/context.js';
import { toPasskeyJson } from '../presenters.js';
import { requireUser } from '../sessions.js';

/**
 * Managing the signed-in user's passkeys. `GET /passkeys` for now; renaming
 * (`PATCH /passkeys/{id}`) and deleting (`DELETE /passkeys/{id}`, `409 last_passkey`) follow.
 */
export function passkeyRoutes(app: Hono<AppEnv>, deps: AppDeps): void {
  app.get('/passkeys', async (c) => {
    const user = await requireUser(c, deps);
    const credentials = await deps.store.listCredentials(user.id);
    return c.json({ passkeys: credentials.map(toPasskeyJson) });
  });
}
