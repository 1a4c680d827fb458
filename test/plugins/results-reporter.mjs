// A web-test-runner reporter that writes the run's counts to a JSON file, so scripts/test.mjs can
// total them without scraping the terminal output. It prints nothing itself.
//
// A test file that fails outside any test (an import that throws, a browser crash, a timeout
// before the tests report) counts as one failure, so a broken file can never look green.

import {mkdirSync, writeFileSync} from 'node:fs';
import {dirname} from 'node:path';

function countSuite(suite, counts, failures, file, trail = []) {
  if (!suite) return;
  const here = suite.name ? [...trail, suite.name] : trail;
  for (const test of suite.tests ?? []) {
    if (test.skipped) counts.skipped++;
    else if (test.passed) counts.passed++;
    else {
      counts.failed++;
      failures.push({file, test: [...here, test.name].join(' > '), message: test.error?.message});
    }
  }
  for (const child of suite.suites ?? []) countSuite(child, counts, failures, file, here);
}

export function summarize(sessions) {
  const counts = {passed: 0, failed: 0, skipped: 0};
  const failures = [];
  const files = new Set();
  // The same counts per engine (the launcher's name: "Chromium", "Firefox").
  const browsers = {};
  for (const session of sessions) {
    files.add(session.testFile);
    const browser = session.browser?.name ?? 'unknown';
    const own = (browsers[browser] ??= {passed: 0, failed: 0, skipped: 0, files: 0});
    own.files++;
    const before = {...counts};
    const beforeFailures = failures.length;
    countSuite(session.testResults, counts, failures, session.testFile);
    const brokenFile =
      session.status !== 'FINISHED' ||
      session.passed === false ||
      (session.errors?.length ?? 0) > 0;
    if (brokenFile && counts.failed === before.failed) {
      counts.failed++;
      failures.push({
        file: session.testFile,
        test: '(file)',
        message:
          session.errors?.map((e) => e.message).join('\n') ||
          (session.status !== 'FINISHED'
            ? `session ended in status ${session.status}`
            : 'file failed'),
      });
    }
    for (const key of ['passed', 'failed', 'skipped']) own[key] += counts[key] - before[key];
    for (const f of failures.slice(beforeFailures)) f.browser = browser;
  }
  return {...counts, files: files.size, sessions: sessions.length, browsers, failures};
}

/** @param {{ outputFile?: string }} [options] defaults to $WTR_RESULTS_FILE; no file → no-op */
export function resultsReporter(options = {}) {
  const outputFile = options.outputFile ?? process.env.WTR_RESULTS_FILE;
  const write = (sessions) => {
    if (!outputFile) return;
    mkdirSync(dirname(outputFile), {recursive: true});
    writeFileSync(outputFile, `${JSON.stringify(summarize(sessions), null, 2)}\n`);
  };
  return {
    onTestRunFinished({sessions}) {
      write(sessions);
    },
    stop({sessions}) {
      write(sessions);
    },
  };
}
