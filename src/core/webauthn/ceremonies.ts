import {
  base64URLStringToBuffer,
  browserSupportsWebAuthn,
  bufferToBase64URLString,
  type AuthenticationResponseJSON,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialDescriptorJSON,
  type PublicKeyCredentialRequestOptionsJSON,
  type RegistrationResponseJSON,
} from '@simplewebauthn/browser';

/**
 * The two WebAuthn requests, between the contract's JSON and `navigator.credentials`.
 *
 * Why not `startRegistration()` / `startAuthentication()` of `@simplewebauthn/browser`: they do
 * the same conversions, and then wrap every browser error in an English explanation (about 3 kB
 * of the 9 kB they bring) that the kit never shows: it maps the browser's own error names to its
 * localized messages (./errors.ts). The encoding itself stays the library's
 * (`base64URLStringToBuffer`, `bufferToBase64URLString`), and the response is read field by field
 * as the library does, not with the browser's `toJSON()`: password managers' extensions answer
 * WebAuthn with stand-in objects on which `toJSON()` throws ("Illegal invocation") and on which
 * the newer getters may be missing or throw.
 *
 * One request runs per page: starting any ceremony aborts the one before it (that is how a
 * button press ends a pending autofill request). Each function takes its caller's `signal`:
 * aborting it ends only the request that caller started, never one another element started
 * since.
 */

/** The request now running on this page. */
let running: AbortController | undefined;

async function request<R>(
  signal: AbortSignal | undefined,
  run: (abort: AbortSignal) => Promise<R>,
) {
  signal?.throwIfAborted();
  if (!browserSupportsWebAuthn()) {
    throw new DOMException('WebAuthn is not available on this page.', 'NotSupportedError');
  }
  running?.abort();
  const mine = (running = new AbortController());
  const stop = () => mine.abort();
  signal?.addEventListener('abort', stop);
  try {
    return await run(mine.signal);
  } finally {
    signal?.removeEventListener('abort', stop);
    if (running === mine) running = undefined;
  }
}

const toBuffer = base64URLStringToBuffer;
const toBase64URL = bufferToBase64URLString;

const descriptor = (credential: PublicKeyCredentialDescriptorJSON) => ({
  ...credential,
  id: toBuffer(credential.id),
});

/** Reads a getter that the browser or a password manager may lack, or implement badly. */
function optional<T>(read: () => T | undefined): T | undefined {
  try {
    return read();
  } catch {
    return undefined;
  }
}

/** The credential the browser answered with; none at all counts as the user's refusal. */
function answered(credential: Credential | null): PublicKeyCredential {
  if (!credential) throw new DOMException('No passkey was returned.', 'NotAllowedError');
  return credential as PublicKeyCredential;
}

/** `platform` or `cross-platform`; anything else a browser might say is left out. */
const attachment = (value: string | null): AuthenticatorAttachment | undefined =>
  value === 'platform' || value === 'cross-platform' ? value : undefined;

/** The JSON both answers share around their `response`: which credential, and its extras. */
const credentialJSON = <R>(credential: PublicKeyCredential, response: R) => ({
  id: credential.id,
  rawId: toBase64URL(credential.rawId),
  type: 'public-key' as const,
  response,
  clientExtensionResults: credential.getClientExtensionResults(),
  authenticatorAttachment: attachment(credential.authenticatorAttachment),
});

/**
 * Creates a passkey. With `conditional`, asks for conditional create (no prompt, for the password
 * the user's password manager just filled).
 */
export const createCredential = (
  options: PublicKeyCredentialCreationOptionsJSON,
  conditional = false,
  signal?: AbortSignal,
): Promise<RegistrationResponseJSON> =>
  request(signal, async (abort) => {
    const credential = answered(
      await navigator.credentials.create({
        publicKey: {
          ...options,
          challenge: toBuffer(options.challenge),
          user: {...options.user, id: toBuffer(options.user.id)},
          excludeCredentials: options.excludeCredentials?.map(descriptor),
        } as PublicKeyCredentialCreationOptions,
        ...(conditional && {mediation: 'conditional'}),
        signal: abort,
      } as CredentialCreationOptions),
    );
    const response = credential.response as AuthenticatorAttestationResponse;
    const publicKey = optional(() => response.getPublicKey?.());
    const authenticatorData = optional(() => response.getAuthenticatorData?.());
    return credentialJSON(credential, {
      clientDataJSON: toBase64URL(response.clientDataJSON),
      attestationObject: toBase64URL(response.attestationObject),
      transports: optional(() => response.getTransports?.()),
      publicKeyAlgorithm: optional(() => response.getPublicKeyAlgorithm?.()),
      publicKey: publicKey ? toBase64URL(publicKey) : undefined,
      authenticatorData: authenticatorData ? toBase64URL(authenticatorData) : undefined,
    });
  });

/**
 * Signs in with a passkey. With `autofill`, starts conditional mediation: the browser offers the
 * passkeys in the username field's autofill and the request waits until the user picks one.
 * Conditional mediation asks about every passkey of the site, so `allowCredentials` goes empty.
 */
export const getAssertion = (
  options: PublicKeyCredentialRequestOptionsJSON,
  autofill = false,
  signal?: AbortSignal,
): Promise<AuthenticationResponseJSON> =>
  request(signal, async (abort) => {
    const credential = answered(
      await navigator.credentials.get({
        publicKey: {
          ...options,
          challenge: toBuffer(options.challenge),
          allowCredentials: autofill
            ? []
            : options.allowCredentials?.length
              ? options.allowCredentials.map(descriptor)
              : undefined,
        } as PublicKeyCredentialRequestOptions,
        ...(autofill && {mediation: 'conditional'}),
        signal: abort,
      }),
    );
    const response = credential.response as AuthenticatorAssertionResponse;
    return credentialJSON(credential, {
      clientDataJSON: toBase64URL(response.clientDataJSON),
      authenticatorData: toBase64URL(response.authenticatorData),
      signature: toBase64URL(response.signature),
      userHandle: response.userHandle ? toBase64URL(response.userHandle) : undefined,
    });
  });
