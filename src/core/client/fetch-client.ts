import {PasskeyError} from './passkey-error.js';
import type {CeremonyClient, PasskeyClient} from './types.js';

type Body = object | undefined;

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

  /** Sends one request and returns the parsed body, or throws a `PasskeyError`. */
  async request<T>(method: string, path: string, body?: Body): Promise<T> {
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
      });
    } catch (e) {
      throw new PasskeyError('network_error', String(e));
    }
    if (res.status === 204 || res.status === 202) return undefined as T;
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    let data: any;
    try {
      data = await res.json();
    } catch {
      throw new PasskeyError('bad_response', `HTTP ${res.status}`);
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

  // One line an endpoint: the paths are the contract's (CONTRACT.md, "Endpoints").
  registrationOptions = (b: Body) => this.post('/registration/options', b);
  registrationVerify = (b: Body) => this.post('/registration/verify', b);
  authenticationOptions = (b: Body) => this.post('/authentication/options', b);
  authenticationVerify = (b: Body) => this.post('/authentication/verify', b);

  protected post<T = never>(path: string, body: Body) {
    return this.request<T>('POST', path, body);
  }
}

/** The whole contract over `fetch`: the ceremonies, and managing, MFA, sign-up and recovery. */
export class FetchClient extends FetchCeremonyClient implements PasskeyClient {
  session = () => this.request<never>('GET', '/session');
  signOut = () => this.request<void>('DELETE', '/session');
  listPasskeys = () => this.request<never>('GET', '/passkeys');
  renamePasskey = (id: string, name: string) =>
    this.request<never>('PATCH', this.passkey(id), {name});
  deletePasskey = (id: string) => this.request<void>('DELETE', this.passkey(id));
  recoveryCodes = () => this.post('/recovery/codes', {});
  mfaOptions = (b: Body) => this.post('/mfa/options', b);
  mfaVerify = (b: Body) => this.post('/mfa/verify', b);
  signupEmail = (b: Body) => this.post<void>('/signup/email', b);
  signupVerify = (b: Body) => this.post('/signup/email/verify', b);
  recoveryRedeem = (b: Body) => this.post('/recovery/redeem', b);

  private passkey(id: string) {
    return '/passkeys/' + encodeURIComponent(id);
  }
}
