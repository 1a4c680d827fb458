#!/usr/bin/env node
// A throwaway PostgreSQL cluster for the tests: initdb into a temporary folder, start it on a free
// loopback port (no TCP on other interfaces, trust auth, fsync off), and remove it all on stop.
// Run as root (CI), the server runs as the `postgres` user (PostgreSQL refuses root).
//
//   node scripts/pg.mjs                    start, print the URL, stop on Ctrl-C
//   node scripts/pg.mjs -- <cmd> [args]    start, run <cmd> with TEST_DATABASE_URL set, stop,
//                                          exit with <cmd>'s status
//
// As a module: `findPostgresBin()` (the folder with pg_ctl, or null) and `startPostgres()`
// → `{url, port, dir, stop()}`. PG_BIN overrides where the binaries are looked for.

import {execFileSync, spawn, spawnSync} from 'node:child_process';
import {appendFileSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {freePort} from './free-port.mjs';

/** The folder holding pg_ctl/initdb: $PG_BIN, the newest /usr/lib/postgresql/<v>/bin, or PATH. */
export function findPostgresBin() {
  if (process.env.PG_BIN)
    return existsSync(join(process.env.PG_BIN, 'pg_ctl')) ? process.env.PG_BIN : null;
  const base = '/usr/lib/postgresql';
  if (existsSync(base)) {
    const versions = readdirSync(base)
      .filter((v) => existsSync(join(base, v, 'bin', 'pg_ctl')))
      .sort((a, b) => Number(b) - Number(a));
    if (versions.length) return join(base, versions[0], 'bin');
  }
  const which = spawnSync('sh', ['-c', 'command -v pg_ctl'], {encoding: 'utf8'});
  const found = which.status === 0 ? which.stdout.trim() : '';
  return found ? found.slice(0, found.lastIndexOf('/')) : null;
}

/** Runs a PostgreSQL binary, as the `postgres` user when we are root. */
function runAs(user, bin, args, options = {}) {
  const [cmd, argv] = user ? ['runuser', ['-u', user, '--', bin, ...args]] : [bin, args];
  return execFileSync(cmd, argv, {stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8', ...options});
}

function userIds(name) {
  const uid = Number(execFileSync('id', ['-u', name], {encoding: 'utf8'}).trim());
  const gid = Number(execFileSync('id', ['-g', name], {encoding: 'utf8'}).trim());
  return {uid, gid};
}

/**
 * Starts a fresh cluster. Resolves with its superuser URL (`postgresql://postgres@127.0.0.1:<port>/postgres`)
 * and `stop()`, which shuts it down and deletes its folder.
 */
export async function startPostgres({bin = findPostgresBin(), quiet = false} = {}) {
  if (!bin)
    throw new Error(
      'PostgreSQL binaries (pg_ctl, initdb) not found; install postgresql or set PG_BIN',
    );
  const dir = mkdtempSync(join(tmpdir(), 'passkey-pg-'));
  const data = join(dir, 'data');
  const asRoot = process.getuid?.() === 0;
  const user = asRoot ? 'postgres' : null;
  if (asRoot) {
    const {uid, gid} = userIds('postgres');
    chownSync(dir, uid, gid);
  }
  let started = false;
  const stop = async () => {
    if (started) {
      try {
        runAs(user, join(bin, 'pg_ctl'), ['stop', '-D', data, '-m', 'immediate', '-w'], {
          timeout: 30_000,
        });
      } catch {
        // Already stopped (a test may stop it on purpose).
      }
      started = false;
    }
    rmSync(dir, {recursive: true, force: true});
  };
  try {
    runAs(user, join(bin, 'initdb'), [
      '-D',
      data,
      '-U',
      'postgres',
      '--auth=trust',
      '--no-locale',
      '-E',
      'UTF8',
      '--no-sync',
    ]);
    const port = await freePort();
    // Settings go into postgresql.conf, so a plain `pg_ctl start -D data` brings it back as it was.
    const settings = [
      `port = ${port}`,
      `unix_socket_directories = '${dir}'`,
      "listen_addresses = '127.0.0.1'",
      'fsync = off',
      'full_page_writes = off',
      'max_connections = 300',
      'shared_buffers = 64MB',
    ];
    appendFileSync(join(data, 'postgresql.conf'), `\n# scripts/pg.mjs\n${settings.join('\n')}\n`);
    runAs(
      user,
      join(bin, 'pg_ctl'),
      ['start', '-D', data, '-l', join(dir, 'server.log'), '-w', '-t', '60'],
      {
        timeout: 90_000,
      },
    );
    started = true;
    const url = `postgresql://postgres@127.0.0.1:${port}/postgres`;
    if (!quiet) console.log(`[pg] PostgreSQL (${bin}) on ${url}`);
    return {url, port, dir, bin, stop};
  } catch (error) {
    await stop();
    throw error;
  }
}

// CLI
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const dash = process.argv.indexOf('--');
  const command = dash >= 0 ? process.argv.slice(dash + 1) : [];
  const pg = await startPostgres();
  let stopping = false;
  const finish = async (code) => {
    if (stopping) return;
    stopping = true;
    await pg.stop();
    process.exit(code);
  };
  process.on('SIGINT', () => void finish(130));
  process.on('SIGTERM', () => void finish(143));
  process.on('SIGHUP', () => void finish(129));
  if (command.length) {
    const child = spawn(command[0], command.slice(1), {
      stdio: 'inherit',
      env: {...process.env, TEST_DATABASE_URL: pg.url},
    });
    child.on('exit', (code, signal) => void finish(code ?? (signal ? 1 : 0)));
  } else {
    console.log(`TEST_DATABASE_URL=${pg.url}`);
    console.log('(Ctrl-C stops and removes the cluster)');
  }
}
