import {css} from 'lit';

/** Secondary buttons (outlined) of the flow elements. Part names listed here are styled so. */
export const secondaryStyles = css`
  [part~='rename-button'],
  [part~='delete-button'],
  [part~='cancel-button'],
  [part~='copy-button'],
  [part~='download-button'],
  [part~='resend-button'],
  [part~='back-button'] {
    color: var(--_primary);
    background: none;
    border-color: currentColor;
    padding: 0.3em 0.7em;
  }
  [part~='confirm-button'] {
    color: var(--passkey-color-on-error, light-dark(#fff, #410002));
    background: var(--_error);
    border-color: transparent;
  }
`;
