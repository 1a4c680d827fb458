// A STUB authenticator, for stories only. A story cannot run a real WebAuthn prompt (there is
// no authenticator to answer it, and nobody to touch it), so the stories that show what happens
// *after* the prompt (signed in, passkey created, cancelled, a browser-side failure) replace
// `navigator.credentials.get/create` while their play function presses the button, then put
// the originals back. The element runs its real code path: its own ceremony code
// (src/core/webauthn/ceremonies.ts), the error mapping, the events. The answers are shaped like real credentials but verify nowhere; the
// stub client accepts them.

/** What the prompt does: the user approves, dismisses it, or the browser throws this DOMException. */
export type PromptOutcome =
  | 'approve'
  | 'dismiss'
  | 'InvalidStateError'
  | 'SecurityError'
  | 'NotSupportedError'
  | 'AbortError';

const bytes = (text: string) => new TextEncoder().encode(text).buffer as ArrayBuffer;
const id = 'c3R1Yi1jcmVkLTE';

function credential(kind: 'get' | 'create') {
  const clientDataJSON = bytes(
    JSON.stringify({type: `webauthn.${kind}`, challenge: 'stub', origin: location.origin}),
  );
  const response =
    kind === 'get'
      ? {
          clientDataJSON,
          authenticatorData: bytes('stub-authenticator-data'),
          signature: bytes('stub-signature'),
          userHandle: bytes('stub-user'),
        }
      : {
          clientDataJSON,
          attestationObject: bytes('stub-attestation'),
          getTransports: () => ['internal', 'hybrid'],
        };
  return {
    id,
    rawId: bytes('stub-cred-1'),
    type: 'public-key',
    authenticatorAttachment: 'platform',
    response,
    getClientExtensionResults: () => ({}),
  };
}

/**
 * Runs `during` with a stub authenticator answering every prompt with `outcome` after `delay`
 * ms (an aborted prompt rejects at once, as a real one does), then restores the real one.
 */
export async function withStubAuthenticator<T>(
  outcome: PromptOutcome,
  during: () => Promise<T>,
  delay = 200,
): Promise<T> {
  const container = navigator.credentials;
  const real = {get: container.get, create: container.create};
  const prompt =
    (kind: 'get' | 'create') => (options?: CredentialRequestOptions | CredentialCreationOptions) =>
      new Promise((resolve, reject) => {
        const signal = options?.signal;
        const abort = () =>
          reject(signal?.reason ?? new DOMException('The operation was aborted.', 'AbortError'));
        if (signal?.aborted) return abort();
        signal?.addEventListener('abort', abort, {once: true});
        setTimeout(() => {
          signal?.removeEventListener('abort', abort);
          if (outcome === 'approve') resolve(credential(kind));
          else if (outcome === 'dismiss')
            reject(
              new DOMException(
                'The operation either timed out or was not allowed.',
                'NotAllowedError',
              ),
            );
          else reject(new DOMException(`stubbed ${outcome}`, outcome));
        }, delay);
      });
  // Conditional (autofill) requests keep waiting on the real API: only explicit prompts are stubbed.
  container.get = function (this: CredentialsContainer, options?: CredentialRequestOptions) {
    return options?.mediation === 'conditional'
      ? real.get.call(this, options)
      : (prompt('get')(options) as Promise<Credential | null>);
  };
  container.create = prompt('create') as typeof container.create;
  try {
    return await during();
  } finally {
    container.get = real.get;
    container.create = real.create;
  }
}
