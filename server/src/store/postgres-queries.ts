import type {Kysely} from 'kysely';
import {challengeFromRow} from './kysely/challenges.js';
import {credentialFromRow} from './kysely/credentials.js';
import type {StoreDialect} from './kysely/dialect.js';
import {prepared} from './kysely/prepared.js';
import type {Bool, Schema} from './kysely/schema.js';
import {joinedUserColumns, userFromRow} from './kysely/users.js';
import type {ChallengePurpose, ChallengeRecord, SessionRecord} from './types.js';

/**
 * The sign-in path's statements on PostgreSQL, where a round trip to the database costs far more
 * than on SQLite (in the process): what SQLite does in two or three statements (or a transaction)
 * is one statement here, with data-modifying CTEs that run atomically in one snapshot. Counted
 * per request by `npm run bench:server`:
 * - `putChallenge`: the sweep of expired challenges, the client's cap and the insert;
 * - `consumeChallengeWithCredential`: the challenge's `DELETE … RETURNING` joined to the passkey
 *   and its account (no row when the challenge is gone);
 * - `recordSignIn`: the counter's compare-and-set and the new session, inserted only from the
 *   updated row (no session when the compare-and-set fails).
 */
export class PostgresSignInQueries {
  constructor(
    private readonly db: Kysely<Schema>,
    private readonly dialect: StoreDialect,
  ) {}

  private readonly challengePut = prepared(
    () => this.db,
    (
      challenge: string,
      purpose: string,
      userId: string | null,
      pendingSignup: string | null,
      allowedCredentialIds: string | null,
      tokenHash: string | null,
      clientKey: string,
      createdAt: number,
      expiresAt: number,
      now: number,
      keep: number,
    ) =>
      this.db
        .with('swept', (db) =>
          db.deleteFrom('challenges').where('expires_at', '<=', now).returning('challenge'),
        )
        // Every CTE sees the table as it was before the statement: the client keeps its newest
        // `keep` = cap - 1 live challenges, plus the one inserted. The expired ones are the
        // sweep's (no row is deleted twice).
        .with('capped', (db) =>
          db
            .deleteFrom('challenges')
            .where('client_key', '=', clientKey)
            .where('expires_at', '>', now)
            .where('challenge', 'not in', (eb) =>
              eb
                .selectFrom('challenges')
                .select('challenge')
                .where('client_key', '=', clientKey)
                .where('expires_at', '>', now)
                .orderBy('created_at', 'desc')
                .orderBy(this.dialect.insertionOrder('challenges'), 'desc')
                .limit(keep),
            )
            .returning('challenge'),
        )
        .insertInto('challenges')
        .values({
          challenge,
          purpose,
          user_id: userId,
          pending_signup: pendingSignup,
          allowed_credential_ids: allowedCredentialIds,
          token_hash: tokenHash,
          client_key: clientKey,
          created_at: createdAt,
          expires_at: expiresAt,
        }),
  );

  async putChallenge(challenge: ChallengeRecord, limits: {maxPerClient: number; now: Date}) {
    await this.challengePut(
      challenge.challenge,
      challenge.purpose,
      challenge.userId,
      challenge.pendingSignup && JSON.stringify(challenge.pendingSignup),
      challenge.allowedCredentialIds && JSON.stringify(challenge.allowedCredentialIds),
      challenge.tokenHash,
      challenge.clientKey,
      challenge.createdAt.getTime(),
      challenge.expiresAt.getTime(),
      limits.now.getTime(),
      Math.max(0, limits.maxPerClient - 1),
    );
  }

  private readonly challengeTakenWithCredential = prepared(
    () => this.db,
    (challenge: string, purpose: string, credentialId: string) =>
      this.db
        .with('taken', (db) =>
          db
            .deleteFrom('challenges')
            .where('challenge', '=', challenge)
            .where('purpose', '=', purpose)
            .returningAll(),
        )
        .selectFrom('taken')
        .leftJoin('credentials', (join) => join.on('credentials.id', '=', credentialId))
        .leftJoin('users', 'users.id', 'credentials.user_id')
        .select([
          'taken.challenge',
          'taken.purpose',
          'taken.user_id as challenge_user_id',
          'taken.pending_signup',
          'taken.allowed_credential_ids',
          'taken.token_hash',
          'taken.client_key',
          'taken.created_at as challenge_created_at',
          'taken.expires_at as challenge_expires_at',
        ])
        .selectAll('credentials')
        .select(joinedUserColumns),
  );

  async consumeChallengeWithCredential(
    challenge: string,
    purpose: ChallengePurpose,
    credentialId: string,
  ) {
    const [row] = (await this.challengeTakenWithCredential(challenge, purpose, credentialId)).rows;
    if (!row) return {record: undefined, found: undefined};
    const record = challengeFromRow(
      {
        ...row,
        user_id: row.challenge_user_id,
        created_at: row.challenge_created_at,
        expires_at: row.challenge_expires_at,
      },
      this.dialect,
    );
    if (row.id === null || row.username === null) return {record, found: undefined};
    const credential = credentialFromRow(
      {...row, id: row.id, user_id: row.user_id!} as Parameters<typeof credentialFromRow>[0],
      this.dialect,
    );
    const user = userFromRow({
      id: credential.userId,
      username: row.username,
      username_normalized: row.username_normalized!,
      display_name: row.display_name!,
      webauthn_user_id: row.webauthn_user_id!,
      email: row.email,
      created_at: row.user_created_at!,
    });
    return {record, found: {credential, user}};
  }

  private readonly signInRecorded = prepared(
    () => this.db,
    (
      counter: number,
      backedUp: Bool,
      usedAt: number,
      credentialId: string,
      previousCounter: number,
      sessionId: string,
      userId: string,
      createdAt: number,
      expiresAt: number,
      verifiedAt: number | null,
    ) =>
      this.db
        .with('used', (db) =>
          db
            .updateTable('credentials')
            .set({counter, backed_up: backedUp, last_used_at: usedAt})
            .where('id', '=', credentialId)
            .where('counter', '=', previousCounter)
            .where('counter_regressed_at', 'is', null)
            .returning('id'),
        )
        .insertInto('sessions')
        .columns(['id', 'user_id', 'created_at', 'expires_at', 'verified_at'])
        .expression((eb) =>
          eb
            .selectFrom('used')
            // Typed: a parameter in a select list would otherwise be text.
            .select([
              eb.cast<string>(eb.val(sessionId), 'text').as('id'),
              eb.cast<string>(eb.val(userId), 'text').as('user_id'),
              eb.cast<number>(eb.val(createdAt), 'bigint').as('created_at'),
              eb.cast<number>(eb.val(expiresAt), 'bigint').as('expires_at'),
              eb.cast<number | null>(eb.val(verifiedAt), 'bigint').as('verified_at'),
            ]),
        )
        .returning('id'),
  );

  async recordSignIn(
    credentialId: string,
    use: {previousCounter: number; counter: number; backedUp: boolean; usedAt: Date},
    session: SessionRecord,
  ) {
    const {rows} = await this.signInRecorded(
      use.counter,
      this.dialect.bool(use.backedUp),
      use.usedAt.getTime(),
      credentialId,
      use.previousCounter,
      session.id,
      session.userId,
      session.createdAt.getTime(),
      session.expiresAt.getTime(),
      session.verifiedAt?.getTime() ?? null,
    );
    return rows.length === 1;
  }
}
