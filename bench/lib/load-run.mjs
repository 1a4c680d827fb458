// The server bench's load run (bench/server.mjs): many full sign-ins across several PostgreSQL
// server processes, with their errors, latencies and resident memory.
import {roundRobinSend} from './http-browser.mjs';
import {totalCpuSeconds} from './cpu.mjs';
import {
  browsers,
  signUpUsers,
  startServers,
  stopServers,
  summarize,
  verifyAs,
} from './sign-ins.mjs';

/**
 * The load run: `total` full sign-ins (options, sign, verify) by `concurrency` users across
 * `processes` PostgreSQL server processes; errors, latency (the two requests, not the signing),
 * and each process's resident memory along the way.
 */
export async function loadRun(url, ctx, {total, concurrency, processes}) {
  const servers = await startServers({url, workers: processes});
  const send = roundRobinSend(servers.map((s) => s.port));
  // Each process's memory after a full garbage collection: resident, and the JS heap in use.
  const memory = async (at) => {
    const each = await Promise.all(servers.map((s) => s.memory()));
    return {
      at,
      mib: each.map((m) => m.rss / 2 ** 20),
      heapMib: each.map((m) => m.heapUsed / 2 ** 20),
    };
  };
  try {
    const users = await signUpUsers(browsers(ctx, send), ctx, concurrency);
    let errors = 0;
    let firstError = null;
    const signIn = async (user) => {
      const t0 = performance.now();
      try {
        const options = await user.browser.post('/authentication/options', {
          username: user.username,
        });
        if (options.status !== 200) throw new Error(`options ${options.status}`);
        const elapsed = performance.now() - t0;
        const response = user.authenticator.get(options.body.options);
        const t1 = performance.now();
        const verified = await verifyAs(user, response);
        if (verified.status !== 200)
          throw new Error(`verify ${verified.status} ${JSON.stringify(verified.body)}`);
        return elapsed + (performance.now() - t1);
      } catch (error) {
        errors++;
        firstError ??= String(error?.message ?? error);
        return null;
      }
    };
    const run = async (count, onProgress) => {
      const latencies = [];
      let started = 0;
      const t0 = performance.now();
      await Promise.all(
        users.map(async (user) => {
          while (started < count) {
            started++;
            const ms = await signIn(user);
            if (ms !== null) latencies.push(ms);
            await onProgress?.(latencies.length + errors);
          }
        }),
      );
      return {latencies, wallMs: performance.now() - t0};
    };
    await run(concurrency * 10); // warm-up, not counted
    errors = 0;
    firstError = null;
    const samples = [await memory(0)];
    const cpu = async () => ({
      server: await totalCpuSeconds(servers.map((s) => s.child.pid)),
      database: ctx.databaseCpu ? await ctx.databaseCpu() : null,
    });
    const cpuBefore = await cpu();
    let nextSample = 2000;
    const {latencies, wallMs} = await run(total, async (done) => {
      if (done >= nextSample && nextSample < total) {
        nextSample += 2000;
        samples.push(await memory(done));
      }
    });
    const cpuAfter = await cpu();
    samples.push(await memory(total));
    const perSignIn = (key) =>
      cpuBefore[key] === null || cpuAfter[key] === null
        ? null
        : ((cpuAfter[key] - cpuBefore[key]) * 1000) / total;
    return {
      serverCpuMs: perSignIn('server'),
      databaseCpuMs: perSignIn('database'),
      ...summarize(latencies, wallMs),
      total,
      concurrency,
      processes,
      errors,
      firstError,
      memory: samples,
    };
  } finally {
    send.close();
    await stopServers(servers);
  }
}
