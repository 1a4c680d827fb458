/** Registers every tag of the kit. Import this module (or one element's define) for its side effect. */
export * from './elements/passkey-login/define.js';
export * from './elements/passkey-register/define.js';
