/**
 * A STAND-IN for Authaz's passkey provider, not Authaz: an in-memory server on the endpoints
 * Authaz documents (shared/seeds 004): the start/complete pairs for registration, sign-in and
 * sign-up, the e-mail verification pair, `GET /api/v1/users/me/passkeys` and
 * `DELETE /auth/passkey-provider/passkeys/{passkeyId}` with `Authorization: Bearer <user access
 * token>`, and the operator reset `DELETE /api/v1/users/{userId}/passkeys` with `X-API-Key`.
 * Ceremonies are verified for real (@simplewebauthn/server); user verification and resident keys
 * are required, as Authaz says. Authaz does not document the bodies: the stand-in takes and gives
 * the WebAuthn JSON forms (`{options}` from a start, `{response}` to a complete,
 * `{accessToken, user}` from a completed sign-in or sign-up) and errors as
 * `{error: {code, message}}`, as the adapter's docs say.
 *
 * One route exists only here, for tests: `GET /stand-in/outbox?email=` gives the last e-mailed code.
 */
import {randomInt, randomUUID} from 'node:crypto';
import {Hono, type Context} from 'hono';
import {CeremonyError, StandInWebAuthn, token} from './stand-in-webauthn.js';

interface AzUser {
  id: string;
  email: string;
  name: string;
}

interface Pending {
  userId?: string;
  email?: string;
  name?: string;
  verified?: boolean;
}

export function createAuthazStandIn(settings: {origin: string; rpId: string; apiKey: string}) {
  const webauthn = new StandInWebAuthn<Pending>({...settings, rpName: 'Authaz stand-in'});
  const users = new Map<string, AzUser>();
  const accessTokens = new Map<string, string>();
  const codes = new Map<string, {code: string; tries: number}>();
  const signupTokens = new Map<string, string>();
  const passkeyIds = new Map<string, string>(); // Authaz passkey id → credential id
  const app = new Hono();

  const error = (c: Context, status: 400 | 401 | 404 | 409, code: string, message: string) =>
    c.json({error: {code, message}}, status);
  const byEmail = (email?: string) =>
    [...users.values()].find((u) => u.email === email?.toLowerCase());
  const signedIn = (u: AzUser) => {
    const t = token();
    accessTokens.set(t, u.id);
    return {accessToken: t, user: u};
  };
  const bearer = (c: Context) =>
    users.get(accessTokens.get(c.req.header('authorization')?.replace(/^Bearer /, '') ?? '') ?? '');
  const body = async (c: Context) => (await c.req.json().catch(() => ({}))) ?? {};
  const fail = (c: Context, e: unknown) => {
    if (!(e instanceof CeremonyError)) throw e;
    if (e.kind === 'unknown_credential')
      return error(c, 404, 'credential_not_found', 'No such passkey');
    if (e.kind === 'credential_exists')
      return error(c, 409, 'credential_exists', 'This passkey is already registered');
    return error(
      c,
      400,
      e.kind === 'challenge' ? 'invalid_challenge' : 'verification_failed',
      e.message,
    );
  };
  const listed = (cred: {
    id: string;
    name: string;
    createdAt: string;
    lastUsedAt: string | null;
    aaguid: string;
  }) => {
    let id = [...passkeyIds].find(([, credId]) => credId === cred.id)?.[0];
    if (!id) passkeyIds.set((id = `pk_${randomUUID()}`), cred.id);
    return {
      id,
      name: cred.name,
      createdAt: cred.createdAt,
      lastUsedAt: cred.lastUsedAt,
      aaguid: cred.aaguid,
    };
  };

  app.get('/stand-in/outbox', (c) =>
    c.json({code: codes.get(c.req.query('email')?.toLowerCase() ?? '')?.code ?? null}),
  );

  // E-mail-verified sign-up.
  app.post('/auth/passkey-provider/signup/verify-email/request', async (c) => {
    const {email} = await body(c);
    if (typeof email !== 'string' || !email.includes('@'))
      return error(c, 400, 'invalid_request', 'email is required');
    // The same answer whether or not the address is taken; only free addresses get a code.
    if (!byEmail(email))
      codes.set(email.toLowerCase(), {
        code: String(randomInt(0, 1_000_000)).padStart(6, '0'),
        tries: 0,
      });
    return c.body(null, 202);
  });
  app.post('/auth/passkey-provider/signup/verify-email/confirm', async (c) => {
    const {email, code} = await body(c);
    const entry = codes.get(String(email).toLowerCase());
    if (!entry || entry.code !== code) {
      if (entry && ++entry.tries >= 5) codes.delete(String(email).toLowerCase());
      return error(c, 400, 'invalid_code', 'Wrong or expired code');
    }
    codes.delete(String(email).toLowerCase());
    const t = token();
    signupTokens.set(t, String(email).toLowerCase());
    return c.json({signupToken: t});
  });
  app.post('/auth/passkey-provider/signup/start', async (c) => {
    const {email, name, signupToken} = await body(c);
    if (typeof email !== 'string' || !email.includes('@'))
      return error(c, 400, 'invalid_request', 'email is required');
    if (signupToken !== undefined && signupTokens.get(signupToken) !== email.toLowerCase())
      return error(c, 401, 'unauthorized', 'The sign-up token is not for this e-mail');
    if (byEmail(email)) return error(c, 409, 'user_exists', 'This e-mail has an account');
    const options = await webauthn.registrationOptions(
      'signup',
      {email: email.toLowerCase(), name: name || email, verified: Boolean(signupToken)},
      {name: email, displayName: name},
    );
    if (signupToken) signupTokens.delete(signupToken);
    return c.json({options});
  });
  app.post('/auth/passkey-provider/signup/complete', async (c) => {
    const id = `usr_${randomUUID()}`;
    try {
      const {data} = await webauthn.verifyRegistration(
        'signup',
        (await body(c)).response,
        () => id,
      );
      if (byEmail(data.email)) return error(c, 409, 'user_exists', 'This e-mail has an account');
      const u = {id, email: data.email!, name: data.name!};
      users.set(id, u);
      return c.json(signedIn(u), 201);
    } catch (e) {
      return fail(c, e);
    }
  });

  // A signed-in user registers another passkey.
  app.post('/auth/passkey-provider/register/start', async (c) => {
    const u = bearer(c);
    if (!u) return error(c, 401, 'unauthorized', 'Sign in first');
    return c.json({
      options: await webauthn.registrationOptions(
        'register',
        {userId: u.id},
        {name: u.email},
        webauthn.of(u.id, 'first'),
      ),
    });
  });
  app.post('/auth/passkey-provider/register/complete', async (c) => {
    const u = bearer(c);
    if (!u) return error(c, 401, 'unauthorized', 'Sign in first');
    try {
      const {response, name} = await body(c);
      const {credential} = await webauthn.verifyRegistration(
        'register',
        response,
        (d) => d.userId!,
        'first',
        name || 'Passkey',
      );
      return c.json({passkey: listed(credential)}, 201);
    } catch (e) {
      return fail(c, e);
    }
  });

  // Sign-in.
  app.post('/auth/passkey-provider/login/start', async (c) => {
    const u = byEmail((await body(c)).email);
    return c.json({
      options: await webauthn.authenticationOptions(
        'login',
        {},
        u ? webauthn.of(u.id, 'first') : [],
      ),
    });
  });
  app.post('/auth/passkey-provider/login/complete', async (c) => {
    try {
      const {credential} = await webauthn.verifyAuthentication('login', (await body(c)).response);
      return c.json(signedIn(users.get(credential.userId)!));
    } catch (e) {
      return fail(c, e);
    }
  });

  // Managing passkeys.
  app.get('/api/v1/users/me/passkeys', (c) => {
    const u = bearer(c);
    if (!u) return error(c, 401, 'unauthorized', 'Sign in first');
    return c.json({passkeys: webauthn.of(u.id, 'first').map(listed)});
  });
  app.delete('/auth/passkey-provider/passkeys/:passkeyId', (c) => {
    const u = bearer(c);
    if (!u) return error(c, 401, 'unauthorized', 'Sign in first');
    const credId = passkeyIds.get(c.req.param('passkeyId'));
    const cred = credId ? webauthn.credentials.get(credId) : undefined;
    if (!cred || cred.userId !== u.id) return error(c, 404, 'not_found', 'No such passkey');
    webauthn.credentials.delete(cred.id);
    passkeyIds.delete(c.req.param('passkeyId'));
    return c.body(null, 204);
  });
  app.delete('/api/v1/users/:userId/passkeys', (c) => {
    if (c.req.header('x-api-key') !== settings.apiKey)
      return error(c, 401, 'unauthorized', 'API key required');
    for (const cred of webauthn.of(c.req.param('userId'), 'first'))
      webauthn.credentials.delete(cred.id);
    return c.body(null, 204);
  });

  return {fetch: (req: Request) => app.fetch(req), webauthn, users};
}
