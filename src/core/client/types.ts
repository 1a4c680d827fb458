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
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
  backedUp: boolean;
  deviceType: 'singleDevice' | 'multiDevice';
  transports: string[];
  aaguid: string;
  authenticator: {name: string; icon?: string} | null;
}

export interface RegistrationOptionsRequest {
  username?: string;
  displayName?: string;
  signupToken?: string;
  recoveryToken?: string;
}

/**
 * What the elements need from a relying-party backend. The default implementation,
 * `FetchClient`, speaks the kit's contract; an adapter for another backend implements
 * the same methods. Every method rejects with a `PasskeyError` whose `code` is one of the
 * contract's error codes, or `network_error` / `bad_response`.
 */
export interface PasskeyClient {
  registrationOptions(
    req: RegistrationOptionsRequest
  ): Promise<{options: PublicKeyCredentialCreationOptionsJSON}>;
  registrationVerify(req: {
    response: RegistrationResponseJSON;
    name?: string;
  }): Promise<{passkey: Passkey; user: User}>;
  authenticationOptions(req: {
    username?: string;
  }): Promise<{options: PublicKeyCredentialRequestOptionsJSON}>;
  authenticationVerify(req: {
    response: AuthenticationResponseJSON;
  }): Promise<{user: User}>;
  session(): Promise<{user: User | null; rpId?: string}>;
  signOut(): Promise<void>;
}
