import {PasskeyRegister} from './passkey-register.js';

PasskeyRegister.define('passkey-register');

declare global {
  interface HTMLElementTagNameMap {
    'passkey-register': PasskeyRegister;
  }
}
export {PasskeyRegister};
