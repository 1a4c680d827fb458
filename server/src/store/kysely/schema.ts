import {
  Migrator,
  type ColumnType,
  type Generated,
  type Kysely,
  type Migration,
  type Transaction,
} from 'kysely';
import type {PendingSignup} from '../types.js';

/**
 * The tables as the queries of `KyselyStore` see them. Row shapes cover both engines (see
 * sqlite-migrations.ts and postgres-migrations.ts): timestamps are integer milliseconds since the
 * epoch on both (`bigint` read back as a number on PostgreSQL); booleans are 0/1 on SQLite and
 * `boolean` on PostgreSQL; lists and pending signups are JSON text on SQLite and `jsonb` on
 * PostgreSQL, written as JSON text on both.
 */

/** Written as the dialect's `bool()`; read with `Boolean()`. */
export type Bool = number | boolean;
/** Written as JSON text; read through the dialect's `parseJson()`. */
type Json<T> = ColumnType<T | string, string, string>;
type NullableJson<T> = ColumnType<T | string | null, string | null, never>;

export interface UsersTable {
  id: string;
  username: string;
  username_normalized: string;
  display_name: string;
  webauthn_user_id: string;
  created_at: number;
  password_hash: Generated<string | null>;
  email: Generated<string | null>;
  mfa_enabled: Generated<Bool>;
  /** When the account first had a passkey (ms), cleared by an operator reset (v1.1). */
  passkey_enrolled_at: Generated<number | null>;
}
export interface CredentialsTable {
  id: string;
  user_id: string;
  public_key: Uint8Array;
  counter: number;
  transports: Json<string[]>;
  device_type: string;
  backed_up: Bool;
  aaguid: string;
  name: string;
  created_at: number;
  last_used_at: number | null;
  counter_regressed_at: number | null;
}
export interface ChallengesTable {
  challenge: string;
  purpose: string;
  user_id: string | null;
  pending_signup: NullableJson<PendingSignup>;
  allowed_credential_ids: NullableJson<string[]>;
  token_hash: string | null;
  client_key: string;
  created_at: number;
  expires_at: number;
}
interface RecoveryCodesTable {
  code_hash: string;
  user_id: string;
  created_at: number;
  used_at: number | null;
}
interface EmailCodesTable {
  email: string;
  code_hash: string;
  attempts: number;
  created_at: number;
  expires_at: number;
}
export interface TokensTable {
  id: string;
  purpose: string;
  user_id: string | null;
  email: string | null;
  /** The session a step-up token was issued in (v1.1). */
  session_id: Generated<string | null>;
  /** The action a step-up token was issued for (v1.1). */
  action: Generated<string | null>;
  created_at: number;
  expires_at: number;
}
export interface SessionsTable {
  id: string;
  user_id: string;
  created_at: number;
  expires_at: number;
  /** The session's last passkey verification (ms), or null (v1.1). */
  verified_at: Generated<number | null>;
}
export interface Schema {
  users: UsersTable;
  credentials: CredentialsTable;
  challenges: ChallengesTable;
  sessions: SessionsTable;
  recovery_codes: RecoveryCodesTable;
  tokens: TokensTable;
  email_codes: EmailCodesTable;
}
/** The connection, or a transaction on it. */
export type Db = Kysely<Schema> | Transaction<Schema>;

export const date = (ms: number) => new Date(ms);
export const maybeDate = (ms: number | null) => (ms === null ? null : new Date(ms));

/**
 * Brings `db` to the newest of `migrations` (Kysely's `Migrator`, whose lock makes processes
 * starting together apply each step once); on failure closes `db` and throws.
 */
export async function migrateToLatest(
  db: Kysely<Schema>,
  migrations: Record<string, Migration>,
  label: string,
): Promise<void> {
  const migrator = new Migrator({db, provider: {getMigrations: async () => migrations}});
  const {error, results} = await migrator.migrateToLatest();
  if (error) {
    await db.destroy();
    const failed = results?.find((r) => r.status === 'Error')?.migrationName;
    throw new Error(`${label} migration ${failed ?? ''} failed: ${String(error)}`, {cause: error});
  }
}
