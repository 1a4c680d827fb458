import type {Passkey, CeremonyClient, RegistrationOptionsRequest, User} from '../client/types.js';
import {createCredential} from '../webauthn/ceremonies.js';
import {CeremonyController} from './ceremony-controller.js';

export interface Registered {
  passkey: Passkey;
  user: User;
}

/**
 * The registration ceremony: options from the backend, create, verify. With `conditional`,
 * the browser may create the passkey without a prompt for the user who just signed in with a
 * password manager (conditional create); it stays pending until then or until aborted.
 */
export class RegistrationController extends CeremonyController<Registered> {
  start(
    client: CeremonyClient,
    req: RegistrationOptionsRequest,
    name?: string,
    conditional = false,
  ) {
    return this.run(async (signal) => {
      const {options} = await client.registrationOptions(req, signal);
      const response = await createCredential(options, conditional, signal);
      return client.registrationVerify({response, name}, signal);
    });
  }
}
