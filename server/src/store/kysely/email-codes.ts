import type {Kysely} from 'kysely';
import type {EmailCodeRecord, EmailCodeStore} from '../types.js';
import type {StoreDialect} from './dialect.js';
import type {Schema} from './schema.js';

/** The signup codes (`EmailCodeStore`) over Kysely. */
export class KyselyEmailCodeStore implements EmailCodeStore {
  constructor(
    private readonly db: Kysely<Schema>,
    private readonly dialect: StoreDialect,
  ) {}

  async putEmailCode(code: EmailCodeRecord) {
    const values = {
      code_hash: code.codeHash,
      attempts: code.attempts,
      created_at: code.createdAt.getTime(),
      expires_at: code.expiresAt.getTime(),
    };
    await this.db.transaction().execute(async (trx) => {
      await trx
        .deleteFrom('email_codes')
        .where('expires_at', '<=', code.createdAt.getTime())
        .execute();
      await trx
        .insertInto('email_codes')
        .values({email: code.email, ...values})
        .onConflict((oc) => oc.column('email').doUpdateSet(values))
        .execute();
    });
  }

  async tryEmailCode(email: string, codeHash: string, now: Date, maxAttempts: number) {
    return this.db.transaction().execute(async (trx) => {
      // Concurrent tries of one address take turns: the row lock, or SQLite's single writer.
      const row = await trx
        .selectFrom('email_codes')
        .selectAll()
        .where('email', '=', email)
        .$if(this.dialect.rowLocks, (qb) => qb.forUpdate())
        .executeTakeFirst();
      if (!row || row.expires_at <= now.getTime()) {
        if (row) await trx.deleteFrom('email_codes').where('email', '=', email).execute();
        return 'none' as const;
      }
      if (row.code_hash === codeHash) {
        await trx.deleteFrom('email_codes').where('email', '=', email).execute();
        return 'ok' as const;
      }
      if (row.attempts + 1 >= maxAttempts) {
        await trx.deleteFrom('email_codes').where('email', '=', email).execute();
        return 'burned' as const;
      }
      await trx
        .updateTable('email_codes')
        .set({attempts: row.attempts + 1})
        .where('email', '=', email)
        .execute();
      return 'wrong' as const;
    });
  }
}
