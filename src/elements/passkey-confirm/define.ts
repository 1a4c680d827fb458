import {PasskeyConfirm} from './passkey-confirm.js';

PasskeyConfirm.define('passkey-confirm');

declare global {
  interface HTMLElementTagNameMap {
    'passkey-confirm': PasskeyConfirm;
  }
}
export {PasskeyConfirm};
