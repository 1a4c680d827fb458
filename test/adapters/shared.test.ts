// What the adapters share (src/adapters/shared.ts), on the inputs a backend can get wrong: a body
// that is not JSON, no answer at all, an empty answer, HTTP errors, and authenticator data of
// every shape. Real requests: to the reference backend the test runner mounts at /passkeys, to the
// dev server's own 404, and to a closed port.
import {expect} from '@open-wc/testing';
import {bufferToBase64URLString, type RegistrationResponseJSON} from '@simplewebauthn/browser';
import {
  callJson,
  codeForStatus,
  passkeyFromRegistration,
  query,
} from '../../src/adapters/shared.js';
import {PasskeyError} from '../../src/core/client/passkey-error.js';

async function rejection(p: Promise<unknown>): Promise<PasskeyError> {
  try {
    await p;
  } catch (e) {
    expect(e).to.be.instanceOf(PasskeyError);
    return e as PasskeyError;
  }
  throw new Error('expected a rejection');
}

/** A registration response whose authenticator data is `bytes` (the rest is not read). */
function registration(bytes: number[]): RegistrationResponseJSON {
  return {
    id: 'cred-id',
    rawId: 'cred-id',
    type: 'public-key',
    clientExtensionResults: {},
    response: {
      clientDataJSON: '',
      attestationObject: '',
      authenticatorData: bufferToBase64URLString(new Uint8Array(bytes).buffer),
      transports: ['internal'],
    },
  };
}

describe('adapters: callJson', () => {
  it('answers JSON with its status, and an HTTP error is returned, not thrown', async () => {
    const answer = await callJson('/passkeys/authentication/options', {body: {username: 42}});
    expect(answer.status).to.equal(400);
    expect(answer.ok).to.equal(false);
    expect(answer.data.error.code).to.equal('invalid_request');
  });

  it('answers null data for an empty body', async () => {
    const answer = await callJson('/passkeys/session', {method: 'DELETE'});
    expect(answer.ok).to.equal(true);
    expect(answer.data).to.equal(null);
  });

  it('ends a body that is not JSON in bad_response', async () => {
    const err = await rejection(callJson('/test/adapters/no-such-endpoint'));
    expect(err.code).to.equal('bad_response');
    expect(err.message).to.contain('HTTP 404');
  });

  it('ends a request that gets no answer in network_error', async () => {
    const err = await rejection(callJson('http://127.0.0.1:1/nothing', {credentials: 'omit'}));
    expect(err.code).to.equal('network_error');
  });

  it('passes the signal to fetch: once aborted, it rejects with the AbortError, not network_error', async () => {
    const aborter = new AbortController();
    const pending = callJson('/passkeys/session', {signal: aborter.signal});
    aborter.abort();
    const err = await pending.then(
      () => undefined,
      (e: Error) => e,
    );
    expect(err?.name).to.equal('AbortError');
    expect(err).not.to.be.instanceOf(PasskeyError);
  });
});

describe('adapters: codeForStatus', () => {
  it('maps the statuses a backend may answer to the contract codes', () => {
    const codes = [400, 401, 403, 404, 409, 413, 415, 422, 429, 500, 503, 302].map(codeForStatus);
    expect(codes).to.deep.equal([
      'invalid_request',
      'unauthenticated',
      'forbidden',
      'not_found',
      'credential_exists',
      'payload_too_large',
      'unsupported_media_type',
      'invalid_request',
      'rate_limited',
      'internal',
      'internal',
      'bad_response',
    ]);
  });
});

describe('adapters: passkeyFromRegistration', () => {
  const rpIdHash = Array(32).fill(7);
  const counter = [0, 0, 0, 1];
  const aaguid = [
    0xfb, 0xfc, 0x30, 0x07, 0x15, 0x4e, 0x4e, 0xcc, 0x8c, 0x0b, 0x6e, 0x02, 0x05, 0x57, 0xd7, 0xbd,
  ];

  it('reads backup state and the AAGUID from the authenticator data', () => {
    // Flags: UP, UV, BE (0x08), BS (0x10), AT.
    const passkey = passkeyFromRegistration(
      registration([...rpIdHash, 0x5d, ...counter, ...aaguid, 0, 16]),
      '  Laptop  ',
    );
    expect(passkey).to.include({
      id: 'cred-id',
      name: 'Laptop',
      backedUp: true,
      deviceType: 'multiDevice',
      aaguid: 'fbfc3007-154e-4ecc-8c0b-6e020557d7bd',
    });
    expect(passkey.transports).to.deep.equal(['internal']);
  });

  it('backup-eligible but not backed up yet: multi-device, not backed up', () => {
    // Flags: UP, UV, BE, AT.
    const passkey = passkeyFromRegistration(
      registration([...rpIdHash, 0x4d, ...counter, ...aaguid]),
    );
    expect(passkey).to.include({backedUp: false, deviceType: 'multiDevice'});
  });

  it('a single-device passkey, unnamed', () => {
    const passkey = passkeyFromRegistration(
      registration([...rpIdHash, 0x45, ...counter, ...aaguid]),
    );
    expect(passkey).to.include({name: '', backedUp: false, deviceType: 'singleDevice'});
  });

  it('authenticator data too short for an AAGUID, or none at all: the zero AAGUID', () => {
    expect(passkeyFromRegistration(registration([...rpIdHash, 0x05, ...counter])).aaguid).to.equal(
      '00000000-0000-0000-0000-000000000000',
    );
    const none = registration([]);
    delete none.response.authenticatorData;
    expect(passkeyFromRegistration(none)).to.include({
      aaguid: '00000000-0000-0000-0000-000000000000',
      backedUp: false,
    });
  });
});

describe('adapters: query', () => {
  it('keeps defined, non-empty values, encoded', () => {
    expect(query({a: 'x y', b: undefined, c: null, d: '', e: 'é&'})).to.equal('?a=x+y&e=%C3%A9%26');
    expect(query({b: undefined})).to.equal('');
  });
});
