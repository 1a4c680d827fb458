// The headless Firefox the browser tests run in beside Chromium (web-test-runner.config.mjs, the
// Node tests that drive pages: test/node/helpers/browser.ts). Debian's firefox-esr; `.ci/run`
// installs it when missing.

import {existsSync} from 'node:fs';

/** Debian's Firefox ESR, or the binary `FIREFOX_PATH` names. */
export const FIREFOX_PATH = process.env.FIREFOX_PATH || '/usr/bin/firefox-esr';

/** Whether that Firefox is installed. */
export const firefoxInstalled = () => existsSync(FIREFOX_PATH);

/**
 * Preferences on top of Puppeteer's own (which already turn off updates, telemetry, first-run
 * pages and most background requests): no captive-portal or connectivity probes on a closed
 * network.
 */
export const FIREFOX_PREFS = {
  'network.captive-portal-service.enabled': false,
  'network.connectivity-service.enabled': false,
};
