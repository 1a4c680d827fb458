import type {Kysely} from 'kysely';
import type {AdminStore} from '../types.js';
import {lockUser, type StoreDialect} from './dialect.js';
import type {Schema} from './schema.js';

/** The operator's reset (`AdminStore`) over Kysely. */
export class KyselyAdminStore implements AdminStore {
  constructor(
    private readonly db: Kysely<Schema>,
    private readonly dialect: StoreDialect,
  ) {}

  async resetUserPasskeys(userId: string) {
    return this.db.transaction().execute(async (trx) => {
      if (!(await lockUser(trx, this.dialect, userId))) return false;
      await trx.deleteFrom('credentials').where('user_id', '=', userId).execute();
      // The account may enrol a passkey second factor again (`/mfa/options` mode `register`).
      await trx
        .updateTable('users')
        .set({passkey_enrolled_at: null})
        .where('id', '=', userId)
        .execute();
      await trx.deleteFrom('sessions').where('user_id', '=', userId).execute();
      await trx.deleteFrom('tokens').where('user_id', '=', userId).execute();
      return true;
    });
  }
}
