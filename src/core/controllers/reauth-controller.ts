import type {PasskeyClient, ReauthVerifyResponse} from '../client/types.js';
import {getAssertion} from '../webauthn/ceremonies.js';
import {CeremonyController} from './ceremony-controller.js';

/**
 * Step-up (contract v1.1): the signed-in user confirms it is them with one of their passkeys.
 * Options for the session user's passkeys, get, verify with the optional `action` the step-up
 * token is bound to. The session is marked verified; no session is created.
 */
export class ReauthController extends CeremonyController<ReauthVerifyResponse> {
  start(client: PasskeyClient, action?: string) {
    return this.run(async (signal) => {
      const {options} = await client.reauthOptions(signal);
      const response = await getAssertion(options, false, signal);
      return client.reauthVerify(action ? {response, action} : {response}, signal);
    });
  }
}
