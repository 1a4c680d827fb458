// Localization in Chromium: English with no setup, then configurePasskeyLocalization() following
// <html lang> and an element's own lang; translated button and error text, right-to-left layout
// for ar and he, axe. configureLocalization can run once per page: this file is its own page.
import {expect, fixture, html, oneEvent} from '@open-wc/testing';
import '../../src/elements/passkey-login/define.js';
import type {PasskeyLogin} from '../../src/elements/passkey-login/passkey-login.js';
import {
  configurePasskeyLocalization,
  loadPasskeyLocale,
  type PasskeyLocalization,
} from '../../src/localization.js';
import {part, text, until} from '../helpers/dom.js';
import {StubClient} from '../helpers/stub-client.js';

/** What a user sees in each locale: the login button and the rate_limited error. */
const expected: Record<string, {button: string; error: string; rtl?: true}> = {
  de: {
    button: 'Mit Passkey anmelden',
    error: 'Zu viele Versuche. Bitte warten Sie kurz und versuchen Sie es erneut.',
  },
  ar: {
    button: 'تسجيل الدخول باستخدام مفتاح مرور',
    error: 'محاولات كثيرة جدًا. يُرجى الانتظار قليلًا ثم المحاولة مرة أخرى.',
    rtl: true,
  },
  ja: {
    button: 'パスキーでサインイン',
    error: '試行回数が多すぎます。少し待ってから、もう一度お試しください。',
  },
  he: {
    button: 'כניסה עם מפתח גישה',
    error: 'יותר מדי ניסיונות. כדאי להמתין מעט ולנסות שוב.',
    rtl: true,
  },
};

async function login() {
  const client = new StubClient();
  client.fail.authenticationOptions = 'rate_limited'; // an error with no prompt to answer
  const el = await fixture<PasskeyLogin>(
    html`<passkey-login discoverable .client=${client}></passkey-login>`,
  );
  await el.updateComplete;
  return el;
}

/** Presses the button and returns the passkey-error message once it is shown. */
async function showError(el: PasskeyLogin) {
  const err = oneEvent(el, 'passkey-error');
  part(el, 'button').click();
  const {detail} = await err;
  await el.updateComplete;
  expect(detail.message).to.equal(text(el, 'error'));
  return detail.message;
}

const html_ = document.documentElement;

describe('localization', () => {
  let l10n: PasskeyLocalization;

  it('is English with no setup at all', async () => {
    html_.lang = 'de';
    const el = await login();
    expect(text(el, 'button')).to.equal('Sign in with a passkey');
    expect(await showError(el)).to.equal('Too many attempts. Please wait and try again.');
  });

  it('configurePasskeyLocalization() follows <html lang> (de-AT → de)', async () => {
    html_.lang = 'de-AT';
    l10n = configurePasskeyLocalization();
    const el = await login();
    await until(() => text(el, 'button') === expected.de.button, 5000, 'German');
    expect(l10n.getLocale()).to.equal('de');
  });

  for (const [locale, want] of Object.entries(expected)) {
    it(`${locale}: translated button and error, ${want.rtl ? 'right-to-left' : 'left-to-right'}, accessible`, async () => {
      html_.lang = locale;
      html_.dir = want.rtl ? 'rtl' : 'ltr';
      const el = await login();
      await until(
        () => l10n.getLocale() === locale && text(el, 'button') === want.button,
        5000,
        locale,
      );
      expect(await showError(el)).to.equal(want.error);

      const dir = want.rtl ? 'rtl' : 'ltr';
      expect(getComputedStyle(el).direction).to.equal(dir);
      const error = part(el, 'error');
      expect(getComputedStyle(error).direction).to.equal(dir);
      // The error text starts at the start edge: the right one in right-to-left.
      const range = document.createRange();
      range.selectNodeContents(error);
      const textBox = range.getClientRects()[0];
      const box = error.getBoundingClientRect();
      if (want.rtl) expect(Math.abs(textBox.right - box.right)).to.be.below(2);
      else expect(Math.abs(textBox.left - box.left)).to.be.below(2);
      await expect(el).to.be.accessible();
    });
  }

  it("an element's own lang wins over the document's, and removing it returns to the document's", async () => {
    html_.lang = 'de';
    html_.dir = 'ltr';
    const el = await login();
    await until(() => text(el, 'button') === expected.de.button, 5000, 'German');
    el.lang = 'ja';
    await until(() => text(el, 'button') === expected.ja.button, 5000, 'Japanese from the element');
    el.removeAttribute('lang');
    await until(() => text(el, 'button') === expected.de.button, 5000, 'German again');
    // An element added with its own lang counts too.
    const added = await fixture<PasskeyLogin>(
      html`<passkey-login lang="he" dir="rtl"></passkey-login>`,
    );
    await until(
      () => text(added, 'button') === expected.he.button,
      5000,
      'Hebrew from the new element',
    );
    expect(getComputedStyle(added).direction).to.equal('rtl');
    await expect(added).to.be.accessible();
  });

  it('setLocale() takes over: a fixed locale, no longer following the page', async () => {
    const el = await login();
    await l10n.setLocale('fr-CA');
    await el.updateComplete;
    expect(l10n.getLocale()).to.equal('fr');
    expect(text(el, 'button')).to.equal("Se connecter avec une clé d'accès");
    // Mutation observers are told in the order they were made: once this one has seen the
    // change, the kit's would have too, and would have started loading Japanese.
    const loads: string[] = [];
    const onStatus = (e: Event) => loads.push((e as CustomEvent).detail.status);
    window.addEventListener('lit-localize-status', onStatus);
    const seen = new Promise<void>((resolve) => {
      const watch = new MutationObserver(() => {
        watch.disconnect();
        resolve();
      });
      watch.observe(html_, {attributeFilter: ['lang']});
    });
    html_.lang = 'ja';
    await seen;
    window.removeEventListener('lit-localize-status', onStatus);
    expect(loads).to.deep.equal([]);
    expect(l10n.getLocale()).to.equal('fr');
    await l10n.setLocale('zh-TW'); // no Traditional Chinese: English
    expect(l10n.getLocale()).to.equal('en');
  });

  it('loadPasskeyLocale() gives the templates a site merges into its own', async () => {
    const de = await loadPasskeyLocale('de-CH');
    expect(Object.values(de.templates)).to.include('Mit Passkey anmelden');
    expect(await loadPasskeyLocale('en')).to.deep.equal({templates: {}});
    expect(await loadPasskeyLocale('xx')).to.deep.equal({templates: {}});
  });
});
