import type {Insertable, Kysely, Selectable} from 'kysely';
import type {
  CredentialDeviceType,
  CredentialRecord,
  CredentialStore,
  UserRecord,
} from '../types.js';
import {lockUser, rethrowConflict, type StoreDialect} from './dialect.js';
import {prepared} from './prepared.js';
import {date, maybeDate, type Bool, type CredentialsTable, type Db, type Schema} from './schema.js';
import {insertUser, joinedUserColumns, userFromRow} from './users.js';

export function credentialFromRow(
  row: Selectable<CredentialsTable>,
  dialect: StoreDialect,
): CredentialRecord {
  return {
    id: row.id,
    userId: row.user_id,
    publicKey: new Uint8Array(row.public_key),
    counter: row.counter,
    transports: dialect.parseJson(row.transports),
    deviceType: row.device_type as CredentialDeviceType,
    backedUp: Boolean(row.backed_up),
    aaguid: row.aaguid,
    name: row.name,
    createdAt: date(row.created_at),
    lastUsedAt: maybeDate(row.last_used_at),
    counterRegressedAt: maybeDate(row.counter_regressed_at),
  };
}

function credentialToRow(
  credential: CredentialRecord,
  dialect: StoreDialect,
): Insertable<CredentialsTable> {
  return {
    id: credential.id,
    user_id: credential.userId,
    public_key: Buffer.from(credential.publicKey),
    counter: credential.counter,
    transports: JSON.stringify(credential.transports),
    device_type: credential.deviceType,
    backed_up: dialect.bool(credential.backedUp),
    aaguid: credential.aaguid,
    name: credential.name,
    created_at: credential.createdAt.getTime(),
    last_used_at: credential.lastUsedAt?.getTime() ?? null,
    counter_regressed_at: credential.counterRegressedAt?.getTime() ?? null,
  };
}

/**
 * Whether the user can sign in without a passkey: a password (unless MFA is on: then the password
 * alone never signs in, and a lost passkey must not reopen enrolment), or an unused recovery code.
 */
async function hasOtherWayIn(db: Db, userId: string, dialect: StoreDialect): Promise<boolean> {
  const password = await db
    .selectFrom('users')
    .select('id')
    .where('id', '=', userId)
    .where('password_hash', 'is not', null)
    .where('mfa_enabled', '=', dialect.bool(false))
    .executeTakeFirst();
  if (password) return true;
  const code = await db
    .selectFrom('recovery_codes')
    .select('code_hash')
    .where('user_id', '=', userId)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return code !== undefined;
}

/** The passkeys (`CredentialStore`) over Kysely, with the reads that join their account. */
export class KyselyCredentialStore implements CredentialStore {
  constructor(
    private readonly db: Kysely<Schema>,
    private readonly dialect: StoreDialect,
  ) {}

  async getCredential(id: string) {
    const row = await this.db
      .selectFrom('credentials')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return row && credentialFromRow(row, this.dialect);
  }

  private readonly credentialWithUser = prepared(
    () => this.db,
    (id: string) =>
      this.db
        .selectFrom('credentials')
        .innerJoin('users', 'users.id', 'credentials.user_id')
        .selectAll('credentials')
        .select(joinedUserColumns)
        .where('credentials.id', '=', id),
  );

  async getCredentialWithUser(id: string) {
    const [row] = (await this.credentialWithUser(id)).rows;
    if (!row) return undefined;
    const user = userFromRow({...row, id: row.user_id, created_at: row.user_created_at});
    return {credential: credentialFromRow(row, this.dialect), user};
  }

  private readonly userWithCredentials = prepared(
    () => this.db,
    (usernameNormalized: string) =>
      this.db
        .selectFrom('users')
        .leftJoin('credentials', 'credentials.user_id', 'users.id')
        .select([
          'users.id as account_id',
          'users.username',
          'users.username_normalized',
          'users.display_name',
          'users.webauthn_user_id',
          'users.email',
          'users.created_at as account_created_at',
        ])
        .selectAll('credentials')
        .where('users.username_normalized', '=', usernameNormalized)
        .orderBy('credentials.created_at', 'desc')
        .orderBy(this.dialect.insertionOrder('credentials'), 'desc'),
  );

  async getUserWithCredentials(usernameNormalized: string) {
    // One statement whether or not the account exists or has passkeys: the same work either way.
    const {rows} = await this.userWithCredentials(usernameNormalized);
    const first = rows[0];
    if (!first) return undefined;
    const user = userFromRow({
      ...first,
      id: first.account_id,
      created_at: first.account_created_at,
    });
    const credentials = rows.flatMap((row) =>
      row.id === null ? [] : [credentialFromRow(row as Selectable<CredentialsTable>, this.dialect)],
    );
    return {user, credentials};
  }

  async listCredentials(userId: string) {
    const rows = await this.db
      .selectFrom('credentials')
      .selectAll()
      .where('user_id', '=', userId)
      .orderBy('created_at', 'desc')
      .orderBy(this.dialect.insertionOrder('credentials'), 'desc') // same millisecond: insertion order
      .execute();
    return rows.map((row) => credentialFromRow(row, this.dialect));
  }

  async createUserWithCredential(user: UserRecord, credential: CredentialRecord) {
    await this.db.transaction().execute(async (trx) => {
      await insertUser(trx, this.dialect, user);
      await this.insertCredential(trx, {...credential, userId: user.id});
    });
  }

  async addCredential(credential: CredentialRecord) {
    await this.db.transaction().execute((trx) => this.insertCredential(trx, credential));
  }

  /** Inserts the credential and marks its account as having enrolled a passkey (if not yet). */
  private async insertCredential(db: Db, credential: CredentialRecord) {
    await db
      .insertInto('credentials')
      .values(credentialToRow(credential, this.dialect))
      .execute()
      .catch(rethrowConflict(this.dialect));
    await db
      .updateTable('users')
      .set({passkey_enrolled_at: credential.createdAt.getTime()})
      .where('id', '=', credential.userId)
      .where('passkey_enrolled_at', 'is', null)
      .execute();
  }

  private readonly credentialUse = prepared(
    () => this.db,
    (counter: number, backedUp: Bool, usedAt: number, id: string, previousCounter: number) =>
      this.db
        .updateTable('credentials')
        .set({counter, backed_up: backedUp, last_used_at: usedAt})
        .where('id', '=', id)
        .where('counter', '=', previousCounter)
        .where('counter_regressed_at', 'is', null),
  );

  async recordCredentialUse(
    id: string,
    use: {previousCounter: number; counter: number; backedUp: boolean; usedAt: Date},
  ) {
    const result = await this.credentialUse(
      use.counter,
      this.dialect.bool(use.backedUp),
      use.usedAt.getTime(),
      id,
      use.previousCounter,
    );
    return result.numAffectedRows === 1n;
  }

  async flagCounterRegression(id: string, at: Date) {
    await this.db
      .updateTable('credentials')
      .set({counter_regressed_at: at.getTime()})
      .where('id', '=', id)
      .where('counter_regressed_at', 'is', null)
      .execute();
  }

  async renameCredential(userId: string, id: string, name: string) {
    const row = await this.db
      .updateTable('credentials')
      .set({name})
      .where('id', '=', id)
      .where('user_id', '=', userId)
      .returningAll()
      .executeTakeFirst();
    return row && credentialFromRow(row, this.dialect);
  }

  async deleteCredential(userId: string, id: string) {
    return this.db.transaction().execute(async (trx) => {
      // The account first, locked where the engine needs it: two concurrent deletes of a user's
      // last two passkeys must not both see "one more left".
      if (!(await lockUser(trx, this.dialect, userId))) return 'not_found' as const;
      const owned = await trx
        .selectFrom('credentials')
        .select('id')
        .where('id', '=', id)
        .where('user_id', '=', userId)
        .executeTakeFirst();
      if (!owned) return 'not_found' as const;
      const {n} = await trx
        .selectFrom('credentials')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('user_id', '=', userId)
        .executeTakeFirstOrThrow();
      if (Number(n) <= 1 && !(await hasOtherWayIn(trx, userId, this.dialect)))
        return 'last_passkey' as const;
      await trx
        .deleteFrom('credentials')
        .where('id', '=', id)
        .where('user_id', '=', userId)
        .execute();
      return 'deleted' as const;
    });
  }
}
