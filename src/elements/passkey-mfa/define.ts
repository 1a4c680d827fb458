import {PasskeyMfa} from './passkey-mfa.js';

PasskeyMfa.define('passkey-mfa');

declare global {
  interface HTMLElementTagNameMap {
    'passkey-mfa': PasskeyMfa;
  }
}
export {PasskeyMfa};
