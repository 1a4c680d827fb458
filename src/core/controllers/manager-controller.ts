import type {Passkey, PasskeyClient, RecoveryCodeStatusResponse, User} from '../client/types.js';
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
  /**
   * How the user's recovery codes stand (`GET /recovery/codes`); `undefined` when the client
   * cannot tell (it has no `recoveryCodeStatus`, or that call failed).
   */
  codeStatus?: RecoveryCodeStatusResponse;

  /** Forgets the signed-out user: their passkeys, the codes on show, how their codes stand. */
  forget() {
    this.passkeys = [];
    this.user = null;
    this.codes = this.codeStatus = undefined;
  }

  load(client: PasskeyClient) {
    return this.run(async (signal) => {
      const [session, {passkeys}, status] = await Promise.all([
        client.session(signal),
        client.listPasskeys(signal),
        // The list shows without it: a backend without the v1.1 endpoint just shows no count.
        client.recoveryCodeStatus?.(signal).catch(() => undefined),
      ]);
      this.user = session.user;
      this.codeStatus = status;
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
    return this.run(async (signal) => {
      const {codes} = await client.recoveryCodes(signal);
      const n = codes.length;
      this.codeStatus = {
        total: n,
        unused: n,
        createdAt: new Date().toISOString(),
        lastUsedAt: null,
      };
      return (this.codes = codes);
    });
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
