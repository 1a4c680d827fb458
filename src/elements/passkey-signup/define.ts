import {PasskeySignup} from './passkey-signup.js';

PasskeySignup.define('passkey-signup');

declare global {
  interface HTMLElementTagNameMap {
    'passkey-signup': PasskeySignup;
  }
}
export {PasskeySignup};
