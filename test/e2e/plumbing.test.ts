// Proves the test plumbing end to end, with no elements involved: Chromium's virtual
// authenticator (driven through the wtr plugin), @simplewebauthn/browser, and the reference
// backend mounted on this page's origin. If this file fails, element tests cannot be trusted.
//
// The tests run in order and share one account: register → signed in → sign out →
// discoverable sign-in → a refused user verification.

import {expect} from '@open-wc/testing';
import {
  startAuthentication,
  startRegistration,
  WebAuthnAbortService,
  type AuthenticationResponseJSON,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
} from '@simplewebauthn/browser';
import {
  addCredential,
  addVirtualAuthenticator,
  clearCredentials,
  getCredentials,
  makeCredential,
  removeCredential,
  setPresence,
  setUserVerified,
  watchCredentialRequests,
} from '../helpers/webauthn.js';
import {until} from '../helpers/dom.js';
import {
  api,
  getSession,
  registerPasskey,
  signInWithPasskey,
  signOut,
  uniqueName,
  type Passkey,
  type User,
} from '../helpers/backend.js';

describe('test plumbing: virtual authenticator + reference backend', () => {
  const username = uniqueName('plumbing');
  let authenticatorId: string;
  let user: User;
  let credentialId: string;
  let userHandle: string;

  before(async () => {
    await signOut(); // other test files may share this browser context's cookies
    authenticatorId = await addVirtualAuthenticator();
  });

  it('serves the page as a secure localhost origin with an empty authenticator and no session', async () => {
    expect(window.isSecureContext).to.equal(true);
    expect(location.hostname).to.equal('localhost');
    expect(authenticatorId).to.be.a('string').and.not.empty;
    expect(await getCredentials()).to.deep.equal([]);

    const session = await getSession();
    expect(session.user).to.equal(null);
    expect(session.rpId).to.equal('localhost');
  });

  it('registers a new user with a passkey and signs them in', async () => {
    const optionsRes = await api<{options: PublicKeyCredentialCreationOptionsJSON}>(
      '/registration/options',
      {
        body: {username, displayName: 'Plumbing Test'},
      },
    );
    expect(optionsRes.status, JSON.stringify(optionsRes.body)).to.equal(200);
    const options = optionsRes.body!.options;
    expect(options.rp.id).to.equal('localhost');
    expect(options.user.name).to.equal(username);
    expect(options.authenticatorSelection?.residentKey).to.equal('required');
    expect(options.authenticatorSelection?.userVerification).to.equal('required');

    const response = await startRegistration({optionsJSON: options});
    expect(response.id).to.be.a('string').and.not.empty;

    const verifyRes = await api<{passkey: Passkey; user: User}>('/registration/verify', {
      body: {response, name: 'Plumbing key'},
    });
    expect(verifyRes.status, JSON.stringify(verifyRes.body)).to.equal(201);
    const {passkey} = verifyRes.body!;
    user = verifyRes.body!.user;
    expect(passkey.id).to.equal(response.id);
    expect(passkey.name).to.equal('Plumbing key');
    expect(user.username).to.equal(username);
    expect(user.displayName).to.equal('Plumbing Test');
    expect(user.webauthnUserId).to.equal(options.user.id);

    // The authenticator now holds exactly that credential, ids in base64url.
    const credentials = await getCredentials();
    expect(credentials).to.have.length(1);
    expect(credentials[0].credentialId).to.equal(response.id);
    expect(credentials[0].credentialId).to.match(/^[A-Za-z0-9_-]+$/);
    expect(credentials[0].isResidentCredential).to.equal(true);
    expect(credentials[0].rpId).to.equal('localhost');
    expect(credentials[0].userHandle).to.equal(options.user.id);
    credentialId = credentials[0].credentialId;
    userHandle = credentials[0].userHandle!;

    // Sign-up starts a session (cookie set by the backend on this origin).
    const session = await getSession();
    expect(session.user?.id).to.equal(user.id);
    expect(session.user?.username).to.equal(username);
  });

  it('signs out', async () => {
    await signOut();
    expect((await getSession()).user).to.equal(null);
  });

  let assertion: AuthenticationResponseJSON;

  it('signs in discoverably (no username) with that passkey', async () => {
    const [before] = await getCredentials();

    const optionsRes = await api<{options: PublicKeyCredentialRequestOptionsJSON}>(
      '/authentication/options',
      {
        body: {},
      },
    );
    expect(optionsRes.status, JSON.stringify(optionsRes.body)).to.equal(200);
    const options = optionsRes.body!.options;
    expect(options.allowCredentials ?? []).to.deep.equal([]);
    expect(options.rpId).to.equal('localhost');

    assertion = await startAuthentication({optionsJSON: options});
    expect(assertion.id).to.equal(credentialId);
    expect(assertion.response.userHandle).to.equal(userHandle);

    const verifyRes = await api<{user: User}>('/authentication/verify', {
      body: {response: assertion},
    });
    expect(verifyRes.status, JSON.stringify(verifyRes.body)).to.equal(200);
    expect(verifyRes.body!.user.id).to.equal(user.id);
    expect((await getSession()).user?.id).to.equal(user.id);

    const [after] = await getCredentials();
    expect(after.signCount).to.be.greaterThan(before.signCount);
  });

  it('refuses to verify the same assertion twice (errors pass through the mount intact)', async () => {
    const replay = await api('/authentication/verify', {body: {response: assertion}});
    expect(replay.status).to.equal(400);
    expect(replay.headers.get('content-type')).to.match(/^application\/json/);
    expect(replay.error?.code).to.equal('challenge_invalid');
  });

  it('fails with NotAllowedError when the authenticator cannot verify the user', async () => {
    await signOut();
    await setUserVerified(false);
    try {
      const {body} = await api<{options: PublicKeyCredentialRequestOptionsJSON}>(
        '/authentication/options',
        {
          body: {},
        },
      );
      let error: unknown;
      try {
        await startAuthentication({optionsJSON: body!.options});
      } catch (e) {
        error = e;
      }
      expect(error, 'the ceremony should have been refused').to.be.instanceOf(Error);
      expect((error as Error).name).to.equal('NotAllowedError');
      expect((await getSession()).user).to.equal(null);
    } finally {
      await setUserVerified(true);
    }
  });
});

describe('test plumbing: the other authenticator commands and ceremony helpers', () => {
  before(async () => {
    await clearCredentials({all: true}); // drops the authenticator of the block above
    await addVirtualAuthenticator();
  });

  afterEach(async () => {
    await setPresence(true);
    await clearCredentials();
    await signOut();
  });

  it('registers and signs in through registerPasskey() and signInWithPasskey()', async () => {
    const {user, passkey} = await registerPasskey({
      username: uniqueName('helpers'),
      name: 'Helper key',
    });
    expect(passkey.name).to.equal('Helper key');
    expect((await getCredentials()).map((c) => c.credentialId)).to.deep.equal([passkey.id]);
    await signOut();
    const {user: signedIn, response} = await signInWithPasskey();
    expect(signedIn.id).to.equal(user.id);
    expect(response.id).to.equal(passkey.id);
  });

  it('plants a credential the backend does not know, which it answers with unknown_credential', async () => {
    const planted = await makeCredential();
    await addCredential(planted);
    expect((await getCredentials()).map((c) => c.credentialId)).to.deep.equal([
      planted.credentialId,
    ]);

    const {body} = await api<{options: PublicKeyCredentialRequestOptionsJSON}>(
      '/authentication/options',
      {
        body: {},
      },
    );
    const response = await startAuthentication({optionsJSON: body!.options});
    expect(response.id).to.equal(planted.credentialId);
    const verify = await api('/authentication/verify', {body: {response}});
    expect(verify.status).to.equal(404);
    expect(verify.error?.code).to.equal('unknown_credential');

    await removeCredential(planted.credentialId);
    expect(await getCredentials()).to.deep.equal([]);
  });

  it('keeps a ceremony pending with presence simulation off, until it is aborted', async () => {
    await addCredential(await makeCredential());
    await setPresence(false);
    const {body} = await api<{options: PublicKeyCredentialRequestOptionsJSON}>(
      '/authentication/options',
      {
        body: {},
      },
    );
    const requests = watchCredentialRequests();
    let settled = false;
    const outcome = startAuthentication({optionsJSON: body!.options}).then(
      () => 'resolved',
      (error: Error) => error.name,
    );
    void outcome.finally(() => (settled = true));
    try {
      await until(() => requests.calls.get === 1, 4000, 'the request to reach the browser');
    } finally {
      requests.restore();
    }
    // A round trip to the authenticator: it has had the request, and has not answered it.
    await getCredentials();
    expect(settled).to.equal(false);
    WebAuthnAbortService.cancelCeremony();
    expect(await outcome).to.equal('AbortError');
  });
});
