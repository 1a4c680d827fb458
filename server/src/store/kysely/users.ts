import type {Insertable, Kysely, Selectable} from 'kysely';
import type {UserFactors, UserRecord, UserStore} from '../types.js';
import {rethrowConflict, type StoreDialect} from './dialect.js';
import {prepared} from './prepared.js';
import {date, maybeDate, type Db, type Schema, type UsersTable} from './schema.js';

/**
 * The users columns `userFromRow` reads, for a statement that joins `users` to the row it is
 * about (a session, a passkey); it selects `users.created_at` as `user_created_at`, since the
 * joined table has a `created_at` of its own.
 */
export const joinedUserColumns = [
  'users.username',
  'users.username_normalized',
  'users.display_name',
  'users.webauthn_user_id',
  'users.email',
  'users.created_at as user_created_at',
] as const;

export function userFromRow(
  row: Pick<
    Selectable<UsersTable>,
    | 'id'
    | 'username'
    | 'username_normalized'
    | 'display_name'
    | 'webauthn_user_id'
    | 'created_at'
    | 'email'
  >,
): UserRecord {
  return {
    id: row.id,
    username: row.username,
    usernameNormalized: row.username_normalized,
    displayName: row.display_name,
    webauthnUserId: row.webauthn_user_id,
    createdAt: date(row.created_at),
    email: row.email,
  };
}

export function userToRow(user: UserRecord): Insertable<UsersTable> {
  return {
    id: user.id,
    username: user.username,
    username_normalized: user.usernameNormalized,
    display_name: user.displayName,
    webauthn_user_id: user.webauthnUserId,
    created_at: user.createdAt.getTime(),
    email: user.email ?? null,
  };
}

/** Inserts an account without its factors (a passkey-only account). */
export async function insertUser(db: Db, dialect: StoreDialect, user: UserRecord): Promise<void> {
  await db.insertInto('users').values(userToRow(user)).execute().catch(rethrowConflict(dialect));
}

/** The accounts (`UserStore`) over Kysely. */
export class KyselyUserStore implements UserStore {
  constructor(
    private readonly db: Kysely<Schema>,
    private readonly dialect: StoreDialect,
  ) {}

  private readonly userById = prepared(
    () => this.db,
    (id: string) => this.db.selectFrom('users').selectAll().where('id', '=', id),
  );

  async getUserById(id: string) {
    const [row] = (await this.userById(id)).rows;
    return row && userFromRow(row);
  }

  async getUserByUsername(usernameNormalized: string) {
    const row = await this.db
      .selectFrom('users')
      .selectAll()
      .where('username_normalized', '=', usernameNormalized)
      .executeTakeFirst();
    return row && userFromRow(row);
  }

  async getUserByEmail(email: string) {
    const row = await this.db
      .selectFrom('users')
      .selectAll()
      .where('email', '=', email)
      .executeTakeFirst();
    return row && userFromRow(row);
  }

  async createUser(user: UserRecord, factors: UserFactors) {
    await this.db
      .insertInto('users')
      .values({
        ...userToRow(user),
        password_hash: factors.passwordHash,
        mfa_enabled: this.dialect.bool(factors.mfaEnabled),
      })
      .execute()
      .catch(rethrowConflict(this.dialect));
  }

  async getUserFactors(userId: string) {
    const row = await this.db
      .selectFrom('users')
      .select(['password_hash', 'mfa_enabled', 'passkey_enrolled_at'])
      .where('id', '=', userId)
      .executeTakeFirst();
    return (
      row && {
        passwordHash: row.password_hash,
        mfaEnabled: Boolean(row.mfa_enabled),
        passkeyEnrolledAt: maybeDate(row.passkey_enrolled_at),
      }
    );
  }
}
