#!/usr/bin/env node
// npm run bench: sizes, first render and ceremony overhead, in one table (and bench/results.json).
// A benchmark, not a test: it exits non-zero only when something crashes. Budgets are enforced by
// test/node/size-budget.test.ts (npm test); here they are only shown.
//
//   npm run bench                                  defaults: 40 loads per page, 40 ceremonies per side
//   npm run bench -- --loads 100 --iterations 60   more samples, narrower spread (about 7 min)
//
// Method (docs/performance.md has the long form):
// - size: scripts/size-lib.mjs, the same code as `npm run size` (esbuild bundle + minify, ESM;
//   gzip -9, brotli q11). The bytes measured are the bytes the pages below load.
// - first render: one page per element (`src/elements/<tag>/define.ts`) and one for a bare Lit
//   element, each bundled the same way. The clock starts when the module script's bytes are in
//   (Resource Timing responseEnd, or the inline script before it if that runs later); when the
//   tag is defined, a MutationObserver on its shadow root stops it at the first rendered element.
//   Every load is a fresh browser context (an empty cache), opened without DevTools attached to
//   the page (it reports by beacon), and a pause of BENCH_SETTLE_MS (200) follows it; the order
//   of the pages alternates from one round to the next. Medians; ratio = element / bare Lit
//   element, whose page is loaded twice a round: the elements are judged against both pages'
//   loads, and the second page against the first (the A/A row) is the run's noise floor.
//   Chromium runs without the browser-UI renderers it would otherwise open per context
//   (scripts/chromium.mjs). Then --traced (10) more loads per page, traced, give the main
//   thread's CPU time from the page's start mark to the render: not a target, a steadier figure
//   beside the wall clock.
// - ceremony: the reference backend (server/src/main.ts, temp SQLite) serves the pages on
//   http://localhost:PORT; a DevTools virtual authenticator answers. One user signs up first;
//   then per round and side: load the page, sign out, click, and time click → signed in
//   (`passkey-authenticated` on <passkey-login discoverable>; on the bare page the end of its own
//   options → startAuthentication → verify). Sides alternate; one unmeasured warm-up each.
// - server: the figures `npm run bench:server` reports, when package.json has that script.

import {execFileSync} from 'node:child_process';
import {mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {cpus, loadavg, tmpdir} from 'node:os';
import {join} from 'node:path';
import puppeteer from 'puppeteer-core';
import {CHROMIUM_ARGS, CHROMIUM_PATH} from '../scripts/chromium.mjs';
import {bundle, checkBudgets, elementTags, measureAll, root} from '../scripts/size-lib.mjs';
import {startBackend} from './lib/backend.mjs';
import {ceremony} from './lib/ceremony.mjs';
import {firstRender} from './lib/first-render.mjs';
import {ceremonyPage, ceremonyProbe, renderPage} from './lib/pages.mjs';
import {serverBench} from './lib/server-bench.mjs';
import {round1, stats} from './lib/stats.mjs';
import {table} from './lib/table.mjs';

const TARGET_RENDER = 1.3;
const TARGET_CEREMONY = 1.1;
/** The bare element's second page: half of its loads, and the A/A row's subject. */
const AGAIN = 'bare Lit, again';
/** The pause after each first-render load (see firstRender). */
const SETTLE_MS = Number(process.env.BENCH_SETTLE_MS ?? 200);

const USAGE = `Usage: npm run bench [-- options]

Sizes, first render and ceremony overhead, and the server's figures (npm run bench:server), in
one table on stdout and in bench/results.json. Method: docs/performance.md.

  --loads <n>        first-render loads per page (default 40)
  --iterations <n>   timed ceremonies per side (default 40)
  --traced <n>       traced loads per page for the main-thread CPU figures (default 10; 0: none)
  -h, --help         this text

BENCH_SETTLE_MS sets the pause after each first-render load (default 200).`;
if (process.argv.slice(2).some((a) => a === '--help' || a === '-h')) {
  console.log(USAGE);
  process.exit(0);
}

function option(name, fallback, min = 1) {
  const argv = process.argv.slice(2);
  const i = argv.findIndex((a) => a === `--${name}` || a.startsWith(`--${name}=`));
  if (i < 0) return fallback;
  const raw = argv[i].includes('=') ? argv[i].split('=')[1] : argv[i + 1];
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min)
    throw new Error(`--${name} wants an integer of at least ${min}, not ${raw}`);
  return n;
}
const LOADS = option('loads', 40);
const ITERATIONS = option('iterations', 40);
/** Traced loads per page for the main-thread CPU figures (0: none; see firstRender). */
const TRACED = option('traced', 10, 0);

const log = (line) => process.stderr.write(`[bench] ${line}\n`);

// The measurements are in bench/lib/: pages.mjs (the pages and their probes), backend.mjs (the
// reference backend serving them), first-render.mjs, ceremony.mjs, server-bench.mjs
// (npm run bench:server), stats.mjs and table.mjs (the table printed and kept in results.json).

const started = Date.now();
const loadAtStart = loadavg().map(round1);
const dir = mkdtempSync(join(tmpdir(), 'passkey-bench-'));
const site = join(dir, 'site');
let backend;
let browser;
let exitCode = 0;
try {
  // 1. sizes, and the very bytes the pages load
  log('sizes …');
  const measured = await measureAll();
  if (measured.errors.length) throw new Error(measured.errors.join('\n'));
  const budgets = checkBudgets(measured.rows);
  const byName = Object.fromEntries(measured.rows.map((r) => [r.entry.name, r]));

  mkdirSync(site, {recursive: true});
  const tags = elementTags();
  const subjects = [];
  for (const tag of tags) {
    const script = `${tag}.js`;
    const bytes =
      byName[tag]?.bytes ??
      (await bundle({name: tag, files: [`src/elements/${tag}/define.ts`]})).bytes;
    writeFileSync(join(site, script), bytes);
    writeFileSync(join(site, `render-${tag}.html`), renderPage(tag, script));
    subjects.push({name: tag, page: `render-${tag}.html`});
  }
  const bareLit = await bundle({name: 'bare Lit element', files: ['bench/pages/bare-lit.ts']});
  writeFileSync(join(site, 'bare-lit.js'), bareLit.bytes);
  writeFileSync(join(site, 'render-bare-lit.html'), renderPage('bare-lit-element', 'bare-lit.js'));
  subjects.push({name: 'bare-lit-element', page: 'render-bare-lit.html'});
  // The same bare page again, under another name: the elements are judged against both pages'
  // loads, and the two pages' ratio (an A/A comparison) shows how far identical pages drift
  // apart in this run, the floor under every ratio.
  writeFileSync(
    join(site, 'render-bare-lit-again.html'),
    renderPage('bare-lit-element', 'bare-lit.js'),
  );
  subjects.push({name: AGAIN, page: 'render-bare-lit-again.html'});

  const bareCeremony = await bundle({
    name: 'bare ceremony page',
    files: ['bench/pages/bare-ceremony.ts'],
  });
  writeFileSync(join(site, 'bare-ceremony.js'), bareCeremony.bytes);
  writeFileSync(
    join(site, 'ceremony-bare.html'),
    ceremonyPage(
      'ceremony: bare page',
      ceremonyProbe('bench-authenticated', ['bench-error']),
      'bare-ceremony.js',
      '<button id="signin" type="button">Sign in with a passkey</button>',
    ),
  );
  writeFileSync(
    join(site, 'ceremony-kit.html'),
    ceremonyPage(
      'ceremony: <passkey-login discoverable>',
      ceremonyProbe('passkey-authenticated', ['passkey-error', 'passkey-cancel']),
      'passkey-login.js',
      '<passkey-login discoverable></passkey-login>',
    ),
  );

  // 2. the reference backend serving those pages, and Chromium
  log('starting the reference backend …');
  backend = await startBackend(site, join(dir, 'bench.sqlite'));
  log(`first render: ${LOADS} loads × ${subjects.length} pages …`);
  const {samples: render, cpu: traced} = await firstRender(backend.base, subjects, {
    loads: LOADS,
    traced: TRACED,
    settleMs: SETTLE_MS,
  });
  const describe = (samples) => ({
    ...stats(samples.ms),
    // The same loads seen from the inline start mark (adds the local fetch of the script), and
    // the parts: start mark → script received (negative: the preload scanner had it first),
    // start → tag defined.
    fromStartMedian: stats(samples.fromStartMs).median,
    receivedMedian: stats(samples.receivedMs).median,
    definedMedian: stats(samples.definedMs).median,
  });
  // The bare Lit element is loaded twice a round, from its two identical pages. Every element is
  // judged against both loads: twice the samples, so a steadier baseline. The two pages against
  // each other are the A/A row.
  const [one, two] = [render['bare-lit-element'], render[AGAIN]];
  const pooled = Object.fromEntries(
    Object.keys(one).map((key) => [key, [...one[key], ...two[key]]]),
  );
  const bare = describe(pooled);
  const elements = tags.map((tag) => {
    const s = describe(render[tag]);
    // Paired: the ratio within each round (the element and the two bare loads moments apart), median.
    const paired = stats(render[tag].ms.map((ms, i) => ms / ((one.ms[i] + two.ms[i]) / 2))).median;
    return {tag, ...s, ratio: s.median / bare.median, pairedRatio: paired};
  });
  // Main-thread CPU of the traced loads, judged the same way (both bare pages pooled).
  let cpu = null;
  if (TRACED) {
    const bareCpu = stats([...traced['bare-lit-element'], ...traced[AGAIN]]);
    cpu = {
      bare: bareCpu,
      elements: tags.map((tag) => {
        const s = stats(traced[tag]);
        return {tag, ...s, ratio: s.median / bareCpu.median};
      }),
    };
  }
  const first = describe(one);
  const second = describe(two);
  const again = {
    ...second,
    first,
    ratio: second.median / first.median,
    pairedRatio: stats(two.ms.map((ms, i) => ms / one.ms[i])).median,
  };

  // The ceremonies drive their pages (clicks, the virtual authenticator): a browser of their own,
  // started once the first-render one is closed.
  browser = await puppeteer.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
  });
  log(`ceremony: ${ITERATIONS} rounds × 2 sides (+1 warm-up each) …`);
  const cer = await ceremony(browser, backend.base, ITERATIONS);
  const kit = stats(cer.kit);
  const bareCer = stats(cer.bare);
  const cerPaired = stats(cer.kit.map((ms, i) => ms / cer.bare[i])).median;

  // The browser figures end here: the server bench that follows loads both CPUs itself (and
  // prints its own load average), so the warning below speaks of this moment.
  const loadAfterBrowser = loadavg().map(round1);
  const server = await serverBench(dir, log);

  let commit = 'unknown';
  try {
    commit = execFileSync('git', ['describe', '--always', '--dirty'], {
      cwd: root,
      encoding: 'utf8',
    }).trim();
  } catch {
    // Not a git checkout: the results name no commit.
  }
  const results = {
    date: new Date().toISOString(),
    commit,
    machine: {
      cpus: cpus().length,
      cpu: cpus()[0]?.model,
      node: process.version,
      chromium: await browser.version(),
      loadAverage: {
        atStart: loadAtStart,
        afterBrowser: loadAfterBrowser,
        atEnd: loadavg().map(round1),
      },
    },
    settings: {
      loads: LOADS,
      iterations: ITERATIONS,
      traced: TRACED,
      targets: {firstRender: TARGET_RENDER, ceremony: TARGET_CEREMONY},
    },
    size: {
      entries: measured.rows.map(({entry, size}) => ({
        name: entry.name,
        kind: entry.kind,
        files: entry.files,
        ...size,
      })),
      budgets,
      missing: measured.missing,
    },
    firstRender: {
      bare,
      elements,
      again,
      cpu,
    },
    ceremony: {kit, bare: bareCer, ratio: kit.median / bareCer.median, pairedRatio: cerPaired},
    server,
  };
  const text = table(results);
  const head = `passkey-elements bench · ${results.date.slice(0, 16).replace('T', ' ')} UTC · ${commit} · ${results.machine.cpus} CPUs · Node ${process.version} · ${results.machine.chromium} (headless) · load avg ${loadAtStart[0]} → ${loadAfterBrowser[0]} (browser part)`;
  const busiest = Math.max(loadAtStart[0], loadAfterBrowser[0]);
  const warning =
    busiest > results.machine.cpus
      ? `\nWARNING: load average ${busiest} on ${results.machine.cpus} CPUs: other processes competed for the CPU during this run;\nthe timings and their ratios are unreliable. Re-run on an idle machine.`
      : '';
  results.machine.busy = busiest > results.machine.cpus;
  console.log(`${head}\n${text}\n${warning}`);
  results.table = `${head}\n${text}\n${warning}`;
  // Samples rounded for a readable file.
  // Times to 0.1 ms, ratios to 0.01.
  const roundAll = (o) =>
    JSON.parse(
      JSON.stringify(o, (k, v) =>
        typeof v === 'number' && !Number.isInteger(v)
          ? /ratio/i.test(k)
            ? Math.round(v * 100) / 100
            : round1(v)
          : v,
      ),
    );
  writeFileSync(
    join(root, 'bench/results.json'),
    `${JSON.stringify(roundAll(results), null, 2)}\n`,
  );
  log(`wrote bench/results.json in ${((Date.now() - started) / 1000).toFixed(0)} s`);
} catch (error) {
  console.error(`bench crashed: ${error?.stack ?? error}`);
  exitCode = 1;
} finally {
  await browser?.close().catch(() => {});
  backend?.child.kill('SIGTERM');
  rmSync(dir, {recursive: true, force: true});
}
process.exit(exitCode);
