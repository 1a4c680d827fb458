import type {Hono} from 'hono';
import type {AppDeps, AppEnv} from '../http/context.js';
import {parseBody} from '../http/validate.js';
import {toUserJson} from '../presenters.js';
import {authenticationOptionsBody, authenticationVerifyBody} from '../schemas.js';
import {startSession} from '../sessions.js';
import {normalizeUsername} from '../users.js';
import {createAuthenticationOptions, verifyAuthentication} from '../webauthn/authentication.js';
import {consumeChallenge} from '../webauthn/challenges.js';
import type {AuthenticationVerifyResponse} from 'passkey-elements/contract';

/** `POST /authentication/options` and `POST /authentication/verify`. */
export function authenticationRoutes(app: Hono<AppEnv>, deps: AppDeps): void {
  app.post('/authentication/options', async (c) => {
    const body = parseBody(c, authenticationOptionsBody);
    let target = null;
    if (body.username !== undefined) {
      // The same one read for a known and an unknown username (no account enumeration).
      const usernameNormalized = normalizeUsername(body.username);
      const found = await deps.store.getUserWithCredentials(usernameNormalized);
      target = {
        userId: found?.user.id ?? null,
        credentials: found?.credentials ?? [],
        usernameNormalized,
      };
    }
    const options = await createAuthenticationOptions(c, deps, target);
    return c.json({options});
  });

  app.post('/authentication/verify', async (c) => {
    const body = parseBody(c, authenticationVerifyBody);
    // The passkey and its owner, read once; the verifier answers a passkey we do not know (after
    // using the challenge). No per-account budget here (CONTRACT.md v1.1): a signature cannot be
    // guessed, and counting forged assertions would let anyone lock the owner out. The per-client
    // limit still applies.
    const found = (await deps.store.getCredentialWithUser(body.response.rawId)) ?? null;
    const {record} = await consumeChallenge(
      c,
      deps,
      body.response.response.clientDataJSON,
      'authentication',
    );
    const {user, userVerified} = await verifyAuthentication(deps, body.response, record, found);
    // A passkey used with user verification: the new session counts as recently verified.
    await startSession(c, deps, user, userVerified ? deps.now() : null);
    return c.json({user: toUserJson(user)} satisfies AuthenticationVerifyResponse);
  });
}
