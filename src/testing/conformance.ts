/**
 * The conformance kit: the backend contract's checks (CONTRACT.md, docs/contract.md) run against
 * any backend over HTTP, with `SoftAuthenticator` in place of a browser. Each check uses its own
 * fresh accounts and cookie jar, so one failure does not hide the others. The command line front
 * is `passkey-elements-conformance` (bin/conformance.mjs → `main()` below).
 */
import {randomBytes} from 'node:crypto';
import {parseArgs} from 'node:util';
import type {
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
  RegistrationResponseJSON,
} from '@simplewebauthn/browser';
import {SoftAuthenticator, type CreateTamper, type GetTamper} from './soft-authenticator.js';
import {TestBrowser, type TestResponse} from './test-browser.js';

export interface ConformanceOptions {
  /** The API's base URL, e.g. `http://localhost:3000/passkeys`. */
  url: string;
  /** The pages' origin the backend allows (default: the URL's origin). */
  origin?: string;
  /** The RP id (default: the origin's host name). */
  rpId?: string;
  /** The operator key for `DELETE /admin/users/{id}/passkeys`; without it the reset's success path is skipped. */
  adminKey?: string;
  /** Only the checks whose name contains one of these. */
  only?: string[];
}

export type CheckStatus = 'pass' | 'fail' | 'skip';

export interface CheckResult {
  group: 'flow' | 'errors';
  name: string;
  status: CheckStatus;
  /** Why it failed or was skipped. */
  detail?: string;
  ms: number;
}

type Response = TestResponse;

/** A browser as far as the backend can tell: an Origin header and the cookies it sets. */
class Browser extends TestBrowser {
  constructor(readonly settings: Settings) {
    super(settings.url, settings.origin);
  }
}

interface Settings {
  url: string;
  origin: string;
  rpId: string;
  adminKey?: string;
}

/** A check's failure (its message is the table's detail). */
class CheckFailed extends Error {}
/** A check that cannot run against this backend (e.g. an optional flow it does not have). */
class CheckSkipped extends Error {}

function fail(message: string): never {
  throw new CheckFailed(message);
}

const show = (r: Response) =>
  `${r.status} ${typeof r.body == 'string' ? r.body.slice(0, 120) : JSON.stringify(r.body)?.slice(0, 160)}`;

/** The answer must be `status`, with a JSON body when it carries one. */
function expectStatus(r: Response, status: number, what: string) {
  if (r.status !== status) fail(`${what}: expected ${status}, got ${show(r)}`);
}

/** The answer must be the contract's error shape with this status and code. */
function expectError(
  r: Response,
  status: number | number[],
  code: string | string[],
  what: string,
) {
  const statuses = [status].flat();
  const codes = [code].flat();
  const e = r.body?.error;
  if (!statuses.includes(r.status) || !codes.includes(e?.code)) {
    fail(`${what}: expected ${statuses.join('/')} ${codes.join('/')}, got ${show(r)}`);
  }
  if (typeof e.message !== 'string')
    fail(`${what}: error.message must be a string, got ${show(r)}`);
}

const b64urlBytes = (s: unknown) =>
  typeof s == 'string' && /^[A-Za-z0-9_-]*$/.test(s) ? Buffer.from(s, 'base64url').length : -1;
const newUsername = () => `conformance-${randomBytes(6).toString('hex')}`;

/** An account made through direct sign-up, signed in, with the authenticator that holds its passkey. */
interface Account {
  browser: Browser;
  authenticator: SoftAuthenticator;
  username: string;
  userId: string;
  credentialId: string;
}

class Kit {
  constructor(readonly settings: Settings) {}

  browser() {
    return new Browser(this.settings);
  }
  authenticator() {
    return new SoftAuthenticator({origin: this.settings.origin});
  }

  async registrationOptions(
    browser: Browser,
    body: object = {},
  ): Promise<PublicKeyCredentialCreationOptionsJSON> {
    const r = await browser.post('/registration/options', body);
    expectStatus(r, 200, 'POST /registration/options');
    if (!r.body?.options?.challenge)
      fail(`POST /registration/options: no options.challenge in ${show(r)}`);
    return r.body.options;
  }

  async authenticationOptions(
    browser: Browser,
    body: object = {},
  ): Promise<PublicKeyCredentialRequestOptionsJSON> {
    const r = await browser.post('/authentication/options', body);
    expectStatus(r, 200, 'POST /authentication/options');
    if (!r.body?.options?.challenge)
      fail(`POST /authentication/options: no options.challenge in ${show(r)}`);
    return r.body.options;
  }

  /** Direct sign-up (`{username}` → passkey): the account, signed in. */
  async signUp(tamper: CreateTamper = {}): Promise<Account & {response: RegistrationResponseJSON}> {
    const browser = this.browser();
    const authenticator = this.authenticator();
    const username = newUsername();
    const options = await this.registrationOptions(browser, {username, displayName: 'Conformance'});
    const response = authenticator.create(options, tamper);
    const r = await browser.post('/registration/verify', {response});
    if (r.status === 401 || r.status === 403)
      throw new CheckSkipped(`direct sign-up is off on this backend (${show(r)})`);
    expectStatus(r, 201, 'POST /registration/verify');
    return {
      browser,
      authenticator,
      username,
      userId: r.body?.user?.id,
      credentialId: response.id,
      response,
    };
  }

  /** A sign-in with the account's passkey (discoverable unless `username`). */
  async signIn(
    account: Pick<Account, 'browser' | 'authenticator'>,
    body: object = {},
    tamper: GetTamper = {},
  ) {
    const options = await this.authenticationOptions(account.browser, body);
    const response = account.authenticator.get(options, tamper);
    return {
      options,
      response,
      result: await account.browser.post('/authentication/verify', {response}),
    };
  }
}

type Check = {group: CheckResult['group']; name: string; run: (kit: Kit) => Promise<void>};

/** Every check, in the order the table lists them. */
export const checks: Check[] = [
  // ---- The flows a site needs, end to end ----
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
  {
    group: 'flow',
    name: 'list passkeys: GET /passkeys 200 {passkeys}',
    async run(kit) {
      const a = await kit.signUp();
      const r = await a.browser.get('/passkeys');
      if (r.status === 404 && r.body?.error?.code !== 'not_found')
        throw new CheckSkipped('no GET /passkeys');
      expectStatus(r, 200, 'GET /passkeys');
      if (
        !Array.isArray(r.body?.passkeys) ||
        !r.body.passkeys.some((p: {id: string}) => p.id === a.credentialId)
      )
        fail(`the new passkey is not listed: ${show(r)}`);
    },
  },
  {
    group: 'flow',
    name: 'add a passkey while signed in: excludeCredentials lists the first, 201',
    async run(kit) {
      const a = await kit.signUp();
      const options = await kit.registrationOptions(a.browser, {});
      if (!options.excludeCredentials?.some((c) => c.id === a.credentialId))
        fail(
          `excludeCredentials ${JSON.stringify(options.excludeCredentials)} lacks ${a.credentialId}`,
        );
      const response = kit.authenticator().create(options);
      const r = await a.browser.post('/registration/verify', {response});
      expectStatus(r, 201, 'POST /registration/verify (signed in)');
      if (r.body?.user?.id !== a.userId)
        fail(`the passkey went to ${r.body?.user?.id}, expected ${a.userId}`);
    },
  },
  {
    group: 'flow',
    name: 'rename a passkey: PATCH /passkeys/{id} 200 {passkey}',
    async run(kit) {
      const a = await kit.signUp();
      const r = await a.browser.request(
        'PATCH',
        `/passkeys/${encodeURIComponent(a.credentialId)}`,
        {json: {name: '  Renamed key  '}},
      );
      if (r.status === 404 && r.body?.error?.code !== 'not_found')
        throw new CheckSkipped('no PATCH /passkeys/{id}');
      expectStatus(r, 200, 'PATCH /passkeys/{id}');
      if (r.body?.passkey?.name !== 'Renamed key')
        fail(
          `name is ${JSON.stringify(r.body?.passkey?.name)}, expected the trimmed "Renamed key"`,
        );
      const empty = await a.browser.request(
        'PATCH',
        `/passkeys/${encodeURIComponent(a.credentialId)}`,
        {json: {name: '   '}},
      );
      expectError(empty, 400, 'invalid_request', 'PATCH with a blank name');
    },
  },
  {
    group: 'flow',
    name: 'delete a passkey: 204; the last one: 409 last_passkey',
    async run(kit) {
      const a = await kit.signUp();
      const second = kit.authenticator().create(await kit.registrationOptions(a.browser, {}));
      expectStatus(
        await a.browser.post('/registration/verify', {response: second}),
        201,
        'adding a second passkey',
      );
      const r = await a.browser.request('DELETE', `/passkeys/${encodeURIComponent(second.id)}`);
      if (r.status === 404 && r.body?.error?.code !== 'not_found')
        throw new CheckSkipped('no DELETE /passkeys/{id}');
      expectStatus(r, 204, 'DELETE /passkeys/{id}');
      const last = await a.browser.request(
        'DELETE',
        `/passkeys/${encodeURIComponent(a.credentialId)}`,
      );
      expectError(last, 409, 'last_passkey', 'DELETE of the only passkey');
    },
  },

  {
    group: 'flow',
    name: 'recovery: fresh codes, one redeemed once for a token, a new passkey with it and a session',
    async run(kit) {
      const a = await kit.signUp();
      const r = await a.browser.post('/recovery/codes', {});
      if (r.status === 404 && r.body?.error?.code !== 'not_found')
        throw new CheckSkipped('no POST /recovery/codes');
      expectStatus(r, 200, 'POST /recovery/codes');
      const codes: unknown = r.body?.codes;
      if (!Array.isArray(codes) || !codes.length || !codes.every((c) => typeof c == 'string'))
        fail(`codes: ${show(r)}`);
      const b = kit.browser();
      const redeemed = await b.post('/recovery/redeem', {username: a.username, code: codes[0]});
      expectStatus(redeemed, 200, 'POST /recovery/redeem');
      if (typeof redeemed.body?.recoveryToken !== 'string')
        fail(`no recoveryToken: ${show(redeemed)}`);
      expectError(
        await kit.browser().post('/recovery/redeem', {username: a.username, code: codes[0]}),
        400,
        'verification_failed',
        'the same code again',
      );
      const response = kit
        .authenticator()
        .create(await kit.registrationOptions(b, {recoveryToken: redeemed.body.recoveryToken}));
      const v = await b.post('/registration/verify', {response});
      expectStatus(v, 201, 'POST /registration/verify with a recovery token');
      if (v.body?.user?.id !== a.userId)
        fail(`the recovery passkey went to ${v.body?.user?.id}, expected ${a.userId}`);
      const s = await b.get('/session');
      if (s.body?.user?.id !== a.userId) fail(`no session after recovery: ${show(s)}`);
    },
  },
  {
    group: 'flow',
    name: 'e-mail sign-up: POST /signup/email 202 without a body; a wrong code is refused with 400',
    async run(kit) {
      const b = kit.browser();
      const email = `${newUsername()}@example.invalid`;
      const r = await b.post('/signup/email', {email});
      if (r.status === 404 && r.body?.error?.code !== 'not_found')
        throw new CheckSkipped('no POST /signup/email');
      expectStatus(r, 202, 'POST /signup/email');
      const wrong = await b.post('/signup/email/verify', {email, code: 'x1x1x1'});
      expectError(
        wrong,
        400,
        ['verification_failed', 'invalid_request'],
        'a code that cannot be right',
      );
    },
  },

  // ---- What the backend must refuse, and how ----
  {
    group: 'errors',
    name: 'malformed JSON: 400 invalid_request',
    async run(kit) {
      expectError(
        await kit.browser().request('POST', '/authentication/options', {body: '{"username": '}),
        400,
        'invalid_request',
        'a truncated JSON body',
      );
    },
  },
  {
    group: 'errors',
    name: 'wrongly typed fields: 400 invalid_request',
    async run(kit) {
      const b = kit.browser();
      expectError(
        await b.post('/registration/options', {username: 42}),
        400,
        'invalid_request',
        '{username: 42}',
      );
      expectError(
        await b.post('/authentication/verify', {response: 'not an object'}),
        400,
        'invalid_request',
        '{response: "not an object"}',
      );
      expectError(
        await b.post('/authentication/verify', {
          response: {
            id: '!!',
            rawId: '!!',
            type: 'public-key',
            response: {},
            clientExtensionResults: {},
          },
        }),
        400,
        'invalid_request',
        'a response with bad base64url and no fields',
      );
    },
  },
  {
    group: 'errors',
    name: 'body over 64 KiB: 413 payload_too_large',
    async run(kit) {
      const r = await kit
        .browser()
        .post('/authentication/options', {username: 'x'.repeat(70 * 1024)});
      expectError(r, 413, 'payload_too_large', 'a 70 KiB body');
    },
  },
  {
    group: 'errors',
    name: 'body that is not JSON: 415 unsupported_media_type',
    async run(kit) {
      const r = await kit.browser().request('POST', '/authentication/options', {
        body: 'username=x',
        contentType: 'application/x-www-form-urlencoded',
      });
      expectError(r, 415, 'unsupported_media_type', 'a form-encoded body');
    },
  },
  {
    group: 'errors',
    name: 'state change without an Origin header: 403 origin_mismatch',
    async run(kit) {
      expectError(
        await kit
          .browser()
          .post('/registration/options', {username: newUsername()}, {origin: null}),
        403,
        'origin_mismatch',
        'no Origin',
      );
    },
  },
  {
    group: 'errors',
    name: 'state change from a foreign Origin: 403 origin_mismatch',
    async run(kit) {
      const a = await kit.signUp();
      expectError(
        await a.browser.post('/registration/options', {}, {origin: 'https://evil.example'}),
        403,
        'origin_mismatch',
        'Origin https://evil.example',
      );
      expectError(
        await a.browser.request('DELETE', '/session', {origin: 'https://evil.example'}),
        403,
        'origin_mismatch',
        'DELETE /session from https://evil.example',
      );
    },
  },
  {
    group: 'errors',
    name: 'replayed registration response: 400 challenge_invalid',
    async run(kit) {
      const a = await kit.signUp();
      const r = await kit.browser().post('/registration/verify', {response: a.response});
      expectError(r, 400, 'challenge_invalid', 'the same registration response again');
    },
  },
  {
    group: 'errors',
    name: 'replayed assertion: 400 challenge_invalid',
    async run(kit) {
      const a = await kit.signUp();
      const {response, result} = await kit.signIn({
        browser: kit.browser(),
        authenticator: a.authenticator,
      });
      expectStatus(result, 200, 'the first sign-in');
      const again = await kit.browser().post('/authentication/verify', {response});
      expectError(again, 400, 'challenge_invalid', 'the same assertion again');
    },
  },
  {
    group: 'errors',
    name: 'one assertion sent twice at once: exactly one sign-in succeeds',
    async run(kit) {
      const a = await kit.signUp();
      const b = kit.browser();
      const response = a.authenticator.get(await kit.authenticationOptions(b));
      const answers = await Promise.all([
        b.post('/authentication/verify', {response}),
        kit.browser().post('/authentication/verify', {response}),
      ]);
      const ok = answers.filter((r) => r.status === 200);
      if (ok.length !== 1)
        fail(`${ok.length} of 2 racing verifies succeeded: ${answers.map(show).join(' | ')}`);
      const other = answers.find((r) => r.status !== 200)!;
      expectError(other, 400, 'challenge_invalid', 'the loser of the race');
    },
  },
  {
    group: 'errors',
    name: 'a failed verify burns the challenge: the good response after it gets 400 challenge_invalid',
    async run(kit) {
      const a = await kit.signUp();
      const b = kit.browser();
      const options = await kit.authenticationOptions(b);
      const bad = a.authenticator.get(options, {
        signature: Buffer.from(randomBytes(70)).toString('base64url'),
      });
      expectError(
        await b.post('/authentication/verify', {response: bad}),
        400,
        'verification_failed',
        'a bad signature',
      );
      const good = a.authenticator.get(options);
      expectError(
        await b.post('/authentication/verify', {response: good}),
        400,
        'challenge_invalid',
        'a good response on the burnt challenge',
      );
    },
  },
  {
    group: 'errors',
    name: 'a registration challenge used to sign in: 400 challenge_invalid, and it still registers',
    async run(kit) {
      const a = await kit.signUp();
      const b = kit.browser();
      const reg = await kit.registrationOptions(b, {username: newUsername()});
      const response = a.authenticator.get({
        challenge: reg.challenge,
        rpId: kit.settings.rpId,
        allowCredentials: [],
      });
      expectError(
        await b.post('/authentication/verify', {response}),
        400,
        'challenge_invalid',
        'an assertion over a registration challenge',
      );
      // Presented for the wrong purpose, the challenge is not consumed (docs/contract.md).
      expectStatus(
        await b.post('/registration/verify', {response: kit.authenticator().create(reg)}),
        201,
        'registering with that challenge afterwards',
      );
    },
  },
  {
    group: 'errors',
    name: 'a made-up challenge: 400 challenge_invalid',
    async run(kit) {
      const a = await kit.signUp();
      const response = a.authenticator.get({
        challenge: randomBytes(32).toString('base64url'),
        rpId: kit.settings.rpId,
        allowCredentials: [],
      });
      expectError(
        await kit.browser().post('/authentication/verify', {response}),
        400,
        'challenge_invalid',
        'an assertion over a challenge never issued',
      );
    },
  },
  {
    group: 'errors',
    name: 'assertion signed for a foreign origin: 400 verification_failed',
    async run(kit) {
      const a = await kit.signUp();
      const {result} = await kit.signIn(
        {browser: kit.browser(), authenticator: a.authenticator},
        {},
        {origin: 'https://evil.example'},
      );
      expectError(result, 400, 'verification_failed', 'clientDataJSON.origin https://evil.example');
    },
  },
  {
    group: 'errors',
    name: 'registration for a foreign origin: 400 verification_failed',
    async run(kit) {
      const b = kit.browser();
      const response = kit
        .authenticator()
        .create(await kit.registrationOptions(b, {username: newUsername()}), {
          origin: 'https://evil.example',
        });
      expectError(
        await b.post('/registration/verify', {response}),
        400,
        'verification_failed',
        'clientDataJSON.origin https://evil.example',
      );
    },
  },
  {
    group: 'errors',
    name: 'assertion for another RP id: 400 verification_failed',
    async run(kit) {
      const a = await kit.signUp();
      const {result} = await kit.signIn(
        {browser: kit.browser(), authenticator: a.authenticator},
        {},
        {rpId: 'evil.example'},
      );
      expectError(result, 400, 'verification_failed', 'authData for RP id evil.example');
    },
  },
  {
    group: 'errors',
    name: 'assertion with clientDataJSON.type webauthn.create: 400 verification_failed',
    async run(kit) {
      const a = await kit.signUp();
      const {result} = await kit.signIn(
        {browser: kit.browser(), authenticator: a.authenticator},
        {},
        {type: 'webauthn.create'},
      );
      expectError(result, 400, 'verification_failed', 'type webauthn.create');
    },
  },
  {
    group: 'errors',
    name: 'user not verified where required: 400 verification_failed',
    async run(kit) {
      const a = await kit.signUp();
      const b = kit.browser();
      const options = await kit.authenticationOptions(b);
      if (options.userVerification !== 'required')
        throw new CheckSkipped(`userVerification is ${options.userVerification}`);
      const response = a.authenticator.get(options, {flags: {uv: false}});
      expectError(
        await b.post('/authentication/verify', {response}),
        400,
        'verification_failed',
        'an assertion without the UV flag',
      );
    },
  },
  {
    group: 'errors',
    name: 'signature counter going backwards: 400 verification_failed',
    async run(kit) {
      const a = await kit.signUp();
      expectStatus(
        (
          await kit.signIn(
            {browser: kit.browser(), authenticator: a.authenticator},
            {},
            {counter: 10},
          )
        ).result,
        200,
        'a sign-in at counter 10',
      );
      const {result} = await kit.signIn(
        {browser: kit.browser(), authenticator: a.authenticator},
        {},
        {counter: 5},
      );
      expectError(result, 400, 'verification_failed', 'counter 5 after 10');
    },
  },
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

/** Runs the checks one after another (a backend's rate limits count them as one client). */
export async function runConformance(options: ConformanceOptions): Promise<CheckResult[]> {
  const url = options.url.replace(/\/+$/, '');
  const origin = options.origin ?? new URL(url).origin;
  const settings: Settings = {
    url,
    origin,
    rpId: options.rpId ?? new URL(origin).hostname,
    adminKey: options.adminKey,
  };
  const kit = new Kit(settings);
  const results: CheckResult[] = [];
  for (const check of checks) {
    if (options.only?.length && !options.only.some((o) => check.name.includes(o))) continue;
    const started = Date.now();
    let status: CheckStatus = 'pass';
    let detail: string | undefined;
    try {
      await check.run(kit);
    } catch (e) {
      status = e instanceof CheckSkipped ? 'skip' : 'fail';
      detail =
        e instanceof CheckFailed || e instanceof CheckSkipped
          ? e.message
          : `crashed: ${e instanceof Error ? e.message : String(e)}`;
    }
    results.push({group: check.group, name: check.name, status, detail, ms: Date.now() - started});
  }
  return results;
}

/** The results as a plain-text table, with a summary line. */
export function formatResults(results: CheckResult[]): string {
  const mark = {pass: 'PASS', fail: 'FAIL', skip: 'SKIP'};
  const width = Math.max(...results.map((r) => r.name.length), 5);
  const lines = [
    `${'RESULT'}  ${'CHECK'.padEnd(width)}  DETAIL`,
    `${'-'.repeat(6)}  ${'-'.repeat(width)}  ${'-'.repeat(6)}`,
  ];
  let group = '';
  for (const r of results) {
    if (r.group !== group) {
      group = r.group;
      lines.push(group === 'flow' ? '[flows]' : '[error cases]');
    }
    lines.push(`${mark[r.status].padEnd(6)}  ${r.name.padEnd(width)}  ${r.detail ?? ''}`.trimEnd());
  }
  const count = (s: CheckStatus) => results.filter((r) => r.status === s).length;
  lines.push('', `${count('pass')} passed, ${count('fail')} failed, ${count('skip')} skipped`);
  return lines.join('\n');
}

const USAGE = `Usage: passkey-elements-conformance <api-url> [options]

Runs the passkey-elements backend contract's checks against a running backend, with a software
authenticator in Node (no browser). Exits 1 when a check fails.

  <api-url>            the API's base URL, e.g. http://localhost:3000/passkeys
  --origin <origin>    the pages' origin the backend allows (default: the URL's origin)
  --rp-id <id>         the WebAuthn RP id (default: the origin's host name)
  --admin-key <key>    operator key, to check DELETE /admin/users/{id}/passkeys succeeds
  --only <text>        only the checks whose name contains <text> (repeatable)
  --json               print the results as JSON instead of a table
  -h, --help           this text

The checks make accounts named conformance-<random> (direct sign-up must be on). Point it at a
test deployment, not production.`;

/** The command line: parses `argv`, runs, prints; resolves with the exit code. */
export async function main(
  argv: string[],
  out: (text: string) => void = console.log,
): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        origin: {type: 'string'},
        'rp-id': {type: 'string'},
        'admin-key': {type: 'string'},
        only: {type: 'string', multiple: true},
        json: {type: 'boolean'},
        help: {type: 'boolean', short: 'h'},
      },
    });
  } catch (e) {
    out(`${(e as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const {values, positionals} = parsed;
  if (values.help) {
    out(USAGE);
    return 0;
  }
  if (positionals.length !== 1 || !URL.canParse(positionals[0]!)) {
    out(USAGE);
    return 2;
  }
  const results = await runConformance({
    url: positionals[0]!,
    origin: values.origin,
    rpId: values['rp-id'],
    adminKey: values['admin-key'] ?? process.env.PASSKEY_ADMIN_KEY,
    only: values.only,
  });
  out(values.json ? JSON.stringify(results, null, 2) : formatResults(results));
  if (results.length === 0) return 2;
  return results.some((r) => r.status === 'fail') ? 1 : 0;
}
