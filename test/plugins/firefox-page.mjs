// What Puppeteer's Firefox pages (WebDriver BiDi) lack of what @web/test-runner-commands calls on
// a puppeteer page, given to each page of the Firefox launcher (web-test-runner.config.mjs):
//
// - emulateMediaFeatures (`emulateMedia()`): Puppeteer does it over CDP only. Firefox has a
//   preference for each feature: `layout.css.prefers-color-scheme.content-override` (0 dark,
//   1 light) and `ui.prefersReducedMotion` (0/1), set here through the browser's chrome scope
//   (src/testing/firefox.ts). They are browser-wide, like the launcher's one page at a time.
//   Like CDP's, each call sets exactly the features it lists and resets the others.
// - the key "Space" (`sendKeys({press: 'Space'})`): Puppeteer's BiDi keyboard knows " " but not
//   the name "Space", which its CDP keyboard takes.

import {chromeScript} from '../../src/testing/firefox.ts';

const PREFS = {
  'prefers-color-scheme': ['layout.css.prefers-color-scheme.content-override', {dark: 0, light: 1}],
  'prefers-reduced-motion': ['ui.prefersReducedMotion', {reduce: 1, 'no-preference': 0}],
};

const KEY_NAMES = {Space: ' '};

/** @param {import('puppeteer-core').Page} page a page of a Firefox launched with FIREFOX_WEBAUTHN_LAUNCH */
export function firefoxPage(page) {
  const run = chromeScript(/** @type {any} */ (page.browser()).connection);

  page.emulateMediaFeatures = async (features = []) => {
    const set = {};
    for (const {name, value} of features) {
      const [pref, values] = PREFS[name] ?? [];
      if (!pref) throw new Error(`Firefox: no emulation for the media feature ${name}`);
      if (value && !(value in values))
        throw new Error(`Firefox: no emulation for ${name}: ${value}`);
      if (value) set[pref] = values[value];
    }
    await run(
      `for (const pref of args.all) {
         if (pref in args.set) Services.prefs.setIntPref(pref, args.set[pref]);
         else Services.prefs.clearUserPref(pref);
       }`,
      {all: Object.values(PREFS).map(([pref]) => pref), set},
    );
    // The page restyles asynchronously: wait until its media queries answer what was asked.
    const expected = features.filter((f) => f.value).map((f) => `(${f.name}: ${f.value})`);
    if (expected.length) {
      await page.waitForFunction(
        (queries) => queries.every((q) => matchMedia(q).matches),
        {polling: 'raf', timeout: 5000},
        expected,
      );
    }
  };

  for (const method of ['press', 'down', 'up']) {
    const original = page.keyboard[method].bind(page.keyboard);
    page.keyboard[method] = (key, ...rest) => original(KEY_NAMES[key] ?? key, ...rest);
  }
  return page;
}
