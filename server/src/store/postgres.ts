import pg from 'pg';
import {
  Kysely,
  Migrator,
  PostgresDialect,
  type ColumnType,
  type Generated,
  type Insertable,
  type Selectable,
  type Transaction,
} from 'kysely';
import { postgresMigrations } from './postgres-migrations.js';
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

// Row shapes as PostgreSQL holds them (see postgres-migrations.ts). `bigint` columns come back as
// numbers (the pool's type parser; milliseconds and counters stay far below 2^53); `jsonb` comes
// back parsed and is written as JSON text.
type Json<T> = ColumnType<T, string, string>;
interface UsersTable {
  id: string;
  username: string;
  username_normalized: string;
  display_name: string;
  webauthn_user_id: string;
  created_at: number;
  password_hash: Generated<string | null>;
  email: Generated<string | null>;
  mfa_enabled: Generated<boolean>;
}
interface CredentialsTable {
  id: string;
  user_id: string;
  public_key: Uint8Array;
  counter: number;
  transports: Json<string[]>;
  device_type: string;
  backed_up: boolean;
  aaguid: string;
  name: string;
  created_at: number;
  last_used_at: number | null;
  counter_regressed_at: number | null;
  seq: ColumnType<number, never, never>;
}
interface ChallengesTable {
  challenge: string;
  purpose: string;
  user_id: string | null;
  pending_signup: ColumnType<PendingSignup | null, string | null, never>;
  allowed_credential_ids: ColumnType<string[] | null, string | null, never>;
  token_hash: string | null;
  client_key: string;
  created_at: number;
  expires_at: number;
  seq: ColumnType<number, never, never>;
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

const INT8_OID = 20;
/** This pool's type parsers: `bigint` as a number; everything else as `pg` parses it. */
const typeParsers = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === INT8_OID && format !== 'binary') return (value: string) => Number(value);
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    return (pg.types.getTypeParser as any)(oid, format);
  },
};

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
    transports: row.transports,
    deviceType: row.device_type as CredentialDeviceType,
    backedUp: row.backed_up,
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
    backed_up: credential.backedUp,
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
    pendingSignup: row.pending_signup,
    allowedCredentialIds: row.allowed_credential_ids,
    tokenHash: row.token_hash,
    clientKey: row.client_key,
    createdAt: date(row.created_at),
    expiresAt: date(row.expires_at),
  };
}

function sessionFromRow(row: Selectable<SessionsTable>): SessionRecord {
  return { id: row.id, userId: row.user_id, createdAt: date(row.created_at), expiresAt: date(row.expires_at) };
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

/** The constraint names of postgres-migrations.ts, mapped to the conflict they mean. */
const CONFLICTS: Record<string, StoreConflictError['conflict']> = {
  users_username_normalized_key: 'username',
  users_email_key: 'email',
  users_webauthn_user_id_key: 'webauthn_user_id',
  credentials_pkey: 'credential',
};

/** Maps PostgreSQL's uniqueness failures (23505) to `StoreConflictError`; rethrows anything else. */
function rethrowConflict(error: unknown): never {
  const e = error as { code?: string; constraint?: string };
  if (e?.code === '23505' && e.constraint && CONFLICTS[e.constraint]) throw new StoreConflictError(CONFLICTS[e.constraint]!);
  throw error;
}

export interface PostgresStoreOptions {
  /** Connections in the pool (default 10). */
  maxConnections?: number;
  /** How long a request waits for a connection before failing (default 5000 ms). */
  connectionTimeoutMs?: number;
}

export class PostgresStore implements Store {
  /** Tells the limits (`http/limits.ts`) to keep their counters in this database, via `pool`. */
  readonly engine = 'postgres' as const;

  private constructor(
    private readonly db: Kysely<Schema>,
    /** The connection pool, shared with the PostgreSQL rate limiter (`http/limits.ts`). */
    readonly pool: pg.Pool,
  ) {}

  /**
   * Connects to `url` (`postgres://user:pass@host:port/db`) and applies pending migrations. The
   * database must exist; the tables are created in the connection's default schema.
   */
  static async open(url: string, options: PostgresStoreOptions = {}): Promise<PostgresStore> {
    const pool = new pg.Pool({
      connectionString: url,
      max: options.maxConnections ?? 10,
      connectionTimeoutMillis: options.connectionTimeoutMs ?? 5000,
      types: typeParsers,
    });
    // An idle connection that the server drops (restart, failover, terminated backend) is reported
    // here; without a listener it would crash the process. The next query opens a new connection,
    // or fails, and that failure answers 503.
    pool.on('error', (error) => console.error('[passkey-server] PostgreSQL connection lost:', error.message));
    // A connection that dies while checked out emits 'error' on its client, where the pool has no
    // listener: unheard, that is an uncaught exception that takes the whole process down (found
    // by faults.test.ts stopping the server). The query in flight fails on its own (→ 503).
    pool.on('connect', (client) => {
      client.on('error', (error) => console.error('[passkey-server] PostgreSQL connection lost:', error.message));
    });
    const db = new Kysely<Schema>({ dialect: new PostgresDialect({ pool }) });
    const migrator = new Migrator({ db, provider: { getMigrations: async () => postgresMigrations } });
    const { error, results } = await migrator.migrateToLatest();
    if (error) {
      await db.destroy();
      const failed = results?.find((r) => r.status === 'Error')?.migrationName;
      throw new Error(`PostgreSQL migration ${failed ?? ''} failed: ${String(error)}`, { cause: error });
    }
    return new PostgresStore(db, pool);
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

  async getUserByEmail(email: string) {
    const row = await this.db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();
    return row && userFromRow(row);
  }

  async createUser(user: UserRecord, factors: UserFactors) {
    await this.db
      .insertInto('users')
      .values({ ...userToRow(user), password_hash: factors.passwordHash, mfa_enabled: factors.mfaEnabled })
      .execute()
      .catch(rethrowConflict);
  }

  async getUserFactors(userId: string) {
    const row = await this.db
      .selectFrom('users')
      .select(['password_hash', 'mfa_enabled'])
      .where('id', '=', userId)
      .executeTakeFirst();
    return row && { passwordHash: row.password_hash, mfaEnabled: row.mfa_enabled };
  }

  // Email codes

  async putEmailCode(code: EmailCodeRecord) {
    const values = {
      code_hash: code.codeHash,
      attempts: code.attempts,
      created_at: code.createdAt.getTime(),
      expires_at: code.expiresAt.getTime(),
    };
    await this.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('email_codes').where('expires_at', '<=', code.createdAt.getTime()).execute();
      await trx
        .insertInto('email_codes')
        .values({ email: code.email, ...values })
        .onConflict((oc) => oc.column('email').doUpdateSet(values))
        .execute();
    });
  }

  async tryEmailCode(email: string, codeHash: string, now: Date, maxAttempts: number) {
    return this.db.transaction().execute(async (trx) => {
      // The row lock makes concurrent tries of one address take turns, as SQLite's single writer does.
      const row = await trx.selectFrom('email_codes').selectAll().where('email', '=', email).forUpdate().executeTakeFirst();
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

  // Credentials

  async getCredential(id: string) {
    const row = await this.db.selectFrom('credentials').selectAll().where('id', '=', id).executeTakeFirst();
    return row && credentialFromRow(row);
  }

  async listCredentials(userId: string) {
    const rows = await this.db
      .selectFrom('credentials')
      .selectAll()
      .where('user_id', '=', userId)
      .orderBy('created_at', 'desc')
      .orderBy('seq', 'desc') // same millisecond: insertion order
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
    await db.insertInto('users').values(userToRow(user)).execute().catch(rethrowConflict);
  }

  private async insertCredential(db: Db, credential: CredentialRecord) {
    await db.insertInto('credentials').values(credentialToRow(credential)).execute().catch(rethrowConflict);
  }

  async recordCredentialUse(
    id: string,
    use: { previousCounter: number; counter: number; backedUp: boolean; usedAt: Date },
  ) {
    const result = await this.db
      .updateTable('credentials')
      .set({ counter: use.counter, backed_up: use.backedUp, last_used_at: use.usedAt.getTime() })
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
      // Lock the account first: two concurrent deletes of a user's last two passkeys must not
      // both see "one more left" (read committed would let them; SQLite has one writer).
      const user = await trx.selectFrom('users').select('id').where('id', '=', userId).forUpdate().executeTakeFirst();
      if (!user) return 'not_found' as const;
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
      await trx.selectFrom('users').select('id').where('id', '=', userId).forUpdate().execute();
      await trx.deleteFrom('recovery_codes').where('user_id', '=', userId).execute();
      if (codeHashes.length === 0) return;
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
      const user = await trx.selectFrom('users').select('id').where('id', '=', userId).forUpdate().executeTakeFirst();
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
          allowed_credential_ids: challenge.allowedCredentialIds && JSON.stringify(challenge.allowedCredentialIds),
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
        .orderBy('seq', 'desc')
        .limit(limits.maxPerClient);
      await trx
        .deleteFrom('challenges')
        .where('client_key', '=', challenge.clientKey)
        .where('challenge', 'not in', keep)
        .execute();
    });
  }

  async consumeChallenge(challenge: string, purpose: ChallengePurpose) {
    // One statement: of racing consumers, exactly one gets the row (the others find it gone).
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
