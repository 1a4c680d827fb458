#!/usr/bin/env node
// npm run bench:server — sign-ins over HTTP against the reference backend, on SQLite and on
// PostgreSQL with one and two server processes, beside an in-process loop of bare
// `verifyAuthenticationResponse` calls, all in the same run; the round trips to PostgreSQL per
// sign-in; and a load run of 10,000 sign-ins across two processes.
//
//   npm run bench:server                         everything; PostgreSQL on DATABASE_URL or
//                                                TEST_DATABASE_URL, else on a throwaway cluster
//                                                (scripts/pg.mjs) when PostgreSQL is installed
//   npm run bench:server -- --requests 40        verify requests per worker (default 30)
//   npm run bench:server -- --load 2000          sign-ins in the load run (default 10000; 0: none)
//   npm run bench:server -- --rounds 5           C = 64 levels alternating SQLite / PostgreSQL
//                                                after the first pass (default 3)
//   BENCH_CPU_PROF=1 npm run bench:server        the single-process servers profile each timed
//                                                level: $TMPDIR/passkey-bench-profiles/<store>-c<C>.cpuprofile
//
// Method:
// - A server is `createPasskeyServer` + @hono/node-server in a child process (its own core, so
//   the load generator does not steal the server's event loop), on a free loopback port, in
//   production mode with the limits raised (a user signs in hundreds of times a minute here) and
//   everything else default (a PostgreSQL pool of 10).
// - Browsers are the project's TestBrowser (cookie jar: the ceremony cookie binds each challenge
//   to its browser) over node:http keep-alive sockets, each a client of its own: the server
//   trusts a proxy on 127.0.0.1 (TRUST_PROXY) and each browser sends its own X-Forwarded-For, so
//   the per-client limit keeps one counter per user as on a real site (with one address for all,
//   every request of the run would update the same row). With several server processes each request
//   goes to the next process in turn (a round-robin load balancer): a sign-in's options and its
//   verify usually land on different processes.
// - 64 users sign up with the test suite's software authenticator (real P-256 keys and signatures).
// - Per concurrency level C (1, 16, 64): C workers, each with its own user (so the per-credential
//   counter never races), each sending R verify requests one after another. All assertions are
//   prepared first: for each one, POST /authentication/options {username} (untimed), then sign.
//   Only POST /authentication/verify is timed: latency per request, throughput = requests / wall
//   time of the whole level. One unmeasured warm-up level first. The browser comes without a
//   session (the session cookie of each sign-in is dropped), as a user signing in does.
// - app.fetch: the same sign-ins through the app in this process (no socket, no HTTP parsing),
//   to tell the socket's share from the app's and the database's.
// - SQLite with one server process per CPU (node:cluster, one port, one file): its limits are per
//   process (in memory on SQLite), so it shows the machine's capacity, not a setup with shared
//   budgets. PostgreSQL with two processes (two ports, round robin): budgets, challenges and
//   sessions shared through the database, as a site with several processes runs.
// - Bare: the same signature checks in this process, `verifyAuthenticationResponse` on
//   pre-signed assertions with the stored public key, at the same concurrency levels, no HTTP,
//   no database. Ratio = HTTP throughput / bare throughput at the same concurrency.
// - Round trips: the backend in this process on PostgreSQL, every query of `pg` counted per
//   request of a sign-in (options, verify, GET /session), with its statements.
// - Load run: 10,000 full sign-ins (options, sign, verify; latency = the two requests) by 64
//   concurrent users across two PostgreSQL server processes, after 640 unmeasured ones; the
//   errors, p50/p99, CPU per sign-in, and each server process's memory after a full garbage
//   collection (the servers run with --expose-gc; asked over stdin): resident (RSS) and JS heap
//   in use, at the start, every 2,000 sign-ins and at the end.
// - CPU per request (the table's last columns): the CPU time the server process(es) used during
//   the level, and PostgreSQL's (postmaster and backends; on the bench's own cluster only), per
//   request. On a machine shared with other work throughput swings from run to run; CPU per
//   request barely moves, and tells what a core can serve.
// - Targets at C = 64: HTTP + SQLite ≥ 0.5 × bare throughput and p99 ≤ 25 ms; HTTP + PostgreSQL
//   (one process) ≥ 0.8 × HTTP + SQLite, compared on the medians of C = 64 levels measured
//   alternately on the two (the first pass's and `--rounds` more), both servers set up side by
//   side, so that a change in the machine's load hits both alike.
// Results: a table on stdout, bench/server-results.json, and $BENCH_SERVER_JSON ({rows}) for
// `npm run bench`.

import {mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {cpus, tmpdir} from 'node:os';
import {dirname, join} from 'node:path';
import {fileURLToPath, pathToFileURL} from 'node:url';
import {loadRun} from './lib/load-run.mjs';
import {benchPostgres} from './lib/postgres.mjs';
import {countRoundTrips} from './lib/round-trips.mjs';
import {writeReport} from './lib/server-report.mjs';
import {
  ORIGIN,
  RP_ID,
  SESSION_COOKIE,
  allLevels,
  benchBare,
  benchHttp,
  benchInProcess,
  httpSetup,
} from './lib/sign-ins.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};

// ---------------------------------------------------------------------------------------------
// child: the server

/** Defaults, except the limits every request from one loopback client would hit. */
function serverConfig() {
  return {
    port: 0,
    rpId: RP_ID,
    rpName: 'Bench RP',
    origins: [ORIGIN],
    basePath: '/passkeys',
    secret: 'bench-secret-bench-secret-bench-secret',
    nodeEnv: 'production',
    // Production mode (no DEV_MODE) refuses email signup without SMTP; the bench does not use it.
    emailSignup: false,
    // The bench's browsers are clients of their own behind a proxy on 127.0.0.1 (see browsers()).
    trustProxy: '127.0.0.1',
    rateLimitPerMinute: 10_000_000,
    accountFailures: 1_000_000,
    maxPendingChallengesPerClient: 100_000,
  };
}

async function serveMain() {
  const {createPasskeyServer} = await import(pathToFileURL(join(root, 'server/src/index.ts')).href);
  const {serve} = await import('@hono/node-server');
  const databaseUrl = process.env.BENCH_DATABASE_URL || null;
  const server = await createPasskeyServer({
    ...serverConfig(),
    ...(process.env.BENCH_DB_PATH ? {databasePath: process.env.BENCH_DB_PATH} : {}),
    ...(databaseUrl ? {databaseUrl} : {}),
  });
  // `memory` on stdin: a full garbage collection (--expose-gc), then `MEMORY <rss> <heapUsed>`.
  process.stdin.setEncoding('utf8');
  process.stdin.on('data', (text) => {
    for (const line of text.split('\n')) {
      if (line.trim() !== 'memory') continue;
      globalThis.gc?.();
      const {rss, heapUsed} = process.memoryUsage();
      process.stdout.write(`MEMORY ${rss} ${heapUsed}\n`);
    }
  });
  // The parent's pipe must not keep a stopping server alive.
  process.stdin.unref?.();
  const http = serve({fetch: server.fetch, port: 0, hostname: '127.0.0.1'}, (info) => {
    if (process.env.BENCH_CLUSTER_WORKER && process.send) process.send({port: info.port});
    else process.stdout.write(`READY ${info.port}\n`);
  });
  // Idle keep-alive sockets must outlive the untimed preparation phases (Node's default is 5 s,
  // after which the client could reuse a socket the server is closing: ECONNRESET).
  http.keepAliveTimeout = 120_000;
  http.headersTimeout = 121_000;
  if (process.env.BENCH_CPU_PROF) {
    // SIGUSR2 starts the profiler, the next one stops it and writes <tmp>/passkey-bench-profiles/<label>.cpuprofile:
    // the parent brackets each timed level, so preparation (options, signing) stays out of it.
    const {Session} = await import('node:inspector/promises');
    const session = new Session();
    session.connect();
    await session.post('Profiler.enable');
    const labels = (process.env.BENCH_CPU_PROF_LABELS ?? '').split(',');
    let running = false;
    let n = 0;
    process.on('SIGUSR2', async () => {
      if (!running) {
        running = true;
        await session.post('Profiler.start');
        return;
      }
      running = false;
      const {profile} = await session.post('Profiler.stop');
      const dir = join(tmpdir(), 'passkey-bench-profiles');
      mkdirSync(dir, {recursive: true});
      writeFileSync(
        join(dir, `${labels[n++] ?? `level-${n}`}.cpuprofile`),
        JSON.stringify(profile),
      );
    });
  }
  const stop = () =>
    http.close(() => {
      void server.close().finally(() => process.exit(0));
    });
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  // Keep-alive sockets would hold close() open.
  process.on('SIGTERM', () => setTimeout(() => process.exit(0), 2000).unref());
}

/** `workers` server processes on one port (node:cluster); READY once they all listen. */
async function serveCluster(workers) {
  const {default: cluster} = await import('node:cluster');
  let port = null;
  for (let i = 0; i < workers; i++) {
    // One after another, so that the first applies the migrations alone.
    const worker = cluster.fork({BENCH_CLUSTER_WORKER: '1'});
    port = await new Promise((resolve, reject) => {
      worker.once('message', (message) => resolve(message.port));
      worker.once('exit', (code) => reject(new Error(`cluster worker exited ${code}`)));
    });
  }
  process.stdout.write(`READY ${port}\n`);
  const stop = () => {
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGTERM');
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  cluster.on('exit', () => {
    if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
  });
}

async function main() {
  const {SoftAuthenticator} = await import(
    pathToFileURL(join(root, 'server/test/helpers/soft-authenticator.ts')).href
  );
  const {TestBrowser} = await import(pathToFileURL(join(root, 'src/testing/test-browser.ts')).href);
  const {verifyAuthenticationResponse, verifyRegistrationResponse} =
    await import('@simplewebauthn/server');
  const perRequests = arg('requests', 30);
  const loadTotal = arg('load', 10_000);
  const rounds = arg('rounds', 3);
  // Bounded request counts: at C = 1 the single worker sends 10 × as many as each of the others.
  const perWorker = {1: perRequests * 10, 16: perRequests, 64: perRequests};
  const ctx = {
    serverConfig,
    perWorker,
    SoftAuthenticator,
    TestBrowser,
    verifyAuthenticationResponse,
    verifyRegistrationResponse,
  };

  const dir = mkdtempSync(join(tmpdir(), 'passkey-bench-'));
  const runs = [];
  const postgres = await benchPostgres(root);
  const report = {runs, postgres, pgNote: postgres.note ?? null};
  ctx.databaseCpu = postgres.cpu ?? null;
  try {
    // SQLite and PostgreSQL (one process) set up side by side: every level of each, then
    // `--rounds` more C = 64 levels alternating between the two, so that the two compared share
    // the machine's weather; the target compares the medians of their C = 64 levels.
    const sqlite = await httpSetup({path: join(dir, 'bench.db')}, ctx);
    const single = postgres.note ? null : await httpSetup({url: await postgres.database()}, ctx);
    try {
      runs.push({name: 'HTTP + SQLite', key: 'sqlite', results: await allLevels(sqlite)});
      if (single) {
        runs.push({name: 'HTTP + PostgreSQL', key: 'postgres', results: await allLevels(single)});
        report.alternating = {sqlite: [runs[0].results[64]], postgres: [runs[1].results[64]]};
        for (let i = 0; i < rounds; i++) {
          report.alternating.sqlite.push(await sqlite.level(64));
          report.alternating.postgres.push(await single.level(64));
        }
      }
    } finally {
      await sqlite.close();
      await single?.close();
    }
    if (!postgres.note) {
      runs.push({
        name: 'HTTP + PostgreSQL, 2 processes (round robin; shared limits)',
        results: await benchHttp({url: await postgres.database(), workers: 2}, ctx),
      });
    }
    runs.push({
      name: 'app.fetch + SQLite (no socket)',
      results: await benchInProcess(join(dir, 'inproc.db'), ctx),
    });
    const workers = cpus().length;
    if (workers > 1) {
      runs.push({
        name: `HTTP + SQLite, ${workers} processes (node:cluster; limits per process)`,
        results: await benchHttp({path: join(dir, 'cluster.db'), workers}, ctx),
      });
    }
    if (!postgres.note) {
      report.roundTrips = await countRoundTrips({
        root,
        url: await postgres.database(),
        config: serverConfig(),
        origin: ORIGIN,
        sessionCookie: SESSION_COOKIE,
        SoftAuthenticator,
        TestBrowser,
      });
      if (loadTotal > 0)
        report.loadRun = await loadRun(await postgres.database(), ctx, {
          total: loadTotal,
          concurrency: 64,
          processes: 2,
        });
    }
    report.bare = await benchBare(ctx);
    writeReport(join(here, 'server-results.json'), report);
  } finally {
    rmSync(dir, {recursive: true, force: true});
    await postgres.stop?.();
  }
}

if (process.argv[2] === '--serve') {
  const workers = Number(process.env.BENCH_WORKERS ?? 1);
  if (workers > 1 && !process.env.BENCH_CLUSTER_WORKER) await serveCluster(workers);
  else await serveMain();
} else await main();
