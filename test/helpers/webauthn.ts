// Browser-side wrappers for the virtual authenticator (the webauthnPlugin of
// src/testing/web-test-runner.ts): Chromium's DevTools authenticator, or Firefox's own.
//
// The authenticator belongs to the page of the current test file and disappears when the file
// ends. Commands without an `authenticatorId` act on the most recently added authenticator.
// Where the engines differ (presence is browser-wide in Firefox, which also never answers
// autofill by itself), the wrappers below say so.

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

/**
 * Automatic presence simulation. With it off, a ceremony waits (as for a real touch) until
 * aborted or timed out. In Firefox it is one switch for the whole browser: off, a modal ceremony
 * waits for a security key until aborted (even past its own timeout).
 */
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

/** The engines the suite runs in (web-test-runner.config.mjs). */
export type Engine = 'chromium' | 'firefox';

let engine: Promise<Engine> | undefined;
/** The engine this page runs in, as the test runner's launcher knows it. */
export function browserEngine(): Promise<Engine> {
  return (engine ??= command<Engine>('engine'));
}

/**
 * What each engine is known to answer through `getClientCapabilities()` (Chromium 156, Firefox
 * 153 ESR). `capability()` checks the browser against it, so a test's branch for a missing
 * capability is only ever taken where the capability is known to be missing.
 */
const KNOWN_CAPABILITIES: Record<Engine, Record<string, boolean>> = {
  chromium: {
    conditionalCreate: true,
    conditionalGet: true,
    signalAllAcceptedCredentials: true,
    signalCurrentUserDetails: true,
    signalUnknownCredential: true,
  },
  firefox: {
    conditionalCreate: false,
    conditionalGet: true,
    signalAllAcceptedCredentials: false,
    signalCurrentUserDetails: false,
    signalUnknownCredential: false,
  },
};

/**
 * This browser's answer for `capability`, after checking it is the one this engine is known to
 * give: a test branches on it to check the capability where the browser has it and the kit's
 * promised fallback where it does not (Firefox: no conditional create, no Signal API).
 */
export async function capability(name: string): Promise<boolean> {
  const pkc = PublicKeyCredential as unknown as WithCapabilities;
  if (!pkc.getClientCapabilities)
    throw new Error('this browser has no PublicKeyCredential.getClientCapabilities()');
  const has = (await pkc.getClientCapabilities())[name] === true;
  const known = KNOWN_CAPABILITIES[await browserEngine()][name];
  if (known === undefined) throw new Error(`no known answer for the ${name} capability`);
  if (has !== known)
    throw new Error(
      `this browser ${has ? 'reports' : 'does not report'} the ${name} capability, unlike ${await browserEngine()} so far`,
    );
  return has;
}

/**
 * Asserts that this browser reports `capability` through `PublicKeyCredential.getClientCapabilities()`,
 * so a test written for it fails where it is missing instead of passing without testing it.
 * For a test that runs in every engine, branch on `capability()` instead.
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
 * Picks a passkey from the autofill list of the page's pending conditional request, as the user
 * would under the username field; `credentialId` (base64url) picks that one, else the first.
 * Firefox waits for that choice; Chromium's authenticator answers conditional requests by itself
 * when it holds a match, so there this does nothing.
 */
export async function chooseAutofillPasskey(
  options: {credentialId?: string; timeout?: number} = {},
): Promise<void> {
  await command('autofill', options);
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
