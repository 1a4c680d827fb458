import type { ServerConfig } from '../config.js';
import { isPostgresUnavailable, PostgresStore } from './postgres.js';
import { SqliteStore } from './sqlite.js';
import type { Store } from './types.js';

export * from './types.js';
export { SqliteStore } from './sqlite.js';
export { PostgresStore, type PostgresStoreOptions } from './postgres.js';

/**
 * Opens the store the configuration names and brings its schema up to date: PostgreSQL when
 * `databaseUrl` (`DATABASE_URL`) is set, else SQLite at `databasePath`.
 */
export async function openStore(
  config: Pick<ServerConfig, 'databasePath'> & Partial<Pick<ServerConfig, 'databaseUrl'>>,
): Promise<Store> {
  if (config.databaseUrl) return PostgresStore.open(config.databaseUrl);
  return SqliteStore.open(config.databasePath);
}

/** SQLite result codes that mean the file cannot be used (as opposed to a bad statement). */
const SQLITE_UNAVAILABLE = /^SQLITE_(CANTOPEN|IOERR|NOTADB|CORRUPT|FULL|BUSY|LOCKED|READONLY|PROTOCOL|NOMEM)/;

/**
 * Whether `error` (or one of its causes) says the database is out of reach (gone, shut down,
 * closed, corrupt, unreachable, busy past its timeout) rather than that a request was wrong. The
 * app answers those `503 unavailable`, and nothing falls back to a weaker check meanwhile.
 */
export function isStoreUnavailable(error: unknown): boolean {
  for (let e = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    if (isPostgresUnavailable(e)) return true;
    const { code, message } = e as { code?: unknown; message?: unknown };
    if (typeof code === 'string' && SQLITE_UNAVAILABLE.test(code)) return true;
    // better-sqlite3 after close(), and Kysely after destroy().
    if (typeof message === 'string' && /database connection is not open|driver has already been destroyed/i.test(message)) {
      return true;
    }
  }
  return false;
}
