import type {CeremonyClient, User} from '../client/types.js';
import {getAssertion} from '../webauthn/ceremonies.js';
import {toPasskeyError} from '../webauthn/errors.js';
import {signalUnknownCredential} from '../webauthn/signals.js';
import {CeremonyController} from './ceremony-controller.js';

/**
 * The authentication ceremony: options (for a username, or none for any discoverable
 * passkey), get, verify. With `autofill` it runs as conditional mediation. When the backend
 * does not know the credential, the browser is told (`signalUnknownCredential`) so the
 * authenticator stops offering it.
 */
export class AuthenticationController extends CeremonyController<User> {
  start(client: CeremonyClient, username?: string, autofill = false) {
    return this.run(async (signal) => {
      const {options} = await client.authenticationOptions(username ? {username} : {}, signal);
      const response = await getAssertion(options, autofill, signal);
      try {
        return (await client.authenticationVerify({response}, signal)).user;
      } catch (e) {
        const err = toPasskeyError(e);
        if (err.code === 'unknown_credential') {
          await signalUnknownCredential(
            options.rpId ?? location.hostname,
            err.credentialId ?? response.id,
          );
        }
        throw err;
      }
    });
  }
}
