import type {
  AuthenticationResponseJSON,
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
  RegistrationResponseJSON,
} from '@simplewebauthn/browser';

/** A user as the backend describes it (CONTRACT.md, "Objects"). */
export interface User {
  id: string;
  username: string;
  displayName: string;
  /** base64url user handle */
  webauthnUserId: string;
}

/** A registered passkey as the backend describes it (CONTRACT.md, "Objects"). */
export interface Passkey {
  id: string;
  /** The name the user gave it; empty when the backend keeps none (the manager then shows "Passkey"). */
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
  backedUp: boolean;
  deviceType: 'singleDevice' | 'multiDevice';
  transports: string[];
  aaguid: string;
  /** From the AAGUID; `icon` / `iconDark` are image URLs (often `data:` URLs) for light and dark themes. */
  authenticator: {name: string; icon?: string; iconDark?: string} | null;
}

export type MfaMode = 'register' | 'verify';

export interface RegistrationOptionsRequest {
  username?: string;
  displayName?: string;
  signupToken?: string;
  recoveryToken?: string;
}

/**
 * What `<passkey-login>` and `<passkey-register>` need from a relying-party backend: the two
 * ceremonies. Every method rejects with a `PasskeyError` whose `code` is one
 * of the contract's error codes, or `network_error` / `bad_response`. The elements pass each
 * call an `AbortSignal` (aborted when the element is removed or the request is superseded); a
 * client should abort its request with it, rejecting with the signal's `AbortError`.
 */
export interface CeremonyClient {
  registrationOptions(
    req: RegistrationOptionsRequest,
    signal?: AbortSignal,
  ): Promise<{options: PublicKeyCredentialCreationOptionsJSON}>;
  registrationVerify(
    req: {response: RegistrationResponseJSON; name?: string},
    signal?: AbortSignal,
  ): Promise<{passkey: Passkey; user: User}>;
  authenticationOptions(
    req: {username?: string},
    signal?: AbortSignal,
  ): Promise<{options: PublicKeyCredentialRequestOptionsJSON}>;
  authenticationVerify(
    req: {response: AuthenticationResponseJSON},
    signal?: AbortSignal,
  ): Promise<{user: User}>;
}

/**
 * Everything the elements can ask of a backend: the ceremonies and every other flow of the
 * contract. The default implementation, `FetchClient`, speaks the kit's contract; an adapter
 * for another backend implements the same methods (or the flows that backend has).
 */
export interface PasskeyClient extends CeremonyClient {
  session(signal?: AbortSignal): Promise<{user: User | null; rpId?: string}>;
  signOut(signal?: AbortSignal): Promise<void>;

  // Managing passkeys (signed in)
  listPasskeys(signal?: AbortSignal): Promise<{passkeys: Passkey[]}>;
  renamePasskey(id: string, name: string, signal?: AbortSignal): Promise<{passkey: Passkey}>;
  deletePasskey(id: string, signal?: AbortSignal): Promise<void>;
  recoveryCodes(signal?: AbortSignal): Promise<{codes: string[]}>;

  // Second factor after the site's own first factor
  mfaOptions(
    req: {mfaToken: string},
    signal?: AbortSignal,
  ): Promise<{
    mode: MfaMode;
    options: PublicKeyCredentialCreationOptionsJSON | PublicKeyCredentialRequestOptionsJSON;
  }>;
  mfaVerify(
    req: {mfaToken: string; response: RegistrationResponseJSON | AuthenticationResponseJSON},
    signal?: AbortSignal,
  ): Promise<{user: User; passkey?: Passkey}>;

  // Email-verified sign-up and recovery
  signupEmail(req: {email: string}, signal?: AbortSignal): Promise<void>;
  signupVerify(
    req: {email: string; code: string},
    signal?: AbortSignal,
  ): Promise<{signupToken: string}>;
  recoveryRedeem(
    req: {username: string; code: string},
    signal?: AbortSignal,
  ): Promise<{recoveryToken: string}>;
}
