/**
 * Chromium's DevTools virtual authenticator over any CDP session (Playwright's, Puppeteer's):
 * the part the Playwright helper and the Web Test Runner plugin share. Ids, user handles and
 * private keys go in and out as base64url (what WebAuthn JSON and the backends speak); CDP
 * itself speaks standard base64, converted here.
 */

/** The one method of a CDP session this module uses (Playwright's and Puppeteer's both have it). */
export interface CdpSessionLike {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  send(method: any, params?: any): Promise<any>;
}

/** `WebAuthn.addVirtualAuthenticator`'s options (the DevTools protocol's names). */
export interface VirtualAuthenticatorOptions {
  protocol?: 'ctap2' | 'u2f';
  ctap2Version?: 'ctap2_0' | 'ctap2_1';
  transport?: 'usb' | 'nfc' | 'ble' | 'cable' | 'internal';
  hasResidentKey?: boolean;
  hasUserVerification?: boolean;
  isUserVerified?: boolean;
  automaticPresenceSimulation?: boolean;
  hasLargeBlob?: boolean;
  hasCredBlob?: boolean;
  hasMinPinLength?: boolean;
  hasPrf?: boolean;
  defaultBackupEligibility?: boolean;
  defaultBackupState?: boolean;
}

/** A platform passkey provider that verifies the user and answers at once: what a passkey test usually wants. */
export const DEFAULT_AUTHENTICATOR: Readonly<VirtualAuthenticatorOptions> = Object.freeze({
  protocol: 'ctap2',
  ctap2Version: 'ctap2_1',
  transport: 'internal',
  hasResidentKey: true,
  hasUserVerification: true,
  isUserVerified: true,
  automaticPresenceSimulation: true,
});

/** A credential the authenticator holds; ids and user handle in base64url. */
export interface VirtualCredential {
  credentialId: string;
  isResidentCredential: boolean;
  rpId?: string;
  userHandle?: string;
  signCount: number;
  backupEligibility?: boolean;
  backupState?: boolean;
  userName?: string;
  userDisplayName?: string;
  /** PKCS#8, base64url: only when asked for (`credentials({privateKey: true})`). */
  privateKey?: string;
}

/** A credential to plant (e.g. one the backend has never seen); base64url throughout. */
export interface NewVirtualCredential {
  credentialId: string;
  rpId: string;
  /** PKCS#8 private key (ECDSA P-256). */
  privateKey: string;
  /** Required for a resident (discoverable) credential. */
  userHandle?: string;
  isResidentCredential?: boolean;
  signCount?: number;
  userName?: string;
  userDisplayName?: string;
}

/** base64 (CDP) → base64url. */
const toBase64url = <T extends string | undefined>(value: T): T =>
  (value == null ? value : Buffer.from(value, 'base64').toString('base64url')) as T;
/** base64url (or base64) → base64 (CDP). */
const toBase64 = <T extends string | undefined>(value: T): T =>
  (value == null ? value : Buffer.from(value, 'base64url').toString('base64')) as T;

const enabled = new WeakSet<CdpSessionLike>();

/** `WebAuthn.enable` once per CDP session (no browser UI: the authenticator answers by itself). */
export async function enableWebAuthn(cdp: CdpSessionLike): Promise<void> {
  if (enabled.has(cdp)) return;
  await cdp.send('WebAuthn.enable', {enableUI: false});
  enabled.add(cdp);
}

/** One virtual authenticator. It lives as long as the CDP session that made it. */
export class VirtualAuthenticator {
  constructor(
    readonly cdp: CdpSessionLike,
    readonly authenticatorId: string,
  ) {}

  /** Adds an authenticator to the session's page: `DEFAULT_AUTHENTICATOR` with `options` on top. */
  static async add(
    cdp: CdpSessionLike,
    options: VirtualAuthenticatorOptions = {},
  ): Promise<VirtualAuthenticator> {
    await enableWebAuthn(cdp);
    const {authenticatorId} = await cdp.send('WebAuthn.addVirtualAuthenticator', {
      options: {...DEFAULT_AUTHENTICATOR, ...options},
    });
    return new VirtualAuthenticator(cdp, authenticatorId);
  }

  /** The credentials it holds; with `privateKey: true` their keys too, so a test can plant them again. */
  async credentials(options: {privateKey?: boolean} = {}): Promise<VirtualCredential[]> {
    const {credentials} = (await this.cdp.send('WebAuthn.getCredentials', {
      authenticatorId: this.authenticatorId,
      // eslint-disable-next-line @typescript-eslint/no-explicit-any -- CDP's own shape, mapped below
    })) as {credentials: any[]};
    return credentials.map((c) => ({
      credentialId: toBase64url(c.credentialId),
      isResidentCredential: c.isResidentCredential,
      rpId: c.rpId,
      userHandle: toBase64url(c.userHandle),
      signCount: c.signCount,
      backupEligibility: c.backupEligibility,
      backupState: c.backupState,
      userName: c.userName,
      userDisplayName: c.userDisplayName,
      ...(options.privateKey ? {privateKey: toBase64url(c.privateKey)} : {}),
    }));
  }

  async addCredential(credential: NewVirtualCredential): Promise<void> {
    if (!credential?.credentialId || !credential?.privateKey) {
      throw new Error('addCredential needs credentialId and privateKey');
    }
    await this.cdp.send('WebAuthn.addCredential', {
      authenticatorId: this.authenticatorId,
      credential: {
        isResidentCredential: true,
        signCount: 0,
        ...credential,
        credentialId: toBase64(credential.credentialId),
        privateKey: toBase64(credential.privateKey),
        userHandle: toBase64(credential.userHandle),
      },
    });
  }

  async removeCredential(credentialId: string): Promise<void> {
    await this.cdp.send('WebAuthn.removeCredential', {
      authenticatorId: this.authenticatorId,
      credentialId: toBase64(credentialId),
    });
  }

  /** Deletes every credential it holds. */
  async clearCredentials(): Promise<void> {
    await this.cdp.send('WebAuthn.clearCredentials', {authenticatorId: this.authenticatorId});
  }

  /** Whether the next ceremonies verify the user (false: they fail with `NotAllowedError` where UV is required). */
  async setUserVerified(value: boolean): Promise<void> {
    await this.cdp.send('WebAuthn.setUserVerified', {
      authenticatorId: this.authenticatorId,
      isUserVerified: value,
    });
  }

  /** Off: ceremonies wait for a touch that never comes (e.g. to test aborting a pending prompt). */
  async setPresence(value: boolean): Promise<void> {
    await this.cdp.send('WebAuthn.setAutomaticPresenceSimulation', {
      authenticatorId: this.authenticatorId,
      enabled: value,
    });
  }

  async remove(): Promise<void> {
    await this.cdp.send('WebAuthn.removeVirtualAuthenticator', {
      authenticatorId: this.authenticatorId,
    });
  }
}
