/**
 * The WebAuthn Signal API, where the browser has it: tells the authenticator what the relying
 * party knows, so it can hide removed passkeys and show current names. Fire and forget:
 * absence and failures are ignored.
 */
type SignalPKC = Record<string, ((o: object) => Promise<void>) | undefined>;

function signal(method: string, options: object) {
  const fn = (globalThis.PublicKeyCredential as unknown as SignalPKC | undefined)?.[method];
  return fn?.call(PublicKeyCredential, options).catch(() => {});
}

/** The backend does not know this credential: the authenticator should stop offering it. */
export const signalUnknownCredential = (rpId: string, credentialId: string) =>
  signal('signalUnknownCredential', {rpId, credentialId});

/** These are all of the user's credentials: the authenticator may hide any other. */
export const signalAllAcceptedCredentials = (
  rpId: string,
  userId: string,
  allAcceptedCredentialIds: string[],
) => signal('signalAllAcceptedCredentials', {rpId, userId, allAcceptedCredentialIds});

/** The user's current names, for the authenticator to show. */
export const signalCurrentUserDetails = (
  rpId: string,
  userId: string,
  name: string,
  displayName: string,
) => signal('signalCurrentUserDetails', {rpId, userId, name, displayName});
