// PostgreSQL for the server bench: the server the environment names (DATABASE_URL or
// TEST_DATABASE_URL), else a throwaway cluster (scripts/pg.mjs) set up for durability as the
// SQLite side has it; a fresh database per measured setup; the settings that shape the figures.
import {randomBytes} from 'node:crypto';
import {readFile} from 'node:fs/promises';
import {createRequire} from 'node:module';
import {join} from 'node:path';
import {pathToFileURL} from 'node:url';
import {cpuSeconds} from './cpu.mjs';

/**
 * Connects the bench to PostgreSQL. Returns `{adminUrl, origin, settings, database(), stop()}`, or
 * `{note}` saying why PostgreSQL cannot be measured.
 *
 * The throwaway cluster runs with `fsync` and `full_page_writes` on (crash-safe, unlike the test
 * cluster) and `synchronous_commit = off`: a commit does not wait for its WAL flush, the
 * counterpart of the SQLite store's WAL with `synchronous=NORMAL` (a crash of the server process
 * loses nothing; a power loss may lose the last moments, never the database).
 */
export async function benchPostgres(root) {
  const require = createRequire(join(root, 'package.json'));
  const pg = require('pg');
  const query = async (url, text) => {
    const client = new pg.Client({connectionString: url});
    await client.connect();
    try {
      return await client.query(text);
    } finally {
      await client.end();
    }
  };
  let adminUrl = process.env.DATABASE_URL || process.env.TEST_DATABASE_URL;
  let origin = adminUrl ? 'the server DATABASE_URL / TEST_DATABASE_URL names' : '';
  let cluster = null;
  if (!adminUrl) {
    const {findPostgresBin, startPostgres} = await import(
      pathToFileURL(join(root, 'scripts/pg.mjs')).href
    );
    if (!findPostgresBin())
      return {
        note: 'PostgreSQL not measured: no DATABASE_URL / TEST_DATABASE_URL and no PostgreSQL binaries',
      };
    cluster = await startPostgres({quiet: true});
    adminUrl = cluster.url;
    origin = 'a throwaway cluster (scripts/pg.mjs)';
    await query(adminUrl, 'ALTER SYSTEM SET fsync = on');
    await query(adminUrl, 'ALTER SYSTEM SET full_page_writes = on');
    await query(adminUrl, 'ALTER SYSTEM SET synchronous_commit = off');
    await query(adminUrl, 'SELECT pg_reload_conf()');
  }
  const names = [
    'server_version',
    'fsync',
    'synchronous_commit',
    'full_page_writes',
    'shared_buffers',
    'max_connections',
  ];
  const settings = {};
  for (const name of names) settings[name] = (await query(adminUrl, `SHOW ${name}`)).rows[0][name];
  const created = [];
  // Our own cluster: its postmaster, whose CPU time (with its backends') the bench can read.
  const postmaster = cluster
    ? Number((await readFile(join(cluster.dir, 'data', 'postmaster.pid'), 'utf8')).split('\n')[0])
    : null;
  return {
    adminUrl,
    origin,
    settings,
    /** The cluster's Unix socket folder (our own cluster only). */
    socketDir: cluster?.dir ?? null,
    /** Seconds of CPU the database server has used (our own cluster only; else null). */
    cpu: postmaster ? () => cpuSeconds(postmaster) : null,
    /** A fresh database (dropped by `stop()`), or the admin URL's own when we may not create one. */
    async database() {
      const name = `bench_${randomBytes(6).toString('hex')}`;
      try {
        await query(adminUrl, `CREATE DATABASE ${name}`);
      } catch {
        return adminUrl;
      }
      created.push(name);
      const url = new URL(adminUrl);
      url.pathname = `/${name}`;
      return url.toString();
    },
    async stop() {
      for (const name of created)
        await query(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => {});
      await cluster?.stop();
    },
  };
}
