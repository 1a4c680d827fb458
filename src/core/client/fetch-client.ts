import {PasskeyError} from './passkey-error.js';
import type {PasskeyClient} from './types.js';

type Body = object | undefined;

/**
 * The default client: speaks the kit's backend contract (CONTRACT.md) over `fetch`,
 * with the session cookie (`credentials: 'include'`) and any extra `headers`.
 */
export class FetchClient implements PasskeyClient {
  constructor(
    readonly api = '/passkeys',
    readonly headers: Record<string, string> = {}
  ) {}

  /** Sends one request and returns the parsed body, or throws a `PasskeyError`. */
  async request<T>(method: string, path: string, body?: Body): Promise<T> {
    let res: Response;
    try {
      res = await fetch(this.api.replace(/\/$/, '') + path, {
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
    if (res.status == 204) return undefined as T;
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    let data: any;
    try {
      data = await res.json();
    } catch {
      throw new PasskeyError('bad_response', `HTTP ${res.status}`);
    }
    if (!res.ok) {
      const e = data?.error;
      throw new PasskeyError(e?.code || 'bad_response', e?.message || `HTTP ${res.status}`, data?.credentialId);
    }
    if (typeof data != 'object' || !data) throw new PasskeyError('bad_response');
    return data;
  }

  registrationOptions(body: Body) {
    return this.request<never>('POST', '/registration/options', body);
  }
  registrationVerify(body: Body) {
    return this.request<never>('POST', '/registration/verify', body);
  }
  authenticationOptions(body: Body) {
    return this.request<never>('POST', '/authentication/options', body);
  }
  authenticationVerify(body: Body) {
    return this.request<never>('POST', '/authentication/verify', body);
  }
  session() {
    return this.request<never>('GET', '/session');
  }
  signOut() {
    return this.request<void>('DELETE', '/session');
  }
}
