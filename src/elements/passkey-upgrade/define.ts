import {PasskeyUpgrade} from './passkey-upgrade.js';

PasskeyUpgrade.define('passkey-upgrade');

declare global {
  interface HTMLElementTagNameMap {
    'passkey-upgrade': PasskeyUpgrade;
  }
}
export {PasskeyUpgrade};
