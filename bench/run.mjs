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

import {spawn} from 'node:child_process';
import {execFileSync} from 'node:child_process';
import {existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {createServer as createHttpServer} from 'node:http';
import {cpus, loadavg, tmpdir} from 'node:os';
import {join} from 'node:path';
import puppeteer from 'puppeteer-core';
import {CHROMIUM_ARGS, CHROMIUM_PATH} from '../scripts/chromium.mjs';
import {freePort} from '../scripts/free-port.mjs';
import {bundle, checkBudgets, elementTags, kB, measureAll, root} from '../scripts/size-lib.mjs';

const TARGET_RENDER = 1.3;
const TARGET_CEREMONY = 1.1;
/** The bare element's second page: half of its loads, and the A/A row's subject. */
const AGAIN = 'bare Lit, again';
/** The pause after each first-render load (see firstRender). */
const SETTLE_MS = Number(process.env.BENCH_SETTLE_MS ?? 200);

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

// ---------------------------------------------------------------------------------------------
// statistics

function stats(samples) {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q) => {
    const pos = (s.length - 1) * q;
    const lo = Math.floor(pos);
    const hi = Math.ceil(pos);
    return s[lo] + (s[hi] - s[lo]) * (pos - lo);
  };
  return {
    n: s.length,
    median: at(0.5),
    p25: at(0.25),
    p75: at(0.75),
    min: s[0],
    max: s.at(-1),
    samples,
  };
}
const round1 = (n) => Math.round(n * 10) / 10;

// ---------------------------------------------------------------------------------------------
// pages

/** The inline script every first-render page starts with: start mark, then watch for the render. */
const renderProbe = (tag) => `
performance.mark('bench-start');
(() => {
  const t0 = performance.now();
  const tag = ${JSON.stringify(tag)};
  const rendered = (root) => !!root && root.querySelector(':not(style)') !== null;
  const q = new URLSearchParams(location.search);
  const report = (r) => navigator.sendBeacon(q.get('report'), JSON.stringify({ id: q.get('id'), ...r }));
  {
    const timer = setTimeout(() => report({ error: tag + ': no render within 10 s' }), 10000);
    customElements.whenDefined(tag).then(() => {
      const definedAt = performance.now();
      const el = document.querySelector(tag);
      const finish = () => {
        const now = performance.now();
        performance.mark('bench-end');
        clearTimeout(timer);
        // The module script's bytes have arrived at responseEnd (Resource Timing): from there on
        // it is parse, evaluation, define and the first update, without the local fetch.
        const script = document.querySelector('script[type=module]').src;
        const entry = performance.getEntriesByName(script, 'resource')[0];
        // The preload scanner often has the script before this inline script runs: start at
        // whichever comes later.
        const from = Math.max(entry.responseEnd, t0);
        // Reported to the bench's collector (its address is in the query string), so that no
        // DevTools session needs to be attached to the page (see firstRender).
        report({
          ms: now - from,
          fromStartMs: now - t0,
          definedMs: definedAt - from,
          receivedMs: entry.responseEnd - t0,
        });
      };
      if (rendered(el.shadowRoot)) return finish();
      if (el.shadowRoot) {
        const mo = new MutationObserver(() => {
          if (rendered(el.shadowRoot)) { mo.disconnect(); finish(); }
        });
        mo.observe(el.shadowRoot, {childList: true, subtree: true});
      } else {
        const poll = () => (rendered(el.shadowRoot) ? finish() : requestAnimationFrame(poll));
        poll();
      }
    });
  }
})();`;

const renderPage = (tag, script) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>first render: ${tag}</title>
<script>${renderProbe(tag)}</script>
<script type="module" src="./${script}"></script>
</head><body><${tag}></${tag}></body></html>
`;

/** The inline script both ceremony pages start with: click → done, timed the same way. */
const ceremonyProbe = (done, failures) => `
window.__benchClick = null;
addEventListener('click', () => { window.__benchClick = performance.now(); }, true);
window.__benchArm = () => new Promise((resolve, reject) => {
  document.addEventListener(${JSON.stringify(done)}, (e) => {
    resolve({ms: performance.now() - window.__benchClick, user: e.detail.user});
  }, {once: true});
  for (const name of ${JSON.stringify(failures)}) {
    document.addEventListener(name, (e) => reject(new Error(name + ' ' + JSON.stringify(e.detail))), {once: true});
  }
});`;

const ceremonyPage = (title, probe, script, body) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${title}</title>
<script>${probe}</script>
<script type="module" src="./${script}"></script>
</head><body>${body}</body></html>
`;

// ---------------------------------------------------------------------------------------------
// processes

async function startBackend(staticDir, databasePath) {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
    cwd: root,
    env: {...process.env, PORT: String(port), STATIC_DIR: staticDir, DATABASE_PATH: databasePath},
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  await new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`the reference backend did not start in 30 s\n${stderr}`)),
      30_000,
    );
    child.stdout.on('data', (d) => {
      if (d.toString().includes('reference backend on')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the reference backend exited with ${code}\n${stderr}`));
    });
  });
  child.stdout.resume();
  return {child, base: `http://localhost:${port}`};
}

/** `npm run bench:server`, when package.json has it. Its figures, however it reports them. */
async function serverBench(dir) {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  if (!pkg.scripts?.['bench:server']) return {present: false, rows: []};
  const jsonFile = join(dir, 'server-bench.json');
  log('npm run bench:server …');
  const {code, stdout, stderr} = await new Promise((resolve) => {
    const child = spawn('npm', ['run', '--silent', 'bench:server'], {
      cwd: root,
      env: {...process.env, BENCH_SERVER_JSON: jsonFile},
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    const timer = setTimeout(() => child.kill('SIGTERM'), 120_000);
    child.on('exit', (c) => {
      clearTimeout(timer);
      resolve({code: c, stdout: out, stderr: err});
    });
  });
  let data;
  if (existsSync(jsonFile)) data = JSON.parse(readFileSync(jsonFile, 'utf8'));
  else {
    try {
      data = JSON.parse(stdout);
    } catch {
      data = null;
    }
  }
  const rows = [];
  if (data) {
    // Accepted shapes: [{name, value, unit?}], {rows: [...]}, or {name: number | string}.
    const list = Array.isArray(data) ? data : Array.isArray(data.rows) ? data.rows : null;
    if (list)
      for (const r of list)
        rows.push({name: String(r.name), value: `${r.value}${r.unit ? ` ${r.unit}` : ''}`});
    else for (const [name, value] of Object.entries(data)) rows.push({name, value: String(value)});
  } else {
    for (const line of stdout.split('\n').filter((l) => l.trim()))
      rows.push({name: line.trim(), value: ''});
  }
  return {
    present: true,
    exitCode: code,
    rows,
    stderr: code === 0 ? undefined : stderr.slice(-2000),
  };
}

// ---------------------------------------------------------------------------------------------
// measurements

/**
 * Loads every page LOADS times, each in a fresh browser context (an empty cache), in rounds whose
 * order alternates. The pages are opened through the browser's own DevTools target and never
 * attached to: an attached page streams DevTools events (network, lifecycle, execution contexts)
 * to this process while it loads, work that shared the two CPUs with the measured window. Each
 * page sends its figures to a collector in this process (a beacon, after its window).
 */
async function firstRender(base, subjects) {
  const waiting = new Map();
  const collector = createHttpServer((req, res) => {
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', () => {
      res.writeHead(204).end();
      try {
        const r = JSON.parse(body);
        waiting.get(r.id)?.(r);
      } catch {
        // Not a beacon of ours: nothing waits for it.
      }
    });
  });
  await new Promise((resolve) => collector.listen(0, '127.0.0.1', resolve));
  const report = `http://127.0.0.1:${collector.address().port}/`;
  const browser = await puppeteer.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
    // Attach to the browser only: puppeteer would otherwise attach to every page it opens.
    targetFilter: (target) => target.type() === 'browser',
    waitForInitialPage: false,
  });
  try {
    const cdp = await browser.target().createCDPSession();
    let n = 0;
    // `whileOpen`: run once the page has reported, before its context (and renderer) goes.
    const load = async (page, whileOpen) => {
      const id = String(++n);
      const result = new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`${page}: no result within 15 s`)), 15_000);
        waiting.set(id, (r) => (clearTimeout(timer), resolve(r)));
      });
      const {browserContextId} = await cdp.send('Target.createBrowserContext', {
        disposeOnDetach: true,
      });
      try {
        await cdp.send('Target.createTarget', {
          url: `${base}/${page}?id=${id}&report=${encodeURIComponent(report)}`,
          browserContextId,
        });
        const {id: _id, error, ...figures} = await result;
        if (error) throw new Error(`${page}: ${error}`);
        await whileOpen?.();
        return figures;
      } finally {
        waiting.delete(id);
        await cdp.send('Target.disposeBrowserContext', {browserContextId});
      }
    };
    // Rounds `from` … `to` − 1 over every page, the order reversed every other round. After each
    // load the disposed context's renderer winds down (SETTLE_MS), so that its teardown does not
    // share the CPU with the next page's measured work.
    const rounds = async (from, to, each) => {
      for (let round = from; round < to; round++) {
        for (const subject of round % 2 === 0 ? subjects : [...subjects].reverse()) {
          await each(subject, round);
          await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
        }
      }
    };

    const samples = Object.fromEntries(
      subjects.map((s) => [s.name, {ms: [], fromStartMs: [], definedMs: [], receivedMs: []}]),
    );
    // Round -1 warms Chromium up (its first contexts and loads are slower) and is not counted.
    await rounds(-1, LOADS, async (subject, round) => {
      const r = await load(subject.page);
      if (round >= 0) for (const key of Object.keys(r)) samples[subject.name][key].push(r[key]);
    });

    // Main-thread CPU: TRACED more loads per page, each traced browser-wide (still no DevTools on
    // the page). Tracing slows a load, so these loads are kept apart from the timed ones above.
    // The figure leaves out what the wall clock also counts, the waits for two shared cores, and
    // so moves far less from run to run.
    const cpu = Object.fromEntries(subjects.map((s) => [s.name, []]));
    await rounds(0, TRACED, async (subject) => {
      await cdp.send('Tracing.start', {
        traceConfig: {includedCategories: ['blink.user_timing']},
        transferMode: 'ReturnAsStream',
      });
      // The trace ends while the page is still open: a renderer that exits first may take its
      // last trace events with it.
      await load(subject.page, async () =>
        cpu[subject.name].push(mainThreadCpu(await endTracing(cdp))),
      );
    });
    return {samples, cpu};
  } finally {
    await browser.close();
    collector.close();
  }
}

/** Stops a trace started with `transferMode: 'ReturnAsStream'` and returns its events. */
async function endTracing(cdp) {
  const complete = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
  await cdp.send('Tracing.end');
  const {stream} = await complete;
  let text = '';
  for (let eof = false; !eof;) {
    const chunk = await cdp.send('IO.read', {handle: stream});
    text += chunk.base64Encoded ? Buffer.from(chunk.data, 'base64').toString() : chunk.data;
    eof = chunk.eof;
  }
  await cdp.send('IO.close', {handle: stream});
  return JSON.parse(text).traceEvents;
}

/**
 * The thread time (CPU) of the page's main thread from its `bench-start` mark to its
 * `bench-end` mark, in ms: trace events carry the thread's clock (`tts`) beside the wall clock.
 */
function mainThreadCpu(events) {
  const mark = (name) => events.find((e) => e.name === name && e.cat.includes('blink.user_timing'));
  const [start, end] = [mark('bench-start'), mark('bench-end')];
  if (start?.tts === undefined || end?.tts === undefined)
    throw new Error('a traced load has no thread time at its bench-start or bench-end mark');
  return (end.tts - start.tts) / 1000;
}

async function ceremony(browser, base) {
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  const cdp = await page.createCDPSession();
  await cdp.send('WebAuthn.enable', {enableUI: false});
  await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: {
      protocol: 'ctap2',
      transport: 'internal',
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  });

  await page.goto(`${base}/ceremony-bare.html`, {waitUntil: 'load'});
  await page.waitForFunction(() => typeof window.benchSignup === 'function');
  const user = await page.evaluate(
    (u) => window.benchSignup(u),
    `bench-${Date.now().toString(36)}`,
  );

  const sides = [
    {
      name: 'kit',
      page: 'ceremony-kit.html',
      button: 'passkey-login >>> [part=button]',
      ready: async () => {
        await page.waitForFunction(() => customElements.get('passkey-login'));
        await page.evaluate(() => document.querySelector('passkey-login').updateComplete);
        // Support detection (platform authenticator, autofill) runs on connect; a person clicks
        // long after it has finished, so the click waits for it too.
        await page.waitForFunction(
          () => document.querySelector('passkey-login').platformAuthenticator !== undefined,
        );
      },
    },
    {
      name: 'bare',
      page: 'ceremony-bare.html',
      button: '#signin',
      ready: () => page.waitForFunction(() => typeof window.benchSignup === 'function'),
    },
  ];

  const once = async (side) => {
    await page.goto(`${base}/${side.page}`, {waitUntil: 'load'});
    await side.ready();
    // Both sides settle the same way before the click: an idle period of the page.
    await page.evaluate(() => new Promise((r) => requestIdleCallback(() => r(), {timeout: 200})));
    await page.evaluate(async () => {
      const res = await fetch('/passkeys/session', {method: 'DELETE', credentials: 'include'});
      if (res.status !== 204) throw new Error(`sign-out answered ${res.status}`);
      window.__benchDone = window.__benchArm();
    });
    await page.click(side.button);
    const r = await page.evaluate(() => window.__benchDone);
    if (r.user?.id !== user.id)
      throw new Error(`${side.name}: signed in as ${JSON.stringify(r.user)}, expected ${user.id}`);
    return r.ms;
  };

  for (const side of sides) await once(side); // warm-up, not counted
  const samples = {kit: [], bare: []};
  for (let round = 0; round < ITERATIONS; round++) {
    const order = round % 2 === 0 ? sides : [...sides].reverse();
    for (const side of order) samples[side.name].push(await once(side));
  }
  await context.close();
  return samples;
}

// ---------------------------------------------------------------------------------------------
// the table

function table(results) {
  const rows = [];
  // `left`: every column left-aligned (the server's rows are text, not figures).
  const section = (title, cols, left = false) =>
    rows.push({section: title}, {header: true, cells: ['', ...cols], left});
  const row = (cells) => rows.push({cells});

  section('size (esbuild bundle+minify, ESM; 1 kB = 1000 B)', [
    'minified',
    'gzip -9',
    'brotli q11',
    'budget (br)',
    '',
  ]);
  for (const s of results.size.entries) {
    const b = results.size.budgets.find((x) => x.entry === s.name);
    row([
      `  ${s.name}`,
      kB(s.minified),
      kB(s.gzip),
      kB(s.brotli),
      b ? `≤ ${kB(b.maxBrotli)}` : '',
      b ? (b.ok ? 'ok' : 'OVER') : '',
    ]);
  }
  if (!results.size.entries.some((e) => e.kind === 'locale'))
    row(['  (no src/locales/*.ts yet)', '', '', '', '', '']);

  const ms = (n) => `${n.toFixed(1)} ms`;
  // The median with the middle half of the samples (25th–75th percentile) beside it.
  const spread = (x) => `${ms(x.median)} (${x.p25.toFixed(0)}–${x.p75.toFixed(0)})`;
  const ratio = (r) => `${r.toFixed(2)}×`;
  // `paired`: the median of element ÷ bare within each round (loaded moments apart), shown
  // beside the ratio of the medians, which is what the target is judged on.
  section(
    `first render, median (25th–75th pct) of ${LOADS} fresh loads (bare Lit: ${2 * LOADS}, two pages), script received → first element in the shadow root`,
    ['element', 'bare Lit', 'ratio', 'paired', 'target', ''],
  );
  for (const r of results.firstRender.elements) {
    row([
      `  <${r.tag}>`,
      spread(r),
      spread(results.firstRender.bare),
      ratio(r.ratio),
      ratio(r.pairedRatio),
      `≤ ${TARGET_RENDER}×`,
      r.ratio <= TARGET_RENDER ? 'met' : 'MISSED',
    ]);
  }
  // The control: the bare element's second page against its first (not against the pooled loads).
  const a = results.firstRender.again;
  row([
    '  bare Lit, 2nd page vs 1st (A/A)',
    spread(a),
    spread(a.first),
    ratio(a.ratio),
    ratio(a.pairedRatio),
    '',
    '',
  ]);

  const fc = results.firstRender.cpu;
  if (fc) {
    section(
      `first render, main-thread CPU, median of ${TRACED} traced loads (bare Lit: ${2 * TRACED}), start mark → first element in the shadow root`,
      ['element', 'bare Lit', 'ratio'],
    );
    for (const r of fc.elements)
      row([`  <${r.tag}>`, ms(r.median), ms(fc.bare.median), ratio(r.ratio)]);
  }

  const c = results.ceremony;
  section(
    `ceremony, median (25th–75th pct) of ${ITERATIONS}, click → signed in (virtual authenticator, reference backend)`,
    ['element', 'bare page', 'ratio', 'paired', 'target', ''],
  );
  row([
    '  <passkey-login discoverable>',
    spread(c.kit),
    spread(c.bare),
    ratio(c.ratio),
    ratio(c.pairedRatio),
    `≤ ${TARGET_CEREMONY}×`,
    c.ratio <= TARGET_CEREMONY ? 'met' : 'MISSED',
  ]);
  row(['  difference (element − bare)', ms(c.kit.median - c.bare.median), '', '', '', '', '']);

  section('server (npm run bench:server)', ['value'], true);
  if (!results.server.present) row(['  (no bench:server script yet)', '']);
  else if (!results.server.rows.length)
    row([`  (exited ${results.server.exitCode}, no figures)`, '']);
  for (const r of results.server.rows) rows.push({cells: [`  ${r.name}`, r.value], left: true});

  // Column widths per section, so that the long server rows do not widen the other tables.
  const widths = [];
  let width = [];
  for (const r of rows) {
    if (r.section) widths.push((width = []));
    else r.cells.forEach((c, i) => (width[i] = Math.max(width[i] ?? 0, c.length)));
  }
  const out = [];
  for (const r of rows) {
    if (r.section) {
      out.push('', r.section);
      width = widths.shift();
    } else {
      const line = r.cells
        .map((c, i) => (i === 0 || r.left ? c.padEnd(width[i]) : c.padStart(width[i])))
        .join('  ');
      out.push(r.header ? line.trimEnd() : line.trimEnd());
    }
  }
  return out.join('\n');
}

// ---------------------------------------------------------------------------------------------

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
  const {samples: render, cpu: traced} = await firstRender(backend.base, subjects);
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
  const cer = await ceremony(browser, backend.base);
  const kit = stats(cer.kit);
  const bareCer = stats(cer.bare);
  const cerPaired = stats(cer.kit.map((ms, i) => ms / cer.bare[i])).median;

  // The browser figures end here: the server bench that follows loads both CPUs itself (and
  // prints its own load average), so the warning below speaks of this moment.
  const loadAfterBrowser = loadavg().map(round1);
  const server = await serverBench(dir);

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
