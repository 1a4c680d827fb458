import type {Hono} from 'hono';
import type {AppDeps, AppEnv} from '../http/context.js';
import {parseBody} from '../http/validate.js';
import {toUserJson} from '../presenters.js';
import {authenticationOptionsBody, authenticationVerifyBody} from '../schemas.js';
import {adoptSession, newSession, type NewSession} from '../sessions.js';
import {normalizeUsername} from '../users.js';
import {createAuthenticationOptions, verifyAuthentication} from '../webauthn/authentication.js';
import {consumeAssertionChallenge} from '../webauthn/challenges.js';
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
    // The challenge used up, and the passkey and its owner read, in one step; the verifier
    // answers a passkey we do not know. No per-account budget here (CONTRACT.md v1.1): a
    // signature cannot be guessed, and counting forged assertions would let anyone lock the
    // owner out. The per-client limit still applies.
    const {record, found} = await consumeAssertionChallenge(
      c,
      deps,
      body.response.response.clientDataJSON,
      'authentication',
      body.response.rawId,
    );
    // The session is stored with the passkey's use (one step). A passkey used with user
    // verification: the new session counts as recently verified.
    let started: NewSession | undefined;
    const {user} = await verifyAuthentication(
      deps,
      body.response,
      record,
      found,
      undefined,
      ({user, userVerified}) =>
        (started = newSession(deps, user, userVerified ? deps.now() : null)).session,
    );
    await adoptSession(c, deps, started!, user);
    return c.json({user: toUserJson(user)} satisfies AuthenticationVerifyResponse);
  });
}
