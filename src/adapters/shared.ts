/**
 * What the shipped adapters share: one JSON-over-fetch call that turns the network and parse
 * failures into the kit's codes, the `unsupported` error, and a `Passkey` read from a
 * registration response for backends whose answer does not describe the new passkey.
 */
import {base64URLStringToBuffer, type RegistrationResponseJSON} from '@simplewebauthn/browser';
import {PasskeyError} from '../core/client/passkey-error.js';
import type {Passkey} from '../core/client/types.js';

/** An answer: its status and parsed JSON body (`null` when empty). */
export interface JsonAnswer {
  status: number;
  ok: boolean;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  data: any;
}

/**
 * One request. A failed `fetch` is `network_error`; a body that is not JSON (when there is one)
 * is `bad_response`. HTTP errors are returned, not thrown: each adapter maps its backend's
 * errors itself. Once `signal` is aborted, it rejects with the signal's `AbortError` instead.
 */
export async function callJson(
  url: string,
  init: {
    method?: string;
    body?: unknown;
    headers?: Record<string, string>;
    credentials?: RequestCredentials;
    signal?: AbortSignal;
  } = {},
): Promise<JsonAnswer> {
  const signal = init.signal;
  let res: Response;
  try {
    res = await fetch(url, {
      method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
      credentials: init.credentials ?? 'include',
      headers: {
        ...(init.body === undefined ? {} : {'content-type': 'application/json'}),
        ...init.headers,
      },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      signal,
    });
  } catch (e) {
    throw signal?.aborted ? e : new PasskeyError('network_error', String(e));
  }
  const text = await res.text().catch(() => '');
  signal?.throwIfAborted();
  let data = null;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      throw new PasskeyError('bad_response', `HTTP ${res.status}: not JSON`);
    }
  }
  return {status: res.status, ok: res.ok, data};
}

/** The code for an HTTP status when the backend's own error code says nothing more precise. */
export function codeForStatus(status: number): string {
  if (status === 401) return 'unauthenticated';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not_found';
  if (status === 409) return 'credential_exists';
  if (status === 413) return 'payload_too_large';
  if (status === 415) return 'unsupported_media_type';
  if (status === 429) return 'rate_limited';
  if (status >= 500) return 'internal';
  if (status >= 400) return 'invalid_request';
  return 'bad_response';
}

/** The error for a flow the backend does not have (`code` `unsupported`). */
export function unsupported(backend: string, flow: string): PasskeyError {
  return new PasskeyError('unsupported', `${backend} has no ${flow}`);
}

/**
 * A `Passkey` described from the registration response itself (credential id, flags and AAGUID
 * from the authenticator data), for backends that answer a registration without describing it.
 */
export function passkeyFromRegistration(
  response: RegistrationResponseJSON,
  name?: string,
): Passkey {
  let backedUp = false;
  let multiDevice = false;
  let aaguid = '00000000-0000-0000-0000-000000000000';
  if (response.response.authenticatorData) {
    // rpIdHash (32 bytes), flags (1), signCount (4), then the AAGUID (16) of the attested credential.
    const data = new Uint8Array(base64URLStringToBuffer(response.response.authenticatorData));
    const flags = data[32] ?? 0;
    multiDevice = Boolean(flags & 0x08);
    backedUp = Boolean(flags & 0x10);
    if (data.length >= 53) {
      const hex = Array.from(data.slice(37, 53), (b) => b.toString(16).padStart(2, '0')).join('');
      aaguid = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
    }
  }
  return {
    id: response.id,
    name: name?.trim() ?? '', // unnamed: the elements show a localized "Passkey"
    createdAt: new Date().toISOString(),
    lastUsedAt: null,
    backedUp,
    deviceType: multiDevice ? 'multiDevice' : 'singleDevice',
    transports: response.response.transports ?? [],
    aaguid,
    authenticator: null,
  };
}

/** Query string from defined values. */
export function query(params: Record<string, string | undefined | null>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v != null && v !== '') q.set(k, v);
  const s = q.toString();
  return s ? '?' + s : '';
}
