import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import {
  Kysely,
  Migrator,
  SqliteDialect,
  sql,
  type Insertable,
  type Selectable,
  type Generated,
  type Transaction,
} from 'kysely';
import { sqliteMigrations } from './sqlite-migrations.js';
import {
  StoreConflictError,
  type ChallengePurpose,
  type ChallengeRecord,
  type CredentialDeviceType,
  type CredentialRecord,
  type EmailCodeRecord,
  type PendingSignup,
  type SessionRecord,
  type Store,
  type TokenPurpose,
  type TokenRecord,
  type UserFactors,
  type UserRecord,
} from './types.js';

// Row shapes as SQLite holds them (see sqlite-migrations.ts).
interface UsersTable {
  id: string;
  username: string;
  username_normalized: string;
  display_name: string;
  webauthn_user_id: string;
  created_at: number;
  password_hash: Generated<string | null>;
  email: Generated<string | null>;
  mfa_enabled: Generated<number>;
}
interface CredentialsTable {
  id: string;
  user_id: string;
  public_key: Uint8Array;
  counter: number;
  transports: string;
  device_type: string;
  backed_up: number;
  aaguid: string;
  name: string;
  created_at: number;
  last_used_at: number | null;
  counter_regressed_at: number | null;
}
interface ChallengesTable {
  challenge: string;
  purpose: string;
  user_id: string | null;
  pending_signup: string | null;
  allowed_credential_ids: string | null;
  token_hash: string | null;
  client_key: string;
  created_at: number;
  expires_at: number;
}
interface RecoveryCodesTable {
  code_hash: string;
  user_id: string;
  created_at: number;
  used_at: number | null;
}
interface EmailCodesTable {
  email: string;
  code_hash: string;
  attempts: number;
  created_at: number;
  expires_at: number;
}
interface TokensTable {
  id: string;
  purpose: string;
  user_id: string | null;
  email: string | null;
  created_at: number;
  expires_at: number;
}
interface SessionsTable {
  id: string;
  user_id: string;
  created_at: number;
  expires_at: number;
}
interface Schema {
  users: UsersTable;
  credentials: CredentialsTable;
  challenges: ChallengesTable;
  sessions: SessionsTable;
  recovery_codes: RecoveryCodesTable;
  tokens: TokensTable;
  email_codes: EmailCodesTable;
}
type Db = Kysely<Schema> | Transaction<Schema>;

const date = (ms: number) => new Date(ms);
const maybeDate = (ms: number | null) => (ms === null ? null : new Date(ms));

function userFromRow(row: Selectable<UsersTable>): UserRecord {
  return {
    id: row.id,
    username: row.username,
    usernameNormalized: row.username_normalized,
    displayName: row.display_name,
    webauthnUserId: row.webauthn_user_id,
    createdAt: date(row.created_at),
    email: row.email,
  };
}
function userToRow(user: UserRecord): Insertable<UsersTable> {
  return {
    id: user.id,
    username: user.username,
    username_normalized: user.usernameNormalized,
    display_name: user.displayName,
    webauthn_user_id: user.webauthnUserId,
    created_at: user.createdAt.getTime(),
    email: user.email ?? null,
  };
}

function credentialFromRow(row: Selectable<CredentialsTable>): CredentialRecord {
  return {
    id: row.id,
    userId: row.user_id,
    publicKey: new Uint8Array(row.public_key),
    counter: row.counter,
    transports: JSON.parse(row.transports) as string[],
    deviceType: row.device_type as CredentialDeviceType,
    backedUp: row.backed_up === 1,
    aaguid: row.aaguid,
    name: row.name,
    createdAt: date(row.created_at),
    lastUsedAt: maybeDate(row.last_used_at),
    counterRegressedAt: maybeDate(row.counter_regressed_at),
  };
}
function credentialToRow(credential: CredentialRecord): Insertable<CredentialsTable> {
  return {
    id: credential.id,
    user_id: credential.userId,
    public_key: Buffer.from(credential.publicKey),
    counter: credential.counter,
    transports: JSON.stringify(credential.transports),
    device_type: credential.deviceType,
    backed_up: credential.backedUp ? 1 : 0,
    aaguid: credential.aaguid,
    name: credential.name,
    created_at: credential.createdAt.getTime(),
    last_used_at: credential.lastUsedAt?.getTime() ?? null,
    counter_regressed_at: credential.counterRegressedAt?.getTime() ?? null,
  };
}

function challengeFromRow(row: Selectable<ChallengesTable>): ChallengeRecord {
  return {
    challenge: row.challenge,
    purpose: row.purpose as ChallengePurpose,
    userId: row.user_id,
    pendingSignup: row.pending_signup === null ? null : (JSON.parse(row.pending_signup) as PendingSignup),
    allowedCredentialIds:
      row.allowed_credential_ids === null ? null : (JSON.parse(row.allowed_credential_ids) as string[]),
    tokenHash: row.token_hash,
    clientKey: row.client_key,
    createdAt: date(row.created_at),
    expiresAt: date(row.expires_at),
  };
}

function sessionFromRow(row: Selectable<SessionsTable>): SessionRecord {
  return {
    id: row.id,
    userId: row.user_id,
    createdAt: date(row.created_at),
    expiresAt: date(row.expires_at),
  };
}

function tokenFromRow(row: Selectable<TokensTable>): TokenRecord {
  return {
    id: row.id,
    purpose: row.purpose as TokenPurpose,
    userId: row.user_id,
    email: row.email,
    createdAt: date(row.created_at),
    expiresAt: date(row.expires_at),
  };
}

/** Maps SQLite's uniqueness failures to `StoreConflictError`; rethrows anything else. */
function rethrowConflict(error: unknown): never {
  const e = error as { code?: string; message?: string };
  if (e?.code === 'SQLITE_CONSTRAINT_UNIQUE' || e?.code === 'SQLITE_CONSTRAINT_PRIMARYKEY') {
    const message = e.message ?? '';
    if (message.includes('users.username_normalized')) throw new StoreConflictError('username');
    if (message.includes('users.email')) throw new StoreConflictError('email');
    if (message.includes('users.webauthn_user_id')) throw new StoreConflictError('webauthn_user_id');
    if (message.includes('credentials.id')) throw new StoreConflictError('credential');
  }
  throw error;
}

export class SqliteStore implements Store {
  private constructor(private readonly db: Kysely<Schema>) {}

  /**
   * Opens (creating if needed) the database file, switches on WAL and foreign keys, and applies
   * pending migrations. `:memory:` works too.
   */
  static async open(path: string): Promise<SqliteStore> {
    if (path !== ':memory:' && !path.startsWith('file:')) mkdirSync(dirname(path), { recursive: true });
    const database = new Database(path);
    database.pragma('journal_mode = WAL');
    // In WAL mode NORMAL stays durable when the process dies (the crash test kills it with
    // SIGKILL mid-burst); only a power loss can drop the last commits. FULL fsyncs every
    // commit, and a sign-in makes three: measured at 19-25 ms against 5.7 ms a sign-in.
    database.pragma('synchronous = NORMAL');
    database.pragma('foreign_keys = ON');
    database.pragma('busy_timeout = 5000');
    const db = new Kysely<Schema>({ dialect: new SqliteDialect({ database }) });
    const migrator = new Migrator({
      db,
      provider: { getMigrations: async () => sqliteMigrations },
    });
    const { error, results } = await migrator.migrateToLatest();
    if (error) {
      await db.destroy();
      const failed = results?.find((r) => r.status === 'Error')?.migrationName;
      throw new Error(`SQLite migration ${failed ?? ''} failed: ${String(error)}`, { cause: error });
    }
    return new SqliteStore(db);
  }

  async close(): Promise<void> {
    await this.db.destroy();
  }

  // Users

  async getUserById(id: string) {
    const row = await this.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
    return row && userFromRow(row);
  }

  async getUserByUsername(usernameNormalized: string) {
    const row = await this.db
      .selectFrom('users')
      .selectAll()
      .where('username_normalized', '=', usernameNormalized)
      .executeTakeFirst();
    return row && userFromRow(row);
  }

  async createUser(user: UserRecord, factors: UserFactors) {
    await this.db
      .insertInto('users')
      .values({ ...userToRow(user), password_hash: factors.passwordHash, mfa_enabled: factors.mfaEnabled ? 1 : 0 })
      .execute()
      .catch(rethrowConflict);
  }

  async getUserByEmail(email: string) {
    const row = await this.db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();
    return row && userFromRow(row);
  }

  // Email codes

  async putEmailCode(code: EmailCodeRecord) {
    await this.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('email_codes').where('expires_at', '<=', code.createdAt.getTime()).execute();
      await trx
        .insertInto('email_codes')
        .values({
          email: code.email,
          code_hash: code.codeHash,
          attempts: code.attempts,
          created_at: code.createdAt.getTime(),
          expires_at: code.expiresAt.getTime(),
        })
        .onConflict((oc) =>
          oc.column('email').doUpdateSet({
            code_hash: code.codeHash,
            attempts: code.attempts,
            created_at: code.createdAt.getTime(),
            expires_at: code.expiresAt.getTime(),
          }),
        )
        .execute();
    });
  }

  async tryEmailCode(email: string, codeHash: string, now: Date, maxAttempts: number) {
    return this.db.transaction().execute(async (trx) => {
      const row = await trx.selectFrom('email_codes').selectAll().where('email', '=', email).executeTakeFirst();
      if (!row || row.expires_at <= now.getTime()) {
        if (row) await trx.deleteFrom('email_codes').where('email', '=', email).execute();
        return 'none' as const;
      }
      if (row.code_hash === codeHash) {
        await trx.deleteFrom('email_codes').where('email', '=', email).execute();
        return 'ok' as const;
      }
      if (row.attempts + 1 >= maxAttempts) await trx.deleteFrom('email_codes').where('email', '=', email).execute();
      else await trx.updateTable('email_codes').set({ attempts: row.attempts + 1 }).where('email', '=', email).execute();
      return 'wrong' as const;
    });
  }

  async getUserFactors(userId: string) {
    const row = await this.db
      .selectFrom('users')
      .select(['password_hash', 'mfa_enabled'])
      .where('id', '=', userId)
      .executeTakeFirst();
    return row && { passwordHash: row.password_hash, mfaEnabled: row.mfa_enabled === 1 };
  }

  // Credentials

  async getCredential(id: string) {
    const row = await this.db
      .selectFrom('credentials')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return row && credentialFromRow(row);
  }

  async listCredentials(userId: string) {
    const rows = await this.db
      .selectFrom('credentials')
      .selectAll()
      .where('user_id', '=', userId)
      .orderBy('created_at', 'desc')
      .orderBy(sql`rowid`, 'desc') // same millisecond: insertion order
      .execute();
    return rows.map(credentialFromRow);
  }

  async createUserWithCredential(user: UserRecord, credential: CredentialRecord) {
    await this.db.transaction().execute(async (trx) => {
      await this.insertUser(trx, user);
      await this.insertCredential(trx, { ...credential, userId: user.id });
    });
  }

  async addCredential(credential: CredentialRecord) {
    await this.insertCredential(this.db, credential);
  }

  private async insertUser(db: Db, user: UserRecord) {
    await db
      .insertInto('users')
      .values(userToRow(user))
      .execute()
      .catch(rethrowConflict);
  }

  private async insertCredential(db: Db, credential: CredentialRecord) {
    await db
      .insertInto('credentials')
      .values(credentialToRow(credential))
      .execute()
      .catch(rethrowConflict);
  }

  async recordCredentialUse(
    id: string,
    use: { previousCounter: number; counter: number; backedUp: boolean; usedAt: Date },
  ) {
    const result = await this.db
      .updateTable('credentials')
      .set({ counter: use.counter, backed_up: use.backedUp ? 1 : 0, last_used_at: use.usedAt.getTime() })
      .where('id', '=', id)
      .where('counter', '=', use.previousCounter)
      .executeTakeFirst();
    return result.numUpdatedRows === 1n;
  }

  async flagCounterRegression(id: string, at: Date) {
    await this.db
      .updateTable('credentials')
      .set({ counter_regressed_at: at.getTime() })
      .where('id', '=', id)
      .where('counter_regressed_at', 'is', null)
      .execute();
  }

  async renameCredential(userId: string, id: string, name: string) {
    const row = await this.db
      .updateTable('credentials')
      .set({ name })
      .where('id', '=', id)
      .where('user_id', '=', userId)
      .returningAll()
      .executeTakeFirst();
    return row && credentialFromRow(row);
  }

  async deleteCredential(userId: string, id: string) {
    return this.db.transaction().execute(async (trx) => {
      const owned = await trx
        .selectFrom('credentials')
        .select('id')
        .where('id', '=', id)
        .where('user_id', '=', userId)
        .executeTakeFirst();
      if (!owned) return 'not_found' as const;
      const { n } = await trx
        .selectFrom('credentials')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('user_id', '=', userId)
        .executeTakeFirstOrThrow();
      if (Number(n) <= 1 && !(await this.hasOtherWayIn(trx, userId))) return 'last_passkey' as const;
      await trx.deleteFrom('credentials').where('id', '=', id).where('user_id', '=', userId).execute();
      return 'deleted' as const;
    });
  }

  /** Whether the user can sign in without a passkey (a password or an unused recovery code). */
  private async hasOtherWayIn(db: Db, userId: string): Promise<boolean> {
    const password = await db
      .selectFrom('users')
      .select('id')
      .where('id', '=', userId)
      .where('password_hash', 'is not', null)
      .executeTakeFirst();
    if (password) return true;
    const code = await db
      .selectFrom('recovery_codes')
      .select('code_hash')
      .where('user_id', '=', userId)
      .where('used_at', 'is', null)
      .executeTakeFirst();
    return code !== undefined;
  }

  // Recovery codes

  async replaceRecoveryCodes(userId: string, codeHashes: string[], now: Date) {
    await this.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('recovery_codes').where('user_id', '=', userId).execute();
      await trx
        .insertInto('recovery_codes')
        .values(codeHashes.map((code_hash) => ({ code_hash, user_id: userId, created_at: now.getTime(), used_at: null })))
        .execute();
    });
  }

  async useRecoveryCode(userId: string, codeHash: string, now: Date) {
    const result = await this.db
      .updateTable('recovery_codes')
      .set({ used_at: now.getTime() })
      .where('code_hash', '=', codeHash)
      .where('user_id', '=', userId)
      .where('used_at', 'is', null)
      .executeTakeFirst();
    return result.numUpdatedRows === 1n;
  }

  async countUnusedRecoveryCodes(userId: string) {
    const { n } = await this.db
      .selectFrom('recovery_codes')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('user_id', '=', userId)
      .where('used_at', 'is', null)
      .executeTakeFirstOrThrow();
    return Number(n);
  }

  async resetUserPasskeys(userId: string) {
    return this.db.transaction().execute(async (trx) => {
      const user = await trx.selectFrom('users').select('id').where('id', '=', userId).executeTakeFirst();
      if (!user) return false;
      await trx.deleteFrom('credentials').where('user_id', '=', userId).execute();
      await trx.deleteFrom('sessions').where('user_id', '=', userId).execute();
      return true;
    });
  }

  // Tokens

  async putToken(token: TokenRecord) {
    await this.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('tokens').where('expires_at', '<=', token.createdAt.getTime()).execute();
      await trx
        .insertInto('tokens')
        .values({
          id: token.id,
          purpose: token.purpose,
          user_id: token.userId,
          email: token.email,
          created_at: token.createdAt.getTime(),
          expires_at: token.expiresAt.getTime(),
        })
        .execute();
    });
  }

  async getToken(id: string, purpose: TokenPurpose, now: Date) {
    const row = await this.db
      .selectFrom('tokens')
      .selectAll()
      .where('id', '=', id)
      .where('purpose', '=', purpose)
      .where('expires_at', '>', now.getTime())
      .executeTakeFirst();
    return row && tokenFromRow(row);
  }

  async consumeToken(id: string, purpose: TokenPurpose, now: Date) {
    const row = await this.db
      .deleteFrom('tokens')
      .where('id', '=', id)
      .where('purpose', '=', purpose)
      .where('expires_at', '>', now.getTime())
      .returningAll()
      .executeTakeFirst();
    return row && tokenFromRow(row);
  }

  // Challenges

  async putChallenge(challenge: ChallengeRecord, limits: { maxPerClient: number; now: Date }) {
    await this.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('challenges').where('expires_at', '<=', limits.now.getTime()).execute();
      await trx
        .insertInto('challenges')
        .values({
          challenge: challenge.challenge,
          purpose: challenge.purpose,
          user_id: challenge.userId,
          pending_signup: challenge.pendingSignup && JSON.stringify(challenge.pendingSignup),
          allowed_credential_ids:
            challenge.allowedCredentialIds && JSON.stringify(challenge.allowedCredentialIds),
          token_hash: challenge.tokenHash,
          client_key: challenge.clientKey,
          created_at: challenge.createdAt.getTime(),
          expires_at: challenge.expiresAt.getTime(),
        })
        .execute();
      // Keep the client's newest `maxPerClient`; everyone else's challenges are untouched.
      const keep = trx
        .selectFrom('challenges')
        .select('challenge')
        .where('client_key', '=', challenge.clientKey)
        .orderBy('created_at', 'desc')
        .orderBy(sql`rowid`, 'desc')
        .limit(limits.maxPerClient);
      await trx
        .deleteFrom('challenges')
        .where('client_key', '=', challenge.clientKey)
        .where('challenge', 'not in', keep)
        .execute();
    });
  }

  async consumeChallenge(challenge: string, purpose: ChallengePurpose) {
    const row = await this.db
      .deleteFrom('challenges')
      .where('challenge', '=', challenge)
      .where('purpose', '=', purpose)
      .returningAll()
      .executeTakeFirst();
    return row && challengeFromRow(row);
  }

  // Sessions

  async createSession(session: SessionRecord) {
    await this.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('sessions').where('expires_at', '<=', session.createdAt.getTime()).execute();
      await trx
        .insertInto('sessions')
        .values({
          id: session.id,
          user_id: session.userId,
          created_at: session.createdAt.getTime(),
          expires_at: session.expiresAt.getTime(),
        })
        .execute();
    });
  }

  async getSession(id: string) {
    const row = await this.db.selectFrom('sessions').selectAll().where('id', '=', id).executeTakeFirst();
    return row && sessionFromRow(row);
  }

  async deleteSession(id: string) {
    await this.db.deleteFrom('sessions').where('id', '=', id).execute();
  }
}
