import type { ServerConfig } from '../config.js';
import { SqliteStore } from './sqlite.js';
import type { Store } from './types.js';

export * from './types.js';
export { SqliteStore } from './sqlite.js';

/**
 * Opens the store the configuration names and brings its schema up to date. Only SQLite
 * (`databasePath`) for now; a PostgreSQL store will be chosen here by its connection URL.
 */
export async function openStore(config: Pick<ServerConfig, 'databasePath'>): Promise<Store> {
  return SqliteStore.open(config.databasePath);
}
