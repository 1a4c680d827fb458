// The three example themes of docs/theming.md, as the CSS a site pastes (test/node/theming.test.ts
// checks the docs carry this very text), and the stories that show each element in each of
// them. In a story the CSS is wrapped in `@scope` around the story, so that a docs page, which
// renders every story of an element on one page, keeps each theme to its own story.
import type {Decorator} from '@storybook/web-components-vite';
import {html} from 'lit';
import type {Args, Story} from './helpers.js';

export interface Theme {
  /** The story name's suffix and the docs' heading. */
  title: string;
  /** The CSS a site pastes. */
  css: string;
  /** Attributes the theme is meant to be used with (on each element). */
  args?: Args;
}

/** Every tag of the kit, as the themes select them. */
const tags =
  'passkey-login, passkey-register, passkey-manager, passkey-mfa, passkey-signup, passkey-recovery, passkey-upgrade, passkey-confirm';

export const themes = {
  brand: {
    title: 'brand, rounded',
    css: `:is(${tags}) {
  --passkey-color-primary: light-dark(#6d28d9, #c4b5fd);
  --passkey-color-on-primary: light-dark(#ffffff, #2e1065);
  --passkey-color-text: light-dark(#1e1b2e, #ece9f5);
  --passkey-color-muted: light-dark(#5b5670, #bdb6d1);
  --passkey-color-border: light-dark(#8b80ad, #7d72a0);
  --passkey-radius: 1rem;
  --passkey-spacing: 1rem;
  --passkey-font-family: ui-rounded, "SF Pro Rounded", Nunito, system-ui, sans-serif;
  &::part(button) {
    border-radius: 999px;
    transition: filter 0.15s;
  }
  &::part(button):hover {
    filter: brightness(1.15);
  }
}`,
  },
  dense: {
    title: 'dense, corporate',
    css: `:is(${tags}) {
  --passkey-color-primary: light-dark(#0a5cad, #7db8f0);
  --passkey-color-on-primary: light-dark(#ffffff, #001f3d);
  --passkey-color-text: light-dark(#1f2328, #e6edf3);
  --passkey-color-muted: light-dark(#59636e, #9ea7b3);
  --passkey-color-border: light-dark(#818b98, #6e7781);
  --passkey-radius: 3px;
  --passkey-spacing: 0.5rem;
  --passkey-font-size: 0.875rem;
  --passkey-font-family: "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  --passkey-focus-ring: 0 0 0 2px light-dark(#0a5cad, #7db8f0);
  &::part(input),
  &::part(button) {
    padding: 0.35em 0.6em;
  }
  &::part(label) {
    font-weight: 600;
  }
}`,
  },
  contrast: {
    title: 'high-contrast dark',
    css: `:is(${tags}) {
  --passkey-color-text: #ffffff;
  --passkey-color-surface: #000000;
  --passkey-color-muted: #ffffff;
  --passkey-color-border: #ffffff;
  --passkey-color-primary: #ffe14d;
  --passkey-color-on-primary: #000000;
  --passkey-color-error: #ffa3a3;
  --passkey-color-on-error: #000000;
  --passkey-focus-ring: 0 0 0 2px #000000, 0 0 0 5px #4df0ff;
  &::part(input) {
    border-width: 2px;
  }
  &::part(error) {
    font-weight: 700;
  }
}`,
    args: {theme: 'dark'},
  },
} satisfies Record<string, Theme>;

export type ThemeName = keyof typeof themes;

/** Applies a theme's CSS to the story (and nothing else on the page). */
export const withTheme =
  (name: ThemeName): Decorator =>
  (story) => {
    const style = document.createElement('style');
    style.textContent = `@scope ([data-theme="${name}"]) {\n${themes[name].css}\n}`;
    return html`<div data-theme=${name}>${style}${story()}</div>`;
  };

/**
 * `base` (a state of the element) in one of the example themes. Named by its export, as every
 * story made by a helper (see errorStory): the sidebar reads only literal names.
 */
export function themed(name: ThemeName, base: Story = {}): Story {
  const theme: Theme = themes[name];
  return {
    ...base,
    name: undefined, // not base's: the export's
    args: {...base.args, ...theme.args},
    decorators: [...((base.decorators as Decorator[] | undefined) ?? []), withTheme(name)],
  };
}

/** `base` with `theme="dark"` on a light page: the element paints its own dark surface. */
export function themeAttributeDark(base: Story = {}): Story {
  return {...base, name: undefined, args: {...base.args, theme: 'dark'}};
}
