import type {Kysely} from 'kysely';

/**
 * Migration steps of contract v1.1 that are the same on both engines (each engine's migration
 * list names them; see sqlite-migrations.ts and postgres-migrations.ts). Like every step, they
 * see the database as it is at that point and never change once shipped.
 */

/**
 * `users.passkey_enrolled_at`: when the account first had a passkey (an MFA account without one
 * may enrol its second factor only while this is null; an operator reset clears it). Accounts
 * that have passkeys now count as enrolled at their oldest passkey; accounts without one (whether
 * they never had one or lost them before this step: the two cannot be told apart) stay open.
 */
export function addPasskeyEnrolment(type: 'integer' | 'bigint') {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return async (db: Kysely<any>): Promise<void> => {
    await db.schema.alterTable('users').addColumn('passkey_enrolled_at', type).execute();
    await db
      .updateTable('users')
      .set((eb) => ({
        passkey_enrolled_at: eb
          .selectFrom('credentials')
          .select((c) => c.fn.min('credentials.created_at').as('first'))
          .whereRef('credentials.user_id', '=', 'users.id'),
      }))
      .execute();
  };
}

/**
 * Re-keys every account by RFC 8265's UsernameCaseMapped form as of v1.1 (NFKC, lower-cased,
 * NFKC again), so names normalized by an earlier rule compare like new ones. A row whose new key
 * another account already holds keeps its old key (nothing is merged or lost; an operator can
 * rename one of them).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function renormalizeUsernames(db: Kysely<any>): Promise<void> {
  const rows = (await db
    .selectFrom('users')
    .select(['id', 'username', 'username_normalized'])
    .execute()) as {id: string; username: string; username_normalized: string}[];
  const taken = new Set(rows.map((row) => row.username_normalized));
  for (const row of rows) {
    const key = row.username.normalize('NFKC').toLowerCase().normalize('NFKC');
    if (key === row.username_normalized || taken.has(key)) continue;
    await db
      .updateTable('users')
      .set({username_normalized: key})
      .where('id', '=', row.id)
      .execute();
    taken.delete(row.username_normalized);
    taken.add(key);
  }
}

/**
 * Re-authentication (step-up): `sessions.verified_at`, when the session last saw a passkey used
 * with user verification (null: never, as every session before this step); `tokens.session_id`
 * and `tokens.action`, what a step-up token is bound to besides its user (null for the other
 * token purposes). Plain columns: a step-up token outliving its session is refused by the check
 * (the request must carry that session), and is swept when it expires like any token.
 */
export function addStepUp(type: 'integer' | 'bigint') {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return async (db: Kysely<any>): Promise<void> => {
    await db.schema.alterTable('sessions').addColumn('verified_at', type).execute();
    await db.schema.alterTable('tokens').addColumn('session_id', 'text').execute();
    await db.schema.alterTable('tokens').addColumn('action', 'text').execute();
  };
}
