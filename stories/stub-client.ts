// A STUB client, for stories only: it stands in for the backend so that every state of an
// element can be shown without a server. It never makes a request. Each story scripts it:
//   - succeed (the default): every call answers after `delay` ms with plausible objects;
//   - pending: the named call (or every call) never answers, so the element stays busy;
//   - fail: the named call rejects with a contract error code (`rate_limited`, `user_exists`…),
//     exactly as the default FetchClient rejects when the backend answers with that code.
// The test suite has its own stub (test/helpers/stub-client.ts); this one is shaped for stories:
// a plain-data script (it travels in story parameters) and no test bookkeeping.
import {PasskeyError} from '../src/core/client/passkey-error.js';
import type {
  MfaMode,
  Passkey,
  PasskeyClient,
  RegistrationOptionsRequest,
  User,
} from '../src/core/client/types.js';

/** The client's calls, by method name. */
export type StubStep = keyof PasskeyClient;

export interface StubScript {
  /** How long each answer takes, in ms (default 300). */
  delay?: number;
  /** This call (or, with `true`, every call) never answers: the element stays busy. */
  pending?: StubStep | true;
  /** This call rejects with `code` (a contract error code, or `network_error` / `bad_response`). */
  fail?: {step: StubStep; code: string};
  /** `mfaOptions` asks for this ceremony (default `verify`). */
  mfaMode?: MfaMode;
}

export const stubUser: User = {
  id: 'u-stub',
  username: 'ada',
  displayName: 'Ada Lovelace',
  webauthnUserId: 'c3R1Yi11c2Vy',
};

export const stubPasskeys: Passkey[] = [
  {
    id: 'c3R1Yi1jcmVkLTE',
    name: 'MacBook Touch ID',
    createdAt: '2026-01-12T09:30:00.000Z',
    lastUsedAt: '2026-11-20T18:02:00.000Z',
    backedUp: true,
    deviceType: 'multiDevice',
    transports: ['internal', 'hybrid'],
    aaguid: 'fbfc3007-154e-4ecc-8c0b-6e020557d7bd',
    authenticator: {name: 'iCloud Keychain'},
  },
  {
    id: 'c3R1Yi1jcmVkLTI',
    name: 'Security key',
    createdAt: '2025-06-03T14:00:00.000Z',
    lastUsedAt: null,
    backedUp: false,
    deviceType: 'singleDevice',
    transports: ['usb', 'nfc'],
    aaguid: '00000000-0000-0000-0000-000000000000',
    authenticator: null,
  },
];

const random = (n: number) =>
  btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(n))))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');

// No rp id: the browser uses the page's own host, so the options are valid wherever Storybook
// is served (a real passkey provider in a real browser can even answer them).
const creationOptions = (name = stubUser.username) => ({
  challenge: random(32),
  rp: {name: 'Storybook (stub)'},
  user: {id: random(16), name, displayName: name},
  pubKeyCredParams: [
    {type: 'public-key' as const, alg: -7},
    {type: 'public-key' as const, alg: -257},
  ],
  authenticatorSelection: {residentKey: 'required' as const, userVerification: 'preferred' as const},
  timeout: 60_000,
});

const requestOptions = () => ({
  challenge: random(32),
  allowCredentials: [],
  userVerification: 'preferred' as const,
  timeout: 60_000,
});

/** A PasskeyClient that never talks to a backend; see the file's header. */
export class StoryStubClient implements PasskeyClient {
  constructor(readonly script: StubScript = {}) {}

  private async answer<T>(step: StubStep, value: () => T): Promise<T> {
    const {pending, fail, delay = 300} = this.script;
    if (pending === true || pending === step) return new Promise<T>(() => {});
    await new Promise((r) => setTimeout(r, delay));
    if (fail?.step === step) {
      throw new PasskeyError(
        fail.code,
        `stubbed ${fail.code}`,
        fail.code == 'unknown_credential' ? 'c3R1Yi1jcmVkLTE' : undefined
      );
    }
    return value();
  }

  registrationOptions(req: RegistrationOptionsRequest) {
    return this.answer('registrationOptions', () => ({options: creationOptions(req.username)}));
  }
  registrationVerify(req: {name?: string}) {
    const passkey = {...stubPasskeys[0], name: req.name || stubPasskeys[0].name};
    return this.answer('registrationVerify', () => ({passkey, user: stubUser}));
  }
  authenticationOptions() {
    return this.answer('authenticationOptions', () => ({options: requestOptions()}));
  }
  authenticationVerify() {
    return this.answer('authenticationVerify', () => ({user: stubUser}));
  }
  session() {
    return this.answer('session', () => ({user: stubUser as User | null}));
  }
  signOut() {
    return this.answer('signOut', () => undefined);
  }
  listPasskeys() {
    return this.answer('listPasskeys', () => ({passkeys: stubPasskeys.map((p) => ({...p}))}));
  }
  renamePasskey(id: string, name: string) {
    const found = stubPasskeys.find((p) => p.id == id) ?? stubPasskeys[0];
    return this.answer('renamePasskey', () => ({passkey: {...found, name}}));
  }
  deletePasskey() {
    return this.answer('deletePasskey', () => undefined);
  }
  recoveryCodes() {
    const codes = Array.from({length: 8}, (_, i) => `${4821 + i * 1117}-${9034 - i * 613}`);
    return this.answer('recoveryCodes', () => ({codes}));
  }
  mfaOptions() {
    const mode = this.script.mfaMode ?? 'verify';
    return this.answer('mfaOptions', () => ({
      mode,
      options: mode == 'register' ? creationOptions() : requestOptions(),
    }));
  }
  mfaVerify() {
    return this.answer('mfaVerify', () => ({user: stubUser}));
  }
  signupEmail() {
    return this.answer('signupEmail', () => undefined);
  }
  signupVerify() {
    return this.answer('signupVerify', () => ({signupToken: 'stub-signup-token'}));
  }
  recoveryRedeem() {
    return this.answer('recoveryRedeem', () => ({recoveryToken: 'stub-recovery-token'}));
  }
}
