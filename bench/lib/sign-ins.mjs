// The server bench's sign-ins (bench/server.mjs): the server processes, the browsers, the
// timed levels over HTTP and through app.fetch, and the bare verify loop.
import {spawn} from 'node:child_process';
import {dirname, join} from 'node:path';
import {fileURLToPath, pathToFileURL} from 'node:url';
import {totalCpuSeconds} from './cpu.mjs';
import {roundRobinSend} from './http-browser.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
/** The bench's own entry, which serves when started with `--serve`. */
const SERVE_SCRIPT = join(root, 'bench/server.mjs');
export const ORIGIN = 'http://localhost:3000';
export const RP_ID = 'localhost';
/** The session cookie (default name; http origin, so no `__Host-` prefix). */
export const SESSION_COOKIE = 'passkey_session';
export const LEVELS = [1, 16, 64];

function startChild(env, label) {
  const child = spawn(
    process.execPath,
    ['--expose-gc', '--import', 'tsx', SERVE_SCRIPT, '--serve'],
    {cwd: root, env: {...process.env, ...env}, stdio: ['pipe', 'pipe', 'pipe']},
  );
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  let out = '';
  const waiting = [];
  child.stdout.on('data', (d) => {
    out += d;
    for (let m; (m = /MEMORY (\d+) (\d+)\n/.exec(out)); out = out.slice(m.index + m[0].length))
      waiting.shift()?.({rss: Number(m[1]), heapUsed: Number(m[2])});
  });
  /** The child's memory after a full garbage collection: `{rss, heapUsed}` in bytes. */
  const memory = () =>
    new Promise((resolve) => {
      waiting.push(resolve);
      child.stdin.write('memory\n');
    });
  return new Promise((resolve, reject) => {
    child.stdout.on('data', () => {
      const m = /READY (\d+)/.exec(out);
      if (m) {
        out = out.replace(m[0], '');
        resolve({child, port: Number(m[1]), memory});
      }
    });
    child.on('exit', (code) =>
      reject(new Error(`${label} server exited ${code}: ${stderr.slice(-2000)}`)),
    );
  });
}

export async function startServers(store) {
  const workers = store.workers ?? 1;
  const env = {
    BENCH_DB_PATH: store.path ?? '',
    BENCH_DATABASE_URL: store.url ?? '',
    BENCH_CPU_PROF_LABELS: LEVELS.map((c) => `${store.url ? 'postgres' : 'sqlite'}-c${c}`).join(
      ',',
    ),
    BENCH_WORKERS: String(store.url ? 1 : workers),
  };
  const label = store.url ? 'PostgreSQL' : 'SQLite';
  if (!store.url || workers === 1) return [await startChild(env, label)];
  const first = await startChild(env, label); // applies the migrations alone
  const rest = await Promise.all(Array.from({length: workers - 1}, () => startChild(env, label)));
  return [first, ...rest];
}

export function stopServers(servers) {
  return Promise.all(
    servers.map(
      ({child}) =>
        new Promise((resolve) => {
          child.removeAllListeners('exit');
          if (child.exitCode !== null) return resolve();
          child.on('exit', resolve);
          child.kill('SIGTERM');
        }),
    ),
  );
}

const quantile = (sorted, q) =>
  sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];

export function summarize(latencies, wallMs) {
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    requests: sorted.length,
    throughput: (sorted.length / wallMs) * 1000,
    p50: quantile(sorted, 0.5),
    p99: quantile(sorted, 0.99),
  };
}

/** Runs `workers` loops, each over its own list of jobs; returns per-job latencies and the wall time. */
export async function load(jobsPerWorker, run) {
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

/** Browsers on `send`: the project's TestBrowser (Origin header, cookie jar). */
export function browsers(ctx, send) {
  let clients = 0;
  return () => {
    // Each browser is a client of its own (as the users of a site are), named by the address a
    // proxy on 127.0.0.1 reports (TRUST_PROXY): the per-client limit keeps one counter per user.
    const n = ++clients;
    const address = `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
    return new ctx.TestBrowser(`${ORIGIN}/passkeys`, ORIGIN, (request) => {
      request.headers.set('x-forwarded-for', address);
      return send(request);
    });
  };
}

/** `count` users signed up with their own software authenticator and browser (no session kept). */
export async function signUpUsers(newBrowser, ctx, count) {
  const users = [];
  const tag = Math.random().toString(36).slice(2, 8);
  for (let i = 0; i < count; i++) {
    const username = `bench-${tag}-${i}`;
    const authenticator = new ctx.SoftAuthenticator({origin: ORIGIN});
    const browser = newBrowser();
    const options = await browser.post('/registration/options', {username});
    if (options.status !== 200)
      throw new Error(`registration options: ${options.status} ${JSON.stringify(options.body)}`);
    const verified = await browser.post('/registration/verify', {
      response: authenticator.create(options.body.options),
    });
    if (verified.status !== 201)
      throw new Error(`registration verify: ${verified.status} ${JSON.stringify(verified.body)}`);
    browser.cookies.delete(SESSION_COOKIE);
    users.push({username, authenticator, browser});
  }
  return users;
}

/** One sign-in's verify, from a browser without a session (its new session cookie dropped). */
export async function verifyAs(user, response) {
  const res = await user.browser.post('/authentication/verify', {response});
  user.browser.cookies.delete(SESSION_COOKIE);
  return res;
}

/** The same sign-ins through `app.fetch` in this process: no socket, no HTTP parsing. */
export async function benchInProcess(dbPath, ctx) {
  const {createPasskeyServer} = await import(pathToFileURL(join(root, 'server/src/index.ts')).href);
  const server = await createPasskeyServer(
    {...ctx.serverConfig(), databasePath: dbPath},
    {clientKey: (c) => c.req.header('x-forwarded-for') ?? 'in-process'},
  );
  try {
    // No CPU columns: the server's CPU is this process's, the load generator's included.
    const setup = await signInSetup(
      browsers(ctx, (request) => server.fetch(request)),
      ctx,
    );
    return await allLevels(setup);
  } finally {
    await server.close();
  }
}

/** The server process(es) for `store`, their users signed up: `level(c)` measures one level. */
export async function httpSetup(store, ctx) {
  const servers = await startServers(store);
  const send = roundRobinSend(servers.map((s) => s.port));
  try {
    const cpu = async () => ({
      server: await totalCpuSeconds(servers.map((s) => s.child.pid)),
      database: store.url && ctx.databaseCpu ? await ctx.databaseCpu() : null,
    });
    // Profiling (SIGUSR2) is for the single process only.
    const profiled = servers.length > 1 ? null : servers[0].child;
    const setup = await signInSetup(browsers(ctx, send), ctx, {profiled, cpu});
    return {
      ...setup,
      async close() {
        send.close();
        await stopServers(servers);
      },
    };
  } catch (error) {
    send.close();
    await stopServers(servers);
    throw error;
  }
}

export async function benchHttp(store, ctx) {
  const setup = await httpSetup(store, ctx);
  try {
    return await allLevels(setup);
  } finally {
    await setup.close();
  }
}

/** Every level of `LEVELS`, one after another. */
export async function allLevels(setup) {
  const results = {};
  for (const c of LEVELS) results[c] = await setup.level(c);
  return results;
}

/**
 * 64 users signed up and one warm-up level; `level(c)` then prepares c × R assertions (untimed)
 * and times their verifies, with the server's (and database's) CPU per request when `cpu` tells.
 */
async function signInSetup(newBrowser, ctx, {profiled = null, cpu = null} = {}) {
  const {perWorker} = ctx;
  const users = await signUpUsers(newBrowser, ctx, Math.max(...LEVELS));
  const prepare = async (workers, count) =>
    Promise.all(
      users.slice(0, workers).map(async (user) => {
        const jobs = [];
        for (let i = 0; i < count; i++) {
          const res = await user.browser.post('/authentication/options', {
            username: user.username,
          });
          if (res.status !== 200) throw new Error(`authentication options: ${res.status}`);
          jobs.push({user, response: user.authenticator.get(res.body.options)});
        }
        return jobs;
      }),
    );
  const verify = async (job) => {
    const res = await verifyAs(job.user, job.response);
    if (res.status !== 200)
      throw new Error(`authentication verify: ${res.status} ${JSON.stringify(res.body)}`);
  };
  await load(await prepare(16, 10), verify); // warm-up
  const pause = () => new Promise((resolve) => setTimeout(resolve, 200));
  let n = 0;
  return {
    async level(c) {
      const jobs = await prepare(c, perWorker[c]);
      // BENCH_CPU_PROF: the first pass over the levels is profiled (see serveMain).
      const profile = process.env.BENCH_CPU_PROF && profiled && n++ < LEVELS.length;
      if (profile) {
        profiled.kill('SIGUSR2');
        await pause();
      }
      const before = cpu && (await cpu());
      const result = await load(jobs, verify);
      const after = cpu && (await cpu());
      const perRequest = (key) =>
        before?.[key] == null || after?.[key] == null
          ? null
          : ((after[key] - before[key]) * 1000) / result.requests;
      if (profile) {
        profiled.kill('SIGUSR2');
        await pause();
      }
      return {...result, serverCpuMs: perRequest('server'), databaseCpuMs: perRequest('database')};
    },
  };
}

export async function benchBare({
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
