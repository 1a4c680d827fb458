import type {
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
} from '@simplewebauthn/browser';
import type {MfaOptionsResponse, Passkey, PasskeyClient, User} from '../client/types.js';
import {createCredential, getAssertion} from '../webauthn/ceremonies.js';
import {CeremonyController} from './ceremony-controller.js';

/** What `/mfa/options` answered: register or verify, and the options for that ceremony. */
export type MfaOptions = MfaOptionsResponse<
  PublicKeyCredentialCreationOptionsJSON | PublicKeyCredentialRequestOptionsJSON
>;

/**
 * The passkey as a second factor: asks the backend whether this user must register one or
 * verify with one (unless given that answer, `prefetched`: `<passkey-mfa>` asks early, to word
 * its prompt by the mode), runs that ceremony, and verifies it with the same `mfaToken`.
 */
export class MfaController extends CeremonyController<{user: User; passkey?: Passkey}> {
  start(client: PasskeyClient, mfaToken: string, prefetched?: MfaOptions) {
    return this.run(async (signal) => {
      const {mode, options} = prefetched ?? (await client.mfaOptions({mfaToken}, signal));
      const response =
        mode === 'register'
          ? await createCredential(options as PublicKeyCredentialCreationOptionsJSON, false, signal)
          : await getAssertion(options as PublicKeyCredentialRequestOptionsJSON, false, signal);
      return client.mfaVerify({mfaToken, response}, signal);
    });
  }
}
