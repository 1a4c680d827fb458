import type {Hono} from 'hono';
import {challengeInvalid, forbidden, unauthenticated, verificationFailed} from '../errors.js';
import type {AppDeps, AppEnv} from '../http/context.js';
import {parseBody} from '../http/validate.js';
import {reauthVerifyBody} from '../schemas.js';
import {requireAuth} from '../sessions.js';
import {issueToken} from '../tokens.js';
import {createAuthenticationOptions, verifyAuthentication} from '../webauthn/authentication.js';
import {consumeAssertionChallenge} from '../webauthn/challenges.js';

/** How long a step-up token stays good (contract v1.1: 5 minutes). */
export const STEP_UP_TOKEN_TTL_MS = 5 * 60_000;

/**
 * Re-authentication (contract v1.1): `POST /reauth/options` and `POST /reauth/verify`. The
 * signed-in user confirms it is them with one of their passkeys (user verification required,
 * whatever `USER_VERIFICATION` says); the session is then fit for sensitive calls for
 * `config.reauthWindowMs`, and the answer carries a step-up token that the site's own backend can
 * check (`checkStepUpToken`) before a sensitive action of its own. No new session is started.
 */
export function reauthRoutes(app: Hono<AppEnv>, deps: AppDeps): void {
  /**
   * `200 {options}`: `allowCredentials` are the user's passkeys. No session: `401
   * unauthenticated`; an account without passkeys has nothing to verify with: `403 forbidden`.
   * Any body is ignored.
   */
  app.post('/reauth/options', async (c) => {
    const {user} = await requireAuth(c, deps);
    const credentials = await deps.store.listCredentials(user.id);
    if (credentials.length === 0)
      throw forbidden('This account has no passkey to confirm with; add a passkey first');
    const target = {userId: user.id, credentials, usernameNormalized: user.usernameNormalized};
    const options = await createAuthenticationOptions(c, deps, target, undefined, true);
    return c.json({options});
  });

  /**
   * `{response, action?}` → `200 {verifiedAt, stepUpToken}`. The assertion must answer a
   * `/reauth/options` challenge issued to this session's user (else `400 challenge_invalid`) and
   * come from one of their passkeys (else `400 verification_failed`); it is verified as a passkey
   * sign-in is (counter, flags, signature), with the UV flag required.
   */
  app.post('/reauth/verify', async (c) => {
    const body = parseBody(c, reauthVerifyBody);
    const {session, user} = await requireAuth(c, deps);
    const {response} = body;
    // The challenge serves one attempt, whatever follows; the passkey and its owner are read
    // in the same step.
    const {record, found} = await consumeAssertionChallenge(
      c,
      deps,
      response.response.clientDataJSON,
      'reauth',
      response.rawId,
    );
    if (record.userId !== user.id)
      throw challengeInvalid('This challenge was issued to another account');
    if (found && found.user.id !== user.id)
      throw verificationFailed('This passkey belongs to another account');
    await verifyAuthentication(deps, response, record, found, true);

    const verifiedAt = deps.now();
    // The session may have ended meanwhile (signed out elsewhere): then there is nothing to mark.
    if (!(await deps.store.setSessionVerifiedAt(session.id, verifiedAt))) throw unauthenticated();
    session.verifiedAt = verifiedAt;
    const stepUpToken = await issueToken(
      deps,
      'stepup',
      {userId: user.id, sessionId: session.id, action: body.action ?? null},
      {createdAt: verifiedAt, ttlMs: STEP_UP_TOKEN_TTL_MS},
    );
    return c.json({verifiedAt: verifiedAt.toISOString(), stepUpToken});
  });
}
