import type { Hono } from 'hono';
import type { AppDeps, AppEnv } from '../http/context.js';
import { parseBody } from '../http/validate.js';
import { toUserJson } from '../presenters.js';
import { authenticationOptionsBody, authenticationVerifyBody } from '../schemas.js';
import { startSession } from '../sessions.js';
import { normalizeUsername } from '../users.js';
import { createAuthenticationOptions, verifyAuthentication } from '../webauthn/authentication.js';
import { consumeChallenge } from '../webauthn/challenges.js';

/** `POST /authentication/options` and `POST /authentication/verify`. */
export function authenticationRoutes(app: Hono<AppEnv>, deps: AppDeps): void {
  app.post('/authentication/options', async (c) => {
    const body = parseBody(c, authenticationOptionsBody);
    let target = null;
    if (body.username !== undefined) {
      const usernameNormalized = normalizeUsername(body.username);
      const user = await deps.store.getUserByUsername(usernameNormalized);
      target = { user: user ?? null, usernameNormalized };
    }
    const options = await createAuthenticationOptions(c, deps, target);
    return c.json({ options });
  });

  app.post('/authentication/verify', async (c) => {
    const body = parseBody(c, authenticationVerifyBody);
    // The account is the passkey's owner; a passkey we do not know is answered by the verifier.
    const owner = (await deps.store.getCredential(body.response.rawId))?.userId;
    const verify = async () => {
      const { record } = await consumeChallenge(deps, body.response.response.clientDataJSON, 'authentication');
      return verifyAuthentication(deps, body.response, record);
    };
    const { user } = owner ? await deps.limits.guard('passkey', owner, verify) : await verify();
    await startSession(c, deps, user);
    return c.json({ user: toUserJson(user) });
  });
}
