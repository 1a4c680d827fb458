/**
 * A software authenticator in Node: real key pairs (node:crypto), real CBOR attestation objects
 * and COSE keys (@levischuck/tiny-cbor, an optional peer dependency of the package), real
 * signatures, so a backend's verifier runs unmocked. Every field a test may want to spoil can be
 * overridden per call through `tamper`. Used by the reference backend's tests and by the
 * conformance kit (`passkey-elements-conformance`).
 */
import {createHash, generateKeyPairSync, randomBytes, sign, type KeyObject} from 'node:crypto';
import type {CBORType} from '@levischuck/tiny-cbor';
import type {
  AuthenticationResponseJSON,
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
  RegistrationResponseJSON,
} from '@simplewebauthn/browser';
import {need, optionalPeer} from './optional-peer.js';

/**
 * @levischuck/tiny-cbor, an optional peer dependency: without it this module still loads (for
 * the kit's other helpers), and making a credential says what to install.
 */
const cbor = await optionalPeer('@levischuck/tiny-cbor', () => import('@levischuck/tiny-cbor'));

const encodeCBOR = (value: CBORType) =>
  need(cbor, '@levischuck/tiny-cbor', 'SoftAuthenticator').encodeCBOR(value);

export type Algorithm = 'ES256' | 'Ed25519';

export interface Flags {
  up: boolean;
  uv: boolean;
  /** Backup eligible. */
  be: boolean;
  /** Backed up. */
  bs: boolean;
}

export interface SoftCredential {
  id: string;
  rpId: string;
  userHandle: string;
  privateKey: KeyObject;
  algorithm: Algorithm;
  counter: number;
}

/** Changes to a response, for tests of what the server must refuse. */
export interface Tamper {
  /** `clientDataJSON.origin` (default: the authenticator's origin). */
  origin?: string;
  /** The RP id hashed into authData (default: the options' RP id). */
  rpId?: string;
  /** `clientDataJSON.type`. */
  type?: string;
  /** `clientDataJSON.challenge` (default: the options' challenge). */
  challenge?: string;
  /** `clientDataJSON.crossOrigin`. */
  crossOrigin?: boolean;
  /** Flags on top of the authenticator's defaults. */
  flags?: Partial<Flags>;
  /** The signature counter to report (default: the credential's, plus one when counting). */
  counter?: number;
  /** The JSON `id` / `rawId` fields (default: the credential id). */
  id?: string;
  rawId?: string;
}

export interface CreateTamper extends Tamper {
  /** Use this credential id instead of a fresh random one. */
  credentialId?: Uint8Array;
  algorithm?: Algorithm;
  /** `clientExtensionResults.credProps.rk` (default true). */
  residentKey?: boolean;
}

export interface GetTamper extends Tamper {
  /** Sign with this credential (base64url id) instead of choosing one from the options. */
  credentialId?: string;
  /** `response.userHandle` (default: the credential's user handle); `null` leaves it out. */
  userHandle?: string | null;
  /** Replace the signature with this one (base64url). */
  signature?: string;
}

const sha256 = (data: Uint8Array | string) => createHash('sha256').update(data).digest();
const b64url = (data: Uint8Array) => Buffer.from(data).toString('base64url');
const fromB64url = (data: string) => new Uint8Array(Buffer.from(data, 'base64url'));

function flagsByte(f: Flags, extra: {at?: boolean}): number {
  return (
    (f.up ? 0x01 : 0) |
    (f.uv ? 0x04 : 0) |
    (f.be ? 0x08 : 0) |
    (f.bs ? 0x10 : 0) |
    (extra.at ? 0x40 : 0)
  );
}

function uint32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n >>> 0);
  return b;
}

function uint16(n: number): Buffer {
  const b = Buffer.alloc(2);
  b.writeUInt16BE(n);
  return b;
}

/** A new key pair and its public key as a COSE_Key (RFC 9053). */
function newKeyPair(algorithm: Algorithm): {privateKey: KeyObject; cose: Uint8Array} {
  if (algorithm === 'ES256') {
    const {privateKey, publicKey} = generateKeyPairSync('ec', {namedCurve: 'P-256'});
    const jwk = publicKey.export({format: 'jwk'});
    const cose = new Map<number, CBORType>([
      [1, 2], // kty: EC2
      [3, -7], // alg: ES256
      [-1, 1], // crv: P-256
      [-2, fromB64url(jwk.x!)],
      [-3, fromB64url(jwk.y!)],
    ]);
    return {privateKey, cose: encodeCBOR(cose)};
  }
  const {privateKey, publicKey} = generateKeyPairSync('ed25519');
  const jwk = publicKey.export({format: 'jwk'});
  const cose = new Map<number, CBORType>([
    [1, 1], // kty: OKP
    [3, -8], // alg: EdDSA
    [-1, 6], // crv: Ed25519
    [-2, fromB64url(jwk.x!)],
  ]);
  return {privateKey, cose: encodeCBOR(cose)};
}

function signWith(credential: SoftCredential, data: Uint8Array): Uint8Array {
  // ES256: an ASN.1 DER ECDSA signature over SHA-256, as WebAuthn wants; Ed25519: pure EdDSA.
  return credential.algorithm === 'ES256'
    ? sign('sha256', data, credential.privateKey)
    : sign(null, data, credential.privateKey);
}

export class SoftAuthenticator {
  /** Credentials by base64url id. */
  readonly credentials = new Map<string, SoftCredential>();
  readonly origin: string;
  readonly aaguid: Uint8Array;
  readonly flags: Flags;
  /** How much the counter grows per assertion; 0 for an authenticator without a counter. */
  readonly counterStep: number;

  constructor(options: {
    origin: string;
    aaguid?: Uint8Array;
    flags?: Partial<Flags>;
    counterStep?: number;
  }) {
    this.origin = options.origin;
    this.aaguid = options.aaguid ?? new Uint8Array(16);
    this.flags = {up: true, uv: true, be: true, bs: true, ...options.flags};
    this.counterStep = options.counterStep ?? 1;
  }

  private clientDataJSON(type: string, challenge: string, tamper: Tamper): string {
    const clientData = {
      type: tamper.type ?? type,
      challenge: tamper.challenge ?? challenge,
      origin: tamper.origin ?? this.origin,
      crossOrigin: tamper.crossOrigin ?? false,
    };
    return b64url(Buffer.from(JSON.stringify(clientData)));
  }

  /** `navigator.credentials.create()`, as `@simplewebauthn/browser` would send it on. */
  create(
    options: PublicKeyCredentialCreationOptionsJSON,
    tamper: CreateTamper = {},
  ): RegistrationResponseJSON {
    const rpId = options.rp.id ?? new URL(this.origin).hostname;
    const algorithm = tamper.algorithm ?? 'ES256';
    const {privateKey, cose} = newKeyPair(algorithm);
    const rawId = tamper.credentialId ?? randomBytes(32);
    const id = b64url(rawId);
    const counter = tamper.counter ?? 0;
    const flags = {...this.flags, ...tamper.flags};
    const authData = Buffer.concat([
      sha256(tamper.rpId ?? rpId),
      Buffer.from([flagsByte(flags, {at: true})]),
      uint32(counter),
      this.aaguid,
      uint16(rawId.byteLength),
      rawId,
      cose,
    ]);
    const attestationObject = encodeCBOR(
      new Map<string, CBORType>([
        ['fmt', 'none'],
        ['attStmt', new Map()],
        ['authData', new Uint8Array(authData)],
      ]),
    );
    this.credentials.set(id, {
      id,
      rpId,
      userHandle: options.user.id,
      privateKey,
      algorithm,
      counter,
    });
    return {
      id: tamper.id ?? id,
      rawId: tamper.rawId ?? id,
      type: 'public-key',
      response: {
        clientDataJSON: this.clientDataJSON('webauthn.create', options.challenge, tamper),
        attestationObject: b64url(attestationObject),
        authenticatorData: b64url(authData),
        transports: ['hybrid', 'internal'],
        publicKeyAlgorithm: algorithm === 'ES256' ? -7 : -8,
      },
      authenticatorAttachment: 'platform',
      clientExtensionResults: {credProps: {rk: tamper.residentKey ?? true}},
    };
  }

  /** `navigator.credentials.get()`: picks an allowed credential, or any for the RP when none are listed. */
  get(
    options: PublicKeyCredentialRequestOptionsJSON,
    tamper: GetTamper = {},
  ): AuthenticationResponseJSON {
    const rpId = options.rpId ?? new URL(this.origin).hostname;
    const allowed = options.allowCredentials?.map((c) => c.id) ?? [];
    const credential = tamper.credentialId
      ? this.credentials.get(tamper.credentialId)
      : [...this.credentials.values()].find(
          (c) => c.rpId === rpId && (allowed.length === 0 || allowed.includes(c.id)),
        );
    if (!credential) throw new Error('SoftAuthenticator: no matching credential (NotAllowedError)');

    if (tamper.counter === undefined) credential.counter += this.counterStep;
    const counter = tamper.counter ?? credential.counter;
    const flags = {...this.flags, ...tamper.flags};
    const authData = Buffer.concat([
      sha256(tamper.rpId ?? rpId),
      Buffer.from([flagsByte(flags, {})]),
      uint32(counter),
    ]);
    const clientDataJSON = this.clientDataJSON('webauthn.get', options.challenge, tamper);
    const signature = signWith(
      credential,
      Buffer.concat([authData, sha256(Buffer.from(clientDataJSON, 'base64url'))]),
    );
    const userHandle = tamper.userHandle === undefined ? credential.userHandle : tamper.userHandle;
    return {
      id: tamper.id ?? credential.id,
      rawId: tamper.rawId ?? credential.id,
      type: 'public-key',
      response: {
        clientDataJSON,
        authenticatorData: b64url(authData),
        signature: tamper.signature ?? b64url(signature),
        ...(userHandle === null ? {} : {userHandle}),
      },
      authenticatorAttachment: 'platform',
      clientExtensionResults: {},
    };
  }
}
