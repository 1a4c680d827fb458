import type {Kysely, Selectable} from 'kysely';
import type {ChallengePurpose, ChallengeRecord, ChallengeStore} from '../types.js';
import type {StoreDialect} from './dialect.js';
import {prepared} from './prepared.js';
import {date, type ChallengesTable, type Schema} from './schema.js';

export function challengeFromRow(
  row: Selectable<ChallengesTable>,
  {parseJson}: StoreDialect,
): ChallengeRecord {
  return {
    challenge: row.challenge,
    purpose: row.purpose as ChallengePurpose,
    userId: row.user_id,
    pendingSignup: row.pending_signup === null ? null : parseJson(row.pending_signup),
    allowedCredentialIds:
      row.allowed_credential_ids === null ? null : parseJson(row.allowed_credential_ids),
    tokenHash: row.token_hash,
    clientKey: row.client_key,
    createdAt: date(row.created_at),
    expiresAt: date(row.expires_at),
  };
}

/** The ceremonies' challenges (`ChallengeStore`) over Kysely. */
export class KyselyChallengeStore implements ChallengeStore {
  constructor(
    private readonly db: Kysely<Schema>,
    private readonly dialect: StoreDialect,
  ) {}

  async putChallenge(challenge: ChallengeRecord, limits: {maxPerClient: number; now: Date}) {
    await this.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('challenges').where('expires_at', '<=', limits.now.getTime()).execute();
      await trx
        .insertInto('challenges')
        .values({
          challenge: challenge.challenge,
          purpose: challenge.purpose,
          user_id: challenge.userId,
          pending_signup: challenge.pendingSignup && JSON.stringify(challenge.pendingSignup),
          allowed_credential_ids:
            challenge.allowedCredentialIds && JSON.stringify(challenge.allowedCredentialIds),
          token_hash: challenge.tokenHash,
          client_key: challenge.clientKey,
          created_at: challenge.createdAt.getTime(),
          expires_at: challenge.expiresAt.getTime(),
        })
        .execute();
      // Keep the client's newest `maxPerClient`; everyone else's challenges are untouched.
      const keep = trx
        .selectFrom('challenges')
        .select('challenge')
        .where('client_key', '=', challenge.clientKey)
        .orderBy('created_at', 'desc')
        .orderBy(this.dialect.insertionOrder('challenges'), 'desc')
        .limit(limits.maxPerClient);
      await trx
        .deleteFrom('challenges')
        .where('client_key', '=', challenge.clientKey)
        .where('challenge', 'not in', keep)
        .execute();
    });
  }

  private readonly challengeTaken = prepared(
    () => this.db,
    (challenge: string, purpose: string) =>
      this.db
        .deleteFrom('challenges')
        .where('challenge', '=', challenge)
        .where('purpose', '=', purpose)
        .returningAll(),
  );

  async consumeChallenge(challenge: string, purpose: ChallengePurpose) {
    // One statement: of racing consumers, exactly one gets the row (the others find it gone).
    const [row] = (await this.challengeTaken(challenge, purpose)).rows;
    return row && challengeFromRow(row, this.dialect);
  }
}
