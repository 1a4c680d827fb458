/**
 * What the conformance checks are written with: the settings of a run, the browser (an Origin
 * header and a cookie jar over `TestBrowser`), the failure and skip signals, the expectations on
 * an answer, and `Kit`, which signs accounts up and in with `SoftAuthenticator`.
 */
import {randomBytes} from 'node:crypto';
import type {
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
  RegistrationResponseJSON,
} from '@simplewebauthn/browser';
import {SoftAuthenticator, type CreateTamper, type GetTamper} from '../soft-authenticator.js';
import {TestBrowser, type TestResponse} from '../test-browser.js';
import type {CheckResult} from './runner.js';

type Response = TestResponse;

/** A browser as far as the backend can tell: an Origin header and the cookies it sets. */
export class Browser extends TestBrowser {
  constructor(readonly settings: Settings) {
    super(settings.url, settings.origin);
  }
}

export interface Settings {
  url: string;
  origin: string;
  rpId: string;
  adminKey?: string;
}

/** A check's failure (its message is the table's detail). */
export class CheckFailed extends Error {}
/** A check that cannot run against this backend (e.g. an optional flow it does not have). */
export class CheckSkipped extends Error {}

export function fail(message: string): never {
  throw new CheckFailed(message);
}

export const show = (r: Response) =>
  `${r.status} ${typeof r.body == 'string' ? r.body.slice(0, 120) : JSON.stringify(r.body)?.slice(0, 160)}`;

/** The answer must be `status`, with a JSON body when it carries one. */
export function expectStatus(r: Response, status: number, what: string) {
  if (r.status !== status) fail(`${what}: expected ${status}, got ${show(r)}`);
}

/** The answer must be the contract's error shape with this status and code. */
export function expectError(
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

export const b64urlBytes = (s: unknown) =>
  typeof s == 'string' && /^[A-Za-z0-9_-]*$/.test(s) ? Buffer.from(s, 'base64url').length : -1;
export const newUsername = () => `conformance-${randomBytes(6).toString('hex')}`;

/** An account made through direct sign-up, signed in, with the authenticator that holds its passkey. */
export interface Account {
  browser: Browser;
  authenticator: SoftAuthenticator;
  username: string;
  userId: string;
  credentialId: string;
  /** The names of the cookies the sign-up's verify answer set: the session, for a cookie backend. */
  sessionCookies: string[];
}

export class Kit {
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
      sessionCookies: r.headers.getSetCookie().map((line) => line.split('=')[0]!.trim()),
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

export type Check = {group: CheckResult['group']; name: string; run: (kit: Kit) => Promise<void>};
