import type {ServerConfig} from '../config.js';
import {SqliteStore} from './sqlite.js';
import type {Store} from './types.js';

export * from './types.js';
export {SqliteStore} from './sqlite.js';
export type {PostgresStore, PostgresStoreOptions} from './postgres.js';

/**
 * Opens the store the configuration names and brings its schema up to date: PostgreSQL when
 * `databaseUrl` (`DATABASE_URL`) is set, else SQLite at `databasePath`.
 */
export async function openStore(
  config: Pick<ServerConfig, 'databasePath'> &
    Partial<Pick<ServerConfig, 'databaseUrl' | 'databasePoolSize'>>,
): Promise<Store> {
  if (config.databaseUrl) {
    // Loaded only when configured, so `pg` (an optional peer) is needed only by PostgreSQL sites.
    const {PostgresStore} = await import('./postgres.js');
    return PostgresStore.open(config.databaseUrl, {maxConnections: config.databasePoolSize});
  }
  return SqliteStore.open(config.databasePath);
}

/**
 * SQLSTATE classes and client errors that mean "the database cannot be reached or is going
 * away", as opposed to a bad statement: connection exceptions (08), operator intervention
 * (57: shutdown, crash, cannot connect now), insufficient resources (53), an unknown database
 * (3D000: dropped), and the `pg` client's own connection failures.
 */
function isPostgresUnavailable(error: unknown): boolean {
  const e = error as {code?: unknown; message?: unknown};
  const code = typeof e?.code === 'string' ? e.code : '';
  if (/^(08|57|53)/.test(code) || code === '3D000') return true;
  if (
    [
      'ECONNREFUSED',
      'ECONNRESET',
      'ETIMEDOUT',
      'EPIPE',
      'ENOTFOUND',
      'EHOSTUNREACH',
      'EAI_AGAIN',
    ].includes(code)
  )
    return true;
  const message = typeof e?.message === 'string' ? e.message : '';
  return /Connection terminated|timeout exceeded when trying to connect|Cannot use a pool after calling end|Client has encountered a connection error|Connection ended unexpectedly/i.test(
    message,
  );
}

/** SQLite result codes that mean the file cannot be used (as opposed to a bad statement). */
const SQLITE_UNAVAILABLE =
  /^SQLITE_(CANTOPEN|IOERR|NOTADB|CORRUPT|FULL|BUSY|LOCKED|READONLY|PROTOCOL|NOMEM)/;

/**
 * Whether `error` (or one of its causes) says the database is out of reach (gone, shut down,
 * closed, corrupt, unreachable, busy past its timeout) rather than that a request was wrong. The
 * app answers those `503 unavailable`, and nothing falls back to a weaker check meanwhile.
 */
export function isStoreUnavailable(error: unknown): boolean {
  for (let e = error, depth = 0; e && depth < 5; e = (e as {cause?: unknown}).cause, depth++) {
    if (isPostgresUnavailable(e)) return true;
    const {code, message} = e as {code?: unknown; message?: unknown};
    if (typeof code === 'string' && SQLITE_UNAVAILABLE.test(code)) return true;
    // better-sqlite3 after close(), and Kysely after destroy().
    if (
      typeof message === 'string' &&
      /database connection is not open|driver has already been destroyed/i.test(message)
    ) {
      return true;
    }
  }
  return false;
}
