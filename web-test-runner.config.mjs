// Browser tests: headless Chromium, TypeScript through esbuild, the reference backend mounted on
// the same origin at /passkeys, and a DevTools virtual authenticator driven from the tests.
//
//   npm test                                   Node server tests, then these
//   node --import tsx node_modules/@web/test-runner/dist/bin.js \
//     --config web-test-runner.config.mjs [--files test/e2e/plumbing.test.ts]
//
// Environment: CHROME_PATH (default /usr/bin/chromium), WTR_PORT (default 8765),
// WTR_CONCURRENCY (default 1, see below), WTR_RESULTS_FILE (counts as JSON, for scripts/test.mjs),
// PASSKEY_BACKEND_ENTRY (default server/src/index.ts).

import {fileURLToPath} from 'node:url';
import {chromeLauncher, defaultReporter} from '@web/test-runner';
import {esbuildPlugin} from '@web/dev-server-esbuild';
// The virtual-authenticator plugin ships as passkey-elements/testing; wtr runs under tsx, so the source loads as is.
import {webauthnPlugin} from './src/testing/web-test-runner.ts';
import {CHROMIUM_ARGS, CHROMIUM_PATH} from './scripts/chromium.mjs';
import {freePort, portIsFree} from './scripts/free-port.mjs';
import {passkeyBackend} from './test/plugins/backend-plugin.mjs';
import {adapterBackends} from './test/plugins/adapter-backends.mjs';
import {permissionsPlugin} from './test/plugins/permissions-plugin.mjs';
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

/** @type {import('@web/test-runner').TestRunnerConfig} */
export default {
  rootDir,
  files: ['test/**/*.test.ts', '!test/node/**', '!server/**', '!node_modules/**'],
  nodeResolve: true,
  hostname,
  port,
  concurrency,
  concurrentBrowsers: 1,
  testsFinishTimeout: 5 * 60_000,
  testFramework: {
    config: {timeout: 10_000},
  },
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath: CHROMIUM_PATH,
        headless: true,
        args: CHROMIUM_ARGS,
      },
      // One browser context per page: with several pages in one window a ceremony fails with
      // "NotAllowedError ... the page does not have focus".
      createPage: ({browser}) =>
        browser.createBrowserContext().then((context) => context.newPage()),
    }),
  ],
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
