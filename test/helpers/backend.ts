// Browser-side helpers for talking to the reference backend that the test runner mounts on the
// page's own origin at /passkeys (see web-test-runner.config.mjs). Every test file shares one
// database for the whole run, so make names unique with uniqueName().

import {
  startAuthentication,
  startRegistration,
  type AuthenticationResponseJSON,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
  type RegistrationResponseJSON,
} from '@simplewebauthn/browser';

export const API_BASE = '/passkeys';

// The contract's objects, as the elements type them.
export type {Passkey, User} from '../../src/core/client/types.js';
import type {Passkey, User} from '../../src/core/client/types.js';

export interface ApiError {
  code: string;
  message: string;
}

export interface ApiResponse<T> {
  status: number;
  ok: boolean;
  headers: Headers;
  /** Parsed JSON body, or null when there is none (e.g. 204). */
  body: T | null;
  /** The contract's `error` object on a non-2xx answer. */
  error: ApiError | null;
}

let counter = 0;

/** A username no other test in this run has used: `${prefix}-<time>-<random>-<n>`, lowercase. */
export function uniqueName(prefix = 'user'): string {
  counter += 1;
  const random = Math.random().toString(36).slice(2, 8);
  return `${prefix}-${Date.now().toString(36)}-${random}-${counter}`.toLowerCase();
}

/** An e-mail address no other test in this run has used (`uniqueName(prefix)` at example.com). */
export const uniqueEmail = (prefix = 'user') => `${uniqueName(prefix)}@example.com`;

export interface ApiInit extends Omit<RequestInit, 'body'> {
  /** Serialized as JSON (with the JSON content type) unless it is already a string or BodyInit. */
  body?: unknown;
}

/**
 * fetch() against the backend: `path` is relative to /passkeys (`'/session'`), JSON in and out,
 * cookies included. Never throws on an HTTP error status; look at `status` / `error`.
 */
export async function api<T = unknown>(path: string, init: ApiInit = {}): Promise<ApiResponse<T>> {
  const {body, headers, ...rest} = init;
  const finalHeaders = new Headers(headers);
  let finalBody: BodyInit | undefined;
  if (body !== undefined) {
    if (
      typeof body === 'string' ||
      body instanceof Blob ||
      body instanceof FormData ||
      body instanceof URLSearchParams
    ) {
      finalBody = body;
    } else {
      finalBody = JSON.stringify(body);
      if (!finalHeaders.has('content-type')) finalHeaders.set('content-type', 'application/json');
    }
  }
  if (!finalHeaders.has('accept')) finalHeaders.set('accept', 'application/json');
  const method = rest.method ?? (finalBody === undefined ? 'GET' : 'POST');
  const response = await fetch(`${API_BASE}${path}`, {
    credentials: 'include',
    ...rest,
    method,
    headers: finalHeaders,
    body: finalBody,
  });
  const text = await response.text();
  let parsed: unknown = null;
  if (text) {
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = text;
    }
  }
  const error =
    !response.ok && parsed && typeof parsed === 'object' && 'error' in parsed
      ? ((parsed as {error: ApiError}).error ?? null)
      : null;
  return {
    status: response.status,
    ok: response.ok,
    headers: response.headers,
    body: parsed as T | null,
    error,
  };
}

/** Like api(), but throws with the backend's error unless the answer is 2xx. */
export async function apiOk<T = unknown>(path: string, init: ApiInit = {}): Promise<T> {
  const res = await api<T>(path, init);
  if (!res.ok) {
    const detail = res.error ? `${res.error.code}: ${res.error.message}` : JSON.stringify(res.body);
    throw new Error(
      `${init.method ?? (init.body === undefined ? 'GET' : 'POST')} ${API_BASE}${path} → ${res.status} ${detail}`,
    );
  }
  return res.body as T;
}

export interface SessionInfo {
  user: User | null;
  rpId: string;
  /** (v1.1) When this session last verified a passkey, ISO 8601; `null`: never. */
  verifiedAt: string | null;
}

/** GET /session */
export function getSession(): Promise<SessionInfo> {
  return apiOk<SessionInfo>('/session');
}

/** DELETE /session; resolves once the backend has dropped the session. */
export async function signOut(): Promise<void> {
  const res = await api('/session', {method: 'DELETE'});
  if (!res.ok) throw new Error(`DELETE ${API_BASE}/session → ${res.status}`);
}

/**
 * Registers a passkey through the backend and the page's authenticator, without any element:
 * sign-up for `username` when signed out, "add a passkey" when signed in.
 */
export async function registerPasskey(
  options: {username?: string; displayName?: string; name?: string} = {},
): Promise<{user: User; passkey: Passkey; response: RegistrationResponseJSON}> {
  const {name, ...who} = options;
  const {options: creation} = await apiOk<{options: PublicKeyCredentialCreationOptionsJSON}>(
    '/registration/options',
    {body: who},
  );
  const response = await startRegistration({optionsJSON: creation});
  const result = await apiOk<{user: User; passkey: Passkey}>('/registration/verify', {
    body: name === undefined ? {response} : {response, name},
  });
  return {...result, response};
}

/** Signs in with a passkey from the page's authenticator (discoverable unless `username` is given). */
export async function signInWithPasskey(
  options: {username?: string} = {},
): Promise<{user: User; response: AuthenticationResponseJSON}> {
  const {options: request} = await apiOk<{options: PublicKeyCredentialRequestOptionsJSON}>(
    '/authentication/options',
    {body: options},
  );
  const response = await startAuthentication({optionsJSON: request});
  const result = await apiOk<{user: User}>('/authentication/verify', {body: {response}});
  return {...result, response};
}

/**
 * Calls one of the backend's test hooks (test/plugins/backend-plugin.mjs; the test runner's only,
 * outside /passkeys) for this page's session: `age-session {seconds}` makes its last passkey
 * verification `seconds` old (null: none), `step-up-check {token, action?}` runs the server's
 * exported checkStepUpToken() as a site's backend would. Throws unless the answer is 200.
 */
export async function testHook<T = unknown>(
  name: 'age-session' | 'step-up-check',
  body: object,
): Promise<T> {
  const res = await fetch(`/__test/${name}`, {
    method: 'POST',
    credentials: 'include',
    headers: {'content-type': 'application/json'},
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`POST /__test/${name} → ${res.status} ${await res.text()}`);
  return res.json();
}
