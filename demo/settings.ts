// The demo bar's pickers: the kit's language (all 13 locales), the colour scheme and the three
// example themes of docs/theming.md. Each choice is kept in the address (`?lang=ar&scheme=dark
// &theme=brand`), so a reload or a shared link shows the same. The kit follows `<html lang>`
// (configurePasskeyLocalization without a fixed locale), so choosing a language only sets it.
// The pretend site's own text stays English (marked lang="en") and left to right; the elements
// of the kit get `dir="rtl"` for Arabic and Hebrew and lay themselves out mirrored.
import {configurePasskeyLocalization, passkeyLocales} from '../src/localization.js';
import {themes, type ThemeName} from '../stories/themes.js';

/** Languages written right to left: the kit's elements mirror for them. */
const RTL = new Set(['ar', 'he']);

/** The name a language gives itself ("Deutsch", "العربية"), with a capital where it has one. */
export function nativeName(locale: string): string {
  const name = new Intl.DisplayNames([locale], {type: 'language'}).of(locale) ?? locale;
  return name.charAt(0).toLocaleUpperCase(locale) + name.slice(1);
}

/** Every element of the kit on the page (the manager and others come and go). */
const kitElements = () =>
  [...document.querySelectorAll<HTMLElement>('*')].filter((e) =>
    e.localName.startsWith('passkey-'),
  );

const params = () => new URL(location.href).searchParams;

/** Writes one setting into the address (removed when it is the default). */
function remember(key: string, value: string) {
  const url = new URL(location.href);
  if (value) url.searchParams.set(key, value);
  else url.searchParams.delete(key);
  history.replaceState(null, '', url);
}

function option(value: string, text: string, lang?: string) {
  const o = document.createElement('option');
  o.value = value;
  o.textContent = text;
  if (lang) o.lang = lang;
  return o;
}

function setLocale(locale: string) {
  document.documentElement.lang = locale;
  dress();
}

/**
 * What the chosen language and theme ask of an element of the kit (or of every one on the page,
 * for a new choice): `dir="rtl"` in a right-to-left language, and `theme="dark"` for a theme
 * meant for it (high contrast). The page calls it for each element it adds later.
 */
export function dress(el?: HTMLElement) {
  const root = document.documentElement;
  const name = root.dataset.theme as ThemeName | undefined;
  const attr = name ? (themes[name] as {args?: {theme?: string}}).args?.theme : undefined;
  for (const e of el ? [el] : kitElements()) {
    if (attr) e.setAttribute('theme', attr);
    else e.removeAttribute('theme');
    if (RTL.has(root.lang)) e.dir = 'rtl';
    else e.removeAttribute('dir');
  }
}

/**
 * The page's look: `data-scheme` (light, dark, or absent for the system's) and `data-theme` on
 * `<html>`, which demo.css reads, plus the theme's CSS as a constructed stylesheet (the page's
 * CSP allows no inline `<style>`).
 */
const sheet = new CSSStyleSheet();
document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];

function setTheme(name: string) {
  const root = document.documentElement;
  if (name in themes) root.dataset.theme = name;
  else delete root.dataset.theme;
  // The theme's own CSS (as docs/theming.md gives it), scoped to the chosen theme. The page
  // itself (`:scope`, the <html>) gets the same custom properties, so the site around the
  // elements takes the theme's colours and font too.
  const css = name in themes ? themes[name as ThemeName].css : '';
  sheet.replaceSync(
    css ? `@scope (:root[data-theme="${name}"]) {\n${css.replace(':is(', ':is(:scope, ')}\n}` : '',
  );
  dress();
}

function setScheme(scheme: string) {
  const root = document.documentElement;
  if (scheme) root.dataset.scheme = scheme;
  else delete root.dataset.scheme;
}

/** Fills the pickers, applies what the address asks for, and follows the pickers. */
export function setUpSettings() {
  configurePasskeyLocalization();

  const locale = document.querySelector<HTMLSelectElement>('#locale')!;
  for (const l of passkeyLocales) locale.append(option(l, nativeName(l), l));
  const wanted = params().get('lang');
  locale.value = passkeyLocales.find((l) => l === wanted) ?? 'en';
  setLocale(locale.value);
  locale.addEventListener('change', () => {
    setLocale(locale.value);
    remember('lang', locale.value === 'en' ? '' : locale.value);
  });

  const scheme = document.querySelector<HTMLSelectElement>('#scheme')!;
  scheme.value = ['light', 'dark'].includes(params().get('scheme') ?? '')
    ? params().get('scheme')!
    : '';
  setScheme(scheme.value);
  scheme.addEventListener('change', () => {
    setScheme(scheme.value);
    remember('scheme', scheme.value);
  });

  const theme = document.querySelector<HTMLSelectElement>('#theme')!;
  theme.append(option('', 'Default'));
  for (const [name, t] of Object.entries(themes)) theme.append(option(name, capitalize(t.title)));
  theme.value = (params().get('theme') ?? '') in themes ? params().get('theme')! : '';
  setTheme(theme.value);
  theme.addEventListener('change', () => {
    setTheme(theme.value);
    remember('theme', theme.value);
  });
}

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
