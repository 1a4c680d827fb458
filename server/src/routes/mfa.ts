import type {Hono} from 'hono';
import {defaultPasskeyName} from '../aaguid.js';
import {ApiError, challengeInvalid, forbidden, unauthenticated} from '../errors.js';
import type {AppDeps, AppEnv} from '../http/context.js';
import {parseBody} from '../http/validate.js';
import {toPasskeyJson, toUserJson} from '../presenters.js';
import type {registrationResponse} from '../schemas.js';
import {mfaOptionsBody, mfaVerifyBody} from '../schemas.js';
import {startSession} from '../sessions.js';
import {StoreConflictError, type CredentialRecord, type UserRecord} from '../store/types.js';
import {hashToken, requireToken, spendToken} from '../tokens.js';
import {createAuthenticationOptions, verifyAuthentication} from '../webauthn/authentication.js';
import {consumeChallenge} from '../webauthn/challenges.js';
import {createRegistrationOptions, verifyRegistration} from '../webauthn/registration.js';
import type {z} from 'zod';
import type {MfaOptionsResponse, MfaVerifyResponse} from 'passkey-elements/contract';

const isRegistration = (r: object): r is z.output<typeof registrationResponse> =>
  'attestationObject' in (r as {response: object}).response;

/**
 * The passkey second factor after the password: `POST /mfa/options` and `POST /mfa/verify`.
 * Mode `verify` when the account has passkeys (an assertion with one of them), else `register`
 * (the account enrols its first passkey, which then also counts as the second factor), but only
 * for an account that has never had a passkey, or that an operator reset since (contract v1.1):
 * one whose passkeys are gone otherwise is refused (`403 forbidden`) and goes through recovery,
 * so the password alone never enrols a second factor.
 */
export function mfaRoutes(app: Hono<AppEnv>, deps: AppDeps): void {
  async function tokenUser(mfaToken: string): Promise<UserRecord> {
    const token = await requireToken(deps, mfaToken, 'mfa');
    const user = token.userId === null ? undefined : await deps.store.getUserById(token.userId);
    if (!user) throw unauthenticated('The mfa token is unknown, used or expired');
    return user;
  }

  app.post('/mfa/options', async (c) => {
    const body = parseBody(c, mfaOptionsBody);
    const user = await tokenUser(body.mfaToken);
    const tokenHash = hashToken(body.mfaToken);
    const credentials = await deps.store.listCredentials(user.id);
    if (credentials.length > 0) {
      const target = {userId: user.id, credentials, usernameNormalized: user.usernameNormalized};
      const options = await createAuthenticationOptions(c, deps, target, {tokenHash});
      return c.json({mode: 'verify', options} satisfies MfaOptionsResponse<typeof options>);
    }
    const factors = await deps.store.getUserFactors(user.id);
    if (factors?.passkeyEnrolledAt) {
      throw forbidden(
        'This account has no passkey left; recover it with a recovery code or ask the operator to reset it',
      );
    }
    const options = await createRegistrationOptions(
      c,
      deps,
      {kind: 'user', user, tokenHash},
      'mfa',
    );
    return c.json({mode: 'register', options} satisfies MfaOptionsResponse<typeof options>);
  });

  app.post('/mfa/verify', async (c) => {
    const body = parseBody(c, mfaVerifyBody);
    const user = await tokenUser(body.mfaToken);
    const tokenHash = hashToken(body.mfaToken);
    let credential: CredentialRecord | null = null;
    let userVerified = false;
    // Not counted per account (CONTRACT.md v1.1): forged assertions must not lock the owner out.
    await (async () => {
      const {response} = body;
      const {record} = await consumeChallenge(c, deps, response.response.clientDataJSON, 'mfa');
      if (record.tokenHash !== tokenHash || record.userId !== user.id) throw challengeInvalid();
      // The challenge says which mode it was issued in; the response must be of that kind.
      const registerMode = record.allowedCredentialIds === null;
      if (registerMode !== isRegistration(response))
        throw challengeInvalid('The response does not fit this challenge');

      if (isRegistration(response)) {
        const verified = await verifyRegistration(deps, response, record);
        userVerified = verified.userVerified;
        const now = deps.now();
        credential = {
          ...verified.credential,
          userId: user.id,
          name: defaultPasskeyName(verified.credential, deps.config.authenticators),
          createdAt: now,
          lastUsedAt: null,
          counterRegressedAt: null,
        };
      } else {
        const verified = await verifyAuthentication(deps, response, record);
        if (verified.user.id !== user.id) throw challengeInvalid();
        userVerified = verified.userVerified;
      }
      // The token is used up only when the ceremony succeeds: a 409 at the end gives it back.
      await spendToken(deps, tokenHash, 'mfa', async () => {
        if (!credential) return;
        try {
          await deps.store.addCredential(credential);
        } catch (error) {
          if (error instanceof StoreConflictError)
            throw new ApiError(409, 'credential_exists', 'This passkey is already registered');
          throw error;
        }
      });
    })();
    // The passkey second factor, used with user verification, counts as a recent verification.
    await startSession(c, deps, user, userVerified ? deps.now() : null);
    // In register mode the new passkey comes back too, as from /registration/verify.
    return c.json(
      (credential
        ? {user: toUserJson(user), passkey: toPasskeyJson(credential, deps.config.authenticators)}
        : {user: toUserJson(user)}) satisfies MfaVerifyResponse,
    );
  });
}
