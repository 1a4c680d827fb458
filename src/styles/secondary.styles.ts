import {css} from 'lit';

/**
 * Rows of buttons (`.actions`), and the secondary buttons (outlined) of the flow elements: part
 * names listed here are styled so. They have the primary button's size, so that a pair lines
 * up (the manager's row buttons are smaller: passkey-manager.styles.ts).
 */
export const secondaryStyles = css`
  /* A row of buttons: the primary first, alone on its line while narrow; then its secondary
     buttons, of one height, sharing a line when they fit. Wide, each is as wide as its text. */
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: calc(var(--_gap) / 2);
  }
  .actions > * {
    flex: 1 1 auto;
  }
  .actions > [part~='button'] {
    flex-basis: 100%;
  }
  .actions:empty {
    display: none;
  }
  @container (min-width: 30rem) {
    .actions > *,
    .actions > [part~='button'] {
      flex: 0 1 auto;
    }
  }
  /* Notes and errors inside a form (sign-up: above the buttons) take the form's gap; empty,
     they stay in the accessibility tree but out of the grid (no gap around them). */
  form [role]:not(:empty) {
    margin: 0;
  }
  form [role]:empty {
    position: absolute;
  }

  [part~='rename-button'],
  [part~='delete-button'],
  [part~='cancel-button'],
  [part~='copy-button'],
  [part~='download-button'],
  [part~='resend-button'],
  [part~='back-button'],
  [part~='codes-button'],
  [part~='sessions-button'],
  .quiet [part~='add-button'] {
    color: var(--_primary);
    background: none;
    border-color: currentColor;
  }
  [part~='confirm-button'] {
    color: var(--passkey-color-on-error, light-dark(#fff, #410002));
    background: var(--_error);
    border-color: transparent;
  }
`;
