import {mkdirSync} from 'node:fs';
import {dirname} from 'node:path';
import Database from 'better-sqlite3';
import {Kysely, SqliteDialect, sql, type SqliteDatabase} from 'kysely';
import {KyselyStore} from './kysely-store.js';
import type {StoreDialect} from './kysely/dialect.js';
import {migrateToLatest, type Schema} from './kysely/schema.js';
import {Checkpointer} from './sqlite-checkpointer.js';
import {sqliteMigrations} from './sqlite-migrations.js';

/** What SQLite does differently (see `StoreDialect`): 0/1 booleans, JSON as text, `rowid`, one writer. */
const sqlite: StoreDialect = {
  label: 'SQLite',
  bool: (value) => (value ? 1 : 0),
  parseJson: <T>(value: T | string) => JSON.parse(value as string) as T,
  insertionOrder: (table) => sql.ref(`${table}.rowid`),
  rowLocks: false,
  conflict(error) {
    const e = error as {code?: string; message?: string};
    if (e?.code !== 'SQLITE_CONSTRAINT_UNIQUE' && e?.code !== 'SQLITE_CONSTRAINT_PRIMARYKEY')
      return undefined;
    const message = e.message ?? '';
    if (message.includes('users.username_normalized')) return 'username';
    if (message.includes('users.email')) return 'email';
    if (message.includes('users.webauthn_user_id')) return 'webauthn_user_id';
    if (message.includes('credentials.id')) return 'credential';
    return undefined;
  },
};

/**
 * The database as Kysely's SQLite dialect sees it, with every statement prepared once: the dialect
 * asks better-sqlite3 to `prepare` the SQL of each query it runs, and compiling the same text again
 * for every request costs more than running it. Statements are kept by their text (parameters are
 * bound at each run), the `max` most recently used ones (a list of another length is another text).
 */
export function withStatementCache(database: Database.Database, max = 200): SqliteDatabase {
  const statements = new Map<string, Database.Statement>();
  return {
    close: () => database.close(),
    prepare(text) {
      let statement = statements.get(text);
      if (statement) statements.delete(text);
      else {
        statement = database.prepare(text);
        if (statements.size >= max) statements.delete(statements.keys().next().value!);
      }
      statements.set(text, statement); // now the most recently used
      return statement;
    },
  };
}

/** The store on SQLite (better-sqlite3): the default, embedded engine. */
export class SqliteStore extends KyselyStore {
  /**
   * Opens (creating if needed) the database file, switches on WAL and foreign keys, and applies
   * pending migrations. `:memory:` works too.
   */
  static async open(path: string): Promise<SqliteStore> {
    if (path !== ':memory:' && !path.startsWith('file:'))
      mkdirSync(dirname(path), {recursive: true});
    const database = new Database(path);
    database.pragma('journal_mode = WAL');
    // In WAL mode NORMAL stays durable when the process dies (the crash test kills it with
    // SIGKILL mid-burst); only a power loss can drop the last commits. FULL fsyncs every
    // commit, and a sign-in makes three: measured at 19-25 ms against 5.7 ms a sign-in.
    database.pragma('synchronous = NORMAL');
    database.pragma('foreign_keys = ON');
    database.pragma('busy_timeout = 5000');
    const db = new Kysely<Schema>({
      dialect: new SqliteDialect({database: withStatementCache(database)}),
    });
    await migrateToLatest(db, sqliteMigrations, sqlite.label);
    // A file in WAL mode: checkpoints in a worker thread, the automatic one only as a backstop
    // (10000 pages, about 40 MB of WAL). In memory there is no WAL to checkpoint.
    let checkpointer: Checkpointer | null = null;
    if (database.pragma('journal_mode', {simple: true}) === 'wal') {
      database.pragma('wal_autocheckpoint = 10000');
      checkpointer = new Checkpointer(database.name);
    }
    return new SqliteStore(db, sqlite, checkpointer);
  }

  private constructor(
    db: Kysely<Schema>,
    dialect: StoreDialect,
    private readonly checkpointer: Checkpointer | null,
  ) {
    super(db, dialect);
  }

  override async close(): Promise<void> {
    await this.checkpointer?.stop();
    await super.close();
  }
}
