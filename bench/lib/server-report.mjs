// The server bench's report (bench/server.mjs): the table and lines on stdout,
// bench/server-results.json, and $BENCH_SERVER_JSON's rows for `npm run bench`.
import {writeFileSync} from 'node:fs';
import {cpus, loadavg} from 'node:os';
import {LEVELS} from './sign-ins.mjs';
import {stats} from './stats.mjs';

export const TARGET_RATIO = 0.5;
export const TARGET_P99_MS = 25;
export const TARGET_POSTGRES_RATIO = 0.8;

/** Prints the figures and writes them to `resultsFile` (and $BENCH_SERVER_JSON). */
export function writeReport(
  resultsFile,
  {runs, bare, postgres, pgNote, roundTrips, loadRun, alternating},
) {
  const f1 = (n) => n.toFixed(1);
  const f2 = (n) => (n === null || n === undefined ? '–' : n.toFixed(2));
  const lines = [];
  const table = [
    ['side', 'C', 'requests', 'req/s', 'p50 ms', 'p99 ms', 'vs bare', 'CPU ms/req: server', 'db'],
  ];
  for (const c of LEVELS) {
    table.push([
      'bare verifyAuthenticationResponse',
      String(c),
      String(bare[c].requests),
      f1(bare[c].throughput),
      f1(bare[c].p50),
      f1(bare[c].p99),
      '1.00×',
      '',
      '',
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
        f2(r.serverCpuMs),
        f2(r.databaseCpuMs),
      ]);
    }
  }
  const width = table[0].map((_, i) => Math.max(...table.map((row) => row[i].length)));
  for (const row of table)
    lines.push(
      row.map((cell, i) => (i === 0 ? cell.padEnd(width[i]) : cell.padStart(width[i]))).join('  '),
    );

  const sqlite = runs.find((r) => r.key === 'sqlite').results[64];
  const ratio = sqlite.throughput / bare[64].throughput;
  const ratioMet = ratio >= TARGET_RATIO;
  const p99Met = sqlite.p99 <= TARGET_P99_MS;
  lines.push('');
  lines.push(
    `target at C=64, HTTP + SQLite: throughput ≥ ${TARGET_RATIO} × bare: ${ratio.toFixed(2)}× ${ratioMet ? 'met' : 'MISSED'}; p99 ≤ ${TARGET_P99_MS} ms: ${f1(sqlite.p99)} ms ${p99Met ? 'met' : 'MISSED'}`,
  );
  const pgRun = runs.find((r) => r.key === 'postgres');
  // The medians of the C = 64 levels measured alternately (the table's pass included).
  const median = (list) => stats(list).median;
  const sqliteMedian = alternating && median(alternating.sqlite.map((r) => r.throughput));
  const pgMedian = alternating && median(alternating.postgres.map((r) => r.throughput));
  const pgRatio = pgRun ? pgMedian / sqliteMedian : null;
  if (pgRun) {
    const list = (side) => alternating[side].map((r) => f1(r.throughput)).join(', ');
    lines.push(
      `target at C=64, HTTP + PostgreSQL ≥ ${TARGET_POSTGRES_RATIO} × HTTP + SQLite: ${pgRatio.toFixed(2)}× ${pgRatio >= TARGET_POSTGRES_RATIO ? 'met' : 'MISSED'} (medians of ${alternating.sqlite.length} alternating C=64 levels: SQLite ${f1(sqliteMedian)} req/s [${list('sqlite')}], PostgreSQL ${f1(pgMedian)} req/s [${list('postgres')}])`,
    );
    // CPU per verify, which the machine's other load barely moves: what a core can serve.
    const cpu = (side) => {
      const ms = median(
        alternating[side].map((r) => (r.serverCpuMs ?? NaN) + (r.databaseCpuMs ?? 0)),
      );
      return Number.isFinite(ms) ? ms : null;
    };
    const [sqliteCpu, pgCpu] = [cpu('sqlite'), cpu('postgres')];
    if (sqliteCpu && pgCpu)
      lines.push(
        `CPU per verify at C=64 (medians): SQLite ${f2(sqliteCpu)} ms (server), PostgreSQL ${f2(pgCpu)} ms (server + database) -> one core: about ${Math.round(1000 / sqliteCpu)} and ${Math.round(1000 / pgCpu)} verifies/s; CPU ratio ${f2(sqliteCpu / pgCpu)}×`,
      );
  }
  if (pgNote) lines.push(pgNote);
  else {
    const s = postgres.settings;
    lines.push(
      `PostgreSQL ${s.server_version} (${postgres.origin}): fsync ${s.fsync}, synchronous_commit ${s.synchronous_commit}, full_page_writes ${s.full_page_writes}, shared_buffers ${s.shared_buffers}; pool of 10 per server process`,
    );
  }
  if (roundTrips) {
    lines.push('');
    lines.push('round trips to PostgreSQL per request of a sign-in (steady state; statements):');
    for (const r of roundTrips) {
      lines.push(
        `  ${r.step}: ${r.roundTrips}${r.max > r.roundTrips ? ` (${r.max} with the once-a-minute sweep)` : ''}`,
      );
      for (const s of r.statements)
        lines.push(`      ${s.length > 110 ? `${s.slice(0, 107)}…` : s}`);
    }
  }
  if (loadRun) {
    const mem = (sample) => sample.mib.map((m) => (m === null ? '?' : `${f1(m)}`)).join(' / ');
    lines.push('');
    lines.push(
      `load run: ${loadRun.total} sign-ins (options + verify) at ${loadRun.concurrency} concurrent across ${loadRun.processes} PostgreSQL server processes: ${loadRun.errors} errors${loadRun.firstError ? ` (first: ${loadRun.firstError})` : ''}, ${f1(loadRun.throughput)} sign-ins/s, p50 ${f1(loadRun.p50)} ms, p99 ${f1(loadRun.p99)} ms`,
    );
    lines.push(
      `  resident memory per process after a full GC (MiB): ${loadRun.memory.map((s) => `${s.at}: ${mem(s)}`).join('; ')}`,
    );
    lines.push(
      `  JS heap in use per process after a full GC (MiB): ${loadRun.memory.map((s) => `${s.at}: ${s.heapMib.map(f1).join(' / ')}`).join('; ')}`,
    );
    if (loadRun.serverCpuMs !== null)
      lines.push(
        `  CPU per sign-in: ${f2(loadRun.serverCpuMs)} ms in the server processes${loadRun.databaseCpuMs === null ? '' : ` + ${f2(loadRun.databaseCpuMs)} ms in PostgreSQL -> about ${Math.round(1000 / (loadRun.serverCpuMs + loadRun.databaseCpuMs))} sign-ins/s per core`}`,
      );
  }
  lines.push('');
  lines.push(
    `timed: POST /authentication/verify only in the table (options fetched and signed beforehand); ${cpus().length} CPUs, load average ${loadavg()[0].toFixed(1)}, Node ${process.version}`,
  );
  console.log(lines.join('\n'));

  const perRun = (name, results) =>
    LEVELS.map((c) => ({
      name: `${name}, C=${c}`,
      value: `${f1(results[c].throughput)} req/s, p50 ${f1(results[c].p50)} ms, p99 ${f1(results[c].p99)} ms, ${(results[c].throughput / bare[c].throughput).toFixed(2)}× bare`,
    }));
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
      postgresRatio: TARGET_POSTGRES_RATIO,
      postgresRatioAt64: pgRatio,
      postgresMet: pgRatio === null ? null : pgRatio >= TARGET_POSTGRES_RATIO,
    },
    postgres: pgNote ?? {origin: postgres.origin, settings: postgres.settings},
    alternating: alternating ?? null,
    roundTrips: roundTrips ?? null,
    loadRun: loadRun ?? null,
    rows: [
      ...perRun('bare verify', bare),
      ...runs.flatMap((run) => perRun(run.name, run.results)),
      {name: 'target (C=64, SQLite)', value: ratioMet && p99Met ? 'met' : 'MISSED'},
      ...(pgRun
        ? [
            {
              name: 'target (C=64, PostgreSQL ≥ 0.8 × SQLite)',
              value: `${pgRatio.toFixed(2)}× ${pgRatio >= TARGET_POSTGRES_RATIO ? 'met' : 'MISSED'}`,
            },
          ]
        : []),
      ...(roundTrips
        ? roundTrips.map((r) => ({
            name: `PostgreSQL round trips, ${r.step}`,
            value: String(r.roundTrips),
          }))
        : []),
      ...(loadRun
        ? [
            {
              name: `load run (${loadRun.total} sign-ins, C=${loadRun.concurrency}, ${loadRun.processes} PostgreSQL processes)`,
              value: `${loadRun.errors} errors, ${f1(loadRun.throughput)}/s, p50 ${f1(loadRun.p50)} ms, p99 ${f1(loadRun.p99)} ms, RSS ${loadRun.memory[0].mib.map((m) => f1(m ?? 0)).join('/')} → ${loadRun.memory
                .at(-1)
                .mib.map((m) => f1(m ?? 0))
                .join('/')} MiB`,
            },
          ]
        : []),
      ...(pgNote ? [{name: 'PostgreSQL', value: pgNote}] : []),
    ],
  };
  writeFileSync(resultsFile, `${JSON.stringify(json, null, 2)}\n`);
  if (process.env.BENCH_SERVER_JSON)
    writeFileSync(process.env.BENCH_SERVER_JSON, JSON.stringify({rows: json.rows}));
}
