/**
 * What the backend must refuse, and how: unknown and duplicate credentials, taken usernames and
 * (v1.1) their look-alikes, wrong recovery codes, managing passkeys without a session or another
 * user's, a request with two session cookies (v1.1), and the operator's reset.
 */
import {randomBytes} from 'node:crypto';
import {
  CheckSkipped,
  fail,
  show,
  expectStatus,
  expectError,
  newUsername,
  type Check,
} from '../kit.js';

export const accountChecks: Check[] = [
  {
    group: 'errors',
    name: 'unknown credential: 404 unknown_credential with its credentialId',
    async run(kit) {
      const b = kit.browser();
      const stranger = kit.authenticator();
      stranger.create(await kit.registrationOptions(kit.browser(), {username: newUsername()})); // a key the backend never saw
      const options = await kit.authenticationOptions(b);
      const response = stranger.get(options);
      const r = await b.post('/authentication/verify', {response});
      expectError(
        r,
        404,
        'unknown_credential',
        'an assertion from a credential the backend does not have',
      );
      if (r.body?.credentialId !== response.id)
        fail(`credentialId is ${r.body?.credentialId}, expected ${response.id}`);
    },
  },
  {
    group: 'errors',
    name: 'a credential id registered twice: 409 credential_exists',
    async run(kit) {
      const a = await kit.signUp();
      const b = kit.browser();
      const response = kit
        .authenticator()
        .create(await kit.registrationOptions(b, {username: newUsername()}), {
          credentialId: new Uint8Array(Buffer.from(a.credentialId, 'base64url')),
        });
      expectError(
        await b.post('/registration/verify', {response}),
        409,
        'credential_exists',
        'a new account with an existing credential id',
      );
    },
  },
  {
    group: 'errors',
    name: 'sign-up with a taken username: 409 user_exists',
    async run(kit) {
      const a = await kit.signUp();
      expectError(
        await kit.browser().post('/registration/options', {username: a.username}),
        409,
        'user_exists',
        'registration options for a taken username',
      );
    },
  },
  {
    group: 'errors',
    name: 'look-alike usernames (v1.1): case and width variants are the same name; invisible characters 400',
    async run(kit) {
      const a = await kit.signUp();
      // Full-width forms (U+FF01..U+FF5E) of the name's ASCII: NFKC maps them back.
      const wide = a.username.replace(/[!-~]/g, (ch) =>
        String.fromCodePoint(ch.codePointAt(0)! + 0xfee0),
      );
      for (const name of [a.username.toUpperCase(), wide]) {
        expectError(
          await kit.browser().post('/registration/options', {username: name}),
          [409, 400],
          ['user_exists', 'invalid_request'],
          `sign-up as ${JSON.stringify(name)} next to ${a.username}`,
        );
      }
      const options = await kit.authenticationOptions(kit.browser(), {
        username: a.username.toUpperCase(),
      });
      if (!options.allowCredentials?.some((c) => c.id === a.credentialId))
        fail(`sign-in as the upper-case name does not offer ${a.username}'s passkey`);
      const hidden = `${a.username.slice(0, 4)}\u200b${a.username.slice(4)}`; // zero-width space
      expectError(
        await kit.browser().post('/registration/options', {username: hidden}),
        400,
        'invalid_request',
        'a username with a zero-width space',
      );
    },
  },
  {
    group: 'errors',
    name: 'two session cookies in one request (v1.1): neither session counts, 401',
    async run(kit) {
      const a = await kit.signUp();
      const b = await kit.signUp();
      if (!a.sessionCookies.length)
        throw new CheckSkipped('the sign-up set no cookie (no cookie sessions)');
      const cookie = a.sessionCookies
        .flatMap((name) => [b, a].map((x) => `${name}=${x.browser.cookies.get(name)}`))
        .join('; ');
      expectError(
        await kit.browser().request('GET', '/passkeys', {headers: {cookie}}),
        401,
        'unauthenticated',
        "GET /passkeys with two accounts' session cookies",
      );
    },
  },
  {
    group: 'errors',
    name: 'recovery with a wrong code or an unknown user: the same 400 verification_failed',
    async run(kit) {
      const a = await kit.signUp();
      const wrong = await kit
        .browser()
        .post('/recovery/redeem', {username: a.username, code: 'WRONG-CODE-0000'});
      if (wrong.status === 404 && wrong.body?.error?.code !== 'not_found')
        throw new CheckSkipped('no POST /recovery/redeem');
      expectError(wrong, 400, 'verification_failed', 'a wrong code');
      const unknown = await kit
        .browser()
        .post('/recovery/redeem', {username: newUsername(), code: 'WRONG-CODE-0000'});
      expectError(unknown, 400, 'verification_failed', 'an unknown username');
      if (unknown.body.error.message !== wrong.body.error.message)
        fail(
          `the messages tell the two apart: "${wrong.body.error.message}" vs "${unknown.body.error.message}"`,
        );
    },
  },
  {
    group: 'errors',
    name: 'managing passkeys without a session: 401 unauthenticated',
    async run(kit) {
      const b = kit.browser();
      expectError(await b.get('/passkeys'), 401, 'unauthenticated', 'GET /passkeys');
      expectError(
        await b.request('DELETE', '/passkeys/abc'),
        401,
        'unauthenticated',
        'DELETE /passkeys/abc',
      );
    },
  },
  {
    group: 'errors',
    name: "another user's passkey: 404 not_found (or 403 forbidden), and it stays",
    async run(kit) {
      const a = await kit.signUp();
      const other = await kit.signUp();
      const path = `/passkeys/${encodeURIComponent(other.credentialId)}`;
      expectError(
        await a.browser.request('PATCH', path, {json: {name: 'Mine now'}}),
        [404, 403],
        ['not_found', 'forbidden'],
        "PATCH of another user's passkey",
      );
      expectError(
        await a.browser.request('DELETE', path),
        [404, 403],
        ['not_found', 'forbidden'],
        "DELETE of another user's passkey",
      );
      const list = await other.browser.get('/passkeys');
      if (
        !list.body?.passkeys?.some(
          (p: {id: string; name: string}) => p.id === other.credentialId && p.name !== 'Mine now',
        )
      )
        fail(`the other user's passkey changed: ${show(list)}`);
    },
  },
  {
    group: 'errors',
    name: 'operator reset with a wrong key: 401',
    async run(kit) {
      const a = await kit.signUp();
      const r = await kit
        .browser()
        .request('DELETE', `/admin/users/${encodeURIComponent(a.userId)}/passkeys`, {
          headers: {authorization: 'Bearer not-the-key-' + randomBytes(8).toString('hex')},
        });
      if (r.status === 404 && r.body?.error?.code !== 'not_found')
        throw new CheckSkipped('no operator reset');
      if (r.status !== 401) fail(`expected 401, got ${show(r)}`);
    },
  },
  {
    group: 'errors',
    name: 'operator reset with the key (--admin-key): 204, then the passkey is unknown',
    async run(kit) {
      if (!kit.settings.adminKey) throw new CheckSkipped('no --admin-key given');
      const a = await kit.signUp();
      const r = await kit
        .browser()
        .request('DELETE', `/admin/users/${encodeURIComponent(a.userId)}/passkeys`, {
          headers: {authorization: `Bearer ${kit.settings.adminKey}`},
        });
      expectStatus(r, 204, 'DELETE /admin/users/{id}/passkeys');
      const {result} = await kit.signIn({browser: kit.browser(), authenticator: a.authenticator});
      expectError(result, 404, 'unknown_credential', 'signing in with a reset passkey');
    },
  },
];
