/**
 * The flows a site needs, end to end: the session, sign-up with a passkey, sign-out, sign-in
 * (discoverable and with a username) and what an unknown username sees.
 */
import {fail, show, expectStatus, b64urlBytes, newUsername, type Check} from '../kit.js';

export const ceremonyChecks: Check[] = [
  {
    group: 'flow',
    name: 'GET /session signed out: 200 {user: null}',
    async run(kit) {
      const r = await kit.browser().get('/session');
      expectStatus(r, 200, 'GET /session');
      if (r.body?.user !== null) fail(`expected user: null, got ${show(r)}`);
    },
  },
  {
    group: 'flow',
    name: 'registration options: random challenge >= 32 bytes, RP id, discoverable credential, user',
    async run(kit) {
      const username = newUsername();
      const o = await kit.registrationOptions(kit.browser(), {username});
      if (b64urlBytes(o.challenge) < 32)
        fail(`challenge ${o.challenge} is under 32 bytes of base64url`);
      if (o.rp?.id !== kit.settings.rpId)
        fail(`rp.id is ${o.rp?.id}, expected ${kit.settings.rpId}`);
      if (o.authenticatorSelection?.residentKey !== 'required')
        fail(
          `authenticatorSelection.residentKey is ${o.authenticatorSelection?.residentKey}, expected required`,
        );
      if (!['required', 'preferred'].includes(o.authenticatorSelection?.userVerification ?? ''))
        fail(`userVerification is ${o.authenticatorSelection?.userVerification}`);
      if (o.user?.name !== username) fail(`user.name is ${o.user?.name}, expected ${username}`);
      if (b64urlBytes(o.user?.id) < 1) fail(`user.id ${o.user?.id} is not base64url`);
      const again = await kit.registrationOptions(kit.browser(), {username: newUsername()});
      if (again.challenge === o.challenge) fail('two options share a challenge');
    },
  },
  {
    group: 'flow',
    name: 'sign-up with a passkey: 201 {passkey, user} and a session',
    async run(kit) {
      const browser = kit.browser();
      const username = newUsername();
      const response = kit
        .authenticator()
        .create(await kit.registrationOptions(browser, {username}));
      const r = await browser.post('/registration/verify', {response, name: 'Conformance key'});
      expectStatus(r, 201, 'POST /registration/verify');
      if (r.body?.passkey?.id !== response.id)
        fail(`passkey.id is ${r.body?.passkey?.id}, expected the credential id ${response.id}`);
      if (r.body?.user?.username !== username)
        fail(`user.username is ${r.body?.user?.username}, expected ${username}`);
      for (const key of ['id', 'displayName', 'webauthnUserId'])
        if (typeof r.body.user[key] !== 'string') fail(`user.${key} is missing`);
      for (const key of ['name', 'createdAt', 'deviceType', 'aaguid'])
        if (typeof r.body.passkey[key] !== 'string') fail(`passkey.${key} is missing`);
      if (typeof r.body.passkey.backedUp !== 'boolean' || !Array.isArray(r.body.passkey.transports))
        fail('passkey.backedUp / transports missing');
      const s = await browser.get('/session');
      if (s.body?.user?.id !== r.body.user.id) fail(`GET /session after sign-up: ${show(s)}`);
    },
  },
  {
    group: 'flow',
    name: 'sign out: DELETE /session 204, then no session',
    async run(kit) {
      const a = await kit.signUp();
      const r = await a.browser.request('DELETE', '/session');
      expectStatus(r, 204, 'DELETE /session');
      const s = await a.browser.get('/session');
      if (s.status !== 200 || s.body?.user !== null)
        fail(`GET /session after sign-out: ${show(s)}`);
    },
  },
  {
    group: 'flow',
    name: 'sign in with a discoverable passkey: empty allowCredentials, 200 {user}, session',
    async run(kit) {
      const a = await kit.signUp();
      const fresh = {browser: kit.browser(), authenticator: a.authenticator};
      const {options, result} = await kit.signIn(fresh);
      if (options.allowCredentials?.length)
        fail(`allowCredentials should be empty, has ${options.allowCredentials.length}`);
      expectStatus(result, 200, 'POST /authentication/verify');
      if (result.body?.user?.id !== a.userId)
        fail(`signed in as ${result.body?.user?.id}, expected ${a.userId}`);
      const s = await fresh.browser.get('/session');
      if (s.body?.user?.id !== a.userId) fail(`GET /session after sign-in: ${show(s)}`);
    },
  },
  {
    group: 'flow',
    name: 'sign in with a username: allowCredentials lists the passkey',
    async run(kit) {
      const a = await kit.signUp();
      const fresh = {browser: kit.browser(), authenticator: a.authenticator};
      const {options, result} = await kit.signIn(fresh, {username: a.username});
      if (!options.allowCredentials?.some((c) => c.id === a.credentialId))
        fail(
          `allowCredentials ${JSON.stringify(options.allowCredentials)} lacks ${a.credentialId}`,
        );
      expectStatus(result, 200, 'POST /authentication/verify');
    },
  },
  {
    group: 'flow',
    name: "unknown username: options look like a known one's (no account enumeration)",
    async run(kit) {
      const a = await kit.signUp();
      const known = await kit.authenticationOptions(kit.browser(), {username: a.username});
      const unknown = await kit.authenticationOptions(kit.browser(), {username: newUsername()});
      if (Object.keys(known).sort().join() !== Object.keys(unknown).sort().join())
        fail(`fields differ: ${Object.keys(known)} vs ${Object.keys(unknown)}`);
      if (Boolean(known.allowCredentials?.length) !== Boolean(unknown.allowCredentials?.length))
        fail('allowCredentials is empty for one and not the other');
    },
  },
];
