// The headless Chromium every launch here uses, and its flags: the browser tests
// (web-test-runner.config.mjs), the Node tests that drive pages (test/node/helpers/browser.ts) and
// the bench (bench/run.mjs).

/** Debian's Chromium, or the binary `CHROME_PATH` names. */
export const CHROMIUM_PATH = process.env.CHROME_PATH || '/usr/bin/chromium';

/** Flags for headless Chromium as root, on a closed network, without background work. */
export const CHROMIUM_BASE_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * The base flags, and without browser-UI work. For puppeteer, which merges a `--disable-features`
 * given here with its own. Playwright does not merge: a second `--disable-features` would replace
 * its list (Chromium keeps the last), so a Playwright launch takes `CHROMIUM_BASE_ARGS`.
 */
export const CHROMIUM_ARGS = [
  ...CHROMIUM_BASE_ARGS,
  // Headless Chromium 156 opens two browser-UI renderers (chrome://omnibox-popup.top-chrome and
  // its AI-mode page) for every new browser context; the tests and the bench open a context per
  // page. They load beside the page and took 3–20 ms of CPU inside a measured first render on two
  // cores (Chromium traces). A desktop browser loads them once per window, not per page.
  '--disable-features=WebUIOmniboxPopup,WebUIOmniboxAimPopup',
];
