import {css} from 'lit';

/**
 * The list of passkeys, the inline confirm and the recovery codes (minified by the builds, like
 * base.styles.ts).
 */
export const managerStyles = css`
  /* Room for the status line while the list loads. */
  :host {
    min-height: 2.5rem;
  }

  /* The list: one card per passkey, icon | name and details | rename | delete. */
  ul {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: var(--_gap);
  }
  [part~='item'] {
    display: grid;
    grid-template-columns: 2rem 1fr auto auto;
    align-items: center;
    gap: calc(var(--_gap) / 2) var(--_gap);
    padding: var(--_gap);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
  [part~='item'] > div {
    display: grid;
    min-width: 0;
  }
  [part~='item'] form {
    grid-column: 2/-1;
  }

  /* A passkey's name, and the line of details under it. */
  [part~='item-name'] {
    font-weight: 600;
    overflow-wrap: anywhere;
  }
  [part~='item-meta'] {
    color: var(--_muted);
    font-size: 0.875em;
  }

  /* The authenticator's icon, or an empty box of the same size. */
  [part~='icon'] {
    width: 2rem;
    height: 2rem;
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

  /* Add a passkey, create recovery codes. */
  [part~='actions'] {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_gap);
    margin-block-start: var(--_gap);
  }

  /* The inline confirm before a sensitive action: why, then its buttons in a row. */
  [part~='reauth'] {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_gap);
    margin-block-start: var(--_gap);
    padding: var(--_gap);
    border: 1px solid var(--_primary);
    border-radius: var(--_radius);
  }
  [part~='reauth-note'] {
    flex-basis: 100%;
    margin: 0;
  }

  /* The recovery codes, in two columns. */
  [part~='codes-list'] {
    font-family: ui-monospace, monospace;
    columns: 2;
    padding-inline-start: 2em;
  }

  /* Narrow screens: the buttons go under the name. */
  @media (max-width: 30rem) {
    [part~='item'] {
      grid-template-columns: 2rem 1fr;
    }
    [part~='item'] > button {
      grid-column: 2;
    }
  }
`;
