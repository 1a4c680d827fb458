/**
 * The PostgreSQL store's named (prepared) statements (`store/postgres-statements.ts`): a statement
 * prepared on a connection keeps working when another process changes the table under it (a
 * rolling deploy's migration), and the hot reads are sent by name.
 * PostgreSQL only.
 */
import assert from 'node:assert/strict';
import {test} from 'node:test';
import pg from 'pg';
import {PostgresStore} from '../src/store/postgres.js';
import {ENGINE, adminQuery, createTestDatabase} from './helpers/harness.js';

const skip = ENGINE !== 'postgres' && 'PostgreSQL only';

/** The names of the statements `pg` sends while `run` runs (undefined: unnamed). */
async function sentNames(run: () => Promise<unknown>): Promise<(string | undefined)[]> {
  const original = pg.Client.prototype.query;
  const names: (string | undefined)[] = [];
  pg.Client.prototype.query = function (this: pg.Client, config: unknown, ...rest: unknown[]) {
    names.push(typeof config === 'object' ? (config as {name?: string})?.name : undefined);
    return (original as (...args: unknown[]) => unknown).call(this, config, ...rest);
  } as typeof original;
  try {
    await run();
  } finally {
    pg.Client.prototype.query = original;
  }
  return names;
}

const session = (id: string) => ({
  id,
  userId: 'user-1',
  createdAt: new Date(),
  expiresAt: new Date(Date.now() + 60_000),
  verifiedAt: null,
});

test(
  `postgres statements (${ENGINE}): keyed reads go by name; a column added by another process under a prepared statement changes nothing`,
  {skip},
  async (t) => {
    const database = await createTestDatabase();
    t.after(() => database.drop());
    const url = database.config.databaseUrl!;
    // One connection, so that the second read runs where the first prepared its statement.
    const store = await PostgresStore.open(url, {maxConnections: 1});
    t.after(() => store.close());
    await store.createUser(
      {
        id: 'user-1',
        username: 'ada',
        usernameNormalized: 'ada',
        displayName: 'Ada',
        webauthnUserId: 'AAAA',
        createdAt: new Date(),
      },
      {passwordHash: null, mfaEnabled: false},
    );
    await store.createSession(session('before'));
    const names = await sentNames(async () => {
      assert.equal((await store.getSession('before'))?.id, 'before');
      assert.equal(await store.getSession('nothing'), undefined);
    });
    assert.equal(names.length, 2);
    assert.ok(names[0], 'sent by name');
    assert.equal(names[1], names[0], 'the same prepared statement');

    // Another process migrates: the prepared `select *` would now fail with "cached plan must not
    // change result type" (0A000); the store sends it again unnamed instead.
    await adminQuery(url, 'ALTER TABLE sessions ADD COLUMN added_by_another_process text');
    assert.equal((await store.getSession('before'))?.id, 'before');
    await store.createSession(session('after'));
    assert.equal((await store.getSession('after'))?.id, 'after');
  },
);
