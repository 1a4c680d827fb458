/**
 * What the stand-in servers (test/servers/*-stand-in.ts) share: real WebAuthn ceremonies through
 * @simplewebauthn/server, with one-use challenges found from the response's clientDataJSON, and
 * an in-memory credential table. The stand-ins only answer in their service's documented shapes;
 * the verification underneath is as strict as the reference backend's.
 */
import {randomBytes} from 'node:crypto';
import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type AuthenticationResponseJSON,
  type RegistrationResponseJSON,
} from '@simplewebauthn/server';
import {isoBase64URL} from '@simplewebauthn/server/helpers';

export interface StoredCredential {
  id: string;
  userId: string;
  publicKey: Uint8Array<ArrayBuffer>;
  counter: number;
  transports: NonNullable<RegistrationResponseJSON['response']['transports']>;
  backedUp: boolean;
  aaguid: string;
  createdAt: string;
  lastUsedAt: string | null;
  name: string;
  /** Which table the credential is in: a first factor, or a second factor (MFA). */
  factor: 'first' | 'mfa';
}

/** A ceremony's failure: the stand-in turns `kind` into its service's own error answer. */
export class CeremonyError extends Error {
  constructor(
    readonly kind: 'challenge' | 'verification' | 'unknown_credential' | 'credential_exists',
    message: string,
  ) {
    super(message);
  }
}

export class StandInWebAuthn<Data> {
  readonly credentials = new Map<string, StoredCredential>();
  private readonly challenges = new Map<string, {purpose: string; data: Data; expires: number}>();

  constructor(readonly settings: {origin: string; rpId: string; rpName: string}) {}

  async registrationOptions(
    purpose: string,
    data: Data,
    user: {name: string; displayName?: string; id?: Uint8Array<ArrayBuffer>},
    exclude: StoredCredential[] = [],
  ) {
    const options = await generateRegistrationOptions({
      rpName: this.settings.rpName,
      rpID: this.settings.rpId,
      userName: user.name,
      userDisplayName: user.displayName ?? user.name,
      userID: user.id ?? Uint8Array.from(randomBytes(32)),
      attestationType: 'none',
      authenticatorSelection: {residentKey: 'required', userVerification: 'required'},
      excludeCredentials: exclude.map((c) => ({id: c.id, transports: c.transports})),
    });
    this.challenges.set(options.challenge, {purpose, data, expires: Date.now() + 5 * 60_000});
    return options;
  }

  async authenticationOptions(purpose: string, data: Data, allow: StoredCredential[] = []) {
    const options = await generateAuthenticationOptions({
      rpID: this.settings.rpId,
      userVerification: 'required',
      allowCredentials: allow.map((c) => ({id: c.id, transports: c.transports})),
    });
    this.challenges.set(options.challenge, {purpose, data, expires: Date.now() + 5 * 60_000});
    return options;
  }

  /** The challenge the response signed, consumed whatever happens next. */
  private consume(
    response: {response?: {clientDataJSON?: unknown}},
    purpose: string,
  ): {challenge: string; data: Data} {
    let challenge: string;
    try {
      challenge = JSON.parse(
        isoBase64URL.toUTF8String(String(response?.response?.clientDataJSON)),
      ).challenge;
    } catch {
      throw new CeremonyError('verification', 'clientDataJSON is not readable');
    }
    const entry = this.challenges.get(challenge);
    this.challenges.delete(challenge);
    if (!entry || entry.purpose !== purpose || entry.expires < Date.now())
      throw new CeremonyError('challenge', 'unknown, used or expired challenge');
    return {challenge, data: entry.data};
  }

  async verifyRegistration(
    purpose: string,
    response: RegistrationResponseJSON,
    userIdFor: (data: Data) => string,
    factor: StoredCredential['factor'] = 'first',
    name = 'Passkey',
  ) {
    const {challenge, data} = this.consume(response, purpose);
    let info;
    try {
      const v = await verifyRegistrationResponse({
        response,
        expectedChallenge: challenge,
        expectedOrigin: this.settings.origin,
        expectedRPID: this.settings.rpId,
        requireUserVerification: true,
      });
      if (!v.verified) throw new Error('not verified');
      info = v.registrationInfo;
    } catch (e) {
      throw new CeremonyError('verification', (e as Error).message);
    }
    if (this.credentials.has(info.credential.id))
      throw new CeremonyError('credential_exists', 'credential already registered');
    const credential: StoredCredential = {
      id: info.credential.id,
      userId: userIdFor(data),
      publicKey: Uint8Array.from(info.credential.publicKey),
      counter: info.credential.counter,
      transports: response.response.transports ?? [],
      backedUp: info.credentialBackedUp,
      aaguid: info.aaguid,
      createdAt: new Date().toISOString(),
      lastUsedAt: null,
      name,
      factor,
    };
    this.credentials.set(credential.id, credential);
    return {credential, data};
  }

  async verifyAuthentication(
    purpose: string,
    response: AuthenticationResponseJSON,
    factor: StoredCredential['factor'] = 'first',
  ) {
    const {challenge, data} = this.consume(response, purpose);
    const credential = this.credentials.get(response?.id);
    if (!credential || credential.factor !== factor)
      throw new CeremonyError('unknown_credential', 'no such credential');
    try {
      const v = await verifyAuthenticationResponse({
        response,
        expectedChallenge: challenge,
        expectedOrigin: this.settings.origin,
        expectedRPID: this.settings.rpId,
        requireUserVerification: true,
        credential: {
          id: credential.id,
          publicKey: credential.publicKey,
          counter: credential.counter,
          transports: credential.transports,
        },
      });
      if (!v.verified) throw new Error('not verified');
      credential.counter = v.authenticationInfo.newCounter;
      credential.lastUsedAt = new Date().toISOString();
    } catch (e) {
      throw new CeremonyError('verification', (e as Error).message);
    }
    return {credential, data};
  }

  of(userId: string, factor: StoredCredential['factor']) {
    return [...this.credentials.values()].filter((c) => c.userId === userId && c.factor === factor);
  }
}

export const token = () => randomBytes(24).toString('base64url');
