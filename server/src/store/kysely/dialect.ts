import type {RawBuilder, Transaction} from 'kysely';
import {StoreConflictError} from '../types.js';
import type {Bool, Schema} from './schema.js';

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

/** A `catch` handler that maps a uniqueness failure to `StoreConflictError` and rethrows the rest. */
export function rethrowConflict(dialect: StoreDialect): (error: unknown) => never {
  return (error) => {
    const conflict = dialect.conflict(error);
    if (conflict) throw new StoreConflictError(conflict);
    throw error;
  };
}

/**
 * Locks the user's row until the transaction ends where the engine needs it (see `rowLocks`);
 * false when there is no such user.
 */
export async function lockUser(
  trx: Transaction<Schema>,
  dialect: StoreDialect,
  userId: string,
): Promise<boolean> {
  const user = await trx
    .selectFrom('users')
    .select('id')
    .where('id', '=', userId)
    .$if(dialect.rowLocks, (qb) => qb.forUpdate())
    .executeTakeFirst();
  return user !== undefined;
}
