import {PasskeyManager} from './passkey-manager.js';

PasskeyManager.define('passkey-manager');

declare global {
  interface HTMLElementTagNameMap {
    'passkey-manager': PasskeyManager;
  }
}
export {PasskeyManager};
