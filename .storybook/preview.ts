import {
  setCustomElementsManifest,
  type Decorator,
  type Preview,
} from '@storybook/web-components-vite';
import {html} from 'lit';
import manifest from '../custom-elements.json';
import '../src/define.js';
import {configurePasskeyLocalization, passkeyLocales} from '../src/localization.js';
import {darkPage} from '../stories/helpers.js';
import {themes, withTheme, type ThemeName} from '../stories/themes.js';
import {argTypesFor} from './arg-types.js';

// Component descriptions come from the manifest the analyzer writes (npm run analyze);
// controls and the docs table too, through argTypesFor (see arg-types.ts for what it changes).
setCustomElementsManifest(manifest);

// The toolbar's Language: the kit's locale, switched for every story (the kit's own helper, as
// a site would call it; stories/helpers.ts' error checks read the English default).
const localization = configurePasskeyLocalization({locale: 'en'});
const RTL = new Set(['ar', 'he']);

/** The name a language gives itself ("Deutsch", "العربية"). */
function nativeName(locale: string): string {
  const name = new Intl.DisplayNames([locale], {type: 'language'}).of(locale) ?? locale;
  return name.charAt(0).toLocaleUpperCase(locale) + name.slice(1);
}

/**
 * The kit in the toolbar's language, declared as a page would (`lang`: dates are written in it,
 * and screen readers pronounce by it); a right-to-left one mirrors the story.
 */
const withLocale: Decorator = (story, {globals}) => {
  const locale = (globals.locale as string | undefined) ?? 'en';
  if (localization.getLocale() !== locale) void localization.setLocale(locale);
  return html`<div lang=${locale} dir=${RTL.has(locale) ? 'rtl' : 'ltr'}>${story()}</div>`;
};

/**
 * The toolbar's Theme: the page's colour scheme (light or dark) or one of the three example
 * themes of docs/theming.md (high contrast with `theme="dark"`, as the docs ask). A story's own
 * decorators (a dark page, a theme story) sit inside it.
 */
const withToolbarTheme: Decorator = (story, ctx) => {
  const theme = ctx.globals.theme as string | undefined;
  if (theme === 'light') return html`<div style="color-scheme:light">${story()}</div>`;
  if (theme === 'dark') return darkPage(story, ctx);
  if (theme && theme in themes) {
    const name = theme as ThemeName;
    const args = (themes[name] as {args?: Record<string, unknown>}).args;
    return withTheme(name)(() => (args ? story({args: {...ctx.args, ...args}}) : story()), ctx);
  }
  return story();
};

const preview: Preview = {
  tags: ['autodocs'],
  parameters: {
    docs: {extractArgTypes: (tag: string) => argTypesFor(manifest, tag)},
    controls: {expanded: true},
    layout: 'padded',
    options: {storySort: {order: ['Introduction', 'Elements']}},
  },
  globalTypes: {
    locale: {
      description: "The kit's language",
      toolbar: {
        title: 'Language',
        icon: 'globe',
        items: passkeyLocales.map((l) => ({value: l, title: nativeName(l), right: l})),
        dynamicTitle: true,
      },
    },
    theme: {
      description: 'Colour scheme, or an example theme of docs/theming.md',
      toolbar: {
        title: 'Theme',
        icon: 'paintbrush',
        items: [
          {value: 'page', title: 'Page default'},
          {value: 'light', title: 'Light'},
          {value: 'dark', title: 'Dark'},
          ...Object.entries(themes).map(([value, t]) => ({value, title: `Theme: ${t.title}`})),
        ],
        dynamicTitle: true,
      },
    },
  },
  initialGlobals: {locale: 'en', theme: 'page'},
  decorators: [withToolbarTheme, withLocale],
};
export default preview;
