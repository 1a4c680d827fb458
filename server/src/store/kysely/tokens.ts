import type {Kysely, Selectable} from 'kysely';
import type {TokenPurpose, TokenRecord, TokenStore} from '../types.js';
import {date, type Schema, type TokensTable} from './schema.js';

function tokenFromRow(row: Selectable<TokensTable>): TokenRecord {
  return {
    id: row.id,
    purpose: row.purpose as TokenPurpose,
    userId: row.user_id,
    email: row.email,
    sessionId: row.session_id,
    action: row.action,
    createdAt: date(row.created_at),
    expiresAt: date(row.expires_at),
  };
}

/** The bearer tokens (`TokenStore`) over Kysely. */
export class KyselyTokenStore implements TokenStore {
  constructor(private readonly db: Kysely<Schema>) {}

  async putToken(token: TokenRecord) {
    await this.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('tokens').where('expires_at', '<=', token.createdAt.getTime()).execute();
      await trx
        .insertInto('tokens')
        .values({
          id: token.id,
          purpose: token.purpose,
          user_id: token.userId,
          email: token.email,
          session_id: token.sessionId ?? null,
          action: token.action ?? null,
          created_at: token.createdAt.getTime(),
          expires_at: token.expiresAt.getTime(),
        })
        .execute();
    });
  }

  async getToken(id: string, purpose: TokenPurpose, now: Date) {
    const row = await this.db
      .selectFrom('tokens')
      .selectAll()
      .where('id', '=', id)
      .where('purpose', '=', purpose)
      .where('expires_at', '>', now.getTime())
      .executeTakeFirst();
    return row && tokenFromRow(row);
  }

  async consumeToken(id: string, purpose: TokenPurpose, now: Date) {
    const row = await this.db
      .deleteFrom('tokens')
      .where('id', '=', id)
      .where('purpose', '=', purpose)
      .where('expires_at', '>', now.getTime())
      .returningAll()
      .executeTakeFirst();
    return row && tokenFromRow(row);
  }

  async consumeBoundToken(
    id: string,
    purpose: TokenPurpose,
    binding: {sessionId: string; userId: string; action: string | null},
    now: Date,
  ) {
    const row = await this.db
      .deleteFrom('tokens')
      .where('id', '=', id)
      .where('purpose', '=', purpose)
      .where('session_id', '=', binding.sessionId)
      .where('user_id', '=', binding.userId)
      .where('action', binding.action === null ? 'is' : '=', binding.action)
      .where('expires_at', '>', now.getTime())
      .returningAll()
      .executeTakeFirst();
    return row && tokenFromRow(row);
  }

  async deleteUserTokens(userId: string) {
    const result = await this.db
      .deleteFrom('tokens')
      .where('user_id', '=', userId)
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
