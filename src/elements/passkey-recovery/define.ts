import {PasskeyRecovery} from './passkey-recovery.js';

PasskeyRecovery.define('passkey-recovery');

declare global {
  interface HTMLElementTagNameMap {
    'passkey-recovery': PasskeyRecovery;
  }
}
export {PasskeyRecovery};
