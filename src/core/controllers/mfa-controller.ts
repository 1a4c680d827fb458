import type {
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
} from '@simplewebauthn/browser';
import type {Passkey, PasskeyClient, User} from '../client/types.js';
import {createCredential, getAssertion} from '../webauthn/ceremonies.js';
import {CeremonyController} from './ceremony-controller.js';

/**
 * The passkey as a second factor: asks the backend whether this user must register one or
 * verify with one, runs that ceremony, and verifies it with the same `mfaToken`.
 */
export class MfaController extends CeremonyController<{user: User; passkey?: Passkey}> {
  start(client: PasskeyClient, mfaToken: string) {
    return this.run(async (signal) => {
      const {mode, options} = await client.mfaOptions({mfaToken}, signal);
      const response =
        mode === 'register'
          ? await createCredential(options as PublicKeyCredentialCreationOptionsJSON, false, signal)
          : await getAssertion(options as PublicKeyCredentialRequestOptionsJSON, false, signal);
      return client.mfaVerify({mfaToken, response}, signal);
    });
  }
}
