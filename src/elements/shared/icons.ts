import {html, nothing} from 'lit';

// The kit's pictures, drawn inline (no icon font, no image requests) as 2px strokes in
// `currentColor` (base.styles.ts styles every svg so), so they take the text colour of wherever
// they sit, in every theme and in forced colours. Decorative: hidden from assistive technology,
// the text beside them says it all.

/** A 24 × 24 picture of one path. */
export const icon = (d: string) =>
  html`<svg viewBox="0 0 24 24" aria-hidden="true"><path d=${d} /></svg>`;

/**
 * The passkey glyph (a person and a key), shown on the buttons that open the browser's passkey
 * prompt, so users learn what such a button does before they press it.
 */
export const passkeyGlyph = icon(
  'M13 7a4 4 0 1 1-8 0 4 4 0 0 1 8 0M2 21a7 7 0 0 1 11-6m8-4a3 3 0 1 1-6 0 3 3 0 0 1 6 0m-3 3v7m0-3h2m-2-2h2',
);

/** A tick in a circle: the mark of a finished flow. */
const doneMark = icon('M22 12a10 10 0 1 1-20 0 10 10 0 0 1 20 0m-14.5.5 3 3 6-7');

/**
 * What a finished flow shows in its status region instead of a form: the tick, a `heading` that
 * says what happened, and, when there is one, a `note` on what comes next. It can take focus
 * (the element moves focus there when the form it replaces had it).
 */
export const doneNote = (heading: string, note?: string) =>
  html`<span part="done" tabindex="-1"
    >${doneMark}<strong part="heading">${heading}</strong>${
      note ? html` <span part="note">${note}</span>` : nothing
    }</span
  >`;
