#!/usr/bin/env node
// npm run bench:server — sign-in verification over HTTP against the reference backend, beside an
// in-process loop of bare `verifyAuthenticationResponse` calls measured in the same run.
//
//   npm run bench:server                         SQLite (temporary file); PostgreSQL too when
//                                                DATABASE_URL or TEST_DATABASE_URL is set
//   npm run bench:server -- --requests 40        verify requests per worker (default 30)
//   BENCH_CPU_PROF=1 npm run bench:server        the server profiles each timed level:
//                                                $TMPDIR/passkey-bench-profiles/<store>-c<C>.cpuprofile
//
// Method:
// - The server is `createPasskeyServer` + @hono/node-server in a child process (its own core, so
//   the load generator does not steal the server's event loop), on a free loopback port, with the
//   per-client limits raised (every request comes from 127.0.0.1) and everything else default.
// - 64 users sign up with the test suite's software authenticator (real P-256 keys and signatures).
// - Per concurrency level C (1, 16, 64): C workers, each with its own user (so the per-credential
//   counter never races), each sending R verify requests one after another. All assertions are
//   prepared first: for each one, POST /authentication/options {username} (untimed), then sign.
//   Only POST /authentication/verify is timed: latency per request, throughput = requests / wall
//   time of the whole level. One unmeasured warm-up level first.
// - app.fetch: the same sign-ins through the app in this process (no socket, no HTTP parsing),
//   to tell the socket's share from the app's and the database's.
// - A row of its own, never in place of the single-process one: the same over HTTP with one
//   server process per CPU (node:cluster, one port, one SQLite file). Its limits are per process
//   (in memory on SQLite), so it shows the machine's capacity, not a setup with shared budgets.
// - Bare: the same signature checks in this process, `verifyAuthenticationResponse` on
//   pre-signed assertions with the stored public key, at the same concurrency levels, no HTTP,
//   no database. Ratio = HTTP throughput / bare throughput at the same concurrency.
// - Target: at C = 64, HTTP + SQLite ≥ 0.5 × bare throughput and p99 ≤ 25 ms.
// Results: a table on stdout, bench/server-results.json, and $BENCH_SERVER_JSON ({rows}) for
// `npm run bench`.

import {spawn} from 'node:child_process';
import {mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {Agent, request as httpRequest} from 'node:http';
import {cpus, loadavg, tmpdir} from 'node:os';
import {dirname, join} from 'node:path';
import {fileURLToPath, pathToFileURL} from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const ORIGIN = 'http://localhost:3000';
const RP_ID = 'localhost';
const LEVELS = [1, 16, 64];
const TARGET_RATIO = 0.5;
const TARGET_P99_MS = 25;

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

// ---------------------------------------------------------------------------------------------
// parent: load and report

function startServer(store) {
  const env = {
    ...process.env,
    BENCH_DB_PATH: store.path ?? '',
    BENCH_DATABASE_URL: store.url ?? '',
    BENCH_CPU_PROF_LABELS: LEVELS.map((c) => `${store.url ? 'postgres' : 'sqlite'}-c${c}`).join(
      ',',
    ),
    BENCH_WORKERS: String(store.workers ?? 1),
  };
  const execArgv = ['--import', 'tsx'];
  const child = spawn(process.execPath, [...execArgv, fileURLToPath(import.meta.url), '--serve'], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      const m = /READY (\d+)/.exec(out);
      if (m) resolve({child, port: Number(m[1])});
    });
    child.on('exit', (code) => reject(new Error(`server exited ${code}: ${stderr.slice(-2000)}`)));
  });
}

function stopServer(child) {
  return new Promise((resolve) => {
    child.removeAllListeners('exit');
    child.on('exit', resolve);
    child.kill('SIGTERM');
  });
}

function client(port) {
  const agent = new Agent({keepAlive: true, maxSockets: 256});
  return function post(path, json) {
    const body = Buffer.from(JSON.stringify(json));
    return new Promise((resolve, reject) => {
      const req = httpRequest(
        {
          host: '127.0.0.1',
          port,
          path: `/passkeys${path}`,
          method: 'POST',
          agent,
          headers: {
            'content-type': 'application/json',
            'content-length': body.length,
            origin: ORIGIN,
          },
        },
        (res) => {
          const chunks = [];
          res.on('data', (c) => chunks.push(c));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            resolve({status: res.statusCode, body: text ? JSON.parse(text) : null});
          });
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  };
}

const quantile = (sorted, q) =>
  sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];

function summarize(latencies, wallMs) {
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    requests: sorted.length,
    throughput: (sorted.length / wallMs) * 1000,
    p50: quantile(sorted, 0.5),
    p99: quantile(sorted, 0.99),
  };
}

/** Runs `workers` loops, each over its own list of jobs; returns per-job latencies and the wall time. */
async function load(jobsPerWorker, run) {
  const latencies = [];
  const started = performance.now();
  await Promise.all(
    jobsPerWorker.map(async (jobs) => {
      for (const job of jobs) {
        const t0 = performance.now();
        await run(job);
        latencies.push(performance.now() - t0);
      }
    }),
  );
  return summarize(latencies, performance.now() - started);
}

/** The same sign-ins through `app.fetch` in this process: no socket, no HTTP parsing. */
async function benchInProcess(dbPath, ctx) {
  const {createPasskeyServer} = await import(pathToFileURL(join(root, 'server/src/index.ts')).href);
  const server = await createPasskeyServer({...serverConfig(), databasePath: dbPath});
  const post = async (path, json) => {
    const res = await server.fetch(
      new Request(`${ORIGIN}/passkeys${path}`, {
        method: 'POST',
        headers: {'content-type': 'application/json', origin: ORIGIN},
        body: JSON.stringify(json),
      }),
    );
    const text = await res.text();
    return {status: res.status, body: text ? JSON.parse(text) : null};
  };
  try {
    return await signIns(post, ctx);
  } finally {
    await server.close();
  }
}

async function benchHttp(store, ctx) {
  const {child, port} = await startServer(store);
  try {
    // Profiling (SIGUSR2) is for the single process only.
    return await signIns(client(port), ctx, (store.workers ?? 1) > 1 ? null : child);
  } finally {
    await stopServer(child);
  }
}

async function signIns(post, {perWorker, SoftAuthenticator}, child = null) {
  {
    const users = [];
    const tag = Math.random().toString(36).slice(2, 8);
    for (let i = 0; i < Math.max(...LEVELS); i++) {
      const username = `bench-${tag}-${i}`;
      const authenticator = new SoftAuthenticator({origin: ORIGIN});
      const options = await post('/registration/options', {username});
      if (options.status !== 200)
        throw new Error(`registration options: ${options.status} ${JSON.stringify(options.body)}`);
      const verified = await post('/registration/verify', {
        response: authenticator.create(options.body.options),
      });
      if (verified.status !== 201)
        throw new Error(`registration verify: ${verified.status} ${JSON.stringify(verified.body)}`);
      users.push({username, authenticator});
    }
    const prepare = async (workers, count) =>
      Promise.all(
        users.slice(0, workers).map(async (user) => {
          const jobs = [];
          for (let i = 0; i < count; i++) {
            const res = await post('/authentication/options', {username: user.username});
            if (res.status !== 200) throw new Error(`authentication options: ${res.status}`);
            jobs.push({response: user.authenticator.get(res.body.options)});
          }
          return jobs;
        }),
      );
    const verify = async (job) => {
      const res = await post('/authentication/verify', job);
      if (res.status !== 200)
        throw new Error(`authentication verify: ${res.status} ${JSON.stringify(res.body)}`);
    };
    await load(await prepare(16, 10), verify); // warm-up
    const results = {};
    const pause = () => new Promise((resolve) => setTimeout(resolve, 200));
    for (const c of LEVELS) {
      const jobs = await prepare(c, perWorker[c]);
      if (process.env.BENCH_CPU_PROF && child) {
        child.kill('SIGUSR2');
        await pause();
      }
      results[c] = await load(jobs, verify);
      if (process.env.BENCH_CPU_PROF && child) {
        child.kill('SIGUSR2');
        await pause();
      }
    }
    return results;
  }
}

async function benchBare({
  perWorker,
  SoftAuthenticator,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
}) {
  const authenticator = new SoftAuthenticator({origin: ORIGIN});
  const challenge = Buffer.alloc(32, 1).toString('base64url');
  const registration = authenticator.create({
    challenge,
    rp: {id: RP_ID, name: 'Bench RP'},
    user: {id: Buffer.alloc(32, 2).toString('base64url'), name: 'bare', displayName: 'bare'},
    pubKeyCredParams: [{type: 'public-key', alg: -7}],
  });
  const {registrationInfo} = await verifyRegistrationResponse({
    response: registration,
    expectedChallenge: challenge,
    expectedOrigin: ORIGIN,
    expectedRPID: RP_ID,
    requireUserVerification: true,
  });
  const stored = registrationInfo.credential;
  const makeJobs = (workers, count) =>
    Array.from({length: workers}, () =>
      Array.from({length: count}, () => {
        const c = Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString('base64url');
        return {
          challenge: c,
          response: authenticator.get({challenge: c, rpId: RP_ID, allowCredentials: []}),
        };
      }),
    );
  const verify = async (job) => {
    const result = await verifyAuthenticationResponse({
      response: job.response,
      expectedChallenge: job.challenge,
      expectedOrigin: ORIGIN,
      expectedRPID: RP_ID,
      credential: {...stored, counter: 0},
      requireUserVerification: true,
    });
    if (!result.verified) throw new Error('bare verify failed');
  };
  await load(makeJobs(16, 10), verify); // warm-up
  const results = {};
  for (const c of LEVELS) results[c] = await load(makeJobs(c, perWorker[c]), verify);
  return results;
}

async function main() {
  const {SoftAuthenticator} = await import(
    pathToFileURL(join(root, 'server/test/helpers/soft-authenticator.ts')).href
  );
  const {verifyAuthenticationResponse, verifyRegistrationResponse} =
    await import('@simplewebauthn/server');
  const perRequests = arg('requests', 30);
  // Bounded request counts: at C = 1 the single worker sends 10 × as many as each of the others.
  const perWorker = {1: perRequests * 10, 16: perRequests, 64: perRequests};
  const ctx = {
    perWorker,
    SoftAuthenticator,
    verifyAuthenticationResponse,
    verifyRegistrationResponse,
  };

  const dir = mkdtempSync(join(tmpdir(), 'passkey-bench-'));
  const runs = [];
  try {
    runs.push({
      name: 'HTTP + SQLite',
      results: await benchHttp({path: join(dir, 'bench.db')}, ctx),
    });
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
    const pgUrl = process.env.DATABASE_URL || process.env.TEST_DATABASE_URL;
    let pgNote = null;
    if (!pgUrl)
      pgNote = 'PostgreSQL not measured: neither DATABASE_URL nor TEST_DATABASE_URL is set';
    else {
      try {
        runs.push({name: 'HTTP + PostgreSQL', results: await benchHttp({url: pgUrl}, ctx)});
      } catch (error) {
        pgNote = `PostgreSQL not measured: ${String(error.message).slice(0, 400)}`;
      }
    }
    const bare = await benchBare(ctx);
    report(runs, bare, pgNote);
  } finally {
    rmSync(dir, {recursive: true, force: true});
  }
}

function report(runs, bare, pgNote) {
  const f1 = (n) => n.toFixed(1);
  const lines = [];
  const table = [['side', 'C', 'requests', 'req/s', 'p50 ms', 'p99 ms', 'vs bare']];
  for (const c of LEVELS) {
    table.push([
      'bare verifyAuthenticationResponse',
      String(c),
      String(bare[c].requests),
      f1(bare[c].throughput),
      f1(bare[c].p50),
      f1(bare[c].p99),
      '1.00×',
    ]);
  }
  for (const run of runs) {
    for (const c of LEVELS) {
      const r = run.results[c];
      table.push([
        run.name,
        String(c),
        String(r.requests),
        f1(r.throughput),
        f1(r.p50),
        f1(r.p99),
        `${(r.throughput / bare[c].throughput).toFixed(2)}×`,
      ]);
    }
  }
  const width = table[0].map((_, i) => Math.max(...table.map((row) => row[i].length)));
  for (const row of table)
    lines.push(
      row.map((cell, i) => (i === 0 ? cell.padEnd(width[i]) : cell.padStart(width[i]))).join('  '),
    );

  const sqlite = runs[0].results[64];
  const ratio = sqlite.throughput / bare[64].throughput;
  const ratioMet = ratio >= TARGET_RATIO;
  const p99Met = sqlite.p99 <= TARGET_P99_MS;
  lines.push('');
  lines.push(
    `target at C=64, HTTP + SQLite: throughput ≥ ${TARGET_RATIO} × bare: ${ratio.toFixed(2)}× ${ratioMet ? 'met' : 'MISSED'}; p99 ≤ ${TARGET_P99_MS} ms: ${f1(sqlite.p99)} ms ${p99Met ? 'met' : 'MISSED'}`,
  );
  if (pgNote) lines.push(pgNote);
  lines.push(
    `timed: POST /authentication/verify only (options fetched and signed beforehand); ${cpus().length} CPUs, load average ${loadavg()[0].toFixed(1)}, Node ${process.version}`,
  );
  console.log(lines.join('\n'));

  const json = {
    when: new Date().toISOString(),
    node: process.version,
    cpus: cpus().length,
    loadAverage: loadavg()[0],
    timed: 'POST /authentication/verify only; options fetched and assertions signed beforehand',
    bare: bare,
    http: Object.fromEntries(runs.map((r) => [r.name, r.results])),
    target: {
      ratio: TARGET_RATIO,
      p99Ms: TARGET_P99_MS,
      ratioAt64: ratio,
      p99At64: sqlite.p99,
      met: ratioMet && p99Met,
    },
    postgres: pgNote ?? 'measured',
    rows: [
      ...LEVELS.map((c) => ({
        name: `bare verify, C=${c}`,
        value: `${f1(bare[c].throughput)} req/s, p50 ${f1(bare[c].p50)} ms, p99 ${f1(bare[c].p99)} ms`,
      })),
      ...runs.flatMap((run) =>
        LEVELS.map((c) => ({
          name: `${run.name}, C=${c}`,
          value: `${f1(run.results[c].throughput)} req/s, p50 ${f1(run.results[c].p50)} ms, p99 ${f1(run.results[c].p99)} ms, ${(run.results[c].throughput / bare[c].throughput).toFixed(2)}× bare`,
        })),
      ),
      {name: 'target (C=64, SQLite)', value: ratioMet && p99Met ? 'met' : 'MISSED'},
      ...(pgNote ? [{name: 'PostgreSQL', value: pgNote}] : []),
    ],
  };
  writeFileSync(join(here, 'server-results.json'), `${JSON.stringify(json, null, 2)}\n`);
  if (process.env.BENCH_SERVER_JSON)
    writeFileSync(process.env.BENCH_SERVER_JSON, JSON.stringify({rows: json.rows}));
}

if (process.argv[2] === '--serve') {
  const workers = Number(process.env.BENCH_WORKERS ?? 1);
  if (workers > 1 && !process.env.BENCH_CLUSTER_WORKER) await serveCluster(workers);
  else await serveMain();
} else await main();
