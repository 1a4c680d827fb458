import type { CredentialRecord, UserRecord } from './store/types.js';

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
  authenticator: { name: string; icon?: string } | null;
}

export function toUserJson(user: UserRecord): UserJson {
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    webauthnUserId: user.webauthnUserId,
  };
}

export function toPasskeyJson(credential: CredentialRecord): PasskeyJson {
  return {
    id: credential.id,
    name: credential.name,
    createdAt: credential.createdAt.toISOString(),
    lastUsedAt: credential.lastUsedAt?.toISOString() ?? null,
    backedUp: credential.backedUp,
    deviceType: credential.deviceType,
    transports: credential.transports,
    aaguid: credential.aaguid,
    // Named from the AAGUID once the authenticator metadata lands (a later issue).
    authenticator: null,
  };
}
