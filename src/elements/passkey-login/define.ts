import {PasskeyLogin} from './passkey-login.js';

PasskeyLogin.define('passkey-login');

declare global {
  interface HTMLElementTagNameMap {
    'passkey-login': PasskeyLogin;
  }
}
export {PasskeyLogin};
