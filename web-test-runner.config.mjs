// Browser tests: headless Chromium and Firefox, TypeScript through esbuild, the reference backend
// mounted on the same origin at /passkeys, and each engine's own virtual authenticator driven
// from the tests (src/testing/web-test-runner.ts).
//
//   npm test                                   Node server tests, then these
//   node --import tsx node_modules/@web/test-runner/dist/bin.js \
//     --config web-test-runner.config.mjs [--files test/e2e/plumbing.test.ts]
//
// Chromium runs every browser test file; Firefox then runs FIREFOX_FILES (the elements and the
// real ceremonies). Files named with --files run in every engine.
//
// Environment: CHROME_PATH (default /usr/bin/chromium), FIREFOX_PATH (default
// /usr/bin/firefox-esr), WTR_BROWSERS (default "chromium,firefox"; e.g. "chromium" alone),
// WTR_PORT (default 8765), WTR_CONCURRENCY (default 1, see below), WTR_RESULTS_FILE (counts as
// JSON, for scripts/test.mjs), PASSKEY_BACKEND_ENTRY (default server/src/index.ts).

import {fileURLToPath} from 'node:url';
import {chromeLauncher, defaultReporter} from '@web/test-runner';
import {esbuildPlugin} from '@web/dev-server-esbuild';
import puppeteer from 'puppeteer-core';
// The virtual-authenticator plugin ships as passkey-elements/testing; wtr runs under tsx, so the source loads as is.
import {webauthnPlugin} from './src/testing/web-test-runner.ts';
import {FIREFOX_WEBAUTHN_LAUNCH} from './src/testing/firefox.ts';
import {CHROMIUM_ARGS, CHROMIUM_PATH} from './scripts/chromium.mjs';
import {FIREFOX_PATH, FIREFOX_PREFS, firefoxInstalled} from './scripts/firefox.mjs';
import {freePort, portIsFree} from './scripts/free-port.mjs';
import {passkeyBackend} from './test/plugins/backend-plugin.mjs';
import {adapterBackends} from './test/plugins/adapter-backends.mjs';
import {permissionsPlugin} from './test/plugins/permissions-plugin.mjs';
import {firefoxPage} from './test/plugins/firefox-page.mjs';
import {resultsReporter} from './test/plugins/results-reporter.mjs';

const rootDir = fileURLToPath(new URL('.', import.meta.url));
const hostname = 'localhost'; // a secure context, and the rpID the backend expects
const port = await choosePort(process.env.WTR_PORT, 8765);
// One file at a time by default. Each page has its own browser context, so ceremonies do not
// fight over focus, but the machine this was tuned on has two cores and the runner's own work,
// esbuild and the backend share them with Chromium. Raise it with WTR_CONCURRENCY on bigger hosts.
const concurrency = Number(process.env.WTR_CONCURRENCY ?? 1);

const backend = passkeyBackend({
  port,
  hostname,
  // PASSKEY_BACKEND_ENTRY: run the browser tests against another module exporting
  // createPasskeyServer() with the same contract.
  entry:
    process.env.PASSKEY_BACKEND_ENTRY ||
    fileURLToPath(new URL('./server/src/index.ts', import.meta.url)),
  // On top of rpId, origins, a temp databasePath and basePath (set by the mount). Pinned so a
  // developer's shell (RP_ID, USER_VERIFICATION, ... are read from the environment) cannot
  // change what the tests see.
  config: {
    userVerification: 'required',
    allowDirectSignup: true,
    // Every test page is the same client (127.0.0.1): the whole suite makes far more than the
    // default 300 ceremony requests a minute. Per-account failure limits stay at their defaults.
    rateLimitPerMinute: 1_000_000,
    // The operator reset (DELETE /admin/users/{id}/passkeys) is tried in test/e2e/flows.test.ts.
    adminKey: 'e2e-admin-key-0123456789abcdef',
    // The suites seed accounts with /password/register and read codes from /dev/outbox.
    development: true,
  },
});

// Better Auth and the LoginRadius / Authaz stand-ins, for the adapters' tests (test/adapters/).
const adapters = adapterBackends({port, hostname});

/**
 * WTR_PORT when set (and it must be free); else 8765, or any free port when 8765 is taken
 * (another test run on the same machine), so concurrent runs do not crash each other.
 */
async function choosePort(requested, preferred) {
  if (requested) return Number(requested);
  // The dev server listens on every interface for 'localhost'; both probe the same way.
  const chosen = (await portIsFree(preferred)) ? preferred : await freePort();
  if (chosen !== preferred) console.log(`[wtr] port ${preferred} is busy; using ${chosen}`);
  return chosen;
}

const FILES = ['test/**/*.test.ts', '!test/node/**', '!server/**', '!node_modules/**'];
// What Firefox runs of them: the elements (stub client), the real ceremonies against the
// reference backend, and the adapters' ceremonies against their services' stand-ins.
const FIREFOX_FILES = [
  'test/elements/**/*.test.ts',
  'test/e2e/**/*.test.ts',
  'test/adapters/**/*.test.ts',
];

const engines = new Set(
  (process.env.WTR_BROWSERS ?? 'chromium,firefox')
    .split(',')
    .map((e) => e.trim().toLowerCase())
    .filter(Boolean),
);
for (const e of engines) {
  if (e !== 'chromium' && e !== 'firefox')
    throw new Error(`WTR_BROWSERS: unknown engine "${e}" (chromium, firefox)`);
}
if (engines.has('firefox') && !firefoxInstalled()) {
  // scripts/test.mjs reports Firefox as NOT TESTED (a failure under CI).
  console.log(`[wtr] no Firefox at ${FIREFOX_PATH} (FIREFOX_PATH): Firefox NOT TESTED`);
  engines.delete('firefox');
}
if (engines.size === 0) throw new Error('WTR_BROWSERS names no engine that can run here');

function chromium() {
  const launcher = chromeLauncher({
    launchOptions: {
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: CHROMIUM_ARGS,
    },
    // One browser context per page: with several pages in one window a ceremony fails with
    // "NotAllowedError ... the page does not have focus".
    createPage: ({browser}) => browser.createBrowserContext().then((context) => context.newPage()),
  });
  launcher.name = 'Chromium'; // what the reports call it (the launcher says "Chrome")
  return launcher;
}

/**
 * Debian's Firefox ESR through puppeteer-core over WebDriver BiDi (no downloaded browser), with
 * what its virtual authenticator needs (src/testing/firefox.ts). One page at a time: Firefox's
 * authenticators and its presence switch belong to the whole browser.
 */
function firefox() {
  return chromeLauncher({
    puppeteer,
    launchOptions: {
      browser: 'firefox',
      executablePath: FIREFOX_PATH,
      headless: true,
      args: [...FIREFOX_WEBAUTHN_LAUNCH.args],
      extraPrefsFirefox: {...FIREFOX_PREFS, ...FIREFOX_WEBAUTHN_LAUNCH.extraPrefsFirefox},
    },
    // Media emulation and the "Space" key, which Puppeteer's BiDi pages lack.
    createPage: ({context}) => context.newPage().then(firefoxPage),
    concurrency: 1,
  });
}

// Files given on the command line (--files) run in every engine; else Chromium runs FILES and
// Firefox FIREFOX_FILES.
const filesFromCli = process.argv.some((a) => a === '--files' || a.startsWith('--files='));
const browsers = [];
const groups = [];
if (engines.has('chromium')) browsers.push(chromium());
if (engines.has('firefox')) {
  if (filesFromCli || !engines.has('chromium')) browsers.push(firefox());
  else groups.push({name: 'firefox', files: FIREFOX_FILES, browsers: [firefox()]});
}
if (!filesFromCli && !engines.has('chromium')) FILES.splice(0, FILES.length, ...FIREFOX_FILES);

/** @type {import('@web/test-runner').TestRunnerConfig} */
export default {
  rootDir,
  files: FILES,
  nodeResolve: true,
  hostname,
  port,
  concurrency,
  concurrentBrowsers: 1,
  testsFinishTimeout: 5 * 60_000,
  testFramework: {
    config: {timeout: 10_000},
  },
  browsers,
  groups,
  // Lit's development build keeps its useful warnings (change-in-update, ...) in the browser
  // logs; only the "Lit is in dev mode" notice, printed once per test file, is silenced.
  testRunnerHtml: (testFramework) => `<!doctype html>
<html>
  <head><meta charset="utf-8"></head>
  <body>
    <script>globalThis.litIssuedWarnings = new Set(['dev-mode']);</script>
    <script type="module" src="${testFramework}"></script>
  </body>
</html>`,
  middleware: [backend.middleware, adapters.middleware],
  plugins: [
    esbuildPlugin({
      ts: true,
      target: 'es2022',
      // Honors experimentalDecorators + useDefineForClassFields: false, so Lit's decorators
      // are lowered to the legacy form every tool here agrees on.
      tsconfig: fileURLToPath(new URL('./tsconfig.json', import.meta.url)),
    }),
    webauthnPlugin(),
    permissionsPlugin(), // e.g. the clipboard, read back in the manager's tests
    backend.plugin,
    adapters.plugin,
  ],
  reporters: [defaultReporter(), resultsReporter()],
};
