/** Registers every tag of the kit. Import this module (or one element's define) for its side effect. */
export * from './elements/passkey-login/define.js';
export * from './elements/passkey-register/define.js';
export * from './elements/passkey-manager/define.js';
export * from './elements/passkey-mfa/define.js';
export * from './elements/passkey-signup/define.js';
export * from './elements/passkey-recovery/define.js';
export * from './elements/passkey-upgrade/define.js';
export * from './elements/passkey-confirm/define.js';
