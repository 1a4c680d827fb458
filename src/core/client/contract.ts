/**
 * The backend contract's objects and response bodies (CONTRACT.md; docs/contract.md for the
 * reference server's choices), declared once for both sides: the elements' clients read them
 * (`./types.ts` re-exports them), and the reference server's presenters and routes are checked
 * against them with `satisfies`. Sites and adapters import them as `passkey-elements/contract`.
 *
 * Types only, and no imports, so that any side can use it: the server (built without DOM types)
 * imports it by the package's own name. Bodies that carry WebAuthn options take the options type
 * of the side that uses them (`@simplewebauthn/browser`'s or `@simplewebauthn/server`'s JSON
 * types), as `O`.
 */

/** A user as the backend describes it (CONTRACT.md, "Objects"). */
export interface User {
  id: string;
  username: string;
  displayName: string;
  /** base64url user handle */
  webauthnUserId: string;
}

/** What a passkey's AAGUID says about its authenticator. */
export interface Authenticator {
  name: string;
  /** An image URL (often a `data:` URL) for light themes. */
  icon?: string;
  /** An image URL (often a `data:` URL) for dark themes. */
  iconDark?: string;
}

/** A registered passkey as the backend describes it (CONTRACT.md, "Objects"). */
export interface Passkey {
  /** The credential id, base64url. */
  id: string;
  /** The name the user gave it; empty when the backend keeps none (the manager then shows "Passkey"). */
  name: string;
  /** ISO 8601. */
  createdAt: string;
  /** ISO 8601, or `null` when never used. */
  lastUsedAt: string | null;
  /** The BS flag: a synced passkey. */
  backedUp: boolean;
  deviceType: 'singleDevice' | 'multiDevice';
  transports: string[];
  aaguid: string;
  /** From the AAGUID; `null` when the backend knows nothing of it (the reference server always does). */
  authenticator: Authenticator | null;
}

/** Whether `/mfa/options` asks to register a second-factor passkey or to verify one. */
export type MfaMode = 'register' | 'verify';

/** `POST /registration/options`'s body. */
export interface RegistrationOptionsRequest {
  username?: string;
  displayName?: string;
  signupToken?: string;
  recoveryToken?: string;
}

/** `POST /registration/options`, `/authentication/options`, `/reauth/options`: `200 {options}`. */
export interface OptionsResponse<O> {
  options: O;
}

/** `POST /registration/verify`: `201 {passkey, user}`. */
export interface RegistrationVerifyResponse {
  passkey: Passkey;
  user: User;
}

/** `POST /authentication/verify`: `200 {user}`. */
export interface AuthenticationVerifyResponse {
  user: User;
}

/** `GET /session`: `200 {user, rpId, verifiedAt}`, `user` `null` when signed out. */
export interface SessionResponse {
  user: User | null;
  /** The reference server always sends it; another backend's adapter may not know it. */
  rpId?: string;
  /**
   * (v1.1) ISO 8601: when this session last verified a passkey (sign-in, sign-up, recovery,
   * second factor or `/reauth/verify`); `null` when never (a password sign-in). The reference
   * server always sends it; another backend's adapter may not know it.
   */
  verifiedAt?: string | null;
}

/** `GET /passkeys`: `200 {passkeys}`, newest first. */
export interface PasskeyListResponse {
  passkeys: Passkey[];
}

/** `PATCH /passkeys/{id}`: `200 {passkey}`. */
export interface PasskeyResponse {
  passkey: Passkey;
}

/** `POST /recovery/codes`: `200 {codes}`, shown once. */
export interface RecoveryCodesResponse {
  codes: string[];
}

/**
 * `GET /recovery/codes` (v1.1): `200 {total, unused, createdAt, lastUsedAt}`, the signed-in user's
 * set without its codes. No set: `total` 0 and both dates `null`.
 */
export interface RecoveryCodeStatusResponse {
  /** Codes in the current set, used or not (10 for the reference server). */
  total: number;
  /** Codes of the set not used yet. */
  unused: number;
  /** When the set was created, ISO 8601; `null`: no set. */
  createdAt: string | null;
  /** When a code of the set was last used, ISO 8601; `null`: none was. */
  lastUsedAt: string | null;
}

/** `POST /recovery/redeem`: `200 {recoveryToken}`. */
export interface RecoveryRedeemResponse {
  recoveryToken: string;
}

/** `POST /signup/email/verify`: `200 {signupToken}`. */
export interface SignupVerifyResponse {
  signupToken: string;
}

/** `POST /mfa/options`: `200 {mode, options}`; `O` is the creation or the request options. */
export interface MfaOptionsResponse<O> {
  mode: MfaMode;
  options: O;
}

/** `POST /mfa/verify`: `200 {user}`, and the new `passkey` in register mode. */
export interface MfaVerifyResponse {
  user: User;
  passkey?: Passkey;
}

/** (v1.1) `POST /reauth/verify`'s body; `R` is the assertion's JSON type of the side that uses it. */
export interface ReauthVerifyRequest<R> {
  response: R;
  /** What the step-up token is for (e.g. `"transfer:42"`): the token is bound to it. */
  action?: string;
}

/**
 * (v1.1) `POST /reauth/verify`: `200 {verifiedAt, stepUpToken}`. The session now counts as
 * recently verified; the token is short-lived, single-use, and bound to this session, this user
 * and the request's `action`, for the site's own backend to check before a sensitive action.
 */
export interface ReauthVerifyResponse {
  /** ISO 8601. */
  verifiedAt: string;
  stepUpToken: string;
}

/** Every non-2xx answer's body; `unknown_credential` adds the `credentialId` it names. (v1.1: `code_expired`, a dead email code.) */
export interface ErrorResponse {
  error: {code: string; message: string};
  credentialId?: string;
}
