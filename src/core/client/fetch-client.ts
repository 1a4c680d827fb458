import type {
  AuthenticationResponseJSON,
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
  RegistrationResponseJSON,
} from '@simplewebauthn/browser';
import {PasskeyError} from './passkey-error.js';
import type {
  CeremonyClient,
  MfaMode,
  Passkey,
  PasskeyClient,
  RecoveryCodeStatusResponse,
  RegistrationOptionsRequest,
  User,
} from './types.js';

type Body = object | undefined;
type Signal = AbortSignal | undefined;

/**
 * The two ceremonies of the kit's backend contract (CONTRACT.md) over `fetch`, with
 * the session cookie (`credentials: 'include'`) and any extra `headers`. What sign-in and
 * registration need, and no more: pages that only sign in do not download the other flows.
 */
export class FetchCeremonyClient implements CeremonyClient {
  /**
   * `api` empty or absent (an element whose `api` attribute was removed passes `null`) means the
   * kit's default base URL, `/passkeys`.
   */
  constructor(
    readonly api?: string | null,
    readonly headers: Record<string, string> = {},
  ) {}

  /**
   * Sends one request and returns the parsed body, or throws a `PasskeyError` (or, once `signal`
   * is aborted, the signal's `AbortError`).
   */
  async request<T>(method: string, path: string, body?: Body, signal?: Signal): Promise<T> {
    let res: Response;
    try {
      res = await fetch((this.api || '/passkeys').replace(/\/$/, '') + path, {
        method,
        credentials: 'include',
        headers: {
          ...(body ? {'content-type': 'application/json'} : {}),
          ...this.headers,
        },
        body: body && JSON.stringify(body),
        signal,
      });
    } catch (e) {
      throw signal?.aborted ? e : new PasskeyError('network_error', String(e));
    }
    if (res.status === 204 || res.status === 202) return undefined as T;
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    let data: any;
    try {
      data = await res.json();
    } catch (e) {
      throw signal?.aborted ? e : new PasskeyError('bad_response', `HTTP ${res.status}`);
    }
    if (!res.ok) {
      const e = data?.error;
      throw new PasskeyError(
        e?.code || 'bad_response',
        e?.message || `HTTP ${res.status}`,
        data?.credentialId,
      );
    }
    return data;
  }

  // One endpoint each: the paths are the contract's (CONTRACT.md, "Endpoints"), the types its
  // objects, so that `implements` checks them against the interface.
  registrationOptions = (b: RegistrationOptionsRequest, s?: Signal) =>
    this.post<{options: PublicKeyCredentialCreationOptionsJSON}>('/registration/options', b, s);
  registrationVerify = (b: {response: RegistrationResponseJSON; name?: string}, s?: Signal) =>
    this.post<{passkey: Passkey; user: User}>('/registration/verify', b, s);
  authenticationOptions = (b: {username?: string}, s?: Signal) =>
    this.post<{options: PublicKeyCredentialRequestOptionsJSON}>('/authentication/options', b, s);
  authenticationVerify = (b: {response: AuthenticationResponseJSON}, s?: Signal) =>
    this.post<{user: User}>('/authentication/verify', b, s);

  protected post<T>(path: string, body: Body, signal?: Signal) {
    return this.request<T>('POST', path, body, signal);
  }
}

/**
 * The whole contract over `fetch`: the ceremonies, and managing, step-up, MFA, sign-up and
 * recovery.
 */
export class FetchClient extends FetchCeremonyClient implements PasskeyClient {
  session = (s?: Signal) =>
    this.request<{user: User | null; rpId?: string; verifiedAt?: string | null}>(
      'GET',
      '/session',
      undefined,
      s,
    );
  signOut = (s?: Signal) => this.request<void>('DELETE', '/session', undefined, s);
  endOtherSessions = (s?: Signal) => this.request<void>('DELETE', '/sessions', undefined, s);
  listPasskeys = (s?: Signal) =>
    this.request<{passkeys: Passkey[]}>('GET', '/passkeys', undefined, s);
  renamePasskey = (id: string, name: string, s?: Signal) =>
    this.request<{passkey: Passkey}>('PATCH', this.passkey(id), {name}, s);
  deletePasskey = (id: string, s?: Signal) =>
    this.request<void>('DELETE', this.passkey(id), undefined, s);
  recoveryCodes = (s?: Signal) => this.post<{codes: string[]}>('/recovery/codes', {}, s);
  recoveryCodeStatus = (s?: Signal) =>
    this.request<RecoveryCodeStatusResponse>('GET', '/recovery/codes', undefined, s);
  reauthOptions = (s?: Signal) =>
    this.post<{options: PublicKeyCredentialRequestOptionsJSON}>('/reauth/options', {}, s);
  reauthVerify = (b: {response: AuthenticationResponseJSON; action?: string}, s?: Signal) =>
    this.post<{verifiedAt: string; stepUpToken: string}>('/reauth/verify', b, s);
  mfaOptions = (b: {mfaToken: string}, s?: Signal) =>
    this.post<{
      mode: MfaMode;
      options: PublicKeyCredentialCreationOptionsJSON | PublicKeyCredentialRequestOptionsJSON;
    }>('/mfa/options', b, s);
  mfaVerify = (
    b: {mfaToken: string; response: RegistrationResponseJSON | AuthenticationResponseJSON},
    s?: Signal,
  ) => this.post<{user: User; passkey?: Passkey}>('/mfa/verify', b, s);
  signupEmail = (b: {email: string}, s?: Signal) => this.post<void>('/signup/email', b, s);
  signupVerify = (b: {email: string; code: string}, s?: Signal) =>
    this.post<{signupToken: string}>('/signup/email/verify', b, s);
  recoveryRedeem = (b: {username: string; code: string}, s?: Signal) =>
    this.post<{recoveryToken: string}>('/recovery/redeem', b, s);

  private passkey(id: string) {
    return '/passkeys/' + encodeURIComponent(id);
  }
}
