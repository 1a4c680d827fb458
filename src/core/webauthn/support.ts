import {
  browserSupportsWebAuthn,
  browserSupportsWebAuthnAutofill,
  platformAuthenticatorIsAvailable,
} from '@simplewebauthn/browser';

/** What this browser can do, as far as the elements care. */
export interface Support {
  /** WebAuthn exists at all (and the page is a secure context). */
  webauthn: boolean;
  /** A user-verifying platform authenticator (Touch ID, Windows Hello, Android…). */
  platformAuthenticator: boolean;
  /** Passkeys can be offered in the browser's autofill (conditional mediation). */
  autofill: boolean;
}

let cached: Promise<Support> | undefined;

/** Detects support once per page; safe to call anywhere (never at import time). */
export function detectSupport(): Promise<Support> {
  return (cached ??= (async () => {
    const webauthn = browserSupportsWebAuthn();
    const [platformAuthenticator, autofill] = webauthn
      ? await Promise.all([
          platformAuthenticatorIsAvailable().catch(() => false),
          browserSupportsWebAuthnAutofill().catch(() => false),
        ])
      : [false, false];
    return {webauthn, platformAuthenticator, autofill};
  })());
}

/**
 * Whether the browser can create a passkey silently after a password sign-in (conditional
 * create), per `PublicKeyCredential.getClientCapabilities()`.
 */
export async function conditionalCreateAvailable(): Promise<boolean> {
  type Caps = {getClientCapabilities?(): Promise<Record<string, boolean>>};
  const pkc = globalThis.PublicKeyCredential as unknown as Caps | undefined;
  return !!(await pkc?.getClientCapabilities?.().catch(() => undefined))?.conditionalCreate;
}
