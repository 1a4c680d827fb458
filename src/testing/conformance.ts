/**
 * The conformance kit: the backend contract's checks (CONTRACT.md, docs/contract.md) run against
 * any backend over HTTP, with `SoftAuthenticator` in place of a browser. Each check uses its own
 * fresh accounts and cookie jar, so one failure does not hide the others. The command line front
 * is `passkey-elements-conformance` (bin/conformance.mjs → `main()`).
 *
 * This module is the kit's public face; the code is under conformance/: runner.ts (runs the
 * checks, formats the table), kit.ts (the browser over `TestBrowser`, the expectations, sign-up
 * and sign-in with the software authenticator), checks/ (one module per contract area, in the
 * table's order by checks/index.ts) and cli.ts (the command line).
 */
export {
  formatResults,
  runConformance,
  type CheckResult,
  type CheckStatus,
  type ConformanceOptions,
} from './conformance/runner.js';
export {checks} from './conformance/checks/index.js';
export {main} from './conformance/cli.js';
