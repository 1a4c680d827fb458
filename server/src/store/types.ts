/**
 * The storage interface of the reference backend: one role interface per concern, which `Store`
 * composes. It is implemented once over Kysely (`kysely-store.ts` composing one module per
 * concern under `kysely/`), with one file per engine for its connection, encodings and migrations
 * (`sqlite.ts`, `postgres.ts`). Every statement is parameterized, migrations are applied in order
 * when a store opens, and rows are translated to and from these records, so nothing above this
 * layer knows which engine it talks to.
 */

export interface UserRecord {
  /** Opaque account id (a UUID). */
  id: string;
  /** As the user typed it (trimmed, NFC). */
  username: string;
  /** The uniqueness key: `normalizeUsername(username)`. */
  usernameNormalized: string;
  displayName: string;
  /** The WebAuthn user handle, base64url. */
  webauthnUserId: string;
  createdAt: Date;
  /** The address proven at signup (lower-cased), when the account came from email signup. */
  email?: string | null;
}

/** The first-factor settings of an account, kept apart from `UserRecord` (never presented). */
export interface UserFactors {
  /** `scrypt$N$r$p$salt$hash` (see `passwords.ts`), or `null`: no password. */
  passwordHash: string | null;
  /** Whether a password sign-in must be completed with a passkey (`/mfa/*`). */
  mfaEnabled: boolean;
  /**
   * (Read only.) When the account first had a passkey, cleared by an operator reset; `null`:
   * never since. Only then may an MFA account without passkeys enrol one as its second factor
   * (`/mfa/options` mode `register`, trust on first use); otherwise it goes through recovery.
   */
  passkeyEnrolledAt?: Date | null;
}

export type CredentialDeviceType = 'singleDevice' | 'multiDevice';

export interface CredentialRecord {
  /** The credential id, base64url (canonical, unpadded). */
  id: string;
  userId: string;
  /** The COSE public key as the authenticator sent it. */
  publicKey: Uint8Array;
  counter: number;
  transports: string[];
  /** From the BE flag at registration; it may not change afterwards. */
  deviceType: CredentialDeviceType;
  /** The BS flag as last seen. */
  backedUp: boolean;
  aaguid: string;
  name: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  /**
   * Set when an assertion carried a signature counter that did not move forward: a sign the
   * authenticator may have been cloned. Such a credential is refused from then on.
   */
  counterRegressedAt: Date | null;
}

export type ChallengePurpose = 'registration' | 'authentication' | 'mfa' | 'reauth';

/** What a signup challenge carries until its account is created at verify time. */
export interface PendingSignup {
  username: string;
  usernameNormalized: string;
  displayName: string;
  webauthnUserId: string;
  /** Set when the signup proved this address (`signupToken`). */
  email?: string;
}

export interface ChallengeRecord {
  /** The challenge itself, base64url (>= 32 random bytes). */
  challenge: string;
  purpose: ChallengePurpose;
  /** The account it was issued for (adding a passkey; sign-in with a known username). */
  userId: string | null;
  /** A registration that creates an account. */
  pendingSignup: PendingSignup | null;
  /**
   * For a sign-in that named a username: the credential ids offered in `allowCredentials`
   * (fake ones for an unknown username). `null` for a discoverable sign-in.
   */
  allowedCredentialIds: string[] | null;
  /**
   * SHA-256 of the recovery, mfa or signup token the challenge was issued under: verify consumes
   * that token, and starts a session, instead of needing one.
   */
  tokenHash: string | null;
  /** Who asked for it (the client address), for the per-client cap. */
  clientKey: string;
  createdAt: Date;
  expiresAt: Date;
}

export interface SessionRecord {
  /** SHA-256 of the cookie's token, base64url: the token itself is never stored. */
  id: string;
  userId: string;
  createdAt: Date;
  expiresAt: Date;
  /**
   * When the user last used a passkey with user verification in this session (a passkey sign-in,
   * a sign-up or recovery that created one, a passkey second factor, `/reauth/verify`); `null`
   * (or absent): never, e.g. after a password sign-in. Sensitive calls need it recent.
   */
  verifiedAt?: Date | null;
}

export type TokenPurpose = 'recovery' | 'mfa' | 'signup' | 'stepup';

/**
 * A short-lived bearer token handed to the browser (`recoveryToken`, `mfaToken`, `signupToken`,
 * and the `stepUpToken` of `/reauth/verify`).
 */
export interface TokenRecord {
  /** SHA-256 of the token, base64url: the token itself is never stored. */
  id: string;
  purpose: TokenPurpose;
  /** The account it acts for (recovery, mfa). */
  userId: string | null;
  /** The proven address (signup). */
  email: string | null;
  /** The session it was issued in (stepup; `null` or absent otherwise). */
  sessionId?: string | null;
  /** The action it was issued for (stepup, optional; `null` or absent: none). */
  action?: string | null;
  createdAt: Date;
  expiresAt: Date;
}

export interface EmailCodeRecord {
  email: string;
  /** HMAC of the code with the server secret. */
  codeHash: string;
  attempts: number;
  createdAt: Date;
  expiresAt: Date;
}

/** Raised by a write that would break a uniqueness rule. */
export class StoreConflictError extends Error {
  override name = 'StoreConflictError';
  constructor(
    readonly conflict: 'username' | 'credential' | 'webauthn_user_id' | 'email',
    message = `${conflict} already exists`,
  ) {
    super(message);
  }
}

/** The accounts and their first-factor settings. */
export interface UserStore {
  getUserById(id: string): Promise<UserRecord | undefined>;
  getUserByUsername(usernameNormalized: string): Promise<UserRecord | undefined>;
  /** By the (lower-cased) address proven at signup. */
  getUserByEmail(email: string): Promise<UserRecord | undefined>;
  /**
   * Creates an account without a passkey (password first factor).
   * @throws StoreConflictError when the username or user handle is taken.
   */
  createUser(user: UserRecord, factors: UserFactors): Promise<void>;
  /** The user's password hash and MFA switch (`undefined`: no such user). */
  getUserFactors(userId: string): Promise<UserFactors | undefined>;
}

/** The passkeys, and the reads and writes that take an account together with them. */
export interface CredentialStore {
  getCredential(id: string): Promise<CredentialRecord | undefined>;
  /** The credential and the account it belongs to, in one read (a sign-in needs both). */
  getCredentialWithUser(
    id: string,
  ): Promise<{credential: CredentialRecord; user: UserRecord} | undefined>;
  /**
   * The account with this username and its credentials, newest first, in one read that costs the
   * same whether or not the account exists or has passkeys (`undefined`: no such account).
   */
  getUserWithCredentials(
    usernameNormalized: string,
  ): Promise<{user: UserRecord; credentials: CredentialRecord[]} | undefined>;
  /** The user's credentials, newest first. */
  listCredentials(userId: string): Promise<CredentialRecord[]>;
  /**
   * Creates the account and its first credential in one transaction.
   * @throws StoreConflictError when the username, user handle or credential id is taken.
   */
  createUserWithCredential(user: UserRecord, credential: CredentialRecord): Promise<void>;
  /** @throws StoreConflictError when the credential id is taken. */
  addCredential(credential: CredentialRecord): Promise<void>;
  /**
   * After a successful assertion: stores the new counter, BS flag and time of use, provided the
   * stored counter is still `previousCounter` and the credential has not been marked (see
   * `counterRegressedAt`) (compare-and-set). Returns false when another sign-in moved the counter
   * or marked the credential in the meantime.
   */
  recordCredentialUse(
    id: string,
    use: {previousCounter: number; counter: number; backedUp: boolean; usedAt: Date},
  ): Promise<boolean>;
  /** Marks the credential as possibly cloned (see `CredentialRecord.counterRegressedAt`). */
  flagCounterRegression(id: string, at: Date): Promise<void>;
  /** Renames `userId`'s credential `id`; `undefined` when the user has no such credential. */
  renameCredential(userId: string, id: string, name: string): Promise<CredentialRecord | undefined>;
  /**
   * Deletes `userId`'s credential `id` in one transaction, unless it is their last one and they
   * have no other way in (a password when MFA is off, or an unused recovery code): then
   * `last_passkey`.
   */
  deleteCredential(userId: string, id: string): Promise<'deleted' | 'not_found' | 'last_passkey'>;
}

/** The challenges of pending ceremonies. */
export interface ChallengeStore {
  /**
   * Stores a new challenge. Drops expired challenges, then the client's own oldest ones beyond
   * `maxPerClient`, so one client's flood never pushes out another client's challenge.
   */
  putChallenge(
    challenge: ChallengeRecord,
    limits: {maxPerClient: number; now: Date},
  ): Promise<void>;
  /**
   * Removes and returns the challenge in one atomic statement, expired or not (the caller
   * checks `expiresAt`): of two racing callers, exactly one gets it.
   */
  consumeChallenge(
    challenge: string,
    purpose: ChallengePurpose,
  ): Promise<ChallengeRecord | undefined>;
}

/** What the user may know of their recovery codes, without the codes. */
export interface RecoveryCodeStatus {
  /** Codes in the set, used or not. */
  total: number;
  unused: number;
  /** When the set was created; `null`: no set. */
  createdAt: Date | null;
  /** When a code of the set was last used; `null`: none was. */
  lastUsedAt: Date | null;
}

/** The recovery codes of an account. */
export interface RecoveryCodeStore {
  /** Replaces every recovery code of the user by these (hashes), in one transaction. */
  replaceRecoveryCodes(userId: string, codeHashes: string[], now: Date): Promise<void>;
  /** Marks the user's unused code as used, atomically; false when there is no such unused code. */
  useRecoveryCode(userId: string, codeHash: string, now: Date): Promise<boolean>;
  /** How many unused recovery codes the user has. */
  countUnusedRecoveryCodes(userId: string): Promise<number>;
  /** The user's set at a glance (`GET /recovery/codes`); all zero and `null` without a set. */
  recoveryCodeStatus(userId: string): Promise<RecoveryCodeStatus>;
}

/** What the operator's endpoints do to an account. */
export interface AdminStore {
  /**
   * Operator reset: deletes every credential, session and outstanding token (recovery, mfa) of the
   * user in one transaction; false when no such user.
   */
  resetUserPasskeys(userId: string): Promise<boolean>;
}

/** The short-lived bearer tokens (recovery, mfa, signup). */
export interface TokenStore {
  /** Stores a new token and drops expired ones. */
  putToken(token: TokenRecord): Promise<void>;
  /** The token if it exists, has this purpose and has not expired at `now`. */
  getToken(id: string, purpose: TokenPurpose, now: Date): Promise<TokenRecord | undefined>;
  /** Removes and returns the unexpired token in one atomic statement (one winner among racers). */
  consumeToken(id: string, purpose: TokenPurpose, now: Date): Promise<TokenRecord | undefined>;
  /**
   * Like `consumeToken`, but only a token bound to exactly this session, user and action (`null`:
   * issued without one) is removed, in the same one statement: a check that does not match leaves
   * the token as it was.
   */
  consumeBoundToken(
    id: string,
    purpose: TokenPurpose,
    binding: {sessionId: string; userId: string; action: string | null},
    now: Date,
  ): Promise<TokenRecord | undefined>;
  /** Deletes every token (any purpose) that acts for `userId`; returns how many. */
  deleteUserTokens(userId: string): Promise<number>;
}

/** The codes mailed to prove an address at signup. */
export interface EmailCodeStore {
  /** Stores the address's one pending code (replacing any earlier one) and drops expired codes. */
  putEmailCode(code: EmailCodeRecord): Promise<void>;
  /**
   * One attempt at the address's code, atomically: `ok` uses it up; a wrong code counts an
   * attempt (`wrong`), and the attempt that reaches `maxAttempts` burns the code (`burned`);
   * `none` when there is no live code.
   */
  tryEmailCode(
    email: string,
    codeHash: string,
    now: Date,
    maxAttempts: number,
  ): Promise<'ok' | 'wrong' | 'burned' | 'none'>;
}

/** The signed-in sessions. */
export interface SessionStore {
  /** Stores a new session; at most once a minute it also drops the expired ones. */
  createSession(session: SessionRecord): Promise<void>;
  getSession(id: string): Promise<SessionRecord | undefined>;
  /** The session and its user, in one read (what every signed-in request needs). */
  getSessionWithUser(id: string): Promise<{session: SessionRecord; user: UserRecord} | undefined>;
  /** Sets the session's `verifiedAt`; false when there is no such session. */
  setSessionVerifiedAt(id: string, verifiedAt: Date | null): Promise<boolean>;
  deleteSession(id: string): Promise<void>;
  /** Deletes every session of `userId` except `keepId` (none kept when null); returns how many. */
  deleteUserSessions(userId: string, keepId: string | null): Promise<number>;
}

/**
 * The whole store: every role above over one connection. Code that needs only one part can ask
 * for that role (`SessionStore`, `TokenStore`…) instead.
 */
export interface Store
  extends
    UserStore,
    CredentialStore,
    ChallengeStore,
    RecoveryCodeStore,
    AdminStore,
    TokenStore,
    EmailCodeStore,
    SessionStore {
  /**
   * A sign-in's first step: `consumeChallenge`, and when it found the challenge, the passkey
   * `credentialId` names with its account (`getCredentialWithUser`; `found` undefined: no such
   * passkey). One statement on PostgreSQL.
   */
  consumeChallengeWithCredential(
    challenge: string,
    purpose: ChallengePurpose,
    credentialId: string,
  ): Promise<{
    record: ChallengeRecord | undefined;
    found: {credential: CredentialRecord; user: UserRecord} | undefined;
  }>;
  /**
   * A sign-in's last step: `recordCredentialUse` (compare-and-set), and `createSession(session)`
   * when and only when it succeeds. One statement on PostgreSQL (plus the once-a-minute sweep of
   * expired sessions).
   */
  recordSignIn(
    credentialId: string,
    use: {previousCounter: number; counter: number; backedUp: boolean; usedAt: Date},
    session: SessionRecord,
  ): Promise<boolean>;
  /** Closes the connection(s). The store is unusable afterwards. */
  close(): Promise<void>;
}
