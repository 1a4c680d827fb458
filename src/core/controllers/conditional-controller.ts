import type {CeremonyClient} from '../client/types.js';
import {AuthenticationController} from './authentication-controller.js';

/**
 * Passkeys offered in the browser's autofill (conditional mediation). Started on connect
 * rather than by a click; ended by any explicit ceremony on the page (the page-wide abort
 * signal), after which the host may `start()` it again.
 */
export class ConditionalController extends AuthenticationController {
  override start(client: CeremonyClient) {
    return super.start(client, undefined, true);
  }
}
