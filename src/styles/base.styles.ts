import {css} from 'lit';

/**
 * Shared look of every element. Public `--passkey-*` custom properties feed private `--_*`
 * ones whose defaults are written inline, so no theme file is needed (docs/theming.md lists
 * them). Light and dark defaults come from `light-dark()`, which follows the element's
 * `color-scheme`: inherited from the page (a page that declares `color-scheme: light dark`
 * follows the user's `prefers-color-scheme`), or set by the `theme` attribute, which then also
 * paints the element's own surface so it reads on any page. Forced colors: borders and the
 * focus outline in system colours (box-shadows are dropped there). Nothing here animates; for
 * users who ask for reduced motion, transitions and animations a theme adds to the parts stop
 * (an `!important` inside the shadow root wins over the page's).
 *
 * Layout: every element is an inline-size container named `passkey` and lays itself out by its
 * own width, not the screen's (`@container (min-width: 30rem)` is "wide"): narrow, its buttons
 * take the whole width; wide, they take their own. Text wraps rather than overflow (a long address or word breaks where it must), down to
 * 280 px in every locale. Rows of buttons: `.actions` in secondary.styles.ts.
 *
 * Written to be read: the builds minify this CSS (scripts/minify-templates.mjs).
 */
export const baseStyles = css`
  /* Private tokens, each fed by its public custom property with the default inline. */
  :host {
    --_fg: var(--passkey-color-text, light-dark(#1b1b1f, #e4e2e6));
    --_bg: var(--passkey-color-surface, light-dark(#fff, #1b1b1f));
    --_muted: var(--passkey-color-muted, light-dark(#5d5e66, #c6c6d0));
    --_border: var(--passkey-color-border, #8e8f99);
    --_primary: var(--passkey-color-primary, light-dark(#2b59c3, #b1c5ff));
    --_error: var(--passkey-color-error, light-dark(#b3261e, #ffb4ab));
    --_radius: var(--passkey-radius, 0.5rem);
    --_gap: var(--passkey-spacing, 0.75rem);

    display: block;
    container: passkey / inline-size;
    color: var(--_fg);
    font: var(--passkey-font-size, 1rem)/1.4 var(--passkey-font-family, system-ui, sans-serif);
    overflow-wrap: anywhere;
  }

  :host([hidden]) {
    display: none;
  }

  /* The theme attribute fixes the colour scheme and paints the element's own surface. */
  :host([theme='light']) {
    color-scheme: light;
  }
  :host([theme='dark']) {
    color-scheme: dark;
  }
  :host([theme]) {
    background: var(--_bg);
    padding: var(--_gap);
    border-radius: var(--_radius);
  }

  /* Layout: a grid of labelled inputs and buttons. */
  form {
    display: grid;
    gap: var(--_gap);
  }
  label {
    display: grid;
    gap: calc(var(--_gap) / 3);
  }

  /* Controls: their padding and line height make them 2.6em tall (at least 24 px, the WCAG 2.2
     target size, down to a 9 px font). */
  input,
  button {
    font: inherit;
    border-radius: var(--_radius);
    padding: 0.6em 0.9em;
    color: var(--_fg);
    background: var(--_bg);
    border: 1px solid var(--_border);
    min-inline-size: 0;
  }
  button {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: 0.5em;
    color: var(--passkey-color-on-primary, light-dark(#fff, #002c71));
    background: var(--_primary);
    border-color: transparent;
    font-weight: 600;
    cursor: pointer;
  }
  /* The passkey glyph on a button; the tick of a finished flow (src/elements/shared/icons.ts). */
  svg {
    flex: none;
    inline-size: 1.25em;
    block-size: 1.25em;
    fill: none;
    stroke: currentColor;
    stroke-width: 2;
    stroke-linecap: round;
    stroke-linejoin: round;
  }

  /* Wide: a button is as wide as its text, not the form. */
  @container (min-width: 30rem) {
    form > button {
      justify-self: start;
    }
  }

  /* A field the error is about. */
  [aria-invalid='true'] {
    border-color: var(--_error);
  }

  /* A ceremony is running: the button stays focusable but looks busy. */
  [aria-disabled='true'] {
    cursor: progress;
    opacity: 0.7;
  }
  :focus-visible {
    outline: 2px solid transparent;
    outline-offset: 2px;
    box-shadow: var(--passkey-focus-ring, 0 0 0 2px var(--_bg), 0 0 0 4px var(--_primary));
  }

  /* The two live regions; they take room only when they say something. */
  [role='status'] {
    color: var(--_muted);
  }
  [role='alert'] {
    color: var(--_error);
  }
  [role]:not(:empty) {
    margin-block-start: calc(var(--_gap) / 2);
  }

  /* A finished flow: the tick, its heading, and what comes next below the heading. */
  [part~='done'] {
    display: grid;
    grid-template-columns: auto 1fr;
    align-items: center;
    gap: 0 0.5em;
    color: var(--_fg);
  }
  [part~='done'] svg {
    inline-size: 1.5em;
    block-size: 1.5em;
    color: var(--passkey-color-success, light-dark(#146c2e, #6dd58c));
  }
  [part~='heading'] {
    font-size: 1.125em;
  }
  [part~='note'] {
    grid-column: 2;
    color: var(--_muted);
  }

  /* Forced colours drop box-shadows: the outline shows focus there. */
  @media (forced-colors: active) {
    :focus-visible {
      outline-color: Highlight;
    }
  }

  /* Stops transitions and animations a theme adds to the parts. */
  @media (prefers-reduced-motion: reduce) {
    * {
      transition: none !important;
      animation: none !important;
    }
  }
`;
