// Browser-side wrappers for the DevTools virtual authenticator (the webauthnPlugin of src/testing/web-test-runner.ts).
//
// The authenticator belongs to the page of the current test file and disappears when the file
// ends. Commands without an `authenticatorId` act on the most recently added authenticator.

import {bufferToBase64URLString} from '@simplewebauthn/browser';
import {executeServerCommand} from '@web/test-runner-commands';

// The shapes are the exported helpers' own (types only: nothing of Node's reaches the page).
import type {
  NewVirtualCredential,
  VirtualAuthenticatorOptions,
  VirtualCredential,
} from '../../src/testing/virtual-authenticator.js';

export type {NewVirtualCredential, VirtualAuthenticatorOptions, VirtualCredential};

type Target = {authenticatorId?: string};

function command<R>(name: string, payload?: object): Promise<R> {
  return executeServerCommand<R, object | undefined>(`webauthn:${name}`, payload);
}

/**
 * Adds a virtual authenticator to this page and returns its id. Defaults: an internal (platform)
 * CTAP2 authenticator with resident keys and user verification, which verifies the user and
 * simulates presence on its own, so ceremonies complete without any prompt.
 */
export async function addVirtualAuthenticator(
  options: VirtualAuthenticatorOptions = {},
): Promise<string> {
  const {authenticatorId} = await command<{authenticatorId: string}>('add', options);
  return authenticatorId;
}

/** The credentials the authenticator holds. */
export function getCredentials(target: Target = {}): Promise<VirtualCredential[]> {
  return command('credentials', target);
}

/** The credentials with their private keys, to plant again with addCredential(). */
export function getCredentialsWithKeys(
  target: Target = {},
): Promise<(VirtualCredential & {privateKey: string})[]> {
  return command('credentials', {...target, privateKey: true});
}

/** Whether the next user-verification attempt succeeds. `false` makes ceremonies that require UV fail with NotAllowedError. */
export async function setUserVerified(value: boolean, target: Target = {}): Promise<void> {
  await command('set-user-verified', {...target, value});
}

/** Automatic presence simulation. With it off, a ceremony waits (as for a real touch) until aborted or timed out. */
export async function setPresence(value: boolean, target: Target = {}): Promise<void> {
  await command('set-presence', {...target, value});
}

/** Removes the authenticator (the most recent one unless an id is given). */
export async function removeVirtualAuthenticator(target: Target = {}): Promise<void> {
  await command('remove', target);
}

/** Deletes every credential of the authenticator; with `all: true`, removes every authenticator instead. */
export async function clearCredentials(options: Target & {all?: boolean} = {}): Promise<void> {
  await command('clear', options);
}

/** Plants a credential in the authenticator. */
export async function addCredential(
  credential: NewVirtualCredential,
  target: Target = {},
): Promise<void> {
  await command('add-credential', {...target, credential});
}

/** Deletes one credential (id in base64url) from the authenticator. */
export async function removeCredential(credentialId: string, target: Target = {}): Promise<void> {
  await command('remove-credential', {...target, credentialId});
}

/** base64url of bytes, for building credentials to plant. */
export function toBase64url(bytes: ArrayBuffer | Uint8Array): string {
  const view = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  return bufferToBase64URLString(view.slice().buffer);
}

/**
 * A fresh credential for `rpId` that no backend knows: random id and user handle, a new P-256
 * key. Plant it with addCredential() to test how the UI handles an unknown credential.
 */
export async function makeCredential(
  rpId = location.hostname,
  userName = 'stranger',
): Promise<NewVirtualCredential> {
  const keys = await crypto.subtle.generateKey({name: 'ECDSA', namedCurve: 'P-256'}, true, [
    'sign',
    'verify',
  ]);
  const pkcs8 = await crypto.subtle.exportKey('pkcs8', keys.privateKey);
  return {
    credentialId: toBase64url(crypto.getRandomValues(new Uint8Array(16))),
    rpId,
    privateKey: toBase64url(pkcs8),
    userHandle: toBase64url(crypto.getRandomValues(new Uint8Array(16))),
    isResidentCredential: true,
    userName,
    userDisplayName: userName,
  };
}

type WithCapabilities = {getClientCapabilities?(): Promise<Record<string, boolean>>};

/**
 * Asserts that this browser reports `capability` through `PublicKeyCredential.getClientCapabilities()`,
 * so a test written for it fails where it is missing instead of passing without testing it.
 * (Chromium 156, the one the tests run in, has `conditionalCreate`.) The fallback, for browsers
 * without it, is tested on its own by overriding the capabilities.
 */
export async function expectCapability(capability: string): Promise<void> {
  const pkc = PublicKeyCredential as unknown as WithCapabilities;
  if (!pkc.getClientCapabilities)
    throw new Error('this browser has no PublicKeyCredential.getClientCapabilities()');
  const caps = await pkc.getClientCapabilities();
  if (caps[capability] !== true)
    throw new Error(`this browser does not report the ${capability} capability`);
}

/**
 * Makes `getClientCapabilities()` answer `overrides` on top of the browser's own answer, until
 * `restore()`: how a test plays a browser without a capability. `answered` counts the answers
 * given.
 */
export function overrideCapabilities(overrides: Record<string, boolean>) {
  const pkc = PublicKeyCredential as unknown as WithCapabilities;
  const original = pkc.getClientCapabilities;
  const state = {
    answered: 0,
    restore() {
      pkc.getClientCapabilities = original;
    },
  };
  pkc.getClientCapabilities = async () => {
    const caps = {...(await original?.call(PublicKeyCredential)), ...overrides};
    state.answered++;
    return caps;
  };
  return state;
}

/** One WebAuthn request the page made, as navigator.credentials saw it. */
export interface WebAuthnCall {
  kind: 'get' | 'create';
  mediation?: string;
  settled: boolean;
}

/**
 * Records the page's calls to `navigator.credentials.get()` and `.create()` (passing them on
 * unchanged) until `restore()`: each request with its mediation and whether it has settled, and
 * the counts. A test can wait until a prompt is really open, e.g. before it removes the element,
 * instead of sleeping, and can check that a prompt is still pending.
 */
export function watchCredentialRequests() {
  const container = navigator.credentials;
  const requests: WebAuthnCall[] = [];
  const count = (kind: WebAuthnCall['kind']) => requests.filter((r) => r.kind === kind).length;
  const {get, create} = container;
  type Options = CredentialRequestOptions & CredentialCreationOptions;
  const watch =
    (kind: WebAuthnCall['kind'], real: (options?: Options) => Promise<Credential | null>) =>
    (options?: Options) => {
      const request: WebAuthnCall = {kind, mediation: options?.mediation, settled: false};
      requests.push(request);
      const p = real.call(container, options);
      const settle = () => void (request.settled = true);
      p.then(settle, settle);
      return p;
    };
  container.get = watch('get', get) as typeof get;
  container.create = watch('create', create) as typeof create;
  return {
    requests,
    calls: {
      get get() {
        return count('get');
      },
      get create() {
        return count('create');
      },
    },
    restore() {
      container.get = get;
      container.create = create;
    },
  };
}
