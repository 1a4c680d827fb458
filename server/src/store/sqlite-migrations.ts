import type {Kysely, Migration} from 'kysely';
import {addPasskeyEnrolment, addStepUp, renormalizeUsernames} from './kysely/v11-migrations.js';

/**
 * The SQLite schema, one migration per step, applied in key order by Kysely's `Migrator` when the
 * store opens (progress is kept in `kysely_migration`). Never edit a step that has shipped: add
 * the next one. Timestamps are integer milliseconds since the epoch; booleans are 0/1.
 */
export const sqliteMigrations: Record<string, Migration> = {
  '0001_initial': {
    // Migrations see the database as it is at that point, not as the current types describe it.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('users')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('username', 'text', (c) => c.notNull())
        .addColumn('username_normalized', 'text', (c) => c.notNull().unique())
        .addColumn('display_name', 'text', (c) => c.notNull())
        .addColumn('webauthn_user_id', 'text', (c) => c.notNull().unique())
        .addColumn('created_at', 'integer', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('credentials')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('public_key', 'blob', (c) => c.notNull())
        .addColumn('counter', 'integer', (c) => c.notNull())
        .addColumn('transports', 'text', (c) => c.notNull()) // JSON array
        .addColumn('device_type', 'text', (c) => c.notNull())
        .addColumn('backed_up', 'integer', (c) => c.notNull())
        .addColumn('aaguid', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('created_at', 'integer', (c) => c.notNull())
        .addColumn('last_used_at', 'integer')
        .addColumn('counter_regressed_at', 'integer')
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
        .addColumn('pending_signup', 'text') // JSON
        .addColumn('allowed_credential_ids', 'text') // JSON array
        .addColumn('client_key', 'text', (c) => c.notNull())
        .addColumn('created_at', 'integer', (c) => c.notNull())
        .addColumn('expires_at', 'integer', (c) => c.notNull())
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
        .addColumn('created_at', 'integer', (c) => c.notNull())
        .addColumn('expires_at', 'integer', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('sessions_user_id').on('sessions').column('user_id').execute();
      await db.schema
        .createIndex('sessions_expires_at')
        .on('sessions')
        .column('expires_at')
        .execute();
    },
  },
  '0002_recovery_and_tokens': {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('recovery_codes')
        .addColumn('code_hash', 'text', (c) => c.primaryKey())
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('created_at', 'integer', (c) => c.notNull())
        .addColumn('used_at', 'integer')
        .execute();
      await db.schema
        .createIndex('recovery_codes_user_id')
        .on('recovery_codes')
        .column('user_id')
        .execute();

      // Short-lived bearer tokens (recovery, mfa, signup): only their SHA-256 is kept.
      await db.schema
        .createTable('tokens')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('purpose', 'text', (c) => c.notNull())
        .addColumn('user_id', 'text', (c) => c.references('users.id').onDelete('cascade'))
        .addColumn('email', 'text')
        .addColumn('created_at', 'integer', (c) => c.notNull())
        .addColumn('expires_at', 'integer', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('tokens_expires_at').on('tokens').column('expires_at').execute();

      // The token a challenge was issued under (recovery, mfa, signup), consumed at verify.
      await db.schema.alterTable('challenges').addColumn('token_hash', 'text').execute();
    },
  },
  '0003_password_and_mfa': {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    async up(db: Kysely<any>) {
      await db.schema.alterTable('users').addColumn('password_hash', 'text').execute();
      await db.schema
        .alterTable('users')
        .addColumn('mfa_enabled', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
    },
  },
  '0004_email_signup': {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    async up(db: Kysely<any>) {
      await db.schema.alterTable('users').addColumn('email', 'text').execute();
      await db.schema.createIndex('users_email').unique().on('users').column('email').execute();
      // One pending code per address; a new request replaces it.
      await db.schema
        .createTable('email_codes')
        .addColumn('email', 'text', (c) => c.primaryKey())
        .addColumn('code_hash', 'text', (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'integer', (c) => c.notNull())
        .addColumn('expires_at', 'integer', (c) => c.notNull())
        .execute();
    },
  },
  '0005_usernames_renormalized': {
    // Usernames compared after RFC 8265's UsernameCaseMapped form (contract v1.1).
    up: renormalizeUsernames,
  },
  '0006_passkey_enrolment': {
    // MFA never falls back to enrolment on the password alone (contract v1.1).
    up: addPasskeyEnrolment('integer'),
  },
  '0007_step_up': {
    // Re-authentication for sensitive calls and step-up tokens (contract v1.1).
    up: addStepUp('integer'),
  },
};
