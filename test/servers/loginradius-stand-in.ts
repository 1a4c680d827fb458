/**
 * A STAND-IN for LoginRadius's passkey APIs, not LoginRadius: an in-memory server that answers
 * the endpoints of LoginRadius's passkey and MFA-passkey documentation (shared/seeds 000 and 001)
 * in their documented shapes (`?apikey=` on every call, `secondfactorauthenticationtoken=` on the
 * MFA calls, `{PasskeyCredential}` bodies, `Authorization: Bearer <access token>` on account
 * calls, the `SecondFactorAuthentication` object with `IsPasskeyAuthenticatorVerified`), with
 * real WebAuthn verification (@simplewebauthn/server). Where the documents give no path or body
 * (first-factor paths, answers, errors) it follows the same scheme as the adapter's docs say.
 *
 * Two routes exist only here, for tests: `POST /stand-in/users {email, password, mfa}` makes a
 * password user, and `POST /stand-in/login {email, password}` is the first factor (LoginRadius's
 * own login API stands there in a real site).
 */
import {randomUUID} from 'node:crypto';
import {Hono, type Context} from 'hono';
import {CeremonyError, StandInWebAuthn, token} from './stand-in-webauthn.js';

interface LrUser {
  uid: string;
  email: string;
  password?: string;
  mfa: boolean;
}

interface Pending {
  uid?: string;
  identifier?: string;
  userHandle?: string;
}

export function createLoginRadiusStandIn(settings: {origin: string; rpId: string; apiKey: string}) {
  const webauthn = new StandInWebAuthn<Pending>({...settings, rpName: 'LoginRadius stand-in'});
  const users = new Map<string, LrUser>();
  const accessTokens = new Map<string, string>();
  const secondFactorTokens = new Map<string, string>();
  const app = new Hono();

  const error = (c: Context, status: 400 | 401 | 403 | 404 | 409, code: number, message: string) =>
    c.json(
      {Description: message, ErrorCode: code, Message: message, IsProviderError: false},
      status,
    );
  const byEmail = (email?: string) =>
    [...users.values()].find((u) => u.email === email?.toLowerCase());
  const profile = (u: LrUser) => ({
    Uid: u.uid,
    ID: u.uid,
    UserName: null,
    FullName: null,
    Email: [{Type: 'Primary', Value: u.email}],
  });
  const login = (u: LrUser) => {
    const t = token();
    accessTokens.set(t, u.uid);
    return {
      access_token: t,
      expires_in: new Date(Date.now() + 3600_000).toISOString(),
      Profile: profile(u),
    };
  };
  const bearer = (c: Context) =>
    users.get(accessTokens.get(c.req.header('authorization')?.replace(/^Bearer /, '') ?? '') ?? '');
  const sfaUser = (c: Context) =>
    users.get(secondFactorTokens.get(c.req.query('secondfactorauthenticationtoken') ?? '') ?? '');
  const fail = (c: Context, e: unknown) => {
    if (!(e instanceof CeremonyError)) throw e;
    if (e.kind === 'unknown_credential') return error(c, 404, 1275, 'Passkey not found');
    if (e.kind === 'credential_exists') return error(c, 409, 1276, 'Passkey already registered');
    return error(
      c,
      400,
      e.kind === 'challenge' ? 1277 : 1278,
      `Passkey ${e.kind} failed: ${e.message}`,
    );
  };
  const credential = async (c: Context) =>
    (await c.req.json().catch(() => ({})))?.PasskeyCredential;

  app.use('*', async (c, next) => {
    if (c.req.path.startsWith('/stand-in/')) return next();
    if (c.req.query('apikey') !== settings.apiKey)
      return error(c, 403, 905, 'The API key is invalid');
    return next();
  });

  app.post('/stand-in/users', async (c) => {
    const {email, password, mfa} = await c.req.json();
    const u: LrUser = {uid: randomUUID(), email: email.toLowerCase(), password, mfa: Boolean(mfa)};
    users.set(u.uid, u);
    return c.json({Uid: u.uid});
  });
  app.post('/stand-in/login', async (c) => {
    const {email, password} = await c.req.json();
    const u = byEmail(email);
    if (!u || u.password !== password) return error(c, 401, 1200, 'Invalid credentials');
    if (!u.mfa) return c.json(login(u));
    const t = token();
    secondFactorTokens.set(t, u.uid);
    return c.json({
      access_token: null,
      Profile: null,
      SecondFactorAuthentication: {
        SecondFactorAuthenticationToken: t,
        IsPasskeyAuthenticatorVerified: webauthn.of(u.uid, 'mfa').length > 0,
      },
    });
  });

  // Passwordless sign-up with a passkey.
  app.get('/identity/v2/auth/register/passkey/begin', async (c) => {
    const identifier = c.req.query('identifier')?.toLowerCase();
    if (!identifier) return error(c, 400, 1000, 'identifier is required');
    if (byEmail(identifier)) return error(c, 409, 936, 'Email already exists');
    return c.json(await webauthn.registrationOptions('register', {identifier}, {name: identifier}));
  });
  app.post('/identity/v2/auth/register/passkey/finish', async (c) => {
    try {
      const uid = randomUUID();
      const {data} = await webauthn.verifyRegistration('register', await credential(c), () => uid);
      const u: LrUser = {uid, email: data.identifier!, mfa: false};
      users.set(u.uid, u);
      return c.json(login(u));
    } catch (e) {
      return fail(c, e);
    }
  });

  // A signed-in user adds a passkey.
  app.get('/identity/v2/auth/account/passkey/begin', async (c) => {
    const u = bearer(c);
    if (!u) return error(c, 401, 906, 'The access token is invalid');
    return c.json(
      await webauthn.registrationOptions(
        'add',
        {uid: u.uid},
        {name: u.email},
        webauthn.of(u.uid, 'first'),
      ),
    );
  });
  app.post('/identity/v2/auth/account/passkey/finish', async (c) => {
    const u = bearer(c);
    if (!u) return error(c, 401, 906, 'The access token is invalid');
    try {
      await webauthn.verifyRegistration('add', await credential(c), (d) => d.uid!);
      return c.json({IsPosted: true});
    } catch (e) {
      return fail(c, e);
    }
  });

  // Sign-in with a passkey.
  app.get('/identity/v2/auth/login/passkey/begin', async (c) => {
    const u = byEmail(c.req.query('identifier'));
    return c.json(
      await webauthn.authenticationOptions('login', {}, u ? webauthn.of(u.uid, 'first') : []),
    );
  });
  app.post('/identity/v2/auth/login/passkey/finish', async (c) => {
    try {
      const {credential: cred} = await webauthn.verifyAuthentication('login', await credential(c));
      return c.json(login(users.get(cred.userId)!));
    } catch (e) {
      return fail(c, e);
    }
  });

  // The passkey second factor (MFA), exactly the documented paths.
  app.get('/identity/v2/auth/login/2fa/register/passkey/begin', async (c) => {
    const u = sfaUser(c);
    if (!u) return error(c, 401, 1132, 'The second factor authentication token is invalid');
    return c.json(
      await webauthn.registrationOptions(
        'mfa-register',
        {uid: u.uid},
        {name: u.email},
        webauthn.of(u.uid, 'mfa'),
      ),
    );
  });
  app.post('/identity/v2/auth/login/2fa/register/passkey/finish', async (c) => {
    const u = sfaUser(c);
    if (!u) return error(c, 401, 1132, 'The second factor authentication token is invalid');
    try {
      await webauthn.verifyRegistration('mfa-register', await credential(c), (d) => d.uid!, 'mfa');
      secondFactorTokens.delete(c.req.query('secondfactorauthenticationtoken')!);
      return c.json(login(u));
    } catch (e) {
      return fail(c, e);
    }
  });
  app.get('/identity/v2/auth/login/2fa/passkey/begin', async (c) => {
    const u = sfaUser(c);
    if (!u) return error(c, 401, 1132, 'The second factor authentication token is invalid');
    return c.json(
      await webauthn.authenticationOptions('mfa-verify', {uid: u.uid}, webauthn.of(u.uid, 'mfa')),
    );
  });
  app.post('/identity/v2/auth/login/2fa/passkey/finish', async (c) => {
    const u = sfaUser(c);
    if (!u) return error(c, 401, 1132, 'The second factor authentication token is invalid');
    try {
      const {credential: cred} = await webauthn.verifyAuthentication(
        'mfa-verify',
        await credential(c),
        'mfa',
      );
      if (cred.userId !== u.uid)
        return error(c, 400, 1278, "Passkey verification failed: another user's passkey");
      secondFactorTokens.delete(c.req.query('secondfactorauthenticationtoken')!);
      return c.json(login(u));
    } catch (e) {
      return fail(c, e);
    }
  });
  app.delete('/identity/v2/auth/account/2fa/authenticator/passkey', (c) => {
    const u = bearer(c);
    if (!u) return error(c, 401, 906, 'The access token is invalid');
    for (const cred of webauthn.of(u.uid, 'mfa')) webauthn.credentials.delete(cred.id);
    return c.json({IsDeleted: true});
  });

  // The access token: read the profile, invalidate.
  app.get('/identity/v2/auth/account', (c) => {
    const u = bearer(c);
    return u ? c.json(profile(u)) : error(c, 401, 906, 'The access token is invalid');
  });
  app.get('/identity/v2/auth/access_token/invalidate', (c) => {
    const t = c.req.header('authorization')?.replace(/^Bearer /, '') ?? '';
    if (!accessTokens.delete(t)) return error(c, 401, 906, 'The access token is invalid');
    return c.json({IsPosted: true});
  });

  return {fetch: (req: Request) => app.fetch(req), webauthn, users};
}
