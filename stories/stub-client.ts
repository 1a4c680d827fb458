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
  RecoveryCodeStatusResponse,
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
  /** What `listPasskeys` answers (default `stubPasskeys`); `[]` for an account without any. */
  passkeys?: Passkey[];
  /** What `recoveryCodeStatus` answers (default: no recovery codes yet). */
  codeStatus?: RecoveryCodeStatusResponse;
  /**
   * These sensitive calls answer `reauth_required` until the user confirms it is them
   * (`reauthVerify` succeeds), as a backend does for a session not verified recently.
   */
  reauth?: StubStep[];
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

// Authenticator icons as the AAGUID metadata ships them: small data: URLs (no request made).
const svg = (body: string) =>
  'data:image/svg+xml,' +
  encodeURIComponent(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32">${body}</svg>`);
const keychainIcon = svg(
  '<rect x="3" y="3" width="26" height="26" rx="7" fill="#5b6b7f"/><circle cx="13" cy="16" r="5" fill="none" stroke="#fff" stroke-width="2.5"/><path d="M18 16h9m-3 0v4" stroke="#fff" stroke-width="2.5"/>',
);
const keychainIconDark = svg(
  '<rect x="3" y="3" width="26" height="26" rx="7" fill="#c9d3df"/><circle cx="13" cy="16" r="5" fill="none" stroke="#1d232b" stroke-width="2.5"/><path d="M18 16h9m-3 0v4" stroke="#1d232b" stroke-width="2.5"/>',
);
const passwordManagerIcon = svg(
  '<circle cx="16" cy="16" r="13" fill="#2f7d4f"/><path d="M10 16l4 4 8-8" fill="none" stroke="#fff" stroke-width="3"/>',
);

/**
 * A fuller account for the manager: synced and this-device passkeys, with and without an
 * authenticator icon (one with a dark-theme variant), one never used, one with a long name.
 */
export const manyPasskeys: Passkey[] = [
  {
    ...stubPasskeys[0],
    authenticator: {name: 'iCloud Keychain', icon: keychainIcon, iconDark: keychainIconDark},
  },
  {
    id: 'c3R1Yi1jcmVkLTM',
    name: 'Pixel 9 (work profile, second account)',
    createdAt: '2026-03-08T08:15:00.000Z',
    lastUsedAt: '2026-11-02T07:40:00.000Z',
    backedUp: true,
    deviceType: 'multiDevice',
    transports: ['hybrid', 'internal'],
    aaguid: 'ea9b8d66-4d01-1d21-3ce4-b6b48cb575d4',
    authenticator: {name: 'Google Password Manager', icon: passwordManagerIcon},
  },
  {
    id: 'c3R1Yi1jcmVkLTQ',
    name: 'Windows Hello',
    createdAt: '2025-11-21T16:45:00.000Z',
    lastUsedAt: '2026-10-30T12:05:00.000Z',
    backedUp: false,
    deviceType: 'singleDevice',
    transports: ['internal'],
    aaguid: '08987058-cadc-4b81-b6e1-30de50dcbe96',
    authenticator: {name: 'Windows Hello'},
  },
  stubPasskeys[1],
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
  authenticatorSelection: {
    residentKey: 'required' as const,
    userVerification: 'preferred' as const,
  },
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

  /** The user confirmed it is them (`reauthVerify` answered): `reauth` calls now succeed. */
  private verified = false;

  private async answer<T>(step: StubStep, value: () => T): Promise<T> {
    const {pending, fail, delay = 300} = this.script;
    if (pending === true || pending === step) return new Promise<T>(() => {});
    await new Promise((r) => setTimeout(r, delay));
    if (!this.verified && this.script.reauth?.includes(step)) {
      throw new PasskeyError('reauth_required', 'stubbed reauth_required');
    }
    if (fail?.step === step) {
      throw new PasskeyError(
        fail.code,
        `stubbed ${fail.code}`,
        fail.code === 'unknown_credential' ? 'c3R1Yi1jcmVkLTE' : undefined,
      );
    }
    return value();
  }

  registrationOptions(req: RegistrationOptionsRequest) {
    return this.answer('registrationOptions', () => ({options: creationOptions(req.username)}));
  }
  registrationVerify(req: {name?: string}) {
    // A new passkey on this device, created now (the manager puts it at the top of its list).
    const passkey: Passkey = {
      ...stubPasskeys[0],
      id: 'c3R1Yi1jcmVkLW5ldw',
      name: req.name || 'Chrome on Linux',
      createdAt: new Date().toISOString(),
      lastUsedAt: null,
    };
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
    const passkeys = this.script.passkeys ?? stubPasskeys;
    return this.answer('listPasskeys', () => ({passkeys: passkeys.map((p) => ({...p}))}));
  }
  renamePasskey(id: string, name: string) {
    const found =
      [...(this.script.passkeys ?? []), ...stubPasskeys].find((p) => p.id === id) ??
      stubPasskeys[0];
    return this.answer('renamePasskey', () => ({passkey: {...found, name}}));
  }
  deletePasskey() {
    return this.answer('deletePasskey', () => undefined);
  }
  recoveryCodes() {
    // Ten codes shaped like the reference server's (xxxx-xxxx-xxxx-xxxx, hex), fixed for screenshots.
    const codes = Array.from({length: 10}, (_, i) =>
      Array.from({length: 4}, (_, j) =>
        ((0x3c5a + i * 0x1f37 + j * 0x9e3) & 0xffff).toString(16).padStart(4, '0'),
      ).join('-'),
    );
    return this.answer('recoveryCodes', () => ({codes}));
  }
  recoveryCodeStatus() {
    const none = {total: 0, unused: 0, createdAt: null, lastUsedAt: null};
    return this.answer('recoveryCodeStatus', () => ({...(this.script.codeStatus ?? none)}));
  }
  reauthOptions() {
    return this.answer('reauthOptions', () => ({options: requestOptions()}));
  }
  reauthVerify(req: {action?: string}) {
    return this.answer('reauthVerify', () => {
      this.verified = true;
      return {
        verifiedAt: new Date().toISOString(),
        stepUpToken: `stub-step-up-token${req.action ? `-for-${req.action}` : ''}`,
      };
    });
  }
  endOtherSessions() {
    return this.answer('endOtherSessions', () => undefined);
  }
  mfaOptions() {
    const mode = this.script.mfaMode ?? 'verify';
    return this.answer('mfaOptions', () => ({
      mode,
      options: mode === 'register' ? creationOptions() : requestOptions(),
    }));
  }
  mfaVerify() {
    // After registering (mode `register`) the answer carries the new passkey too.
    const registered = this.script.mfaMode === 'register' ? {passkey: {...stubPasskeys[0]}} : {};
    return this.answer('mfaVerify', () => ({user: stubUser, ...registered}));
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
