#!/usr/bin/env node
// npm test: the Node tests (server/test, test/node) with node's own runner, then the browser
// tests (test/**/*.test.ts) with web-test-runner. Each runner prints its usual output; the counts
// come from files the runners write (TAP from node, JSON from our wtr reporter), never from
// scraping the terminal. The last line is `N passed, N failed[, N skipped]`.
//
// Exit status is non-zero when a test fails, a runner crashes or times out, or a runner that
// was expected to run tests ran none.
//
// The server tests (server/test) run a second time on PostgreSQL (TEST_ENGINE=postgres): against
// TEST_DATABASE_URL when it is set (a superuser URL), else against a throwaway cluster that
// scripts/pg.mjs starts when PostgreSQL's binaries are installed. Without either, the summary says
// PostgreSQL was NOT tested (and under CI=true that counts as a failure). TEST_POSTGRES=0 skips
// that pass on purpose (still reported as NOT TESTED).
//
//   npm test                              the checks (lint, format, publish --dry-run), then both runners
//   npm test -- --only checks             just lint, format and publish --dry-run
//   npm test -- --only node               just the Node tests
//   npm test -- --only browser [wtr args] just the browser tests; other args go to wtr,
//                                         e.g. --files test/e2e/plumbing.test.ts
//
// The browser tests run in headless Chromium and Firefox (Debian's firefox-esr); the summary has a
// line per engine. Without Firefox installed, it says Firefox was NOT TESTED (under CI=true a
// failure). WTR_BROWSERS=chromium leaves Firefox out on purpose (still reported as NOT TESTED).
//
// Env: TEST_RUNNER_TIMEOUT_MS (per runner, default 20 min), plus the WTR_* / CHROME_PATH /
// FIREFOX_PATH variables documented in web-test-runner.config.mjs.

import {spawn} from 'node:child_process';
import {existsSync, mkdtempSync, readdirSync, readFileSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {FIREFOX_PATH, firefoxInstalled} from './firefox.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const NODE_TEST_DIRS = ['server/test', 'test/node'];
const TEST_FILE = /\.test\.(?:ts|mts|js|mjs)$/;
const TIMEOUT_MS = Number(process.env.TEST_RUNNER_TIMEOUT_MS ?? 20 * 60_000);

function parseArgs(argv) {
  let only;
  const rest = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--only') only = argv[++i];
    else if (arg.startsWith('--only=')) only = arg.slice('--only='.length);
    else rest.push(arg);
  }
  if (only && only !== 'node' && only !== 'browser' && only !== 'checks') {
    console.error(`--only must be "checks", "node" or "browser", not "${only}"`);
    process.exit(2);
  }
  return {only, wtrArgs: rest};
}

function findTests(dir) {
  const abs = join(root, dir);
  if (!existsSync(abs)) return [];
  const found = [];
  for (const entry of readdirSync(abs, {withFileTypes: true})) {
    const rel = join(dir, entry.name);
    if (entry.isDirectory() && entry.name !== 'node_modules' && entry.name !== 'fixtures')
      found.push(...findTests(rel));
    else if (entry.isFile() && TEST_FILE.test(entry.name)) found.push(rel);
  }
  return found.sort();
}

/**
 * Runs a command (node itself unless `command` is given) with inherited stdio; resolves with its
 * exit code (or a crash description).
 */
function run(label, args, env = {}, command = process.execPath) {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(command, args, {
      cwd: root,
      stdio: ['ignore', 'inherit', 'inherit'],
      env: {...process.env, ...env},
    });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      console.error(`\n[test] ${label} exceeded ${TIMEOUT_MS} ms; stopping it`);
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
    }, TIMEOUT_MS);
    child.on('error', (error) => {
      clearTimeout(timer);
      resolve({code: null, error: String(error), seconds: (Date.now() - started) / 1000});
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      resolve({
        code,
        error: timedOut ? 'timed out' : signal ? `killed by ${signal}` : undefined,
        seconds: (Date.now() - started) / 1000,
      });
    });
  });
}

/** Reads the summary block node's TAP reporter ends with (`# pass N`, `# fail N`, ...). */
function parseTapSummary(file) {
  if (!existsSync(file)) return null;
  const text = readFileSync(file, 'utf8');
  const read = (key) => {
    const matches = [...text.matchAll(new RegExp(`^# ${key} (\\d+)$`, 'gm'))];
    return matches.length ? Number(matches.at(-1)[1]) : null;
  };
  const pass = read('pass');
  const fail = read('fail');
  if (pass == null || fail == null) return null;
  return {
    passed: pass,
    failed: fail + (read('cancelled') ?? 0),
    skipped: (read('skipped') ?? 0) + (read('todo') ?? 0),
  };
}

function heading(text) {
  console.log(`\n━━━ ${text} ${'━'.repeat(Math.max(0, 70 - text.length))}`);
}

const {only, wtrArgs} = parseArgs(process.argv.slice(2));
const work = mkdtempSync(join(tmpdir(), 'passkey-elements-test-'));
const summaries = [];
const problems = [];

/**
 * The repository's own checks, each counted as one test: lint (ESLint, no warnings), format
 * (Prettier) and the package as npm would publish it (`npm publish --dry-run`, which runs
 * prepack: both builds).
 */
async function runChecks() {
  heading('Checks (lint, format, publish --dry-run)');
  const bin = (path) => join(root, 'node_modules', path);
  const npmCli = process.env.npm_execpath;
  const checks = [
    ['lint', [bin('eslint/bin/eslint.js'), '.', '--max-warnings', '0']],
    ['format', [bin('prettier/bin/prettier.cjs'), '--check', '.']],
    [
      'publish --dry-run',
      npmCli && npmCli.endsWith('.js')
        ? [npmCli, 'publish', '--dry-run']
        : ['publish', '--dry-run'],
      npmCli && npmCli.endsWith('.js') ? process.execPath : 'npm',
    ],
  ];
  const counts = {passed: 0, failed: 0, skipped: 0};
  let seconds = 0;
  for (const [name, args, command] of checks) {
    console.log(`\n[check] ${name}`);
    const result = await run(`check ${name}`, args, {}, command);
    seconds += result.seconds;
    if (result.code === 0) {
      counts.passed++;
      console.log(`[check] ${name}: ok (${result.seconds.toFixed(1)} s)`);
    } else {
      counts.failed++;
      console.log(
        `[check] ${name}: FAILED (exit ${result.code}${result.error ? `, ${result.error}` : ''})`,
      );
    }
  }
  summaries.push({label: 'checks', code: counts.failed ? 1 : 0, seconds, counts});
}

async function runNodeTests() {
  const files = NODE_TEST_DIRS.flatMap(findTests);
  heading(`Node tests (${NODE_TEST_DIRS.join(', ')})`);
  if (files.length === 0) {
    console.log(
      `No Node test files found in ${NODE_TEST_DIRS.join(' or ')}: skipping the Node runner.`,
    );
    summaries.push({label: 'node', skippedRunner: true});
    return;
  }
  await runNodeTestFiles('node', files);
}

/** Runs node's test runner over `files`: spec output on the terminal, TAP to a file for the counts. */
async function runNodeTestFiles(label, files, env = {}) {
  const tap = join(work, `${label.replace(/\W+/g, '-')}.tap`);
  const result = await run(
    label,
    [
      '--import',
      'tsx',
      '--test',
      '--test-reporter=spec',
      '--test-reporter-destination=stdout',
      '--test-reporter=tap',
      `--test-reporter-destination=${tap}`,
      ...files,
    ],
    env,
  );
  record(label, result, parseTapSummary(tap), files.length);
}

async function runServerTestsOnPostgres() {
  const files = findTests('server/test');
  heading('Server tests on PostgreSQL (TEST_ENGINE=postgres)');
  if (files.length === 0) return;
  if (process.env.TEST_POSTGRES === '0') {
    console.log('PostgreSQL NOT TESTED: switched off with TEST_POSTGRES=0.');
    summaries.push({label: 'node (postgres)', notTested: 'TEST_POSTGRES=0'});
    return;
  }
  let cluster;
  let url = process.env.TEST_DATABASE_URL;
  if (!url) {
    const {findPostgresBin, startPostgres} = await import('./pg.mjs');
    if (!findPostgresBin()) {
      const reason = 'no PostgreSQL binaries (pg_ctl) and no TEST_DATABASE_URL';
      console.log(`PostgreSQL NOT TESTED: ${reason}. Install postgresql or set TEST_DATABASE_URL.`);
      summaries.push({label: 'node (postgres)', notTested: reason});
      if (process.env.CI) problems.push(`PostgreSQL not tested under CI (${reason})`);
      return;
    }
    try {
      cluster = await startPostgres();
    } catch (error) {
      problems.push(
        `could not start PostgreSQL: ${String(error?.message ?? error).split('\n')[0]}`,
      );
      return;
    }
    url = cluster.url;
  }
  try {
    await runNodeTestFiles('node (postgres)', files, {
      TEST_ENGINE: 'postgres',
      TEST_DATABASE_URL: url,
    });
  } finally {
    await cluster?.stop();
  }
}

/** The engines web-test-runner.config.mjs runs, by the names its launchers report. */
function browserEngines() {
  const wanted = (process.env.WTR_BROWSERS ?? 'chromium,firefox')
    .split(',')
    .map((e) => e.trim().toLowerCase())
    .filter(Boolean);
  return wanted.map((e) => ({id: e, name: e === 'firefox' ? 'Firefox' : 'Chromium'}));
}

async function runBrowserTests() {
  const engines = browserEngines();
  const running = engines.filter((e) => e.id !== 'firefox' || firefoxInstalled());
  heading(`Browser tests (web-test-runner, headless ${running.map((e) => e.name).join(' and ')})`);
  const notTested = []; // summary lines after the engines that ran
  for (const e of ['chromium', 'firefox']) {
    const name = e === 'firefox' ? 'Firefox' : 'Chromium';
    if (!engines.some((x) => x.id === e)) {
      notTested.push({
        label: `browser (${name})`,
        notTested: `WTR_BROWSERS=${process.env.WTR_BROWSERS}`,
      });
    } else if (e === 'firefox' && !firefoxInstalled()) {
      const reason = `no Firefox at ${FIREFOX_PATH}; install firefox-esr or set FIREFOX_PATH`;
      console.log(`Firefox NOT TESTED: ${reason}.`);
      notTested.push({label: 'browser (Firefox)', notTested: reason});
      if (process.env.CI) problems.push(`Firefox not tested under CI (${reason})`);
    }
  }
  const json = join(work, 'wtr.json');
  const bin = join(root, 'node_modules/@web/test-runner/dist/bin.js');
  const result = await run(
    'web-test-runner',
    ['--import', 'tsx', bin, '--config', 'web-test-runner.config.mjs', ...wtrArgs],
    {WTR_RESULTS_FILE: json},
  );
  let counts = null;
  let perEngine = {};
  if (existsSync(json)) {
    const data = JSON.parse(readFileSync(json, 'utf8'));
    counts = {passed: data.passed, failed: data.failed, skipped: data.skipped};
    perEngine = data.browsers ?? {};
  }
  // One summary line per engine; the runner's own checks (crash, timeout, nothing run) on the whole.
  checkRunner('browser', result, counts);
  if (!counts) {
    summaries.push({label: 'browser', ...result, counts}, ...notTested);
    return;
  }
  for (const {name} of running) {
    const own = perEngine[name];
    const shared = running.length > 1 ? 'one runner for all engines' : undefined;
    summaries.push({label: `browser (${name})`, ...result, counts: own ?? null, shared});
    if (!own || own.passed + own.failed + own.skipped === 0)
      problems.push(`${name} ran no browser tests`);
  }
  summaries.push(...notTested);
}

function record(label, result, counts, files) {
  summaries.push({label, ...result, counts});
  checkRunner(label, result, counts, files);
}

/** Turns a crash, a timeout, missing results or an empty run into a problem (a failure). */
function checkRunner(label, result, counts, files) {
  if (result.error) problems.push(`${label} runner ${result.error}`);
  if (!counts) {
    problems.push(`${label} runner produced no results (exit code ${result.code})`);
    return;
  }
  const total = counts.passed + counts.failed + counts.skipped;
  if (total === 0)
    problems.push(`${label} runner ran zero tests${files ? ` from ${files} file(s)` : ''}`);
  if (result.code !== 0 && counts.failed === 0) {
    problems.push(`${label} runner exited with code ${result.code} but reported no failing test`);
  }
}

try {
  if (!only || only === 'checks') await runChecks();
  if (!only || only === 'node') await runNodeTests();
  if (!only || only === 'node') await runServerTestsOnPostgres();
  if (!only || only === 'browser') await runBrowserTests();
} finally {
  rmSync(work, {recursive: true, force: true});
}

const totals = {passed: 0, failed: 0, skipped: 0};
heading('Summary');
for (const s of summaries) {
  if (s.skippedRunner) {
    console.log(`  ${s.label}: no test files, not run`);
    continue;
  }
  if (s.notTested) {
    console.log(`  ${s.label}: NOT TESTED (${s.notTested})`);
    continue;
  }
  const c = s.counts;
  const time = `${s.seconds.toFixed(1)} s${s.shared ? `, ${s.shared}` : ''}`;
  if (c) {
    totals.passed += c.passed;
    totals.failed += c.failed;
    totals.skipped += c.skipped;
    console.log(
      `  ${s.label}: ${c.passed} ok, ${c.failed} not ok, ${c.skipped} skipped (exit ${s.code}, ${time})`,
    );
  } else {
    console.log(`  ${s.label}: no results (exit ${s.code}, ${time})`);
  }
}
// A crash, a timeout or an empty run counts as a failure, so the line can never read "0 failed"
// while the command fails.
totals.failed += problems.length;
for (const p of problems) console.log(`  problem: ${p}`);
if (summaries.every((s) => s.skippedRunner || s.notTested)) {
  console.log('  problem: no tests ran at all');
  totals.failed += 1;
}

const skipped = totals.skipped ? `, ${totals.skipped} skipped` : '';
console.log(`\n${totals.passed} passed, ${totals.failed} failed${skipped}`);
process.exit(totals.failed > 0 ? 1 : 0);
