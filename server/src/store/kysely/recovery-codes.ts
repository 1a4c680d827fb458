import type {Kysely} from 'kysely';
import type {RecoveryCodeStatus, RecoveryCodeStore} from '../types.js';
import {lockUser, type StoreDialect} from './dialect.js';
import type {Schema} from './schema.js';

/** The recovery codes (`RecoveryCodeStore`) over Kysely. */
export class KyselyRecoveryCodeStore implements RecoveryCodeStore {
  constructor(
    private readonly db: Kysely<Schema>,
    private readonly dialect: StoreDialect,
  ) {}

  async replaceRecoveryCodes(userId: string, codeHashes: string[], now: Date) {
    await this.db.transaction().execute(async (trx) => {
      await lockUser(trx, this.dialect, userId);
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

  async recoveryCodeStatus(userId: string): Promise<RecoveryCodeStatus> {
    // One statement: COUNT(used_at) counts the used ones; the set's codes share one created_at.
    // PostgreSQL answers counts and bigints as strings, SQLite as numbers.
    const row = await this.db
      .selectFrom('recovery_codes')
      .select((eb) => [
        eb.fn.countAll<number | string>().as('total'),
        eb.fn.count<number | string>('used_at').as('used'),
        eb.fn.max('created_at').as('created_at'),
        eb.fn.max('used_at').as('last_used_at'),
      ])
      .where('user_id', '=', userId)
      .executeTakeFirstOrThrow();
    const total = Number(row.total);
    const time = (t: number | string | null) => (t === null ? null : new Date(Number(t)));
    return {
      total,
      unused: total - Number(row.used),
      createdAt: time(row.created_at),
      lastUsedAt: time(row.last_used_at),
    };
  }
}
