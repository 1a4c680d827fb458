/**
 * passkey-elements: the classes, types, events and clients, with no side effects.
 * Import `passkey-elements/define.js` to register the tags.
 */
export {PasskeyElement} from './core/passkey-element.js';
export {PasskeyLogin} from './elements/passkey-login/passkey-login.js';
export {PasskeyRegister} from './elements/passkey-register/passkey-register.js';
export {PasskeyManager} from './elements/passkey-manager/passkey-manager.js';
export {PasskeyMfa} from './elements/passkey-mfa/passkey-mfa.js';
export {PasskeySignup} from './elements/passkey-signup/passkey-signup.js';
export {PasskeyRecovery} from './elements/passkey-recovery/passkey-recovery.js';
export {PasskeyUpgrade} from './elements/passkey-upgrade/passkey-upgrade.js';
export {PasskeyConfirm} from './elements/passkey-confirm/passkey-confirm.js';
export {FetchCeremonyClient, FetchClient} from './core/client/fetch-client.js';
export {PasskeyError} from './core/client/passkey-error.js';
export type * from './core/client/types.js';
export type * from './events/passkey-events.js';
export {passkeyEventNames} from './events/passkey-events.js';
export {
  CeremonyController,
  type CeremonyStatus,
  type Outcome,
} from './core/controllers/ceremony-controller.js';
export {RegistrationController} from './core/controllers/registration-controller.js';
export {AuthenticationController} from './core/controllers/authentication-controller.js';
export {ConditionalController} from './core/controllers/conditional-controller.js';
export {ManagerController} from './core/controllers/manager-controller.js';
export {MfaController} from './core/controllers/mfa-controller.js';
export {ReauthController} from './core/controllers/reauth-controller.js';
export {conditionalCreateAvailable, detectSupport, type Support} from './core/webauthn/support.js';
export {errorMessage} from './core/messages.js';
export {
  configurePasskeyLocalization,
  loadPasskeyLocale,
  matchPasskeyLocale,
  passkeyLocales,
  type PasskeyLocale,
  type PasskeyLocalization,
  type PasskeyLocalizationOptions,
} from './localization.js';
