import type {
  AuthenticationResponseJSON,
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
  RegistrationResponseJSON,
} from '@simplewebauthn/browser';
import type {
  AuthenticationVerifyResponse,
  MfaOptionsResponse,
  MfaVerifyResponse,
  OptionsResponse,
  PasskeyListResponse,
  PasskeyResponse,
  RecoveryCodeStatusResponse,
  RecoveryCodesResponse,
  RecoveryRedeemResponse,
  RegistrationOptionsRequest,
  ReauthVerifyResponse,
  RegistrationVerifyResponse,
  SessionResponse,
  SignupVerifyResponse,
} from './contract.js';

// The contract's objects and bodies live in ./contract.ts, shared with the reference server.
export type * from './contract.js';

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
  ): Promise<OptionsResponse<PublicKeyCredentialCreationOptionsJSON>>;
  registrationVerify(
    req: {response: RegistrationResponseJSON; name?: string},
    signal?: AbortSignal,
  ): Promise<RegistrationVerifyResponse>;
  authenticationOptions(
    req: {username?: string},
    signal?: AbortSignal,
  ): Promise<OptionsResponse<PublicKeyCredentialRequestOptionsJSON>>;
  authenticationVerify(
    req: {response: AuthenticationResponseJSON},
    signal?: AbortSignal,
  ): Promise<AuthenticationVerifyResponse>;
}

/**
 * Everything the elements can ask of a backend: the ceremonies and every other flow of the
 * contract. The default implementation, `FetchClient`, speaks the kit's contract; an adapter
 * for another backend implements the same methods (or the flows that backend has).
 */
export interface PasskeyClient extends CeremonyClient {
  session(signal?: AbortSignal): Promise<SessionResponse>;
  signOut(signal?: AbortSignal): Promise<void>;

  // Managing passkeys (signed in)
  listPasskeys(signal?: AbortSignal): Promise<PasskeyListResponse>;
  renamePasskey(id: string, name: string, signal?: AbortSignal): Promise<PasskeyResponse>;
  deletePasskey(id: string, signal?: AbortSignal): Promise<void>;
  recoveryCodes(signal?: AbortSignal): Promise<RecoveryCodesResponse>;
  /**
   * `GET /recovery/codes` (v1.1): how many codes of the set are left, and when it was created
   * and last used. Optional: without it the manager shows no count.
   */
  recoveryCodeStatus?(signal?: AbortSignal): Promise<RecoveryCodeStatusResponse>;

  // Re-authentication and step-up (v1.1), signed in
  /** `POST /reauth/options`: request options for the session user's own passkeys. */
  reauthOptions(
    signal?: AbortSignal,
  ): Promise<OptionsResponse<PublicKeyCredentialRequestOptionsJSON>>;
  /** `POST /reauth/verify`: marks the session verified and returns a step-up token for `action`. */
  reauthVerify(
    req: {response: AuthenticationResponseJSON; action?: string},
    signal?: AbortSignal,
  ): Promise<ReauthVerifyResponse>;
  /** `DELETE /sessions`: ends every other session of the user (sensitive). */
  endOtherSessions(signal?: AbortSignal): Promise<void>;

  // Second factor after the site's own first factor
  mfaOptions(
    req: {mfaToken: string},
    signal?: AbortSignal,
  ): Promise<
    MfaOptionsResponse<
      PublicKeyCredentialCreationOptionsJSON | PublicKeyCredentialRequestOptionsJSON
    >
  >;
  mfaVerify(
    req: {mfaToken: string; response: RegistrationResponseJSON | AuthenticationResponseJSON},
    signal?: AbortSignal,
  ): Promise<MfaVerifyResponse>;

  // Email-verified sign-up and recovery
  signupEmail(req: {email: string}, signal?: AbortSignal): Promise<void>;
  signupVerify(
    req: {email: string; code: string},
    signal?: AbortSignal,
  ): Promise<SignupVerifyResponse>;
  recoveryRedeem(
    req: {username: string; code: string},
    signal?: AbortSignal,
  ): Promise<RecoveryRedeemResponse>;
}
