import type {Kysely, Migration} from 'kysely';
import {addPasskeyEnrolment, addStepUp, renormalizeUsernames} from './kysely/v11-migrations.js';

/**
 * The PostgreSQL schema: the same tables and keys as `sqlite-migrations.ts`, in PostgreSQL's
 * types, as one step per shipped state (progress in `kysely_migration`, guarded by Kysely's
 * migration lock, so several processes starting at once apply each step once). Never edit a step
 * that has shipped: add the next one.
 *
 * Encoding: timestamps are `bigint` milliseconds since the epoch (as on SQLite; read back as
 * numbers through the pool's type parser), booleans are `boolean`, keys are `bytea`, lists and
 * pending signups are `jsonb`. `seq` (an identity column) orders rows written in the same
 * millisecond, where SQLite uses `rowid`.
 */
export const postgresMigrations: Record<string, Migration> = {
  '0001_initial': {
    // Migrations see the database as it is at that point, not as the current types describe it.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('users')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('username', 'text', (c) => c.notNull())
        .addColumn('username_normalized', 'text', (c) => c.notNull())
        .addColumn('display_name', 'text', (c) => c.notNull())
        .addColumn('webauthn_user_id', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('password_hash', 'text')
        .addColumn('mfa_enabled', 'boolean', (c) => c.notNull().defaultTo(false))
        .addColumn('email', 'text')
        .addUniqueConstraint('users_username_normalized_key', ['username_normalized'])
        .addUniqueConstraint('users_webauthn_user_id_key', ['webauthn_user_id'])
        .addUniqueConstraint('users_email_key', ['email'])
        .execute();

      await db.schema
        .createTable('credentials')
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('public_key', 'bytea', (c) => c.notNull())
        .addColumn('counter', 'bigint', (c) => c.notNull())
        .addColumn('transports', 'jsonb', (c) => c.notNull())
        .addColumn('device_type', 'text', (c) => c.notNull())
        .addColumn('backed_up', 'boolean', (c) => c.notNull())
        .addColumn('aaguid', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('last_used_at', 'bigint')
        .addColumn('counter_regressed_at', 'bigint')
        .addColumn('seq', 'bigint', (c) => c.notNull().generatedAlwaysAsIdentity())
        // The unique index on the credential id: a second registration of it, by anyone, is a 409.
        .addPrimaryKeyConstraint('credentials_pkey', ['id'])
        .execute();
      await db.schema
        .createIndex('credentials_user_id')
        .on('credentials')
        .columns(['user_id', 'created_at'])
        .execute();

      await db.schema
        .createTable('challenges')
        .addColumn('challenge', 'text', (c) => c.primaryKey())
        .addColumn('purpose', 'text', (c) => c.notNull())
        .addColumn('user_id', 'text', (c) => c.references('users.id').onDelete('cascade'))
        .addColumn('pending_signup', 'jsonb')
        .addColumn('allowed_credential_ids', 'jsonb')
        .addColumn('token_hash', 'text')
        .addColumn('client_key', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('expires_at', 'bigint', (c) => c.notNull())
        .addColumn('seq', 'bigint', (c) => c.notNull().generatedAlwaysAsIdentity())
        .execute();
      await db.schema
        .createIndex('challenges_expires_at')
        .on('challenges')
        .column('expires_at')
        .execute();
      await db.schema
        .createIndex('challenges_client_key')
        .on('challenges')
        .columns(['client_key', 'created_at'])
        .execute();

      await db.schema
        .createTable('sessions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('expires_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('sessions_user_id').on('sessions').column('user_id').execute();
      await db.schema
        .createIndex('sessions_expires_at')
        .on('sessions')
        .column('expires_at')
        .execute();

      await db.schema
        .createTable('recovery_codes')
        .addColumn('code_hash', 'text', (c) => c.primaryKey())
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('used_at', 'bigint')
        .execute();
      await db.schema
        .createIndex('recovery_codes_user_id')
        .on('recovery_codes')
        .column('user_id')
        .execute();

      await db.schema
        .createTable('tokens')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('purpose', 'text', (c) => c.notNull())
        .addColumn('user_id', 'text', (c) => c.references('users.id').onDelete('cascade'))
        .addColumn('email', 'text')
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('expires_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('tokens_expires_at').on('tokens').column('expires_at').execute();

      await db.schema
        .createTable('email_codes')
        .addColumn('email', 'text', (c) => c.primaryKey())
        .addColumn('code_hash', 'text', (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('expires_at', 'bigint', (c) => c.notNull())
        .execute();
    },
  },
  '0002_rate_limits': {
    // The table rate-limiter-flexible's RateLimiterPostgres reads and writes (its own layout),
    // created here so that it exists before the first request and the limiter never creates it
    // lazily.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('rate_limits')
        .addColumn('key', 'varchar(255)', (c) => c.primaryKey())
        .addColumn('points', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('expire', 'bigint')
        .execute();
      await db.schema
        .createIndex('rate_limits_expire')
        .on('rate_limits')
        .column('expire')
        .execute();
    },
  },
  '0003_usernames_renormalized': {
    // Usernames compared after RFC 8265's UsernameCaseMapped form (contract v1.1).
    up: renormalizeUsernames,
  },
  '0004_passkey_enrolment': {
    // MFA never falls back to enrolment on the password alone (contract v1.1).
    up: addPasskeyEnrolment('bigint'),
  },
  '0005_step_up': {
    // Re-authentication for sensitive calls and step-up tokens (contract v1.1).
    up: addStepUp('bigint'),
  },
};
