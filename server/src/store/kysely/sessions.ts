import type {Kysely, Selectable} from 'kysely';
import type {SessionRecord, SessionStore} from '../types.js';
import {prepared} from './prepared.js';
import {date, maybeDate, type Schema, type SessionsTable} from './schema.js';
import {joinedUserColumns, userFromRow} from './users.js';

/** How often creating a session also sweeps the expired ones. */
const SESSION_SWEEP_INTERVAL_MS = 60_000;

function sessionFromRow(row: Selectable<SessionsTable>): SessionRecord {
  return {
    id: row.id,
    userId: row.user_id,
    createdAt: date(row.created_at),
    expiresAt: date(row.expires_at),
    verifiedAt: maybeDate(row.verified_at),
  };
}

/** The sessions (`SessionStore`) over Kysely. */
export class KyselySessionStore implements SessionStore {
  constructor(private readonly db: Kysely<Schema>) {}

  private readonly expiredSessionsSwept = prepared(
    () => this.db,
    (now: number) => this.db.deleteFrom('sessions').where('expires_at', '<=', now),
  );

  private readonly sessionInserted = prepared(
    () => this.db,
    (id: string, userId: string, createdAt: number, expiresAt: number, verifiedAt: number | null) =>
      this.db.insertInto('sessions').values({
        id,
        user_id: userId,
        created_at: createdAt,
        expires_at: expiresAt,
        verified_at: verifiedAt,
      }),
  );

  /** When expired sessions are next swept (ms since the epoch). */
  private nextSessionSweep = 0;

  async createSession(session: SessionRecord) {
    // Expired sessions are swept at most once a minute per store, not at every sign-in: a
    // sweep is a statement of its own, and an expired session is refused (and removed) when
    // it is presented anyway. No transaction around the two: the sweep removes only rows
    // nobody can use any more.
    const now = session.createdAt.getTime();
    await this.sweepExpiredIfDue(now);
    await this.sessionInserted(
      session.id,
      session.userId,
      now,
      session.expiresAt.getTime(),
      session.verifiedAt?.getTime() ?? null,
    );
  }

  /** Drops the expired sessions, unless that was done less than a minute before `now` (ms). */
  async sweepExpiredIfDue(now: number) {
    if (now < this.nextSessionSweep) return;
    this.nextSessionSweep = now + SESSION_SWEEP_INTERVAL_MS;
    await this.expiredSessionsSwept(now);
  }

  private readonly sessionById = prepared(
    () => this.db,
    (id: string) => this.db.selectFrom('sessions').selectAll().where('id', '=', id),
  );

  async getSession(id: string) {
    const [row] = (await this.sessionById(id)).rows;
    return row && sessionFromRow(row);
  }

  private readonly sessionWithUser = prepared(
    () => this.db,
    (id: string) =>
      this.db
        .selectFrom('sessions')
        .innerJoin('users', 'users.id', 'sessions.user_id')
        .selectAll('sessions')
        .select(joinedUserColumns)
        .where('sessions.id', '=', id),
  );

  async getSessionWithUser(id: string) {
    const [row] = (await this.sessionWithUser(id)).rows;
    if (!row) return undefined;
    const user = userFromRow({...row, id: row.user_id, created_at: row.user_created_at});
    return {session: sessionFromRow(row), user};
  }

  async setSessionVerifiedAt(id: string, verifiedAt: Date | null) {
    const result = await this.db
      .updateTable('sessions')
      .set({verified_at: verifiedAt?.getTime() ?? null})
      .where('id', '=', id)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  async deleteSession(id: string) {
    await this.db.deleteFrom('sessions').where('id', '=', id).execute();
  }

  async deleteUserSessions(userId: string, keepId: string | null) {
    let query = this.db.deleteFrom('sessions').where('user_id', '=', userId);
    if (keepId !== null) query = query.where('id', '!=', keepId);
    const result = await query.executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
