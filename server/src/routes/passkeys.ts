import type {Hono} from 'hono';
import {ApiError} from '../errors.js';
import type {AppDeps, AppEnv} from '../http/context.js';
import {parseBody, validate} from '../http/validate.js';
import {toPasskeyJson} from '../presenters.js';
import {passkeyIdParam, renamePasskeyBody} from '../schemas.js';
import {requireRecentVerification, requireUser} from '../sessions.js';
import type {PasskeyListResponse, PasskeyResponse} from 'passkey-elements/contract';

/**
 * Another user's passkey answers exactly like an unknown one (`404 not_found`), so a session
 * cannot probe which credential ids exist on the server.
 */
const notFound = () => new ApiError(404, 'not_found', 'No such passkey');

/** `GET /passkeys`, `PATCH /passkeys/{id}`, `DELETE /passkeys/{id}`: the signed-in user's passkeys. */
export function passkeyRoutes(app: Hono<AppEnv>, deps: AppDeps): void {
  app.get('/passkeys', async (c) => {
    const user = await requireUser(c, deps);
    const credentials = await deps.store.listCredentials(user.id);
    return c.json({
      passkeys: credentials.map((credential) =>
        toPasskeyJson(credential, deps.config.authenticators),
      ),
    } satisfies PasskeyListResponse);
  });

  app.patch('/passkeys/:id', async (c) => {
    const {id} = validate(passkeyIdParam, c.req.param(), 'passkey id');
    const body = parseBody(c, renamePasskeyBody);
    const user = await requireUser(c, deps);
    const credential = await deps.store.renameCredential(user.id, id, body.name);
    if (!credential) throw notFound();
    return c.json({
      passkey: toPasskeyJson(credential, deps.config.authenticators),
    } satisfies PasskeyResponse);
  });

  // Sensitive (contract v1.1): `401 reauth_required` without a recent passkey verification.
  app.delete('/passkeys/:id', async (c) => {
    const {id} = validate(passkeyIdParam, c.req.param(), 'passkey id');
    const {user} = await requireRecentVerification(c, deps);
    const outcome = await deps.store.deleteCredential(user.id, id);
    if (outcome === 'not_found') throw notFound();
    if (outcome === 'last_passkey') {
      throw new ApiError(
        409,
        'last_passkey',
        'This is your only way to sign in; add another passkey first',
      );
    }
    return c.body(null, 204);
  });
}
