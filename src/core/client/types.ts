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
 * of the contract's error codes, or `network_error` / `bad_response`.
 */
export interface CeremonyClient {
  registrationOptions(
    req: RegistrationOptionsRequest,
  ): Promise<{options: PublicKeyCredentialCreationOptionsJSON}>;
  registrationVerify(req: {
    response: RegistrationResponseJSON;
    name?: string;
  }): Promise<{passkey: Passkey; user: User}>;
  authenticationOptions(req: {
    username?: string;
  }): Promise<{options: PublicKeyCredentialRequestOptionsJSON}>;
  authenticationVerify(req: {response: AuthenticationResponseJSON}): Promise<{user: User}>;
}

/**
 * Everything the elements can ask of a backend: the ceremonies and every other flow of the
 * contract. The default implementation, `FetchClient`, speaks the kit's contract; an adapter
 * for another backend implements the same methods (or the flows that backend has).
 */
export interface PasskeyClient extends CeremonyClient {
  session(): Promise<{user: User | null; rpId?: string}>;
  signOut(): Promise<void>;

  // Managing passkeys (signed in)
  listPasskeys(): Promise<{passkeys: Passkey[]}>;
  renamePasskey(id: string, name: string): Promise<{passkey: Passkey}>;
  deletePasskey(id: string): Promise<void>;
  recoveryCodes(): Promise<{codes: string[]}>;

  // Second factor after the site's own first factor
  mfaOptions(req: {mfaToken: string}): Promise<{
    mode: MfaMode;
    options: PublicKeyCredentialCreationOptionsJSON | PublicKeyCredentialRequestOptionsJSON;
  }>;
  mfaVerify(req: {
    mfaToken: string;
    response: RegistrationResponseJSON | AuthenticationResponseJSON;
  }): Promise<{user: User; passkey?: Passkey}>;

  // Email-verified sign-up and recovery
  signupEmail(req: {email: string}): Promise<void>;
  signupVerify(req: {email: string; code: string}): Promise<{signupToken: string}>;
  recoveryRedeem(req: {username: string; code: string}): Promise<{recoveryToken: string}>;
}
