import {
  describeAuthenticator,
  type AuthenticatorDirectory,
  type AuthenticatorJson,
} from './aaguid.js';
import type {CredentialRecord, UserRecord} from './store/types.js';

/** The contract's `User`. */
export interface UserJson {
  id: string;
  username: string;
  displayName: string;
  webauthnUserId: string;
}

/** The contract's `Passkey`. */
export interface PasskeyJson {
  id: string;
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
  backedUp: boolean;
  deviceType: 'singleDevice' | 'multiDevice';
  transports: string[];
  aaguid: string;
  /**
   * From the AAGUID (the shipped community list, or the site's `AAGUID_FILE`); for the all-zero
   * or an unknown AAGUID, a fallback name (`fallbackAuthenticatorName`). Never `null` here.
   */
  authenticator: AuthenticatorJson;
}

export function toUserJson(user: UserRecord): UserJson {
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    webauthnUserId: user.webauthnUserId,
  };
}

/** `authenticators`: the server's directory (`ServerConfig.authenticators`). */
export function toPasskeyJson(
  credential: CredentialRecord,
  authenticators: AuthenticatorDirectory,
): PasskeyJson {
  return {
    id: credential.id,
    name: credential.name,
    createdAt: credential.createdAt.toISOString(),
    lastUsedAt: credential.lastUsedAt?.toISOString() ?? null,
    backedUp: credential.backedUp,
    deviceType: credential.deviceType,
    transports: credential.transports,
    aaguid: credential.aaguid,
    authenticator: describeAuthenticator(credential, authenticators),
  };
}
