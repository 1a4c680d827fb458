/**
 * The WebAuthn Signal API, where the browser has it: tells the authenticator what the relying
 * party knows, so it can hide or rename passkeys. Fire and forget: failures are ignored.
 */
type SignalPKC = {
  signalUnknownCredential?(o: {rpId: string; credentialId: string}): Promise<void>;
};

export function signalUnknownCredential(rpId: string | undefined, credentialId: string) {
  const pkc = globalThis.PublicKeyCredential as unknown as SignalPKC | undefined;
  if (rpId && pkc?.signalUnknownCredential) {
    return pkc.signalUnknownCredential({rpId, credentialId}).catch(() => {});
  }
}
