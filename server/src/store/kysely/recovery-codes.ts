import type {Kysely} from 'kysely';
import type {RecoveryCodeStore} from '../types.js';
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
}
