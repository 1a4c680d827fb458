import {css} from 'lit';

/** The list of passkeys and the recovery codes. One rule a line: see base.styles.ts. */
export const managerStyles = css`
  :host {
    min-height: 2.5rem;
  }
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
  [part~='item-name'] {
    font-weight: 600;
    overflow-wrap: anywhere;
  }
  [part~='item-meta'] {
    color: var(--_muted);
    font-size: 0.875em;
  }
  [part~='icon'] {
    width: 2rem;
    height: 2rem;
  }
  picture {
    display: flex;
  }
  [part~='badge'] {
    display: inline-block;
    padding: 0 0.5em;
    border-radius: 1em;
    border: 1px solid currentColor;
  }
  [part~='actions'] {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_gap);
    margin-block-start: var(--_gap);
  }
  [part~='codes-list'] {
    font-family: ui-monospace, monospace;
    columns: 2;
    padding-inline-start: 2em;
  }
  @media (max-width: 30rem) {
    [part~='item'] {
      grid-template-columns: 2rem 1fr;
    }
    [part~='item'] > button {
      grid-column: 2;
    }
  }
`;
