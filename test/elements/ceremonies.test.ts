// The two WebAuthn requests of src/core/webauthn/ceremonies.ts: what they send the backend, from
// the browser's own credentials on the virtual authenticator, and from the stand-in objects a
// password manager's extension answers with (simulated here by replacing
// navigator.credentials.create/get for one call, as those extensions do).
import {expect} from '@open-wc/testing';
import {base64URLStringToBuffer} from '@simplewebauthn/browser';
import {createCredential, getAssertion} from '../../src/core/webauthn/ceremonies.js';
import {toPasskeyError} from '../../src/core/webauthn/errors.js';
import {creationOptions, requestOptions} from '../helpers/stub-client.js';
import {addVirtualAuthenticator, clearCredentials} from '../helpers/webauthn.js';

const base64url = /^[A-Za-z0-9_-]+$/;
const bytes = (n: number) => Uint8Array.from({length: n}, (_, i) => i + 1).buffer;

/** What 1Password or Bitwarden answer with: no real PublicKeyCredential behind it. */
function extensionCredential(response: object) {
  return {
    id: 'AQIDBA',
    rawId: bytes(4),
    type: 'public-key',
    authenticatorAttachment: 'platform',
    response,
    getClientExtensionResults: () => ({credProps: {rk: true}}),
    toJSON() {
      throw new TypeError('Illegal invocation');
    },
  };
}

async function withStandIn<R>(method: 'create' | 'get', answer: object, run: () => Promise<R>) {
  const original = navigator.credentials[method];
  navigator.credentials[method] = async () => answer as Credential;
  try {
    return await run();
  } finally {
    navigator.credentials[method] = original;
  }
}

describe('ceremonies', () => {
  before(async () => {
    await addVirtualAuthenticator();
  });
  afterEach(() => clearCredentials());

  it('sends a new passkey as the contract JSON, and signs in with it', async () => {
    const created = await createCredential(creationOptions());
    expect(created.type).to.equal('public-key');
    expect(created.id).to.match(base64url);
    expect(created.rawId).to.equal(created.id);
    expect(created.response.clientDataJSON).to.match(base64url);
    expect(created.response.attestationObject).to.match(base64url);
    expect(created.response.publicKeyAlgorithm).to.equal(-7);
    expect(created.response.publicKey).to.match(base64url);
    expect(created.response.authenticatorData).to.match(base64url);
    expect(created.response.transports).to.be.an('array');
    const clientData = new TextDecoder().decode(
      base64URLStringToBuffer(created.response.clientDataJSON),
    );
    expect(JSON.parse(clientData).type).to.equal('webauthn.create');

    const allowCredentials = [{id: created.id, type: 'public-key' as const}];
    const assertion = await getAssertion({...requestOptions(), allowCredentials});
    expect(assertion.id).to.equal(created.id);
    expect(assertion.rawId).to.equal(created.id);
    expect(assertion.response.signature).to.match(base64url);
    expect(assertion.response.authenticatorData).to.match(base64url);
    expect(assertion.response.userHandle).to.match(base64url);
  });

  it("reads a password manager's stand-in credential field by field, never through toJSON()", async () => {
    const created = await withStandIn(
      'create',
      extensionCredential({
        clientDataJSON: bytes(3),
        attestationObject: bytes(5),
        getTransports: () => ['internal', 'hybrid'],
        getPublicKey() {
          throw new TypeError('Illegal invocation');
        },
        // no getPublicKeyAlgorithm(), no getAuthenticatorData()
      }),
      () => createCredential(creationOptions()),
    );
    expect(created).to.deep.equal({
      id: 'AQIDBA',
      rawId: 'AQIDBA',
      type: 'public-key',
      response: {
        clientDataJSON: 'AQID',
        attestationObject: 'AQIDBAU',
        transports: ['internal', 'hybrid'],
        publicKeyAlgorithm: undefined,
        publicKey: undefined,
        authenticatorData: undefined,
      },
      clientExtensionResults: {credProps: {rk: true}},
      authenticatorAttachment: 'platform',
    });

    // An attachment the contract does not know is left out.
    const assertion = await withStandIn(
      'get',
      {
        ...extensionCredential({
          clientDataJSON: bytes(3),
          authenticatorData: bytes(2),
          signature: bytes(1),
          userHandle: null,
        }),
        authenticatorAttachment: 'bogus',
      },
      () => getAssertion(requestOptions()),
    );
    expect(assertion.authenticatorAttachment).to.equal(undefined);
    const plain = await withStandIn(
      'get',
      extensionCredential({
        clientDataJSON: bytes(3),
        authenticatorData: bytes(2),
        signature: bytes(1),
        userHandle: null,
      }),
      () => getAssertion(requestOptions()),
    );
    expect(plain.response).to.deep.equal({
      clientDataJSON: 'AQID',
      authenticatorData: 'AQI',
      signature: 'AQ',
      userHandle: undefined,
    });
  });

  it('counts no credential at all as a refusal, and a page without WebAuthn as not supported', async () => {
    const none = await withStandIn('get', null as unknown as object, () =>
      getAssertion(requestOptions()).catch((e: unknown) => e),
    );
    expect(toPasskeyError(none).code).to.equal('cancelled');

    const pkc = Object.getOwnPropertyDescriptor(window, 'PublicKeyCredential')!;
    Object.defineProperty(window, 'PublicKeyCredential', {value: undefined, configurable: true});
    try {
      const error = await createCredential(creationOptions()).catch((e: unknown) => e);
      expect(toPasskeyError(error).code).to.equal('not_supported');
      const refused = await getAssertion(requestOptions()).catch((e: unknown) => e);
      expect(toPasskeyError(refused).code).to.equal('not_supported');
    } finally {
      Object.defineProperty(window, 'PublicKeyCredential', pkc);
    }
  });
});
