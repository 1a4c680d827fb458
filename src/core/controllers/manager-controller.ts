import type {Passkey, PasskeyClient, User} from '../client/types.js';
import {signalAllAcceptedCredentials, signalCurrentUserDetails} from '../webauthn/signals.js';
import {CeremonyController} from './ceremony-controller.js';

/**
 * The signed-in user's passkeys: loads them with the session, renames, deletes, creates
 * recovery codes, signs out the user's other sessions, and keeps the authenticator in step
 * through the Signal API after each change (`signalAllAcceptedCredentials`,
 * `signalCurrentUserDetails`).
 */
export class ManagerController extends CeremonyController<unknown> {
  passkeys: Passkey[] = [];
  user?: User | null;
  rpId = '';
  /** The last recovery codes created here: shown once. */
  codes?: string[];

  load(client: PasskeyClient) {
    return this.run(async (signal) => {
      const [session, {passkeys}] = await Promise.all([
        client.session(signal),
        client.listPasskeys(signal),
      ]);
      this.user = session.user;
      this.rpId = session.rpId ?? location.hostname;
      this.passkeys = passkeys;
      this.sync();
    });
  }

  rename(client: PasskeyClient, id: string, name: string) {
    return this.run(async (signal) => {
      const {passkey} = await client.renamePasskey(id, name, signal);
      this.passkeys = this.passkeys.map((p) => (p.id === id ? passkey : p));
      return passkey;
    });
  }

  remove(client: PasskeyClient, id: string) {
    return this.run(async (signal) => {
      await client.deletePasskey(id, signal);
      this.passkeys = this.passkeys.filter((p) => p.id !== id);
      this.sync();
      return id;
    });
  }

  createCodes(client: PasskeyClient) {
    return this.run(async (signal) => (this.codes = (await client.recoveryCodes(signal)).codes));
  }

  /** Ends every other session of the user (`DELETE /sessions`); `true` once done. */
  endOtherSessions(client: PasskeyClient) {
    return this.run(async (signal) => {
      await client.endOtherSessions(signal);
      return true;
    });
  }

  /** A passkey added elsewhere (e.g. by the host's registration ceremony). */
  added(passkey: Passkey) {
    this.passkeys = [passkey, ...this.passkeys];
    this.sync();
    this.host.requestUpdate();
  }

  private sync() {
    const u = this.user;
    if (!u) return;
    signalAllAcceptedCredentials(
      this.rpId,
      u.webauthnUserId,
      this.passkeys.map((p) => p.id),
    );
    signalCurrentUserDetails(this.rpId, u.webauthnUserId, u.username, u.displayName);
  }
}
