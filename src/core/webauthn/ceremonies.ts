import {
  startAuthentication,
  startRegistration,
  WebAuthnAbortService,
  type AuthenticationResponseJSON,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
  type RegistrationResponseJSON,
} from '@simplewebauthn/browser';

/**
 * Thin wrappers over `@simplewebauthn/browser`. It keeps one page-wide abort signal: starting
 * any ceremony cancels the one before it (that is how a button press ends a pending autofill
 * request). Each wrapper takes its caller's `signal`: aborting it ends the WebAuthn request only
 * while that request is still the page's current one, so one element's abort never cancels a
 * prompt another element started since.
 */

/** The signal of whoever started the WebAuthn request now running, until it settles. */
let owner: AbortSignal | undefined;

async function owned<R>(signal: AbortSignal | undefined, start: () => Promise<R>): Promise<R> {
  signal?.throwIfAborted();
  const stop = () => {
    if (owner !== signal) return;
    WebAuthnAbortService.cancelCeremony();
    // With autofill the library makes its abort signal only after an asynchronous check: until
    // this request settles (or another one takes the page), cancel again on the next task.
    setTimeout(stop);
  };
  owner = signal;
  signal?.addEventListener('abort', stop);
  try {
    return await start();
  } finally {
    signal?.removeEventListener('abort', stop);
    if (owner === signal) owner = undefined;
  }
}

/**
 * With `conditional`, asks for conditional create (no prompt, for the password the user's
 * password manager just filled).
 */
export const createCredential = (
  optionsJSON: PublicKeyCredentialCreationOptionsJSON,
  conditional = false,
  signal?: AbortSignal,
): Promise<RegistrationResponseJSON> =>
  owned(signal, () => startRegistration({optionsJSON, useAutoRegister: conditional}));

/**
 * With `autofill`, starts conditional mediation. The input check of the library is skipped:
 * our input may sit in a shadow root, where it cannot see it.
 */
export const getAssertion = (
  optionsJSON: PublicKeyCredentialRequestOptionsJSON,
  autofill = false,
  signal?: AbortSignal,
): Promise<AuthenticationResponseJSON> =>
  owned(signal, () =>
    startAuthentication({
      optionsJSON,
      useBrowserAutofill: autofill,
      verifyBrowserAutofillInput: false,
    }),
  );
