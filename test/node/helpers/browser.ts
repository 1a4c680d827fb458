// Shared by the Node tests that drive pages in headless Chromium (puppeteer-core): the launch
// flags that work here, the DevTools virtual authenticator, waiting inside shadow roots, and the
// strict Content Security Policy with a collector of its violations. Some also run in Firefox
// (launchFirefox(), over WebDriver BiDi).
import puppeteer, {type Browser, type Page} from 'puppeteer-core';
import {CHROMIUM_ARGS, CHROMIUM_PATH} from '../../../scripts/chromium.mjs';
import {FIREFOX_PATH, FIREFOX_PREFS, firefoxInstalled} from '../../../scripts/firefox.mjs';
import {FIREFOX_WEBAUTHN_LAUNCH} from '../../../src/testing/firefox.js';
import {VirtualAuthenticator} from '../../../src/testing/virtual-authenticator.js';

/** Headless Chromium as root on a closed network; CHROME_PATH overrides /usr/bin/chromium. */
export function launchChromium(): Promise<Browser> {
  return puppeteer.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
  });
}

/**
 * Debian's Firefox ESR (FIREFOX_PATH overrides /usr/bin/firefox-esr) through puppeteer-core over
 * WebDriver BiDi, able to use its virtual authenticator (passkey-elements/testing's
 * FirefoxVirtualAuthenticator).
 */
export function launchFirefox(): Promise<Browser> {
  return puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX_PATH,
    headless: true,
    args: [...FIREFOX_WEBAUTHN_LAUNCH.args],
    extraPrefsFirefox: {...FIREFOX_PREFS, ...FIREFOX_WEBAUTHN_LAUNCH.extraPrefsFirefox},
  });
}

/**
 * The engines a test runs its browser part in, each with how to launch it, or why it cannot run
 * here: without Firefox installed its part is skipped (reported as such), except under CI, where
 * the launch then fails the test.
 */
export function engines(): {name: string; launch: () => Promise<Browser>; skip?: string}[] {
  const firefoxMissing =
    !firefoxInstalled() && !process.env.CI
      ? `no Firefox at ${FIREFOX_PATH} (install firefox-esr or set FIREFOX_PATH)`
      : undefined;
  return [
    {name: 'Chromium', launch: launchChromium},
    {name: 'Firefox', launch: launchFirefox, skip: firefoxMissing},
  ];
}

/**
 * The kit's own test helper (passkey-elements/testing): a platform authenticator with user
 * verification and resident keys, answering by itself. It lives as long as its CDP session: keep
 * the returned object (its `cdp` and `authenticatorId`) for the page's whole life.
 */
export async function addVirtualAuthenticator(page: Page): Promise<VirtualAuthenticator> {
  return VirtualAuthenticator.add(await page.createCDPSession());
}

/**
 * Waits for `selector` inside `host`'s shadow root. Polls every frame: puppeteer's own
 * waitForSelector watches the document's mutations, which do not include shadow roots.
 */
export function inShadow(page: Page, host: string, selector: string) {
  return page.waitForFunction(
    (h, sel) => document.querySelector(h)?.shadowRoot?.querySelector(sel),
    {polling: 'raf'},
    host,
    selector,
  );
}

/**
 * Clicks `selector` in `host`'s shadow root once it has a box. Right after the demo signs out, its
 * signed-out sections are still laying out, and a click then finds no point to press.
 */
export async function pressInShadow(page: Page, host: string, selector: string) {
  await page.waitForFunction(
    (h, sel) =>
      (document.querySelector(h)?.shadowRoot?.querySelector(sel)?.getBoundingClientRect().height ??
        0) > 0,
    {polling: 'raf'},
    host,
    selector,
  );
  await page.click(`${host} >>> ${selector}`);
}

/** The policy docs/ssr-csp.md recommends, as the demo server sends it. */
export {strictCsp} from '../../../server/src/csp.js';

/**
 * Collects, from the next navigation on, every CSP violation the page reports (blocked or
 * report-only: each fires `securitypolicyviolation` at the document), console errors and
 * uncaught exceptions. A missing favicon is the browser's request, not the page's error.
 */
export async function watchPage(page: Page) {
  await page.evaluateOnNewDocument(() => {
    (window as any).violations = [];
    document.addEventListener('securitypolicyviolation', (e) =>
      (window as any).violations.push(`${e.effectiveDirective} ${e.blockedURI} ${e.sample}`),
    );
  });
  const errors: string[] = [];
  page.on(
    'console',
    (m) =>
      m.type() === 'error' && !m.location().url?.endsWith('/favicon.ico') && errors.push(m.text()),
  );
  page.on('pageerror', (e) => errors.push(`pageerror: ${e}`));
  return {
    /** The violations reported since the page loaded. */
    violations: () => page.evaluate(() => (window as any).violations as string[]),
    errors,
  };
}

/**
 * Inserts HTML from a plain string into the page and answers the error that threw, or
 * `'no error'`: the control that Trusted Types are enforced (a `TrustedHTML` TypeError).
 */
export function tryInsertHtml(page: Page): Promise<string> {
  return page.evaluate(() => {
    try {
      document.body.insertAdjacentHTML('beforeend', '<b>x</b>');
      return 'no error';
    } catch (e) {
      return String(e);
    }
  });
}

/**
 * Signs the demo page out (its `#signout` button) while `<passkey-login autofill>` is on it:
 * presence off, click, wait until the page says "Not signed in." and the element has asked for
 * autofill again (its `reset()` restarts it), presence back on. The new request then waits for
 * the user's pick instead of being answered at once. `autofillRequests`: from
 * `countAutofillRequests(page)`.
 */
export async function signOutHoldingAutofill(
  page: Page,
  authenticator: VirtualAuthenticator,
  autofillRequests: () => Promise<number>,
) {
  const before = await autofillRequests();
  await authenticator.setPresence(false);
  await page.click('#signout');
  await page.waitForFunction(
    () => document.querySelector('#whoami')!.textContent === 'Not signed in.',
  );
  await page.waitForFunction(
    (n) => (window as unknown as {autofillRequests: () => number}).autofillRequests() > n,
    {},
    before,
  );
  await authenticator.setPresence(true);
}

/**
 * Counts the autofill (conditional mediation) requests the page starts, from the next navigation
 * on; the returned function reads the count. A page that signs out has `<passkey-login autofill>`
 * ask again, which the DevTools virtual authenticator answers at once while presence is on: turn
 * presence off, sign out, wait for the count to grow, then turn it back on (presence back on does
 * not answer a request already waiting).
 */
export async function countAutofillRequests(page: Page): Promise<() => Promise<number>> {
  await page.evaluateOnNewDocument(() => {
    let started = 0;
    (window as unknown as {autofillRequests: () => number}).autofillRequests = () => started;
    const get = navigator.credentials.get.bind(navigator.credentials);
    navigator.credentials.get = (options?: CredentialRequestOptions) => {
      if (options?.mediation === 'conditional') started++;
      return get(options);
    };
  });
  return () =>
    page.evaluate(() => (window as unknown as {autofillRequests: () => number}).autofillRequests());
}
