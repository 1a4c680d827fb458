// The Better Auth adapter against a REAL Better Auth server (better-auth 1.7.6 with
// @better-auth/passkey 1.7.6, SQLite through better-sqlite3; test/servers/better-auth.ts, mounted
// at /better-auth/api/auth by test/plugins/adapter-backends.mjs): a user signs up with a passkey
// through <passkey-register signup> and in through <passkey-login>, with the DevTools virtual
// authenticator, then manages the passkey through <passkey-manager>.
import {expect, fixture, html, oneEvent} from '@open-wc/testing';
import {startAuthentication} from '@simplewebauthn/browser';
import '../../src/define.js';
import {BetterAuthClient} from '../../src/adapters/better-auth.js';
import {PasskeyError} from '../../src/core/client/passkey-error.js';
import type {PasskeyLogin} from '../../src/elements/passkey-login/passkey-login.js';
import type {PasskeyManager} from '../../src/elements/passkey-manager/passkey-manager.js';
import type {PasskeyRegister} from '../../src/elements/passkey-register/passkey-register.js';
import {click, part, parts, type, until, outcome} from '../helpers/dom.js';
import {uniqueEmail} from '../helpers/backend.js';
import {
  addCredential,
  addVirtualAuthenticator,
  clearCredentials,
  getCredentials,
  makeCredential,
} from '../helpers/webauthn.js';

const client = new BetterAuthClient({baseURL: '/better-auth/api/auth'});

async function signUp(username: string) {
  const el = await fixture<PasskeyRegister>(
    html`<passkey-register signup .client=${client}></passkey-register>`,
  );
  await type(part(el, 'input'), username);
  const registered = outcome<{
    user: {id: string; username: string};
    passkey: {id: string; name: string};
  }>(el, 'passkey-registered');
  await click(part(el, 'button'));
  return registered;
}

describe('Better Auth adapter against a real Better Auth server', () => {
  before(() => addVirtualAuthenticator());
  beforeEach(async () => {
    await client.signOut().catch(() => {});
    await clearCredentials();
  });

  it('signs up with <passkey-register signup>, out, and back in with <passkey-login>', async () => {
    const username = uniqueEmail('ada');
    const {user, passkey} = await signUp(username);
    expect(user.username).to.equal(username);
    expect(user.id).to.be.a('string').and.not.empty;
    const [credential] = await getCredentials();
    expect(passkey.id).to.equal(credential!.credentialId);
    expect((await client.session()).user?.id).to.equal(user.id);

    await client.signOut();
    expect((await client.session()).user).to.equal(null);

    const login = await fixture<PasskeyLogin>(
      html`<passkey-login discoverable .client=${client}></passkey-login>`,
    );
    const signedIn = oneEvent(login, 'passkey-authenticated');
    await click(part(login, 'button'));
    expect((await signedIn).detail.user.id).to.equal(user.id);
    expect((await client.session()).user?.id).to.equal(user.id);
  });

  it('lists, renames and deletes through <passkey-manager>; the last passkey goes too (Better Auth allows it)', async () => {
    const {user, passkey} = await signUp(uniqueEmail('manager'));
    const manager = await fixture<PasskeyManager>(
      html`<passkey-manager .client=${client}></passkey-manager>`,
    );
    await until(() => parts(manager, 'item').length === 1, 8000, 'the passkey listed');
    expect((await client.listPasskeys()).passkeys.map((p) => p.id)).to.deep.equal([passkey.id]);

    const {passkey: renamed} = await client.renamePasskey(passkey.id, '  Work laptop  ');
    expect(renamed.name).to.equal('Work laptop');
    expect(renamed.id).to.equal(passkey.id);
    await client.deletePasskey(passkey.id);
    expect((await client.listPasskeys()).passkeys).to.deep.equal([]);
    expect((await client.session()).user?.id).to.equal(user.id);
  });

  it('maps Better Auth errors: a replayed assertion is challenge_invalid, an unknown credential unknown_credential', async () => {
    const {user} = await signUp(uniqueEmail('errors'));
    await client.signOut();
    const {options} = await client.authenticationOptions({});
    const response = await startAuthentication({optionsJSON: options});
    expect((await client.authenticationVerify({response})).user.id).to.equal(user.id);
    const replay = await client.authenticationVerify({response}).catch((e) => e);
    expect(replay).to.be.instanceOf(PasskeyError);
    expect(replay.code).to.equal('challenge_invalid');

    await client.signOut();
    await clearCredentials();
    const stranger = await makeCredential();
    await addCredential(stranger);
    const login = await fixture<PasskeyLogin>(
      html`<passkey-login discoverable .client=${client}></passkey-login>`,
    );
    const failed = oneEvent(login, 'passkey-error');
    await click(part(login, 'button'));
    expect((await failed).detail.code).to.equal('unknown_credential');
  });

  it("says unsupported for the flows Better Auth's passkey plugin does not have", async () => {
    for (const call of [
      () => client.recoveryCodes(),
      () => client.mfaOptions({mfaToken: 'x'}),
      () => client.signupEmail({email: 'a@b.c'}),
    ]) {
      const e = await call().catch((e) => e);
      expect(e).to.be.instanceOf(PasskeyError);
      expect(e.code).to.equal('unsupported');
    }
  });
});
