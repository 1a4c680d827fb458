import pg from 'pg';
import {Kysely, PostgresDialect, sql} from 'kysely';
import {KyselyStore} from './kysely-store.js';
import type {StoreDialect} from './kysely/dialect.js';
import {migrateToLatest, type Schema} from './kysely/schema.js';
import {postgresMigrations} from './postgres-migrations.js';
import {PostgresSignInQueries} from './postgres-queries.js';
import {namedStatementPool} from './postgres-statements.js';
import type {
  ChallengePurpose,
  ChallengeRecord,
  SessionRecord,
  StoreConflictError,
} from './types.js';

const INT8_OID = 20;
/**
 * This pool's type parsers: `bigint` as a number (milliseconds and counters stay far below
 * 2^53); everything else as `pg` parses it (`jsonb` comes back parsed).
 */
const typeParsers = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === INT8_OID && format !== 'binary') return (value: string) => Number(value);
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    return (pg.types.getTypeParser as any)(oid, format);
  },
};

/** The constraint names of postgres-migrations.ts, mapped to the conflict they mean. */
const CONFLICTS: Record<string, StoreConflictError['conflict']> = {
  users_username_normalized_key: 'username',
  users_email_key: 'email',
  users_webauthn_user_id_key: 'webauthn_user_id',
  credentials_pkey: 'credential',
};

/**
 * What PostgreSQL does differently (see `StoreDialect`): real booleans, `jsonb` parsed by `pg`,
 * the `seq` identity column for insertion order, row locks under read committed.
 */
const postgres: StoreDialect = {
  label: 'PostgreSQL',
  bool: (value) => value,
  parseJson: <T>(value: T | string) => value as T,
  insertionOrder: (table) => sql.ref(`${table}.seq`),
  rowLocks: true,
  // Uniqueness failures are SQLSTATE 23505, naming the constraint.
  conflict(error) {
    const e = error as {code?: string; constraint?: string};
    return e?.code === '23505' && e.constraint ? CONFLICTS[e.constraint] : undefined;
  },
};

export interface PostgresStoreOptions {
  /** Connections in the pool (default 10). */
  maxConnections?: number;
  /** How long a request waits for a connection before failing (default 5000 ms). */
  connectionTimeoutMs?: number;
}

/** The store on PostgreSQL (`pg` pool), chosen by `DATABASE_URL`. */
export class PostgresStore extends KyselyStore {
  /** Tells the limits (`http/limits.ts`) to keep their counters in this database, via `pool`. */
  readonly engine = 'postgres' as const;
  private readonly signIn: PostgresSignInQueries;

  private constructor(
    db: Kysely<Schema>,
    /** The connection pool, shared with the PostgreSQL rate limiter (`http/limits.ts`). */
    readonly pool: pg.Pool,
  ) {
    super(db, postgres);
    this.signIn = new PostgresSignInQueries(db, postgres);
  }

  // The sign-in path in one statement per step (postgres-queries.ts).

  override putChallenge(challenge: ChallengeRecord, limits: {maxPerClient: number; now: Date}) {
    return this.signIn.putChallenge(challenge, limits);
  }
  override consumeChallengeWithCredential(
    challenge: string,
    purpose: ChallengePurpose,
    credentialId: string,
  ) {
    return this.signIn.consumeChallengeWithCredential(challenge, purpose, credentialId);
  }
  override async recordSignIn(
    credentialId: string,
    use: {previousCounter: number; counter: number; backedUp: boolean; usedAt: Date},
    session: SessionRecord,
  ) {
    await this.sessions.sweepExpiredIfDue(session.createdAt.getTime());
    return this.signIn.recordSignIn(credentialId, use, session);
  }

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
    pool.on('error', (error) =>
      console.error('[passkey-server] PostgreSQL connection lost:', error.message),
    );
    // A connection that dies while checked out emits 'error' on its client, where the pool has no
    // listener: unheard, that is an uncaught exception that takes the whole process down (found
    // by faults.test.ts stopping the server). The query in flight fails on its own (→ 503).
    pool.on('connect', (client) => {
      client.on('error', (error) =>
        console.error('[passkey-server] PostgreSQL connection lost:', error.message),
      );
    });
    const db = new Kysely<Schema>({dialect: new PostgresDialect({pool: namedStatementPool(pool)})});
    await migrateToLatest(db, postgresMigrations, postgres.label);
    return new PostgresStore(db, pool);
  }
}
