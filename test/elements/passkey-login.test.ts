import {expect, fixture, html, oneEvent} from '@open-wc/testing';
import '../../src/elements/passkey-login/define.js';
import type {PasskeyLogin} from '../../src/elements/passkey-login/passkey-login.js';
import {FetchClient} from '../../src/core/client/fetch-client.js';
import {part, text, type, until} from '../helpers/dom.js';
import {StubClient, stubUser} from '../helpers/stub-client.js';
import {
  addVirtualAuthenticator,
  chooseAutofillPasskey,
  clearCredentials,
  setPresence,
  setUserVerified,
  watchCredentialRequests,
} from '../helpers/webauthn.js';
import {startRegistration} from '@simplewebauthn/browser';
import {creationOptions} from '../helpers/stub-client.js';

async function login(client: StubClient, attrs = '') {
  const el = await fixture<PasskeyLogin>(html`<passkey-login .client=${client}></passkey-login>`);
  if (attrs) for (const a of attrs.split(' ')) el.setAttribute(a, '');
  await el.updateComplete;
  return el;
}

describe('<passkey-login> (stub client, virtual authenticator)', () => {
  before(async () => {
    await addVirtualAuthenticator();
    // One discoverable credential for localhost, so that get() has something to sign with.
    await startRegistration({optionsJSON: creationOptions()});
  });
  afterEach(async () => {
    await setUserVerified(true);
    await setPresence(true);
  });

  it('renders its parts and is accessible', async () => {
    const el = await login(new StubClient());
    for (const p of ['form', 'label', 'input', 'button', 'status', 'error'])
      expect(part(el, p)).to.exist;
    expect(part(el, 'input').getAttribute('autocomplete')).to.equal('username webauthn');
    expect(part(el, 'button').localName).to.equal('button');
    expect(part(el, 'status').getAttribute('role')).to.equal('status');
    expect(part(el, 'error').getAttribute('role')).to.equal('alert');
    // The default base URL, not written back onto the element as an attribute.
    expect(el.api).to.equal('/passkeys');
    expect(el.hasAttribute('api')).to.equal(false);
    await expect(el).to.be.accessible();
  });

  it('has no username input when discoverable', async () => {
    const el = await login(new StubClient(), 'discoverable');
    expect(el.shadowRoot!.querySelector('[part~=input]')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('signs in with the typed username and fires passkey-authenticated', async () => {
    const client = new StubClient();
    const el = await login(client);
    await type(part(el, 'input'), 'ada');
    const started = oneEvent(el, 'passkey-start');
    const done = oneEvent(el, 'passkey-authenticated');
    part(el, 'button').click();
    expect((await started).detail).to.deep.equal({ceremony: 'authentication'});
    const ev = await done;
    expect(ev.detail.user).to.deep.equal(stubUser);
    expect(ev.bubbles && ev.composed).to.equal(true);
    expect(client.calls[0]).to.deep.equal({step: 'authenticationOptions', body: {username: 'ada'}});
    expect(client.count('authenticationVerify')).to.equal(1);
    await el.updateComplete;
    expect(el.busy).to.equal(false);
    expect(el.matches(':state(success)')).to.equal(true);
    expect(text(el, 'status')).to.equal('Signed in.');
  });

  it('asks for any passkey when the username is empty or discoverable is set', async () => {
    const client = new StubClient();
    const el = await login(client, 'discoverable');
    const done = oneEvent(el, 'passkey-authenticated');
    part(el, 'button').click();
    await done;
    expect(client.calls[0].body).to.deep.equal({});
  });

  it('runs one ceremony at a time and reflects busy', async () => {
    const client = new StubClient();
    client.hold.authenticationOptions = true;
    const el = await login(client, 'discoverable');
    part(el, 'button').click();
    await el.updateComplete;
    expect(el.hasAttribute('busy')).to.equal(true);
    expect(el.matches(':state(busy)')).to.equal(true);
    expect(part(el, 'button').getAttribute('aria-disabled')).to.equal('true');
    expect(text(el, 'status')).to.equal('Waiting for your passkey…');
    part(el, 'button').click();
    part(el, 'button').click();
    const done = oneEvent(el, 'passkey-authenticated');
    client.release();
    await done;
    expect(client.count('authenticationOptions')).to.equal(1);
    await el.updateComplete;
    expect(el.hasAttribute('busy')).to.equal(false);
  });

  for (const code of [
    'rate_limited',
    'challenge_invalid',
    'verification_failed',
    'internal',
    'origin_mismatch',
  ]) {
    it(`ends a backend ${code} in a message and passkey-error`, async () => {
      const client = new StubClient();
      client.fail[code === 'rate_limited' ? 'authenticationOptions' : 'authenticationVerify'] =
        code;
      const el = await login(client, 'discoverable');
      const err = oneEvent(el, 'passkey-error');
      part(el, 'button').click();
      const ev = await err;
      expect(ev.detail.code).to.equal(code);
      await el.updateComplete;
      expect(ev.detail.message).to.equal(text(el, 'error'));
      expect(text(el, 'error').length).to.be.greaterThan(10);
      expect(el.busy).to.equal(false);
      expect(el.matches(':state(error)')).to.equal(true);
      await expect(el).to.be.accessible();
    });
  }

  it('tells the authenticator about an unknown credential', async () => {
    const client = new StubClient();
    client.fail.authenticationVerify = 'unknown_credential';
    const el = await login(client, 'discoverable');
    const calls: unknown[] = [];
    const pkc = PublicKeyCredential as unknown as {
      signalUnknownCredential: (o: unknown) => Promise<void>;
    };
    const original = pkc.signalUnknownCredential;
    pkc.signalUnknownCredential = async (o) => void calls.push(o);
    try {
      const err = oneEvent(el, 'passkey-error');
      part(el, 'button').click();
      expect((await err).detail.code).to.equal('unknown_credential');
      expect(calls).to.deep.equal([{rpId: 'localhost', credentialId: 'stub-id'}]);
    } finally {
      pkc.signalUnknownCredential = original;
    }
  });

  it('reports a prompt the user cannot verify as passkey-cancel, calmly', async () => {
    await setUserVerified(false);
    const client = new StubClient();
    const el = await login(client, 'discoverable');
    let errors = 0;
    el.addEventListener('passkey-error', () => errors++);
    const cancel = oneEvent(el, 'passkey-cancel');
    part(el, 'button').click();
    expect((await cancel).detail.code).to.equal('cancelled');
    await el.updateComplete;
    expect(errors).to.equal(0);
    expect(client.count('authenticationVerify')).to.equal(0);
    expect(text(el, 'status')).to.contain('Cancelled');
    expect(text(el, 'error')).to.equal('');
    expect(el.busy).to.equal(false);
  });

  it('aborts its ceremony when disconnected', async () => {
    await setPresence(false); // the prompt now waits for a touch that never comes
    const client = new StubClient();
    const el = await login(client, 'discoverable');
    const cancel = oneEvent(el, 'passkey-cancel');
    const requests = watchCredentialRequests();
    try {
      part(el, 'button').click();
      await until(() => requests.calls.get === 1, 8000, 'the prompt to open');
    } finally {
      requests.restore();
    }
    el.remove();
    expect((await cancel).detail.code).to.equal('aborted');
    expect(client.count('authenticationVerify')).to.equal(0);
  });

  it('ends a network failure in network_error', async () => {
    const el = await login(new StubClient(), 'discoverable');
    el.client = undefined;
    el.api = 'http://localhost:9/passkeys'; // nothing listens there
    const err = oneEvent(el, 'passkey-error');
    part(el, 'button').click();
    expect((await err).detail.code).to.equal('network_error');
    await el.updateComplete;
    expect(text(el, 'error')).to.contain('server');
    expect(el.busy).to.equal(false);
  });

  it('goes back to /passkeys when its api attribute is removed', async () => {
    const el = await login(new StubClient(), 'discoverable');
    el.client = undefined;
    el.setAttribute('api', 'http://localhost:9/passkeys');
    el.removeAttribute('api');
    // The reference backend at /passkeys answers the options; the authenticator then waits (no
    // presence) until the element is removed. Without the default, the request would have gone
    // nowhere (network_error) and no options would have been fetched.
    await setPresence(false);
    const options = `${location.origin}/passkeys/authentication/options`;
    const cancel = oneEvent(el, 'passkey-cancel');
    part(el, 'button').click();
    await until(
      () => performance.getEntriesByName(options).length > 0,
      5000,
      'options fetched from /passkeys',
    );
    el.remove();
    expect((await cancel).detail.code).to.equal('aborted');
  });

  it('ends a non-JSON answer in bad_response', async () => {
    const el = await login(new StubClient(), 'discoverable');
    el.client = undefined;
    el.api = '/test/elements/not-json'; // the test server answers 404 with no JSON
    const err = oneEvent(el, 'passkey-error');
    part(el, 'button').click();
    expect((await err).detail.code).to.equal('bad_response');
  });

  it('sends extra headers and JSON through the default client', async () => {
    const seen: Request[] = [];
    const original = window.fetch;
    window.fetch = async (input, init) => {
      seen.push(new Request(input, init));
      return Response.json({error: {code: 'rate_limited', message: 'slow down'}}, {status: 429});
    };
    try {
      const el = await login(new StubClient());
      el.client = undefined;
      el.api = 'https://id.example.com/pk/';
      el.headers = {authorization: 'Bearer t0ken'};
      await type(part(el, 'input'), 'ada');
      const err = oneEvent(el, 'passkey-error');
      part(el, 'button').click();
      expect((await err).detail.code).to.equal('rate_limited');
      expect(seen[0].url).to.equal('https://id.example.com/pk/authentication/options');
      expect(seen[0].method).to.equal('POST');
      expect(seen[0].credentials).to.equal('include');
      expect(seen[0].headers.get('authorization')).to.equal('Bearer t0ken');
      expect(seen[0].headers.get('content-type')).to.equal('application/json');
      expect(await seen[0].json()).to.deep.equal({username: 'ada'});
    } finally {
      window.fetch = original;
    }
  });

  it('offers passkeys through autofill with a slotted light-DOM input', async () => {
    const client = new StubClient();
    const done = oneEvent(document, 'passkey-authenticated');
    const el = await fixture<PasskeyLogin>(
      html`<passkey-login autofill .client=${client}
        ><label slot="username"
          >Email <input slot="username" autocomplete="username webauthn" /></label
      ></passkey-login>`,
    );
    // The user picks the passkey under the field (Chromium's virtual authenticator answers
    // conditional requests by itself when it has a match; Firefox waits for the pick).
    await chooseAutofillPasskey();
    const ev = await done;
    expect(ev.detail.user).to.deep.equal(stubUser);
    expect(client.calls[0]).to.deep.equal({step: 'authenticationOptions', body: {}});
    expect(el.autofillAvailable).to.equal(true);
  });

  it('ends a pending autofill request when the button is pressed', async () => {
    await setPresence(false);
    const client = new StubClient();
    const el = await login(client);
    el.autofill = true;
    await until(() => client.count('authenticationOptions') === 1, 8000, 'autofill to start');
    await setPresence(true);
    let cancels = 0;
    el.addEventListener('passkey-cancel', () => cancels++);
    const done = oneEvent(el, 'passkey-authenticated');
    part(el, 'button').click();
    await done;
    expect(cancels).to.equal(0); // the aborted autofill request is not the user's cancel
    expect(client.count('authenticationOptions')).to.be.greaterThanOrEqual(2);
  });

  it('follows the client property over the api attribute', async () => {
    const client = new StubClient();
    const el = await login(client, 'discoverable');
    el.api = 'http://localhost:9/nowhere';
    const done = oneEvent(el, 'passkey-authenticated');
    part(el, 'button').click();
    await done;
    expect(client.count('authenticationVerify')).to.equal(1);
  });

  after(() => clearCredentials());
});

describe('FetchClient', () => {
  it('throws the contract code and credentialId from an error body', async () => {
    const original = window.fetch;
    window.fetch = async () =>
      new Response(
        JSON.stringify({error: {code: 'unknown_credential', message: 'x'}, credentialId: 'abc'}),
        {
          status: 404,
          headers: {'content-type': 'application/json'},
        },
      );
    try {
      const err = await new FetchClient('/api')
        .authenticationVerify({response: {} as never})
        .catch((e) => e);
      expect(err.code).to.equal('unknown_credential');
      expect(err.credentialId).to.equal('abc');
    } finally {
      window.fetch = original;
    }
  });
});
