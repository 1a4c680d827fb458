import type {PostgresPool, PostgresPoolClient} from 'kysely';
import type pg from 'pg';

/**
 * How many distinct statements get a name (are prepared on each connection). The backend has a few
 * dozen; statements whose text varies (a list of varying length) stop being named past this, so a
 * connection's prepared statements stay bounded.
 */
const MAX_NAMED_STATEMENTS = 256;

/**
 * SQLSTATEs that mean a prepared statement cannot be used as it is: `0A000` (the cached plan's
 * result type changed: another process migrated a table this one reads with `*`), `26000` (no such
 * prepared statement) and `42P05` (it exists already): a connection pooler in transaction mode
 * hands the statements of one client to another server connection.
 */
const PREPARED_STATEMENT_TROUBLE = new Set(['0A000', '26000', '42P05']);

/**
 * Kysely's pool for PostgreSQL, over a `pg` pool, with named (server-side prepared) statements:
 * a statement with parameters, outside a transaction, is sent with a name derived from its text,
 * so PostgreSQL parses and plans it once per connection instead of at every call (on the sign-in
 * path that halves the time of a keyed read). Statements inside a transaction and statements
 * without parameters (DDL, `begin`, `commit`) are sent as before.
 *
 * Should a named statement fail because of the preparation itself (a schema change by another
 * process, a pooler in transaction mode; see `PREPARED_STATEMENT_TROUBLE`), it is sent again
 * unnamed, and that connection names nothing from then on. Outside a transaction the failed
 * statement changed nothing, so sending it again is safe.
 */
export function namedStatementPool(pool: pg.Pool): PostgresPool {
  const names = new Map<string, string>();
  const nameOf = (text: string): string | undefined => {
    let name = names.get(text);
    if (name === undefined && names.size < MAX_NAMED_STATEMENTS) {
      name = `passkeys_${names.size + 1}`;
      names.set(text, name);
    }
    return name;
  };
  const unnamed = new WeakSet<pg.PoolClient>();
  const wrapped = new WeakMap<pg.PoolClient, PostgresPoolClient>();

  const wrap = (client: pg.PoolClient): PostgresPoolClient => {
    let inTransaction = false;
    const query = async (text: string, values: readonly unknown[]) => {
      if (values.length === 0) {
        if (/^\s*(begin|start transaction)\b/i.test(text)) inTransaction = true;
        else if (/^\s*(commit|rollback)\b/i.test(text)) inTransaction = false;
      }
      const name = values.length && !inTransaction && !unnamed.has(client) && nameOf(text);
      if (!name) return client.query(text, values as unknown[]);
      try {
        return await client.query({name, text, values: values as unknown[]});
      } catch (error) {
        if (!PREPARED_STATEMENT_TROUBLE.has((error as {code?: string})?.code ?? '')) throw error;
        unnamed.add(client);
        return client.query(text, values as unknown[]);
      }
    };
    return {
      query: ((textOrCursor: string | object, values?: readonly unknown[]) =>
        typeof textOrCursor === 'string'
          ? query(textOrCursor, values ?? [])
          : client.query(textOrCursor as never)) as unknown as PostgresPoolClient['query'],
      release: () => client.release(),
    };
  };

  return {
    async connect() {
      const client = await pool.connect();
      let facade = wrapped.get(client);
      if (!facade) wrapped.set(client, (facade = wrap(client)));
      return facade;
    },
    end: () => pool.end(),
  };
}
