/**
 * passkey-elements/adapters/better-auth: the elements against a Better Auth server with its
 * passkey plugin (`@better-auth/passkey`, checked with better-auth 1.7.6). Sessions are Better
 * Auth's own cookies, so the page and the auth server share a site (or the server allows this
 * origin with credentials).
 *
 * ```js
 * import {BetterAuthClient} from 'passkey-elements/adapters/better-auth';
 * document.querySelector('passkey-login').client = new BetterAuthClient({baseURL: '/api/auth'});
 * ```
 *
 * | element call | Better Auth endpoint |
 * | --- | --- |
 * | registrationOptions | `GET /passkey/generate-register-options?name=&context=` |
 * | registrationVerify | `POST /passkey/verify-registration {response, name, createSession}` |
 * | authenticationOptions | `GET /passkey/generate-authenticate-options` |
 * | authenticationVerify | `POST /passkey/verify-authentication {response}` |
 * | session / signOut | `GET /get-session` / `POST /sign-out` |
 * | listPasskeys / renamePasskey / deletePasskey | `GET /passkey/list-user-passkeys`, `POST /passkey/update-passkey`, `POST /passkey/delete-passkey` |
 *
 * Sign-up with a passkey (no session yet) needs the plugin's passkey-first registration on the
 * server (`registration: {requireSession: false, resolveUser, afterVerification}`): the
 * username typed into `<passkey-register>` reaches `resolveUser` and `afterVerification` as
 * `context`. Without it, registering needs a signed-in (fresh) session, as the plugin's default.
 * MFA, e-mailed sign-up codes and recovery codes are other Better Auth plugins: those methods
 * throw `unsupported`, as do step-up (`/reauth/*`) and signing out other sessions.
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
import {
  callJson,
  codeForStatus,
  passkeyFromRegistration,
  query,
  unsupported,
  type JsonAnswer,
} from './shared.js';

export interface BetterAuthClientOptions {
  /** Where Better Auth's handler is mounted (its `basePath`), absolute or relative: default `/api/auth`. */
  baseURL?: string;
  /** Extra request headers (e.g. for a bearer plugin). */
  headers?: Record<string, string>;
  /** `fetch`'s credentials mode (default `include`: Better Auth's session is a cookie). */
  credentials?: RequestCredentials;
}

/** A user as Better Auth returns it (the fields the adapter reads). */
interface BetterAuthUser {
  id: string;
  name?: string | null;
  email?: string | null;
  username?: string | null;
  displayUsername?: string | null;
}

/** A row of Better Auth's `passkey` table as its endpoints return it. */
interface BetterAuthPasskey {
  id: string;
  name?: string | null;
  credentialID: string;
  createdAt?: string | null;
  deviceType?: string | null;
  backedUp?: boolean | null;
  transports?: string | null;
  aaguid?: string | null;
}

/**
 * Better Auth's error codes (its passkey plugin's and its core's) → the kit's. Anything else
 * goes by HTTP status.
 */
const CODES: Record<string, string> = {
  CHALLENGE_NOT_FOUND: 'challenge_invalid',
  FAILED_TO_VERIFY_REGISTRATION: 'verification_failed',
  AUTHENTICATION_FAILED: 'verification_failed',
  YOU_ARE_NOT_ALLOWED_TO_REGISTER_THIS_PASSKEY: 'forbidden',
  SESSION_REQUIRED: 'unauthenticated',
  UNAUTHORIZED: 'unauthenticated',
  SESSION_EXPIRED: 'unauthenticated',
  SESSION_NOT_FRESH: 'unauthenticated',
  PASSKEY_NOT_FOUND: 'not_found',
  RESOLVE_USER_REQUIRED: 'unauthenticated',
  RESOLVED_USER_INVALID: 'invalid_request',
  INVALID_ORIGIN: 'origin_mismatch',
  MISSING_OR_NULL_ORIGIN: 'origin_mismatch',
  CROSS_SITE_NAVIGATION_LOGIN_BLOCKED: 'origin_mismatch',
  VALIDATION_ERROR: 'invalid_request',
  TOO_MANY_REQUESTS: 'rate_limited',
};

export class BetterAuthClient implements PasskeyClient {
  readonly baseURL: string;
  private readonly headers: Record<string, string>;
  private readonly credentials: RequestCredentials;
  /** Passkey row ids by credential id: Better Auth renames and deletes by row id, the elements by credential id. */
  private readonly rows = new Map<string, string>();
  /** Whether the pending registration is a sign-up (then verify asks for a session). */
  private signingUp = false;
  private userHandle?: string;

  constructor(options: BetterAuthClientOptions = {}) {
    this.baseURL = (options.baseURL ?? '/api/auth').replace(/\/+$/, '');
    this.headers = options.headers ?? {};
    this.credentials = options.credentials ?? 'include';
  }

  /** One call; a non-2xx answer becomes a `PasskeyError` with the kit's code. */
  protected async call(
    path: string,
    body?: unknown,
    signal?: AbortSignal,
    method?: string,
  ): Promise<JsonAnswer['data']> {
    const answer = await callJson(this.baseURL + path, {
      body,
      method,
      signal,
      headers: this.headers,
      credentials: this.credentials,
    });
    if (!answer.ok) throw this.error(answer);
    return answer.data;
  }

  /** Better Auth answers errors as `{code, message}` (older versions: `{message}` only). */
  protected error(answer: JsonAnswer): PasskeyError {
    const code = String(answer.data?.code ?? '');
    const message = answer.data?.message || `HTTP ${answer.status}`;
    return new PasskeyError(
      CODES[code] ?? codeForStatus(answer.status),
      code ? `${code}: ${message}` : message,
    );
  }

  async registrationOptions(
    req: RegistrationOptionsRequest,
    signal?: AbortSignal,
  ): Promise<{options: PublicKeyCredentialCreationOptionsJSON}> {
    if (req.signupToken || req.recoveryToken)
      throw unsupported('Better Auth', 'e-mailed sign-up or recovery tokens for passkeys');
    this.signingUp = Boolean(req.username);
    const options = await this.call(
      '/passkey/generate-register-options' + query({name: req.username, context: req.username}),
      undefined,
      signal,
    );
    this.userHandle = options?.user?.id;
    return {options};
  }

  async registrationVerify(
    req: {response: RegistrationResponseJSON; name?: string},
    signal?: AbortSignal,
  ): Promise<{passkey: Passkey; user: User}> {
    const data = await this.call(
      '/passkey/verify-registration',
      {
        response: req.response,
        ...(req.name ? {name: req.name} : {}),
        ...(this.signingUp ? {createSession: true} : {}),
      },
      signal,
    );
    this.signingUp = false;
    // With a new session the answer carries the user; adding a passkey while signed in does not.
    const user: BetterAuthUser | undefined =
      data?.user ?? (await this.session(signal)).user ?? undefined;
    if (!user)
      throw new PasskeyError(
        'bad_response',
        'Better Auth registered the passkey but there is no session',
      );
    const passkey = data?.credentialID
      ? this.passkey(data)
      : passkeyFromRegistration(req.response, req.name);
    return {passkey, user: this.user(user, this.userHandle)};
  }

  async authenticationOptions(
    _req: {username?: string},
    signal?: AbortSignal,
  ): Promise<{options: PublicKeyCredentialRequestOptionsJSON}> {
    // Better Auth's options do not take a username: discoverable credentials (or, signed in, the
    // session's own passkeys).
    return {
      options: await this.call('/passkey/generate-authenticate-options', undefined, signal),
    };
  }

  async authenticationVerify(
    req: {response: AuthenticationResponseJSON},
    signal?: AbortSignal,
  ): Promise<{user: User}> {
    try {
      const data = await this.call(
        '/passkey/verify-authentication',
        {response: req.response},
        signal,
      );
      return {user: this.user(data.user, req.response.response.userHandle)};
    } catch (e) {
      // The plugin says PASSKEY_NOT_FOUND when the assertion names a credential it lacks.
      if (e instanceof PasskeyError && e.code === 'not_found') {
        throw new PasskeyError('unknown_credential', e.message, req.response.id);
      }
      throw e;
    }
  }

  async session(signal?: AbortSignal): Promise<{user: User | null}> {
    const data = await this.call('/get-session', undefined, signal);
    return {user: data?.user ? this.user(data.user) : null};
  }

  async signOut(signal?: AbortSignal): Promise<void> {
    await this.call('/sign-out', {}, signal);
  }

  async listPasskeys(signal?: AbortSignal): Promise<{passkeys: Passkey[]}> {
    const rows: BetterAuthPasskey[] =
      (await this.call('/passkey/list-user-passkeys', undefined, signal)) ?? [];
    const passkeys = rows.map((r) => this.passkey(r));
    passkeys.sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0));
    return {passkeys};
  }

  async renamePasskey(id: string, name: string, signal?: AbortSignal): Promise<{passkey: Passkey}> {
    const trimmed = name.trim();
    if (!trimmed || trimmed.length > 64)
      throw new PasskeyError('invalid_request', 'A passkey name has 1 to 64 characters');
    const data = await this.call(
      '/passkey/update-passkey',
      {id: await this.rowId(id, signal), name: trimmed},
      signal,
    );
    return {passkey: this.passkey(data.passkey)};
  }

  async deletePasskey(id: string, signal?: AbortSignal): Promise<void> {
    const rowId = await this.rowId(id, signal);
    await this.call('/passkey/delete-passkey', {id: rowId}, signal);
    this.rows.delete(id);
  }

  recoveryCodes(): Promise<{codes: string[]}> {
    return Promise.reject(unsupported("Better Auth's passkey plugin", 'recovery codes'));
  }
  reauthOptions(): Promise<{options: PublicKeyCredentialRequestOptionsJSON}> {
    return Promise.reject(unsupported("Better Auth's passkey plugin", 'step-up endpoints'));
  }
  reauthVerify(_req: {response: unknown}): Promise<{verifiedAt: string; stepUpToken: string}> {
    return Promise.reject(unsupported("Better Auth's passkey plugin", 'step-up endpoints'));
  }
  endOtherSessions(): Promise<void> {
    return Promise.reject(
      unsupported("Better Auth's passkey plugin", 'sign-out of other sessions'),
    );
  }
  mfaOptions(_req: {
    mfaToken: string;
  }): Promise<{mode: MfaMode; options: PublicKeyCredentialCreationOptionsJSON}> {
    return Promise.reject(unsupported("Better Auth's passkey plugin", 'passkey second factor'));
  }
  mfaVerify(_req: {mfaToken: string}): Promise<{user: User}> {
    return Promise.reject(unsupported("Better Auth's passkey plugin", 'passkey second factor'));
  }
  signupEmail(_req: {email: string}): Promise<void> {
    return Promise.reject(unsupported("Better Auth's passkey plugin", 'e-mailed sign-up codes'));
  }
  signupVerify(_req: {email: string; code: string}): Promise<{signupToken: string}> {
    return Promise.reject(unsupported("Better Auth's passkey plugin", 'e-mailed sign-up codes'));
  }
  recoveryRedeem(_req: {username: string; code: string}): Promise<{recoveryToken: string}> {
    return Promise.reject(unsupported("Better Auth's passkey plugin", 'recovery codes'));
  }

  /** Better Auth's row id for a credential id, from the list when not seen yet. */
  private async rowId(credentialId: string, signal?: AbortSignal): Promise<string> {
    if (!this.rows.has(credentialId)) await this.listPasskeys(signal);
    const row = this.rows.get(credentialId);
    if (!row) throw new PasskeyError('not_found', 'No such passkey for this user');
    return row;
  }

  private passkey(row: BetterAuthPasskey): Passkey {
    this.rows.set(row.credentialID, row.id);
    return {
      id: row.credentialID,
      name: row.name || '',
      createdAt: new Date(row.createdAt ?? Date.now()).toISOString(),
      lastUsedAt: null, // Better Auth does not record it
      backedUp: Boolean(row.backedUp),
      deviceType: row.deviceType === 'multiDevice' ? 'multiDevice' : 'singleDevice',
      transports: row.transports ? row.transports.split(',').filter(Boolean) : [],
      aaguid: row.aaguid ?? '00000000-0000-0000-0000-000000000000',
      authenticator: null,
    };
  }

  private user(u: BetterAuthUser, userHandle?: string): User {
    const username = u.username || u.email || u.name || u.id;
    return {
      id: u.id,
      username,
      displayName: u.displayUsername || u.name || username,
      webauthnUserId: userHandle ?? '',
    };
  }
}
