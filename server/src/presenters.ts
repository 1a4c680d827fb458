import {
  describeAuthenticator,
  type AuthenticatorDirectory,
  type AuthenticatorJson,
} from './aaguid.js';
import type {CredentialRecord, UserRecord} from './store/types.js';
import type {Passkey, User} from 'passkey-elements/contract';

/** The contract's `User` (`passkey-elements/contract`, shared with the elements' client). */
export type UserJson = User;

/**
 * The contract's `Passkey` as this server writes it: `authenticator` is never `null`, from the
 * AAGUID (the shipped community list, or the site's `AAGUID_FILE`); for the all-zero or an
 * unknown AAGUID, a fallback name (`fallbackAuthenticatorName`).
 */
export interface PasskeyJson extends Passkey {
  authenticator: AuthenticatorJson;
}

export function toUserJson(user: UserRecord): UserJson {
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    webauthnUserId: user.webauthnUserId,
  } satisfies User;
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
  } satisfies PasskeyJson;
}
