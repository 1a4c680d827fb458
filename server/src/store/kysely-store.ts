import type {Kysely} from 'kysely';
import type {
  ChallengePurpose,
  ChallengeRecord,
  CredentialRecord,
  EmailCodeRecord,
  SessionRecord,
  Store,
  TokenPurpose,
  TokenRecord,
  UserFactors,
  UserRecord,
} from './types.js';
import {KyselyAdminStore} from './kysely/admin.js';
import {KyselyChallengeStore} from './kysely/challenges.js';
import {KyselyCredentialStore} from './kysely/credentials.js';
import type {StoreDialect} from './kysely/dialect.js';
import {KyselyEmailCodeStore} from './kysely/email-codes.js';
import {KyselyRecoveryCodeStore} from './kysely/recovery-codes.js';
import type {Schema} from './kysely/schema.js';
import {KyselySessionStore} from './kysely/sessions.js';
import {KyselyTokenStore} from './kysely/tokens.js';
import {KyselyUserStore} from './kysely/users.js';

/**
 * The one `Store` over Kysely: every query of the reference backend, for every engine, one module
 * per role under `kysely/` (users, credentials, challenges, recovery codes, admin, tokens, email
 * codes, sessions) that this class puts together over one connection. What an engine does
 * differently is a `StoreDialect` (sqlite.ts, postgres.ts), which also opens the connection and
 * keeps that engine's migrations.
 */
export class KyselyStore implements Store {
  private readonly users: KyselyUserStore;
  private readonly credentials: KyselyCredentialStore;
  private readonly challenges: KyselyChallengeStore;
  private readonly recoveryCodes: KyselyRecoveryCodeStore;
  private readonly admin: KyselyAdminStore;
  private readonly tokens: KyselyTokenStore;
  private readonly emailCodes: KyselyEmailCodeStore;
  protected readonly sessions: KyselySessionStore;

  protected constructor(
    protected readonly db: Kysely<Schema>,
    dialect: StoreDialect,
  ) {
    this.users = new KyselyUserStore(db, dialect);
    this.credentials = new KyselyCredentialStore(db, dialect);
    this.challenges = new KyselyChallengeStore(db, dialect);
    this.recoveryCodes = new KyselyRecoveryCodeStore(db, dialect);
    this.admin = new KyselyAdminStore(db, dialect);
    this.tokens = new KyselyTokenStore(db);
    this.emailCodes = new KyselyEmailCodeStore(db, dialect);
    this.sessions = new KyselySessionStore(db);
  }

  async close(): Promise<void> {
    await this.db.destroy();
  }

  // Users

  getUserById(id: string) {
    return this.users.getUserById(id);
  }
  getUserByUsername(usernameNormalized: string) {
    return this.users.getUserByUsername(usernameNormalized);
  }
  getUserByEmail(email: string) {
    return this.users.getUserByEmail(email);
  }
  createUser(user: UserRecord, factors: UserFactors) {
    return this.users.createUser(user, factors);
  }
  getUserFactors(userId: string) {
    return this.users.getUserFactors(userId);
  }

  // Credentials

  getCredential(id: string) {
    return this.credentials.getCredential(id);
  }
  getCredentialWithUser(id: string) {
    return this.credentials.getCredentialWithUser(id);
  }
  getUserWithCredentials(usernameNormalized: string) {
    return this.credentials.getUserWithCredentials(usernameNormalized);
  }
  listCredentials(userId: string) {
    return this.credentials.listCredentials(userId);
  }
  createUserWithCredential(user: UserRecord, credential: CredentialRecord) {
    return this.credentials.createUserWithCredential(user, credential);
  }
  addCredential(credential: CredentialRecord) {
    return this.credentials.addCredential(credential);
  }
  recordCredentialUse(
    id: string,
    use: {previousCounter: number; counter: number; backedUp: boolean; usedAt: Date},
  ) {
    return this.credentials.recordCredentialUse(id, use);
  }
  flagCounterRegression(id: string, at: Date) {
    return this.credentials.flagCounterRegression(id, at);
  }
  renameCredential(userId: string, id: string, name: string) {
    return this.credentials.renameCredential(userId, id, name);
  }
  deleteCredential(userId: string, id: string) {
    return this.credentials.deleteCredential(userId, id);
  }

  // Challenges

  putChallenge(challenge: ChallengeRecord, limits: {maxPerClient: number; now: Date}) {
    return this.challenges.putChallenge(challenge, limits);
  }
  consumeChallenge(challenge: string, purpose: ChallengePurpose) {
    return this.challenges.consumeChallenge(challenge, purpose);
  }
  // A sign-in's steps across roles (one statement each on PostgreSQL: see postgres.ts)

  async consumeChallengeWithCredential(
    challenge: string,
    purpose: ChallengePurpose,
    credentialId: string,
  ): ReturnType<Store['consumeChallengeWithCredential']> {
    const record = await this.challenges.consumeChallenge(challenge, purpose);
    const found = record && (await this.credentials.getCredentialWithUser(credentialId));
    return {record, found};
  }
  async recordSignIn(
    credentialId: string,
    use: {previousCounter: number; counter: number; backedUp: boolean; usedAt: Date},
    session: SessionRecord,
  ) {
    const recorded = await this.credentials.recordCredentialUse(credentialId, use);
    if (recorded) await this.sessions.createSession(session);
    return recorded;
  }

  // Recovery codes, and the operator's reset

  replaceRecoveryCodes(userId: string, codeHashes: string[], now: Date) {
    return this.recoveryCodes.replaceRecoveryCodes(userId, codeHashes, now);
  }
  useRecoveryCode(userId: string, codeHash: string, now: Date) {
    return this.recoveryCodes.useRecoveryCode(userId, codeHash, now);
  }
  countUnusedRecoveryCodes(userId: string) {
    return this.recoveryCodes.countUnusedRecoveryCodes(userId);
  }
  recoveryCodeStatus(userId: string) {
    return this.recoveryCodes.recoveryCodeStatus(userId);
  }
  resetUserPasskeys(userId: string) {
    return this.admin.resetUserPasskeys(userId);
  }

  // Tokens

  putToken(token: TokenRecord) {
    return this.tokens.putToken(token);
  }
  getToken(id: string, purpose: TokenPurpose, now: Date) {
    return this.tokens.getToken(id, purpose, now);
  }
  consumeToken(id: string, purpose: TokenPurpose, now: Date) {
    return this.tokens.consumeToken(id, purpose, now);
  }
  consumeBoundToken(
    id: string,
    purpose: TokenPurpose,
    binding: {sessionId: string; userId: string; action: string | null},
    now: Date,
  ) {
    return this.tokens.consumeBoundToken(id, purpose, binding, now);
  }
  deleteUserTokens(userId: string) {
    return this.tokens.deleteUserTokens(userId);
  }

  // Email codes

  putEmailCode(code: EmailCodeRecord) {
    return this.emailCodes.putEmailCode(code);
  }
  tryEmailCode(email: string, codeHash: string, now: Date, maxAttempts: number) {
    return this.emailCodes.tryEmailCode(email, codeHash, now, maxAttempts);
  }

  // Sessions

  createSession(session: SessionRecord) {
    return this.sessions.createSession(session);
  }
  getSession(id: string) {
    return this.sessions.getSession(id);
  }
  getSessionWithUser(id: string) {
    return this.sessions.getSessionWithUser(id);
  }
  setSessionVerifiedAt(id: string, verifiedAt: Date | null) {
    return this.sessions.setSessionVerifiedAt(id, verifiedAt);
  }
  deleteSession(id: string) {
    return this.sessions.deleteSession(id);
  }
  deleteUserSessions(userId: string, keepId: string | null) {
    return this.sessions.deleteUserSessions(userId, keepId);
  }
}
