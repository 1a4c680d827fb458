/**
 * passkey-elements/adapters/loginradius: the elements against LoginRadius's passkey APIs
 * (passwordless sign-up and sign-in, adding a passkey) and its passkey second factor (MFA).
 * LoginRadius answers with an access token: the adapter keeps it (in memory, or in the
 * `tokenStore` you give it) and sends it as `Authorization: Bearer` on account calls.
 *
 * ```js
 * import {LoginRadiusClient} from 'passkey-elements/adapters/loginradius';
 * const client = new LoginRadiusClient({apiKey: 'YOUR_API_KEY'});
 * document.querySelector('passkey-login').client = client;
 * ```
 *
 * Paths (all under `baseURL`, default `https://api.loginradius.com`, each with `?apikey=`):
 *
 * | element call | LoginRadius endpoint |
 * | --- | --- |
 * | registrationOptions (sign-up) | `GET /identity/v2/auth/register/passkey/begin?identifier=` |
 * | registrationVerify (sign-up) | `POST /identity/v2/auth/register/passkey/finish {PasskeyCredential}` |
 * | registrationOptions / Verify (signed in: add a passkey) | `GET /identity/v2/auth/account/passkey/begin`, `POST /identity/v2/auth/account/passkey/finish` |
 * | authenticationOptions / Verify | `GET /identity/v2/auth/login/passkey/begin`, `POST /identity/v2/auth/login/passkey/finish` |
 * | mfaOptions / mfaVerify (register) | `GET /identity/v2/auth/login/2fa/register/passkey/begin`, `POST /identity/v2/auth/login/2fa/register/passkey/finish` (`secondfactorauthenticationtoken=`) |
 * | mfaOptions / mfaVerify (verify) | `GET /identity/v2/auth/login/2fa/passkey/begin`, `POST /identity/v2/auth/login/2fa/passkey/finish` |
 * | resetMfaPasskey() | `DELETE /identity/v2/auth/account/2fa/authenticator/passkey` (Bearer) |
 * | session / signOut | `GET /identity/v2/auth/account` / `GET /identity/v2/auth/access_token/invalidate` (Bearer) |
 *
 * The MFA paths and bodies are the ones LoginRadius documents; the first-factor passkey paths
 * follow the same scheme (its overview names those APIs without their paths); session and sign-out
 * are LoginRadius's token APIs. Any path can be replaced through `paths`. Listing, renaming and
 * deleting passkeys, recovery codes, e-mailed sign-up codes, step-up (`/reauth/*`) and signing
 * out other sessions are not in LoginRadius's passkey APIs: those methods throw `unsupported`.
 *
 * MFA: the first factor (your LoginRadius login call) answers with a `SecondFactorAuthentication`
 * object. Hand it to `secondFactor()`, which remembers whether the user already has a passkey
 * (`IsPasskeyAuthenticatorVerified`) and returns the token for `<passkey-mfa mfa-token>`.
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

export const LOGINRADIUS_PATHS = {
  registerBegin: '/identity/v2/auth/register/passkey/begin',
  registerFinish: '/identity/v2/auth/register/passkey/finish',
  addBegin: '/identity/v2/auth/account/passkey/begin',
  addFinish: '/identity/v2/auth/account/passkey/finish',
  loginBegin: '/identity/v2/auth/login/passkey/begin',
  loginFinish: '/identity/v2/auth/login/passkey/finish',
  mfaRegisterBegin: '/identity/v2/auth/login/2fa/register/passkey/begin',
  mfaRegisterFinish: '/identity/v2/auth/login/2fa/register/passkey/finish',
  mfaVerifyBegin: '/identity/v2/auth/login/2fa/passkey/begin',
  mfaVerifyFinish: '/identity/v2/auth/login/2fa/passkey/finish',
  mfaReset: '/identity/v2/auth/account/2fa/authenticator/passkey',
  profile: '/identity/v2/auth/account',
  invalidate: '/identity/v2/auth/access_token/invalidate',
};

/** Where the access token lives between page loads (e.g. `sessionStorage`); default: memory only. */
export interface TokenStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export interface LoginRadiusClientOptions {
  /** Your LoginRadius API key (public: it is sent from the browser). */
  apiKey: string;
  /** default `https://api.loginradius.com` */
  baseURL?: string;
  /** Replace any endpoint path. */
  paths?: Partial<typeof LOGINRADIUS_PATHS>;
  tokenStore?: TokenStore;
}

/** A LoginRadius profile (the fields the adapter reads). */
interface Profile {
  Uid: string;
  ID?: string;
  UserName?: string | null;
  FullName?: string | null;
  FirstName?: string | null;
  Email?: {Type: string; Value: string}[] | null;
}

/** LoginRadius's `SecondFactorAuthentication` object (the fields the adapter reads). */
export interface SecondFactorAuthentication {
  SecondFactorAuthenticationToken: string;
  IsPasskeyAuthenticatorVerified?: boolean;
}

const TOKEN_KEY = 'passkey-elements:loginradius-token';

/** A memory-only token store. */
class MemoryStore implements TokenStore {
  private value: string | null = null;
  getItem() {
    return this.value;
  }
  setItem(_k: string, v: string) {
    this.value = v;
  }
  removeItem() {
    this.value = null;
  }
}

export class LoginRadiusClient implements PasskeyClient {
  readonly baseURL: string;
  readonly paths: typeof LOGINRADIUS_PATHS;
  private readonly apiKey: string;
  private readonly tokens: TokenStore;
  /** Second-factor tokens → whether the user already has an MFA passkey. */
  private readonly mfaModes = new Map<string, MfaMode>();
  private pending?: {kind: 'signup' | 'add'; identifier?: string; userHandle?: string};

  constructor(options: LoginRadiusClientOptions) {
    if (!options?.apiKey)
      throw new PasskeyError('invalid_request', 'LoginRadiusClient needs an apiKey');
    this.apiKey = options.apiKey;
    this.baseURL = (options.baseURL ?? 'https://api.loginradius.com').replace(/\/+$/, '');
    this.paths = {...LOGINRADIUS_PATHS, ...options.paths};
    this.tokens = options.tokenStore ?? new MemoryStore();
  }

  /** The access token from the last sign-in or sign-up, if any. */
  get accessToken(): string | null {
    return this.tokens.getItem(TOKEN_KEY);
  }

  /**
   * Records the first factor's `SecondFactorAuthentication` answer and returns the token to put
   * in `<passkey-mfa mfa-token>`.
   */
  secondFactor(sfa: SecondFactorAuthentication): string {
    const token = sfa.SecondFactorAuthenticationToken;
    this.mfaModes.set(token, sfa.IsPasskeyAuthenticatorVerified ? 'verify' : 'register');
    return token;
  }

  protected async call(
    path: string,
    params: Record<string, string | undefined> = {},
    init: {method?: string; body?: unknown; bearer?: boolean; signal?: AbortSignal} = {},
  ): Promise<JsonAnswer['data']> {
    const token = this.accessToken;
    if (init.bearer && !token)
      throw new PasskeyError('unauthenticated', 'No LoginRadius access token: sign in first');
    const answer = await callJson(this.baseURL + path + query({apikey: this.apiKey, ...params}), {
      method: init.method,
      signal: init.signal,
      body: init.body,
      credentials: 'omit',
      headers: init.bearer ? {authorization: `Bearer ${token}`} : {},
    });
    if (!answer.ok) throw this.error(answer, path);
    return answer.data;
  }

  /**
   * LoginRadius errors are `{Description, ErrorCode, Message}`; their codes are many and not
   * passkey-specific, so the kit's code comes from the status and the call that failed.
   */
  protected error(answer: JsonAnswer, path: string): PasskeyError {
    const d = answer.data ?? {};
    const message =
      [d.ErrorCode, d.Message || d.Description].filter(Boolean).join(': ') ||
      `HTTP ${answer.status}`;
    let code = codeForStatus(answer.status);
    const finishing = path.endsWith('/finish');
    if (answer.status === 400 && finishing) code = 'verification_failed';
    if (answer.status === 409)
      code = path === this.paths.registerBegin ? 'user_exists' : 'credential_exists';
    if (answer.status === 404 && path === this.paths.loginFinish) code = 'unknown_credential';
    if (answer.status === 403 && /origin/i.test(message)) code = 'origin_mismatch';
    return new PasskeyError(code, message);
  }

  /** The options, bare or in go-webauthn's `{publicKey}` wrapping. */
  private options<T>(data: {publicKey?: T} | T): T {
    return ((data as {publicKey?: T})?.publicKey ?? data) as T;
  }

  private signedIn(data: {access_token?: string; Profile?: Profile}, userHandle?: string): User {
    if (!data?.access_token || !data.Profile)
      throw new PasskeyError(
        'bad_response',
        'LoginRadius answered without access_token and Profile',
      );
    this.tokens.setItem(TOKEN_KEY, data.access_token);
    return this.user(data.Profile, userHandle);
  }

  async registrationOptions(
    req: RegistrationOptionsRequest,
    signal?: AbortSignal,
  ): Promise<{options: PublicKeyCredentialCreationOptionsJSON}> {
    if (req.signupToken || req.recoveryToken)
      throw unsupported('LoginRadius', 'e-mailed sign-up or recovery tokens for passkeys');
    const adding = !req.username && Boolean(this.accessToken);
    const data = adding
      ? await this.call(this.paths.addBegin, {}, {bearer: true, signal})
      : await this.call(this.paths.registerBegin, {identifier: req.username}, {signal});
    const options = this.options<PublicKeyCredentialCreationOptionsJSON>(data);
    this.pending = {
      kind: adding ? 'add' : 'signup',
      identifier: req.username,
      userHandle: options?.user?.id,
    };
    return {options};
  }

  async registrationVerify(
    req: {response: RegistrationResponseJSON; name?: string},
    signal?: AbortSignal,
  ): Promise<{passkey: Passkey; user: User}> {
    const pending = this.pending;
    if (!pending) throw new PasskeyError('challenge_invalid', 'No registration under way');
    this.pending = undefined;
    const passkey = passkeyFromRegistration(req.response, req.name);
    if (pending.kind === 'add') {
      await this.call(
        this.paths.addFinish,
        {},
        {body: {PasskeyCredential: req.response}, bearer: true, signal},
      );
      const {user} = await this.session(signal);
      if (!user) throw new PasskeyError('unauthenticated', 'The LoginRadius session ended');
      return {passkey, user};
    }
    const data = await this.call(
      this.paths.registerFinish,
      {identifier: pending.identifier},
      {body: {PasskeyCredential: req.response}, signal},
    );
    return {passkey, user: this.signedIn(data, pending.userHandle)};
  }

  async authenticationOptions(
    req: {username?: string},
    signal?: AbortSignal,
  ): Promise<{options: PublicKeyCredentialRequestOptionsJSON}> {
    const data = await this.call(this.paths.loginBegin, {identifier: req.username}, {signal});
    return {options: this.options<PublicKeyCredentialRequestOptionsJSON>(data)};
  }

  async authenticationVerify(
    req: {response: AuthenticationResponseJSON},
    signal?: AbortSignal,
  ): Promise<{user: User}> {
    try {
      const data = await this.call(
        this.paths.loginFinish,
        {},
        {body: {PasskeyCredential: req.response}, signal},
      );
      return {user: this.signedIn(data, req.response.response.userHandle)};
    } catch (e) {
      if (e instanceof PasskeyError && e.code === 'unknown_credential')
        throw new PasskeyError(e.code, e.message, req.response.id);
      throw e;
    }
  }

  async mfaOptions(
    req: {mfaToken: string},
    signal?: AbortSignal,
  ): Promise<{
    mode: MfaMode;
    options: PublicKeyCredentialCreationOptionsJSON | PublicKeyCredentialRequestOptionsJSON;
  }> {
    const mode = this.mfaModes.get(req.mfaToken);
    if (!mode)
      throw new PasskeyError(
        'unauthenticated',
        'Unknown second-factor token: pass the SecondFactorAuthentication answer to secondFactor() first',
      );
    const path = mode === 'register' ? this.paths.mfaRegisterBegin : this.paths.mfaVerifyBegin;
    const data = await this.call(path, {secondfactorauthenticationtoken: req.mfaToken}, {signal});
    return {mode, options: this.options(data)};
  }

  async mfaVerify(
    req: {mfaToken: string; response: RegistrationResponseJSON | AuthenticationResponseJSON},
    signal?: AbortSignal,
  ): Promise<{user: User; passkey?: Passkey}> {
    const mode = this.mfaModes.get(req.mfaToken);
    if (!mode) throw new PasskeyError('unauthenticated', 'Unknown second-factor token');
    const path = mode === 'register' ? this.paths.mfaRegisterFinish : this.paths.mfaVerifyFinish;
    const data = await this.call(
      path,
      {secondfactorauthenticationtoken: req.mfaToken},
      {body: {PasskeyCredential: req.response}, signal},
    );
    this.mfaModes.delete(req.mfaToken);
    const user = this.signedIn(data);
    return mode === 'register'
      ? {user, passkey: passkeyFromRegistration(req.response as RegistrationResponseJSON)}
      : {user};
  }

  /** The signed-in user removes their MFA passkey (LoginRadius's user-initiated reset). */
  async resetMfaPasskey(): Promise<void> {
    await this.call(this.paths.mfaReset, {}, {method: 'DELETE', bearer: true});
  }

  async session(signal?: AbortSignal): Promise<{user: User | null}> {
    if (!this.accessToken) return {user: null};
    try {
      return {user: this.user(await this.call(this.paths.profile, {}, {bearer: true, signal}))};
    } catch (e) {
      if (e instanceof PasskeyError && e.code === 'unauthenticated') {
        this.tokens.removeItem(TOKEN_KEY);
        return {user: null};
      }
      throw e;
    }
  }

  async signOut(signal?: AbortSignal): Promise<void> {
    if (!this.accessToken) return;
    try {
      await this.call(this.paths.invalidate, {}, {bearer: true, signal});
    } finally {
      this.tokens.removeItem(TOKEN_KEY);
    }
  }

  listPasskeys(): Promise<{passkeys: Passkey[]}> {
    return Promise.reject(unsupported('LoginRadius', 'API to list passkeys'));
  }
  renamePasskey(_id: string, _name: string): Promise<{passkey: Passkey}> {
    return Promise.reject(unsupported('LoginRadius', 'API to rename passkeys'));
  }
  deletePasskey(_id: string): Promise<void> {
    return Promise.reject(unsupported('LoginRadius', 'API to delete one passkey'));
  }
  recoveryCodes(): Promise<{codes: string[]}> {
    return Promise.reject(unsupported("LoginRadius's passkey APIs", 'recovery codes'));
  }
  reauthOptions(): Promise<{options: PublicKeyCredentialRequestOptionsJSON}> {
    return Promise.reject(unsupported("LoginRadius's passkey APIs", 'step-up endpoints'));
  }
  reauthVerify(_req: {response: unknown}): Promise<{verifiedAt: string; stepUpToken: string}> {
    return Promise.reject(unsupported("LoginRadius's passkey APIs", 'step-up endpoints'));
  }
  endOtherSessions(): Promise<void> {
    return Promise.reject(unsupported("LoginRadius's passkey APIs", 'sign-out of other sessions'));
  }
  signupEmail(_req: {email: string}): Promise<void> {
    return Promise.reject(unsupported("LoginRadius's passkey APIs", 'e-mailed sign-up codes'));
  }
  signupVerify(_req: {email: string; code: string}): Promise<{signupToken: string}> {
    return Promise.reject(unsupported("LoginRadius's passkey APIs", 'e-mailed sign-up codes'));
  }
  recoveryRedeem(_req: {username: string; code: string}): Promise<{recoveryToken: string}> {
    return Promise.reject(unsupported("LoginRadius's passkey APIs", 'recovery codes'));
  }

  private user(p: Profile, userHandle?: string): User {
    const email = p.Email?.find((e) => e.Type === 'Primary')?.Value ?? p.Email?.[0]?.Value;
    const username = p.UserName || email || p.Uid;
    return {
      id: p.Uid,
      username,
      displayName: p.FullName || p.FirstName || username,
      webauthnUserId: userHandle ?? '',
    };
  }
}
