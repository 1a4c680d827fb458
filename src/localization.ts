import {configureLocalization, str, type LocaleModule, type TemplateLike} from '@lit/localize';
import {allLocales, sourceLocale, targetLocales} from './locales/locale-codes.js';

/**
 * Localization of the kit, for the site to call. The elements render English with no setup;
 * nothing here runs unless the site calls it. See docs/localization.md.
 */

/** A locale the kit is translated into (`en` is the source, built in). */
export type PasskeyLocale = (typeof allLocales)[number];

/** Every locale the kit has, `en` included. */
export const passkeyLocales: readonly PasskeyLocale[] = allLocales;

type TargetLocale = (typeof targetLocales)[number];

/**
 * A packed locale module (scripts/pack-locales.mjs): the texts, one a line, in the order of
 * ./locales/ids.ts; `{0}`, `{1}`… in a text are the message's values.
 */
type Texts = {default: string};

/** One packed text as lit-localize's template: the text, or, with values, a `str` template. */
function template(text: string): TemplateLike {
  // split() with a capture: the strings around the values at even places, value indices at odd.
  const parts = text.split(/\{(\d+)\}/);
  if (parts.length === 1) return text;
  const strings = parts.filter((_, i) => i % 2 === 0);
  const values = parts.filter((_, i) => i % 2).map(Number);
  return str(strings as unknown as TemplateStringsArray, ...values);
}

// One loader per locale, so every bundler splits them into their own chunks, fetched on demand.
// Typed against the generated locale codes: a locale added to lit-localize.json without a
// loader here does not compile.
const loaders: Record<TargetLocale, () => Promise<Texts>> = {
  ar: () => import('./locales/ar.js'),
  de: () => import('./locales/de.js'),
  es: () => import('./locales/es.js'),
  fr: () => import('./locales/fr.js'),
  he: () => import('./locales/he.js'),
  it: () => import('./locales/it.js'),
  ja: () => import('./locales/ja.js'),
  ko: () => import('./locales/ko.js'),
  nl: () => import('./locales/nl.js'),
  pl: () => import('./locales/pl.js'),
  'pt-BR': () => import('./locales/pt-BR.js'),
  'zh-Hans': () => import('./locales/zh-Hans.js'),
};

// The message ids, shared by every locale: fetched with the first locale, then reused. A failed
// fetch is not kept, so the next locale change tries again.
let ids: Promise<{default: readonly string[]}> | undefined;

/** lit-localize's `{templates}` for a target locale: the shared ids zipped with its texts. */
async function load(locale: TargetLocale): Promise<LocaleModule> {
  const [{default: keys}, {default: packed}] = await Promise.all([
    (ids ??= import('./locales/ids.js').catch((e) => {
      ids = undefined;
      throw e;
    })),
    loaders[locale](),
  ]);
  const texts = packed.split('\n');
  // Both come from one build; different lengths mean modules of two builds (a stale cache).
  if (keys.length !== texts.length)
    throw new Error(`passkey-elements: ${locale} does not match the message ids`);
  const templates: Record<string, TemplateLike> = {};
  keys.forEach((id, i) => (templates[id] = template(texts[i]!)));
  return {templates};
}

/**
 * The kit's locale for a BCP 47 tag (`de-AT` → `de`, `zh-CN` → `zh-Hans`, `pt-PT` → `pt-BR`,
 * `iw` → `he`), or undefined when the kit has none (Traditional Chinese, for example).
 */
export function matchPasskeyLocale(tag: string | null | undefined): PasskeyLocale | undefined {
  if (!tag) return undefined;
  const exact = allLocales.find((l) => l.toLowerCase() === tag.toLowerCase());
  if (exact) return exact;
  let loc: Intl.Locale;
  try {
    loc = new Intl.Locale(tag).maximize();
  } catch {
    return undefined;
  }
  const {language, script} = loc;
  if (language === 'zh') return script === 'Hans' ? 'zh-Hans' : undefined;
  if (language === 'pt') return 'pt-BR';
  return allLocales.find((l) => l === language);
}

/**
 * The kit's translations for `locale` (any BCP 47 tag; see `matchPasskeyLocale`), loaded on
 * demand. For sites that own `configureLocalization`: spread its `templates` into your own in
 * your `loadLocale`. English, and locales the kit does not have, give empty templates.
 */
export async function loadPasskeyLocale(locale: string): Promise<LocaleModule> {
  const l = matchPasskeyLocale(locale);
  return l && l !== sourceLocale ? load(l as TargetLocale) : {templates: {}};
}

export interface PasskeyLocalizationOptions {
  /** A fixed locale. Without it the kit follows the page: see `configurePasskeyLocalization`. */
  locale?: string;
}

export interface PasskeyLocalization {
  /** The kit's active locale. */
  getLocale(): string;
  /** Switches to `locale` (any BCP 47 tag; English when the kit has no match) and stops following the page. */
  setLocale(locale: string): Promise<void>;
}

/** The `lang` the kit follows: the first kit element's own `lang`, else the document's. */
function pageLang() {
  for (const el of document.querySelectorAll('[lang]')) {
    if (el.localName.startsWith('passkey-')) return el.getAttribute('lang');
  }
  return document.documentElement.lang;
}

/**
 * Sets up `@lit/localize` for the kit (runtime mode, locales loaded on demand). Call it once,
 * and only on a page where nothing else calls `configureLocalization` (it throws when called
 * twice); a site that already uses `@lit/localize` merges `loadPasskeyLocale` instead.
 *
 * With `locale`, the kit uses it. Without, the kit follows the page: the `lang` attribute of the
 * first `passkey-*` element that has one, else `<html lang>`, and follows changes to either. One
 * locale is active at a time for every element of the kit on the page.
 */
export function configurePasskeyLocalization(
  options: PasskeyLocalizationOptions = {},
): PasskeyLocalization {
  const {getLocale, setLocale} = configureLocalization({
    sourceLocale,
    targetLocales,
    loadLocale: (l) => load(l as TargetLocale),
  });
  const set = (tag: string | null | undefined) =>
    setLocale(matchPasskeyLocale(tag) ?? sourceLocale);
  // A locale that fails to load is reported by lit-localize's `lit-localize-status` event
  // (status `error`) and the kit keeps its current locale.
  const follow = () => set(pageLang()).catch(() => {});
  let observer: MutationObserver | undefined;
  if (options.locale) {
    set(options.locale).catch(() => {});
  } else {
    follow();
    observer = new MutationObserver(follow);
    observer.observe(document.documentElement, {
      attributeFilter: ['lang'],
      subtree: true,
      childList: true,
    });
  }
  return {
    getLocale,
    setLocale(locale) {
      observer?.disconnect();
      return set(locale);
    },
  };
}
