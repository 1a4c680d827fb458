import {once} from 'node:events';
import {mkdirSync} from 'node:fs';
import {createRequire} from 'node:module';
import {dirname} from 'node:path';
import {setTimeout as delay} from 'node:timers/promises';
import {Worker} from 'node:worker_threads';
import Database from 'better-sqlite3';
import {Kysely, SqliteDialect, sql, type SqliteDatabase} from 'kysely';
import {KyselyStore, migrateToLatest, type Schema, type StoreDialect} from './kysely-store.js';
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

/**
 * The checkpointer's thread: its own connection to the file (opened at the first tick, so a store
 * closed at once never opens it), a PASSIVE checkpoint every `intervalMs` (it never waits for,
 * nor blocks, the server's readers and writers), and a last one when told to stop. A failure is
 * reported once, until a checkpoint succeeds again.
 */
const CHECKPOINTER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.module);
let db = null;
let failing = false;
const checkpoint = () => {
  try {
    db ??= new Database(workerData.path, { fileMustExist: true });
    db.pragma('wal_checkpoint(PASSIVE)');
    failing = false;
  } catch (error) {
    if (!failing) parentPort.postMessage(String((error && error.message) || error));
    failing = true;
  }
};
const timer = setInterval(checkpoint, workerData.intervalMs);
parentPort.on('message', () => {
  clearInterval(timer);
  if (db) {
    checkpoint();
    db.close();
  }
  parentPort.close();
});
`;

/**
 * Moves WAL checkpoints off the event loop. SQLite's automatic checkpoint runs inside the commit
 * that takes the WAL past 1000 pages, so now and then one request copies the WAL into the
 * database file and waits for its fsyncs: measured here at about 70% of all the time spent in
 * commits on a busy disk (149 µs a commit against 44 µs without). This worker thread does that
 * work instead, every `intervalMs`, with the same durability (in WAL mode with
 * `synchronous=NORMAL` the checkpoint is where the fsyncs are, wherever it runs). The server's
 * own connection keeps an automatic checkpoint far out as a backstop, should the worker fall
 * behind or stop.
 */
class Checkpointer {
  private readonly worker: Worker;
  private readonly exited: Promise<unknown>;

  constructor(path: string, intervalMs = 100) {
    const module = createRequire(import.meta.url).resolve('better-sqlite3');
    // execArgv: [] so the source runs as CommonJS even when the process was started with
    // --input-type=module (a worker inherits its parent's flags; the source needs none).
    this.worker = new Worker(CHECKPOINTER_SOURCE, {
      eval: true,
      execArgv: [],
      workerData: {path, intervalMs, module},
    });
    this.worker.unref(); // never what keeps a process alive
    // once() rejects on an 'error' event: unhandled, that rejection would end the process.
    this.exited = once(this.worker, 'exit').catch(() => {});
    this.worker.on('error', (error) =>
      console.error('[passkey-server] SQLite checkpointer stopped:', error.message),
    );
    this.worker.on('message', (message) =>
      console.error('[passkey-server] SQLite checkpoint failed:', message),
    );
  }

  /** A last checkpoint, then the thread ends (ended by force after 5 s). */
  async stop(): Promise<void> {
    this.worker.postMessage('stop');
    const timeout = new AbortController();
    await Promise.race([
      this.exited,
      delay(5000, undefined, {signal: timeout.signal}).then(() => this.worker.terminate()),
    ]).catch(() => {});
    timeout.abort();
  }
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
