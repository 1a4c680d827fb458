/**
 * passkey-elements/adapters/authaz: the elements as a custom login UI for Authaz's passkey
 * provider (start/complete pairs, e-mail-verified or direct sign-up, listing and removing
 * passkeys). Authaz answers a completed sign-in or sign-up with a user access token; the adapter
 * keeps it (memory, or the `tokenStore` you give it) and sends it as `Authorization: Bearer`.
 *
 * ```js
 * import {AuthazClient} from 'passkey-elements/adapters/authaz';
 * const client = new AuthazClient({baseURL: 'https://your-app.authaz.io'});
 * for (const el of document.querySelectorAll('passkey-login, passkey-signup, passkey-manager')) el.client = client;
 * ```
 *
 * | element call | Authaz endpoint |
 * | --- | --- |
 * | signupEmail / signupVerify | `POST /auth/passkey-provider/signup/verify-email/request {email}`, `…/confirm {email, code}` |
 * | registrationOptions / Verify (sign-up) | `POST /auth/passkey-provider/signup/start {email, signupToken?}`, `…/signup/complete {response}` |
 * | registrationOptions / Verify (signed in) | `POST /auth/passkey-provider/register/start`, `…/register/complete {response, name?}` |
 * | authenticationOptions / Verify | `POST /auth/passkey-provider/login/start {email?}`, `…/login/complete {response}` |
 * | listPasskeys | `GET /api/v1/users/me/passkeys` |
 * | deletePasskey | `DELETE /auth/passkey-provider/passkeys/{passkeyId}` |
 *
 * Authaz documents the paths and the flow but not the JSON of each body: the adapter sends and
 * reads the WebAuthn JSON forms (`{options}` or the bare options; `{response}`) and reads
 * `{accessToken, user}` from a completed sign-in or sign-up; `mapUser` reads other user shapes.
 * Authaz has no endpoint for the session or for signing out a token, so `session()` reports the
 * user the adapter signed in (kept with the token) and `signOut()` forgets them. Renaming,
 * recovery codes, the passkey second factor, step-up (`/reauth/*`) and signing out other
 * sessions are not in its passkey API: `unsupported`. The
 * operator reset (`DELETE /api/v1/users/{userId}/passkeys`) takes your API key: call it from
 * your server, never from the page.
 */
import {PasskeyError} from '../core/client/passkey-error.js';
import type {
  AuthenticationResponseJSON,
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
  RegistrationResponseJSON,
} from '@simplewebauthn/browser';
import type {
  MfaMode,
  Passkey,
  PasskeyClient,
  RegistrationOptionsRequest,
  User,
} from '../core/client/types.js';
import type {TokenStore} from './loginradius.js';
import {
  callJson,
  codeForStatus,
  passkeyFromRegistration,
  unsupported,
  type JsonAnswer,
} from './shared.js';

export type {TokenStore};

export interface AuthazClientOptions {
  /** Your Authaz application's URL, e.g. `https://your-app.authaz.io`. */
  baseURL: string;
  tokenStore?: TokenStore;
  /** Reads a `User` from Authaz's user object (default: `id`, `email`, `name`). */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  mapUser?: (user: any) => Omit<User, 'webauthnUserId'>;
}

/** A passkey as `GET /api/v1/users/me/passkeys` lists it. */
interface AuthazPasskey {
  id: string;
  credentialId?: string;
  name?: string | null;
  createdAt?: string | null;
  lastUsedAt?: string | null;
  aaguid?: string | null;
  backedUp?: boolean;
  transports?: string[];
}

const KEY = 'passkey-elements:authaz';

/** Authaz-style error codes (`{error: {code, message}}` or `{code, message}`) → the kit's. */
const CODES: Record<string, string> = {
  invalid_challenge: 'challenge_invalid',
  challenge_expired: 'challenge_invalid',
  challenge_invalid: 'challenge_invalid',
  verification_failed: 'verification_failed',
  invalid_credential: 'verification_failed',
  credential_not_found: 'unknown_credential',
  unknown_credential: 'unknown_credential',
  user_exists: 'user_exists',
  email_taken: 'user_exists',
  credential_exists: 'credential_exists',
  invalid_code: 'invalid_request',
  unauthorized: 'unauthenticated',
  rate_limited: 'rate_limited',
};

export class AuthazClient implements PasskeyClient {
  readonly baseURL: string;
  private readonly tokens: TokenStore;
  private readonly mapUser: NonNullable<AuthazClientOptions['mapUser']>;
  private pending?: {kind: 'signup' | 'add'; userHandle?: string};
  /** The e-mail each sign-up token was issued for (`<passkey-signup>` passes only the token on). */
  private readonly signupEmails = new Map<string, string>();

  constructor(options: AuthazClientOptions) {
    if (!options?.baseURL)
      throw new PasskeyError(
        'invalid_request',
        'AuthazClient needs the baseURL of your Authaz application',
      );
    this.baseURL = options.baseURL.replace(/\/+$/, '');
    let memory: string | null = null;
    this.tokens = options.tokenStore ?? {
      getItem: () => memory,
      setItem: (_k, v) => (memory = v),
      removeItem: () => (memory = null),
    };
    this.mapUser =
      options.mapUser ??
      ((u) => ({
        id: String(u.id),
        username: u.email ?? u.username ?? String(u.id),
        displayName: u.name || u.email || String(u.id),
      }));
  }

  /** The stored `{accessToken, user}`, if signed in through this adapter. */
  private get stored(): {accessToken: string; user: User} | null {
    try {
      return JSON.parse(this.tokens.getItem(KEY) ?? 'null');
    } catch {
      return null;
    }
  }

  /** The user access token from the last sign-in or sign-up, if any. */
  get accessToken(): string | null {
    return this.stored?.accessToken ?? null;
  }

  protected async call(
    path: string,
    init: {method?: string; body?: unknown; bearer?: boolean; signal?: AbortSignal} = {},
  ): Promise<JsonAnswer['data']> {
    const token = this.accessToken;
    if (init.bearer && !token) throw new PasskeyError('unauthenticated', 'Not signed in to Authaz');
    const answer = await callJson(this.baseURL + path, {
      method: init.method,
      signal: init.signal,
      body: init.body,
      credentials: 'omit',
      headers: init.bearer ? {authorization: `Bearer ${token}`} : {},
    });
    if (!answer.ok) {
      const e = answer.data?.error ?? answer.data ?? {};
      const code = typeof e == 'object' ? String(e.code ?? '') : '';
      const message = (typeof e == 'object' && e.message) || `HTTP ${answer.status}`;
      if (answer.status === 401 && init.bearer) this.tokens.removeItem(KEY);
      throw new PasskeyError(
        CODES[code] ?? codeForStatus(answer.status),
        code ? `${code}: ${message}` : message,
      );
    }
    return answer.data;
  }

  private options<T>(data: {options?: T; publicKey?: T} | T): T {
    const d = data as {options?: T; publicKey?: T};
    return (d?.options ?? d?.publicKey ?? data) as T;
  }

  private signedIn(data: {accessToken?: string; user?: unknown}, userHandle?: string): User {
    if (!data?.accessToken || !data.user)
      throw new PasskeyError('bad_response', 'Authaz answered without accessToken and user');
    const user = {...this.mapUser(data.user), webauthnUserId: userHandle ?? ''};
    // Kept without the handle: the list's ids are Authaz's passkey ids, not credential ids, so
    // the manager must not tell the authenticator which credentials are still accepted.
    this.tokens.setItem(
      KEY,
      JSON.stringify({accessToken: data.accessToken, user: {...user, webauthnUserId: ''}}),
    );
    return user;
  }

  async signupEmail(req: {email: string}, signal?: AbortSignal): Promise<void> {
    await this.call('/auth/passkey-provider/signup/verify-email/request', {
      body: {email: req.email},
      signal,
    });
  }

  async signupVerify(
    req: {email: string; code: string},
    signal?: AbortSignal,
  ): Promise<{signupToken: string}> {
    const data = await this.call('/auth/passkey-provider/signup/verify-email/confirm', {
      body: {email: req.email, code: req.code},
      signal,
    });
    if (!data?.signupToken)
      throw new PasskeyError('bad_response', 'Authaz answered without signupToken');
    this.signupEmails.set(data.signupToken, req.email);
    return {signupToken: data.signupToken};
  }

  async registrationOptions(
    req: RegistrationOptionsRequest,
    signal?: AbortSignal,
  ): Promise<{options: PublicKeyCredentialCreationOptionsJSON}> {
    if (req.recoveryToken) throw unsupported('Authaz', 'recovery-token registration endpoint');
    const signingUp = Boolean(req.username || req.signupToken);
    const email =
      req.username ?? (req.signupToken ? this.signupEmails.get(req.signupToken) : undefined);
    const data = signingUp
      ? await this.call('/auth/passkey-provider/signup/start', {
          body: {
            email,
            ...(req.displayName ? {name: req.displayName} : {}),
            ...(req.signupToken ? {signupToken: req.signupToken} : {}),
          },
          signal,
        })
      : await this.call('/auth/passkey-provider/register/start', {body: {}, bearer: true, signal});
    const options = this.options<PublicKeyCredentialCreationOptionsJSON>(data);
    this.pending = {kind: signingUp ? 'signup' : 'add', userHandle: options?.user?.id};
    return {options};
  }

  async registrationVerify(
    req: {response: RegistrationResponseJSON; name?: string},
    signal?: AbortSignal,
  ): Promise<{passkey: Passkey; user: User}> {
    const pending = this.pending;
    if (!pending) throw new PasskeyError('challenge_invalid', 'No registration under way');
    this.pending = undefined;
    if (pending.kind === 'add') {
      const data = await this.call('/auth/passkey-provider/register/complete', {
        body: {response: req.response, ...(req.name ? {name: req.name} : {})},
        bearer: true,
        signal,
      });
      const user = this.stored?.user;
      if (!user) throw new PasskeyError('unauthenticated', 'Not signed in to Authaz');
      return {
        passkey: data?.passkey
          ? this.passkey(data.passkey, req.response)
          : passkeyFromRegistration(req.response, req.name),
        user,
      };
    }
    const data = await this.call('/auth/passkey-provider/signup/complete', {
      body: {response: req.response},
      signal,
    });
    return {
      passkey: passkeyFromRegistration(req.response, req.name),
      user: this.signedIn(data, pending.userHandle),
    };
  }

  async authenticationOptions(
    req: {username?: string},
    signal?: AbortSignal,
  ): Promise<{options: PublicKeyCredentialRequestOptionsJSON}> {
    const data = await this.call('/auth/passkey-provider/login/start', {
      body: req.username ? {email: req.username} : {},
      signal,
    });
    return {options: this.options<PublicKeyCredentialRequestOptionsJSON>(data)};
  }

  async authenticationVerify(
    req: {response: AuthenticationResponseJSON},
    signal?: AbortSignal,
  ): Promise<{user: User}> {
    try {
      const data = await this.call('/auth/passkey-provider/login/complete', {
        body: {response: req.response},
        signal,
      });
      return {user: this.signedIn(data, req.response.response.userHandle)};
    } catch (e) {
      if (e instanceof PasskeyError && e.code === 'unknown_credential')
        throw new PasskeyError(e.code, e.message, req.response.id);
      throw e;
    }
  }

  async session(): Promise<{user: User | null}> {
    return {user: this.stored?.user ?? null};
  }

  async signOut(): Promise<void> {
    this.tokens.removeItem(KEY);
  }

  async listPasskeys(signal?: AbortSignal): Promise<{passkeys: Passkey[]}> {
    const data = await this.call('/api/v1/users/me/passkeys', {bearer: true, signal});
    const list: AuthazPasskey[] = Array.isArray(data) ? data : (data?.passkeys ?? data?.data ?? []);
    const passkeys = list.map((p) => this.passkey(p));
    passkeys.sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0));
    return {passkeys};
  }

  async deletePasskey(id: string, signal?: AbortSignal): Promise<void> {
    await this.call(`/auth/passkey-provider/passkeys/${encodeURIComponent(id)}`, {
      method: 'DELETE',
      bearer: true,
      signal,
    });
  }

  renamePasskey(_id: string, _name: string): Promise<{passkey: Passkey}> {
    return Promise.reject(
      unsupported('Authaz', 'API to rename passkeys (names come from the authenticator)'),
    );
  }
  recoveryCodes(): Promise<{codes: string[]}> {
    return Promise.reject(unsupported("Authaz's passkey API", 'recovery-code endpoints'));
  }
  reauthOptions(): Promise<{options: PublicKeyCredentialRequestOptionsJSON}> {
    return Promise.reject(unsupported("Authaz's passkey API", 'step-up endpoints'));
  }
  reauthVerify(_req: {response: unknown}): Promise<{verifiedAt: string; stepUpToken: string}> {
    return Promise.reject(unsupported("Authaz's passkey API", 'step-up endpoints'));
  }
  endOtherSessions(): Promise<void> {
    return Promise.reject(unsupported("Authaz's passkey API", 'sign-out of other sessions'));
  }
  recoveryRedeem(_req: {username: string; code: string}): Promise<{recoveryToken: string}> {
    return Promise.reject(unsupported("Authaz's passkey API", 'recovery-code endpoints'));
  }
  mfaOptions(_req: {
    mfaToken: string;
  }): Promise<{mode: MfaMode; options: PublicKeyCredentialCreationOptionsJSON}> {
    return Promise.reject(unsupported("Authaz's passkey API", 'passkey second factor'));
  }
  mfaVerify(_req: {mfaToken: string}): Promise<{user: User}> {
    return Promise.reject(unsupported("Authaz's passkey API", 'passkey second factor'));
  }

  /** Authaz's passkey → the kit's: the id stays Authaz's passkey id (what DELETE takes). */
  private passkey(p: AuthazPasskey, registration?: RegistrationResponseJSON): Passkey {
    const derived = registration ? passkeyFromRegistration(registration) : undefined;
    return {
      id: p.id,
      name: p.name || derived?.name || '',
      createdAt: new Date(p.createdAt ?? Date.now()).toISOString(),
      lastUsedAt: p.lastUsedAt ? new Date(p.lastUsedAt).toISOString() : null,
      backedUp: p.backedUp ?? derived?.backedUp ?? false,
      deviceType: (p.backedUp ?? derived?.backedUp) ? 'multiDevice' : 'singleDevice',
      transports: p.transports ?? derived?.transports ?? [],
      aaguid: p.aaguid ?? derived?.aaguid ?? '00000000-0000-0000-0000-000000000000',
      authenticator: p.name ? {name: p.name} : null,
    };
  }
}
