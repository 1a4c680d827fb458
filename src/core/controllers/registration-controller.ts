import type {
  Passkey,
  PasskeyClient,
  RegistrationOptionsRequest,
  User,
} from '../client/types.js';
import {createCredential} from '../webauthn/ceremonies.js';
import {CeremonyController} from './ceremony-controller.js';

export interface Registered {
  passkey: Passkey;
  user: User;
}

/** The registration ceremony: options from the backend, create, verify. */
export class RegistrationController extends CeremonyController<Registered> {
  start(client: PasskeyClient, req: RegistrationOptionsRequest, name?: string) {
    return this.run(async () => {
      const {options} = await client.registrationOptions(req);
      const response = await createCredential(options);
      return client.registrationVerify({response, name});
    });
  }
}
