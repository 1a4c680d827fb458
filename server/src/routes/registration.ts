import type {Hono} from 'hono';
import type {z} from 'zod';
import {
  ApiError,
  challengeInvalid,
  forbidden,
  invalidRequest,
  reauthRequired,
  unauthenticated,
} from '../errors.js';
import {defaultPasskeyName} from '../aaguid.js';
import type {AppContext, AppDeps, AppEnv} from '../http/context.js';
import {parseBody} from '../http/validate.js';
import {toPasskeyJson, toUserJson} from '../presenters.js';
import {registrationOptionsBody, registrationVerifyBody} from '../schemas.js';
import {getAuth, isRecentlyVerified, requireUser, startSession} from '../sessions.js';
import {StoreConflictError, type CredentialRecord, type UserRecord} from '../store/types.js';
import {requireToken, spendToken} from '../tokens.js';
import {endOtherAccess} from './recovery.js';
import {looksLikeEmail, normalizeUsername, pendingSignup, userFromSignup} from '../users.js';
import {consumeChallenge} from '../webauthn/challenges.js';
import {
  createRegistrationOptions,
  verifyRegistration,
  type RegistrationSubject,
} from '../webauthn/registration.js';
import type {RegistrationVerifyResponse} from 'passkey-elements/contract';

/**
 * Who a registration is for. With a `signupToken`: a new account for the proven email (username:
 * the one given, else the email); the token is used up at verify. With a `recoveryToken`: the recovering user (the token is used up at
 * verify, which then starts a session). Signed in: the session's user (any username in the body
 * is ignored), and when that user already has a passkey, only with a recent passkey verification
 * (`401 reauth_required`). Otherwise a new account by direct signup with a username.
 */
async function registrationSubject(
  c: AppContext,
  deps: AppDeps,
  body: z.output<typeof registrationOptionsBody>,
): Promise<RegistrationSubject> {
  if (body.recoveryToken !== undefined) {
    const token = await requireToken(deps, body.recoveryToken, 'recovery');
    const user = token.userId === null ? undefined : await deps.store.getUserById(token.userId);
    if (!user) throw unauthenticated('The recovery token is unknown, used or expired');
    return {kind: 'user', user, tokenHash: token.id};
  }
  const auth = await getAuth(c, deps);
  if (auth) {
    // Adding a passkey to an account that has one is sensitive (contract v1.1); a password-only
    // account adds its first one from its session (the upgrade path).
    if (
      !isRecentlyVerified(deps, auth.session) &&
      (await deps.store.listCredentials(auth.user.id)).length > 0
    )
      throw reauthRequired();
    return {kind: 'user', user: auth.user};
  }
  if (body.signupToken !== undefined) {
    const token = await requireToken(deps, body.signupToken, 'signup');
    const email = token.email!;
    const username = body.username ?? email;
    if (looksLikeEmail(username) && normalizeUsername(username) !== normalizeUsername(email)) {
      throw invalidRequest(
        'Invalid body: username: must not be shaped like an email address other than the one proven',
      );
    }
    if (
      (await deps.store.getUserByEmail(email)) ||
      (await deps.store.getUserByUsername(normalizeUsername(username)))
    ) {
      throw new ApiError(409, 'user_exists', 'An account with that email or username exists');
    }
    return {
      kind: 'signup',
      signup: pendingSignup(username, body.displayName, email),
      tokenHash: token.id,
    };
  }
  if (!deps.config.allowDirectSignup)
    throw unauthenticated('Sign in to add a passkey; direct signup is off');
  if (body.username === undefined) throw invalidRequest('username is required to sign up');
  if (looksLikeEmail(body.username)) {
    throw invalidRequest(
      'Invalid body: username: must not be shaped like an email address unless that address is proven (sign up with email)',
    );
  }
  if (await deps.store.getUserByUsername(normalizeUsername(body.username))) {
    throw new ApiError(409, 'user_exists', 'That username is taken');
  }
  return {kind: 'signup', signup: pendingSignup(body.username, body.displayName)};
}

function conflictError(error: StoreConflictError): ApiError {
  return error.conflict === 'credential'
    ? new ApiError(409, 'credential_exists', 'This passkey is already registered')
    : new ApiError(409, 'user_exists', 'That username is taken');
}

/** `POST /registration/options` and `POST /registration/verify`. */
export function registrationRoutes(app: Hono<AppEnv>, deps: AppDeps): void {
  app.post('/registration/options', async (c) => {
    const body = parseBody(c, registrationOptionsBody);
    const subject = await registrationSubject(c, deps, body);
    const options = await createRegistrationOptions(c, deps, subject);
    return c.json({options});
  });

  app.post('/registration/verify', async (c) => {
    const body = parseBody(c, registrationVerifyBody);
    const {record} = await consumeChallenge(
      c,
      deps,
      body.response.response.clientDataJSON,
      'registration',
    );

    // Authorize: a challenge issued to an account is good only in that account's session, or,
    // when issued under a recovery token, with that token still unused (checked after the
    // attestation verifies, so a bad attempt does not burn the token).
    let owner: UserRecord | null = null;
    if (record.userId !== null && record.tokenHash !== null) {
      owner = (await deps.store.getUserById(record.userId)) ?? null;
      if (!owner) throw challengeInvalid();
    } else if (record.userId !== null) {
      owner = await requireUser(c, deps);
      if (owner.id !== record.userId)
        throw forbidden('This challenge was issued to another account');
    } else if (record.pendingSignup === null) {
      throw challengeInvalid();
    }

    const verified = await verifyRegistration(deps, body.response, record);
    const now = deps.now();
    const user = owner ?? userFromSignup(record.pendingSignup!, now);
    const credential: CredentialRecord = {
      ...verified.credential,
      userId: user.id,
      name: body.name ?? defaultPasskeyName(verified.credential, deps.config.authenticators),
      createdAt: now,
      lastUsedAt: null,
      counterRegressedAt: null,
    };
    const store = async () => {
      try {
        if (owner) await deps.store.addCredential(credential);
        else await deps.store.createUserWithCredential(user, credential);
      } catch (error) {
        throw error instanceof StoreConflictError ? conflictError(error) : error;
      }
    };
    // A signup or recovery token is used up only when the passkey is stored (a 409 keeps it).
    const purpose = record.userId !== null ? 'recovery' : 'signup';
    if (record.tokenHash !== null) await spendToken(deps, record.tokenHash, purpose, store);
    else await store();
    if (!owner || record.tokenHash !== null) {
      // A sign-up or recovery that created a passkey with user verification: a recent verification.
      const session = await startSession(c, deps, user, verified.userVerified ? now : null);
      if (record.tokenHash !== null && purpose === 'recovery')
        await endOtherAccess(deps, user.id, session.id);
    }
    return c.json(
      {
        passkey: toPasskeyJson(credential, deps.config.authenticators),
        user: toUserJson(user),
      } satisfies RegistrationVerifyResponse,
      201,
    );
  });
}
