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
 * request).
 */
export const createCredential = (
  optionsJSON: PublicKeyCredentialCreationOptionsJSON,
  conditional = false,
): Promise<RegistrationResponseJSON> =>
  startRegistration({optionsJSON, useAutoRegister: conditional});

/**
 * With `autofill`, starts conditional mediation. The input check of the library is skipped:
 * our input may sit in a shadow root, where it cannot see it.
 */
export const getAssertion = (
  optionsJSON: PublicKeyCredentialRequestOptionsJSON,
  autofill = false,
): Promise<AuthenticationResponseJSON> =>
  startAuthentication({
    optionsJSON,
    useBrowserAutofill: autofill,
    verifyBrowserAutofillInput: false,
  });

/** Cancels whatever ceremony is pending on the page. */
export const cancelCeremony = () => WebAuthnAbortService.cancelCeremony();
