import {
  Migrator,
  type ColumnType,
  type Compilable,
  type CompiledQuery,
  type QueryResult,
  type Generated,
  type Insertable,
  type Kysely,
  type Migration,
  type RawBuilder,
  type Selectable,
  type Transaction,
} from 'kysely';
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

/**
 * The one `Store` over Kysely: every query of the reference backend, for every engine. What an
 * engine does differently is a `StoreDialect` (sqlite.ts, postgres.ts), which also opens the
 * connection and keeps that engine's migrations.
 *
 * Row shapes cover both engines (see sqlite-migrations.ts and postgres-migrations.ts):
 * timestamps are integer milliseconds since the epoch on both (`bigint` read back as a number on
 * PostgreSQL); booleans are 0/1 on SQLite and `boolean` on PostgreSQL; lists and pending signups
 * are JSON text on SQLite and `jsonb` on PostgreSQL, written as JSON text on both.
 */

/** Written as the dialect's `bool()`; read with `Boolean()`. */
type Bool = number | boolean;
/** Written as JSON text; read through the dialect's `parseJson()`. */
type Json<T> = ColumnType<T | string, string, string>;
type NullableJson<T> = ColumnType<T | string | null, string | null, never>;

interface UsersTable {
  id: string;
  username: string;
  username_normalized: string;
  display_name: string;
  webauthn_user_id: string;
  created_at: number;
  password_hash: Generated<string | null>;
  email: Generated<string | null>;
  mfa_enabled: Generated<Bool>;
}
interface CredentialsTable {
  id: string;
  user_id: string;
  public_key: Uint8Array;
  counter: number;
  transports: Json<string[]>;
  device_type: string;
  backed_up: Bool;
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
  pending_signup: NullableJson<PendingSignup>;
  allowed_credential_ids: NullableJson<string[]>;
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
export interface Schema {
  users: UsersTable;
  credentials: CredentialsTable;
  challenges: ChallengesTable;
  sessions: SessionsTable;
  recovery_codes: RecoveryCodesTable;
  tokens: TokensTable;
  email_codes: EmailCodesTable;
}
type Db = Kysely<Schema> | Transaction<Schema>;

/** How often creating a session also sweeps the expired ones. */
const SESSION_SWEEP_INTERVAL_MS = 60_000;

/** What one engine does differently from another, for the queries of `KyselyStore`. */
export interface StoreDialect {
  /** The engine's name in messages (`SQLite`, `PostgreSQL`). */
  readonly label: string;
  /** A boolean as the engine stores it. */
  bool(value: boolean): Bool;
  /** A JSON column as the driver hands it over (text to parse, or already parsed). */
  parseJson<T>(value: T | string): T;
  /**
   * Orders `table`'s rows written in the same millisecond by insertion (SQLite's `rowid`, an
   * identity column on PostgreSQL).
   */
  insertionOrder(table: 'credentials' | 'challenges'): RawBuilder<unknown>;
  /**
   * Whether reads that decide a write must take row locks (`SELECT … FOR UPDATE`): PostgreSQL's
   * read committed lets two transactions read the same state; SQLite has one writer at a time
   * and no such clause.
   */
  readonly rowLocks: boolean;
  /** The uniqueness rule a failed write broke, or `undefined` when it failed for another reason. */
  conflict(error: unknown): StoreConflictError['conflict'] | undefined;
}

const date = (ms: number) => new Date(ms);
const maybeDate = (ms: number | null) => (ms === null ? null : new Date(ms));

/** Stands for a prepared query's `index`-th argument while the query is built and compiled. */
class Placeholder {
  constructor(readonly index: number) {}
}

/**
 * A query whose SQL does not depend on its values, built with Kysely's builder and compiled once,
 * at the first call: `build` gets a placeholder for each argument where the values go, and every
 * call runs the compiled statement with its own arguments bound in their places. Kysely would
 * otherwise build and compile the same statement again on every call (on the sign-in path that
 * was most of Kysely's share of the time). Only for fixed shapes: no lists whose length varies.
 */
function prepared<A extends unknown[], O>(
  db: () => Kysely<Schema>,
  build: (...args: A) => Compilable<O>,
): (...args: A) => Promise<QueryResult<O>> {
  let compiled: CompiledQuery<O> | undefined;
  let slots: number[] = [];
  return (...args) => {
    if (!compiled) {
      const query = build(...(args.map((_, i) => new Placeholder(i)) as A)).compile();
      slots = query.parameters.map((p) => (p instanceof Placeholder ? p.index : -1));
      // Every argument must have become a parameter (not inlined, not dropped).
      if (args.some((_, i) => !slots.includes(i)))
        throw new Error(`prepared query does not bind every argument: ${query.sql}`);
      compiled = query;
    }
    const {parameters} = compiled;
    return db().executeQuery({
      ...compiled,
      parameters: parameters.map((p, i) => (slots[i]! < 0 ? p : args[slots[i]!])),
    });
  };
}

/**
 * Brings `db` to the newest of `migrations` (Kysely's `Migrator`, whose lock makes processes
 * starting together apply each step once); on failure closes `db` and throws.
 */
export async function migrateToLatest(
  db: Kysely<Schema>,
  migrations: Record<string, Migration>,
  label: string,
): Promise<void> {
  const migrator = new Migrator({db, provider: {getMigrations: async () => migrations}});
  const {error, results} = await migrator.migrateToLatest();
  if (error) {
    await db.destroy();
    const failed = results?.find((r) => r.status === 'Error')?.migrationName;
    throw new Error(`${label} migration ${failed ?? ''} failed: ${String(error)}`, {cause: error});
  }
}

function userFromRow(
  row: Pick<
    Selectable<UsersTable>,
    | 'id'
    | 'username'
    | 'username_normalized'
    | 'display_name'
    | 'webauthn_user_id'
    | 'created_at'
    | 'email'
  >,
): UserRecord {
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

export class KyselyStore implements Store {
  protected constructor(
    protected readonly db: Kysely<Schema>,
    private readonly dialect: StoreDialect,
  ) {}

  async close(): Promise<void> {
    await this.db.destroy();
  }

  // Rows <-> records where the engines differ

  private credentialFromRow(row: Selectable<CredentialsTable>): CredentialRecord {
    return {
      id: row.id,
      userId: row.user_id,
      publicKey: new Uint8Array(row.public_key),
      counter: row.counter,
      transports: this.dialect.parseJson(row.transports),
      deviceType: row.device_type as CredentialDeviceType,
      backedUp: Boolean(row.backed_up),
      aaguid: row.aaguid,
      name: row.name,
      createdAt: date(row.created_at),
      lastUsedAt: maybeDate(row.last_used_at),
      counterRegressedAt: maybeDate(row.counter_regressed_at),
    };
  }

  private credentialToRow(credential: CredentialRecord): Insertable<CredentialsTable> {
    return {
      id: credential.id,
      user_id: credential.userId,
      public_key: Buffer.from(credential.publicKey),
      counter: credential.counter,
      transports: JSON.stringify(credential.transports),
      device_type: credential.deviceType,
      backed_up: this.dialect.bool(credential.backedUp),
      aaguid: credential.aaguid,
      name: credential.name,
      created_at: credential.createdAt.getTime(),
      last_used_at: credential.lastUsedAt?.getTime() ?? null,
      counter_regressed_at: credential.counterRegressedAt?.getTime() ?? null,
    };
  }

  private challengeFromRow(row: Selectable<ChallengesTable>): ChallengeRecord {
    const {parseJson} = this.dialect;
    return {
      challenge: row.challenge,
      purpose: row.purpose as ChallengePurpose,
      userId: row.user_id,
      pendingSignup: row.pending_signup === null ? null : parseJson(row.pending_signup),
      allowedCredentialIds:
        row.allowed_credential_ids === null ? null : parseJson(row.allowed_credential_ids),
      tokenHash: row.token_hash,
      clientKey: row.client_key,
      createdAt: date(row.created_at),
      expiresAt: date(row.expires_at),
    };
  }

  /** Maps a uniqueness failure to `StoreConflictError`; rethrows anything else. */
  private readonly rethrowConflict = (error: unknown): never => {
    const conflict = this.dialect.conflict(error);
    if (conflict) throw new StoreConflictError(conflict);
    throw error;
  };

  /** Locks the user's row until the transaction ends where the engine needs it (see `rowLocks`). */
  private async lockUser(trx: Transaction<Schema>, userId: string): Promise<boolean> {
    const user = await trx
      .selectFrom('users')
      .select('id')
      .where('id', '=', userId)
      .$if(this.dialect.rowLocks, (qb) => qb.forUpdate())
      .executeTakeFirst();
    return user !== undefined;
  }

  // Users

  private readonly userById = prepared(
    () => this.db,
    (id: string) => this.db.selectFrom('users').selectAll().where('id', '=', id),
  );

  async getUserById(id: string) {
    const [row] = (await this.userById(id)).rows;
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
    const row = await this.db
      .selectFrom('users')
      .selectAll()
      .where('email', '=', email)
      .executeTakeFirst();
    return row && userFromRow(row);
  }

  async createUser(user: UserRecord, factors: UserFactors) {
    await this.db
      .insertInto('users')
      .values({
        ...userToRow(user),
        password_hash: factors.passwordHash,
        mfa_enabled: this.dialect.bool(factors.mfaEnabled),
      })
      .execute()
      .catch(this.rethrowConflict);
  }

  async getUserFactors(userId: string) {
    const row = await this.db
      .selectFrom('users')
      .select(['password_hash', 'mfa_enabled'])
      .where('id', '=', userId)
      .executeTakeFirst();
    return row && {passwordHash: row.password_hash, mfaEnabled: Boolean(row.mfa_enabled)};
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
      await trx
        .deleteFrom('email_codes')
        .where('expires_at', '<=', code.createdAt.getTime())
        .execute();
      await trx
        .insertInto('email_codes')
        .values({email: code.email, ...values})
        .onConflict((oc) => oc.column('email').doUpdateSet(values))
        .execute();
    });
  }

  async tryEmailCode(email: string, codeHash: string, now: Date, maxAttempts: number) {
    return this.db.transaction().execute(async (trx) => {
      // Concurrent tries of one address take turns: the row lock, or SQLite's single writer.
      const row = await trx
        .selectFrom('email_codes')
        .selectAll()
        .where('email', '=', email)
        .$if(this.dialect.rowLocks, (qb) => qb.forUpdate())
        .executeTakeFirst();
      if (!row || row.expires_at <= now.getTime()) {
        if (row) await trx.deleteFrom('email_codes').where('email', '=', email).execute();
        return 'none' as const;
      }
      if (row.code_hash === codeHash) {
        await trx.deleteFrom('email_codes').where('email', '=', email).execute();
        return 'ok' as const;
      }
      if (row.attempts + 1 >= maxAttempts)
        await trx.deleteFrom('email_codes').where('email', '=', email).execute();
      else
        await trx
          .updateTable('email_codes')
          .set({attempts: row.attempts + 1})
          .where('email', '=', email)
          .execute();
      return 'wrong' as const;
    });
  }

  // Credentials

  async getCredential(id: string) {
    const row = await this.db
      .selectFrom('credentials')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return row && this.credentialFromRow(row);
  }

  private readonly credentialWithUser = prepared(
    () => this.db,
    (id: string) =>
      this.db
        .selectFrom('credentials')
        .innerJoin('users', 'users.id', 'credentials.user_id')
        .selectAll('credentials')
        .select([
          'users.username',
          'users.username_normalized',
          'users.display_name',
          'users.webauthn_user_id',
          'users.email',
          'users.created_at as user_created_at',
        ])
        .where('credentials.id', '=', id),
  );

  async getCredentialWithUser(id: string) {
    const [row] = (await this.credentialWithUser(id)).rows;
    if (!row) return undefined;
    const user = userFromRow({...row, id: row.user_id, created_at: row.user_created_at});
    return {credential: this.credentialFromRow(row), user};
  }

  private readonly userWithCredentials = prepared(
    () => this.db,
    (usernameNormalized: string) =>
      this.db
        .selectFrom('users')
        .leftJoin('credentials', 'credentials.user_id', 'users.id')
        .select([
          'users.id as account_id',
          'users.username',
          'users.username_normalized',
          'users.display_name',
          'users.webauthn_user_id',
          'users.email',
          'users.created_at as account_created_at',
        ])
        .selectAll('credentials')
        .where('users.username_normalized', '=', usernameNormalized)
        .orderBy('credentials.created_at', 'desc')
        .orderBy(this.dialect.insertionOrder('credentials'), 'desc'),
  );

  async getUserWithCredentials(usernameNormalized: string) {
    // One statement whether or not the account exists or has passkeys: the same work either way.
    const {rows} = await this.userWithCredentials(usernameNormalized);
    const first = rows[0];
    if (!first) return undefined;
    const user = userFromRow({
      ...first,
      id: first.account_id,
      created_at: first.account_created_at,
    });
    const credentials = rows.flatMap((row) =>
      row.id === null ? [] : [this.credentialFromRow(row as Selectable<CredentialsTable>)],
    );
    return {user, credentials};
  }

  async listCredentials(userId: string) {
    const rows = await this.db
      .selectFrom('credentials')
      .selectAll()
      .where('user_id', '=', userId)
      .orderBy('created_at', 'desc')
      .orderBy(this.dialect.insertionOrder('credentials'), 'desc') // same millisecond: insertion order
      .execute();
    return rows.map((row) => this.credentialFromRow(row));
  }

  async createUserWithCredential(user: UserRecord, credential: CredentialRecord) {
    await this.db.transaction().execute(async (trx) => {
      await this.insertUser(trx, user);
      await this.insertCredential(trx, {...credential, userId: user.id});
    });
  }

  async addCredential(credential: CredentialRecord) {
    await this.insertCredential(this.db, credential);
  }

  private async insertUser(db: Db, user: UserRecord) {
    await db.insertInto('users').values(userToRow(user)).execute().catch(this.rethrowConflict);
  }

  private async insertCredential(db: Db, credential: CredentialRecord) {
    await db
      .insertInto('credentials')
      .values(this.credentialToRow(credential))
      .execute()
      .catch(this.rethrowConflict);
  }

  private readonly credentialUse = prepared(
    () => this.db,
    (counter: number, backedUp: Bool, usedAt: number, id: string, previousCounter: number) =>
      this.db
        .updateTable('credentials')
        .set({counter, backed_up: backedUp, last_used_at: usedAt})
        .where('id', '=', id)
        .where('counter', '=', previousCounter)
        .where('counter_regressed_at', 'is', null),
  );

  async recordCredentialUse(
    id: string,
    use: {previousCounter: number; counter: number; backedUp: boolean; usedAt: Date},
  ) {
    const result = await this.credentialUse(
      use.counter,
      this.dialect.bool(use.backedUp),
      use.usedAt.getTime(),
      id,
      use.previousCounter,
    );
    return result.numAffectedRows === 1n;
  }

  async flagCounterRegression(id: string, at: Date) {
    await this.db
      .updateTable('credentials')
      .set({counter_regressed_at: at.getTime()})
      .where('id', '=', id)
      .where('counter_regressed_at', 'is', null)
      .execute();
  }

  async renameCredential(userId: string, id: string, name: string) {
    const row = await this.db
      .updateTable('credentials')
      .set({name})
      .where('id', '=', id)
      .where('user_id', '=', userId)
      .returningAll()
      .executeTakeFirst();
    return row && this.credentialFromRow(row);
  }

  async deleteCredential(userId: string, id: string) {
    return this.db.transaction().execute(async (trx) => {
      // The account first, locked where the engine needs it: two concurrent deletes of a user's
      // last two passkeys must not both see "one more left".
      if (!(await this.lockUser(trx, userId))) return 'not_found' as const;
      const owned = await trx
        .selectFrom('credentials')
        .select('id')
        .where('id', '=', id)
        .where('user_id', '=', userId)
        .executeTakeFirst();
      if (!owned) return 'not_found' as const;
      const {n} = await trx
        .selectFrom('credentials')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('user_id', '=', userId)
        .executeTakeFirstOrThrow();
      if (Number(n) <= 1 && !(await this.hasOtherWayIn(trx, userId)))
        return 'last_passkey' as const;
      await trx
        .deleteFrom('credentials')
        .where('id', '=', id)
        .where('user_id', '=', userId)
        .execute();
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
      await this.lockUser(trx, userId);
      await trx.deleteFrom('recovery_codes').where('user_id', '=', userId).execute();
      if (codeHashes.length === 0) return;
      await trx
        .insertInto('recovery_codes')
        .values(
          codeHashes.map((code_hash) => ({
            code_hash,
            user_id: userId,
            created_at: now.getTime(),
            used_at: null,
          })),
        )
        .execute();
    });
  }

  async useRecoveryCode(userId: string, codeHash: string, now: Date) {
    const result = await this.db
      .updateTable('recovery_codes')
      .set({used_at: now.getTime()})
      .where('code_hash', '=', codeHash)
      .where('user_id', '=', userId)
      .where('used_at', 'is', null)
      .executeTakeFirst();
    return result.numUpdatedRows === 1n;
  }

  async countUnusedRecoveryCodes(userId: string) {
    const {n} = await this.db
      .selectFrom('recovery_codes')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('user_id', '=', userId)
      .where('used_at', 'is', null)
      .executeTakeFirstOrThrow();
    return Number(n);
  }

  async resetUserPasskeys(userId: string) {
    return this.db.transaction().execute(async (trx) => {
      if (!(await this.lockUser(trx, userId))) return false;
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

  async putChallenge(challenge: ChallengeRecord, limits: {maxPerClient: number; now: Date}) {
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
        .orderBy(this.dialect.insertionOrder('challenges'), 'desc')
        .limit(limits.maxPerClient);
      await trx
        .deleteFrom('challenges')
        .where('client_key', '=', challenge.clientKey)
        .where('challenge', 'not in', keep)
        .execute();
    });
  }

  private readonly challengeTaken = prepared(
    () => this.db,
    (challenge: string, purpose: string) =>
      this.db
        .deleteFrom('challenges')
        .where('challenge', '=', challenge)
        .where('purpose', '=', purpose)
        .returningAll(),
  );

  async consumeChallenge(challenge: string, purpose: ChallengePurpose) {
    // One statement: of racing consumers, exactly one gets the row (the others find it gone).
    const [row] = (await this.challengeTaken(challenge, purpose)).rows;
    return row && this.challengeFromRow(row);
  }

  // Sessions

  private readonly expiredSessionsSwept = prepared(
    () => this.db,
    (now: number) => this.db.deleteFrom('sessions').where('expires_at', '<=', now),
  );

  private readonly sessionInserted = prepared(
    () => this.db,
    (id: string, userId: string, createdAt: number, expiresAt: number) =>
      this.db
        .insertInto('sessions')
        .values({id, user_id: userId, created_at: createdAt, expires_at: expiresAt}),
  );

  /** When expired sessions are next swept (ms since the epoch). */
  private nextSessionSweep = 0;

  async createSession(session: SessionRecord) {
    // Expired sessions are swept at most once a minute per store, not at every sign-in: a
    // sweep is a statement of its own, and an expired session is refused (and removed) when
    // it is presented anyway. No transaction around the two: the sweep removes only rows
    // nobody can use any more.
    const now = session.createdAt.getTime();
    if (now >= this.nextSessionSweep) {
      this.nextSessionSweep = now + SESSION_SWEEP_INTERVAL_MS;
      await this.expiredSessionsSwept(now);
    }
    await this.sessionInserted(session.id, session.userId, now, session.expiresAt.getTime());
  }

  private readonly sessionById = prepared(
    () => this.db,
    (id: string) => this.db.selectFrom('sessions').selectAll().where('id', '=', id),
  );

  async getSession(id: string) {
    const [row] = (await this.sessionById(id)).rows;
    return row && sessionFromRow(row);
  }

  async deleteSession(id: string) {
    await this.db.deleteFrom('sessions').where('id', '=', id).execute();
  }
}
