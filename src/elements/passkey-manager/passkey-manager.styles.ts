import {css} from 'lit';

/**
 * The list of passkeys, the inline confirm and the recovery codes (minified by the builds, like
 * base.styles.ts). Laid out by the element's own width (base.styles.ts makes it a container):
 * narrow, a passkey's buttons go under its name and the codes take one column.
 */
export const managerStyles = css`
  /* Room for the status line while the list loads. */
  :host {
    min-height: 2.5rem;
  }

  /* Paragraphs take the gaps of the grids they sit in. */
  p {
    margin: 0;
  }

  /* The list: one card per passkey. Narrow: icon | name and details, and under them its two
     buttons side by side; wide: icon | name and details | rename | delete. */
  ul {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: var(--_gap);
  }
  /* Cards: a passkey (or its skeleton), the empty list, and the boxes under the list (the
     inline confirm, replacing the codes, the codes themselves). */
  ul > li,
  .empty,
  [part~='reauth'],
  [part~='replace'],
  [part~='codes'] {
    display: grid;
    gap: var(--_gap);
    padding: var(--_gap);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
  ul > li {
    grid-template-columns: 2rem 1fr 1fr;
    align-items: center;
    row-gap: calc(var(--_gap) / 2);
  }
  [part~='item'] > div,
  [part~='item'] form {
    grid-column: 2/-1;
  }
  [part~='item'] > div {
    display: grid;
    /* Clips the separator of a detail that starts a line (see .details); clipped, it may also
       shrink below its content's width. */
    overflow: hidden;
  }
  /* A row's two buttons (Rename and Delete, or Delete and Keep) are smaller than the form
     buttons; narrow, they share a row, as tall as each other when one's words wrap. */
  [part~='item'] > button {
    padding: 0.3em 0.7em;
    align-self: stretch;
  }
  [part~='item'] > button:first-of-type {
    grid-column: 2;
  }
  @container (min-width: 30rem) {
    [part~='item'] > button {
      align-self: center;
    }
    [part~='item'] {
      grid-template-columns: 2rem 1fr auto auto;
    }
    [part~='item'] > div {
      grid-column: 2;
    }
    [part~='item'] > button:first-of-type {
      grid-column: 3;
    }
  }

  /* A passkey's name, and the line of details under it. */
  [part~='item-name'] {
    font-weight: 600;
    overflow-wrap: anywhere;
  }
  [part~='item-meta'] {
    font-size: 0.875em;
  }
  /* Details separated by a dot; one that starts a line has its dot in the clipped margin, so
     no line ends or starts with a dangling dot. */
  .details {
    display: flex;
    flex-wrap: wrap;
    margin-inline-start: -1.2em;
  }
  .details > span::before {
    content: '·';
    display: inline-block;
    inline-size: 1.2em;
    text-align: center;
  }

  /* The authenticator's icon, or a key in a tinted box of the same size (the empty list's key
     is as large, and as blue). */
  [part~='icon'],
  .empty svg {
    inline-size: 2rem;
    block-size: 2rem;
    color: var(--_primary);
  }
  span[part~='icon'] {
    display: grid;
    place-items: center;
    border-radius: var(--_radius);
    background: color-mix(in srgb, currentColor 12%, transparent);
  }
  picture {
    display: flex;
  }

  /* Synced, or this device only. */
  [part~='badge'] {
    display: inline-block;
    padding: 0 0.5em;
    border-radius: 1em;
    border: 1px solid currentColor;
  }

  /* While the list loads: two grey rows in the shape of passkeys. */
  [part~='skeleton'] span {
    block-size: 0.75em;
    border-radius: 0.375em;
    background: color-mix(in srgb, var(--_muted) 25%, transparent);
  }
  [part~='skeleton'] span:first-child {
    block-size: 2rem;
  }

  /* No passkeys yet: a key, what is missing and why it is worth adding one. */
  .empty {
    justify-items: center;
    gap: calc(var(--_gap) / 2);
    padding-block: calc(var(--_gap) * 2);
    text-align: center;
    border-style: dashed;
  }

  /* Secondary text: a passkey's details, why to add one, how the recovery codes stand, the
     codes' numbers. */
  [part~='item-meta'],
  .empty span,
  [part~='codes-status'],
  [part~='code']::marker {
    color: var(--_muted);
  }

  /* Under the list, a gap apart: the codes' state, the buttons (Add a passkey the main action,
     the others outlined: secondary.styles.ts), and the boxes. */
  [part~='codes-status'],
  [part~='actions'],
  [part~='reauth'],
  [part~='replace'],
  [part~='codes'] {
    margin-block-start: var(--_gap);
  }
  [part~='reauth'] {
    border-color: var(--_primary);
  }
  /* Copy refused: its note (an alert, in the error colour) takes room only when it says so. */
  [part~='codes-error']:empty {
    display: none;
  }

  /* The codes: numbered (the numbers in the margin and the gaps), never broken inside a code;
     as many columns as fit, one in a narrow container. */
  [part~='codes-list'] {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(20ch, auto));
    gap: 0.25em 5ch;
    margin: 0;
    padding-inline-start: 4ch;
    font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
    font-size: 1.0625em;
    white-space: nowrap;
  }
`;
