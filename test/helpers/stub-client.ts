// A STUB client, named as such: it stands in for the backend in element tests, so that each
// error path can be produced on demand. Ceremonies still run for real in Chromium against the
// virtual authenticator; only the backend's answers are scripted. End-to-end tests use the real
// reference backend instead (test/e2e).
import {bufferToBase64URLString} from '@simplewebauthn/browser';
import {PasskeyError} from '../../src/core/client/passkey-error.js';
import type {
  PasskeyClient,
  Passkey,
  RecoveryCodeStatusResponse,
  User,
} from '../../src/core/client/types.js';

export const stubUser: User = {
  id: 'u1',
  username: 'ada',
  displayName: 'Ada Lovelace',
  webauthnUserId: 'dXNlcg',
};

export const stubPasskey: Passkey = {
  id: 'cred-1',
  name: 'Test passkey',
  createdAt: '2026-01-01T00:00:00.000Z',
  lastUsedAt: null,
  backedUp: false,
  deviceType: 'singleDevice',
  transports: ['internal'],
  aaguid: '00000000-0000-0000-0000-000000000000',
  authenticator: null,
};

const random = (n: number) =>
  bufferToBase64URLString(crypto.getRandomValues(new Uint8Array(n)).buffer);

/** Creation options a real authenticator accepts (rp `localhost`, ES256, UV and a resident key required). */
export function creationOptions() {
  return {
    challenge: random(32),
    rp: {id: 'localhost', name: 'Stub RP'},
    user: {id: random(16), name: 'ada-' + random(4), displayName: 'Ada'},
    pubKeyCredParams: [{type: 'public-key' as const, alg: -7}],
    authenticatorSelection: {
      residentKey: 'required' as const,
      userVerification: 'required' as const,
    },
    timeout: 10_000,
  };
}

/** Request options for any discoverable credential of `localhost`. */
export function requestOptions() {
  return {
    challenge: random(32),
    rpId: 'localhost',
    allowCredentials: [],
    userVerification: 'required' as const,
    timeout: 10_000,
  };
}

type Step = Exclude<keyof PasskeyClient, 'session' | 'signOut'>;

/**
 * Records every call; `fail[step]` makes that step reject with the contract code given;
 * `failOnce[step]` does so for its next call only (a `reauth_required` the element then handles);
 * `hold[step]` makes it wait until `release()` is called; `answer[step]` replaces its result.
 */
export class StubClient implements PasskeyClient {
  calls: {step: string; body: unknown}[] = [];
  fail: Partial<Record<Step, string>> = {};
  failOnce: Partial<Record<Step, string>> = {};
  hold: Partial<Record<Step, boolean>> = {};
  answer: Partial<Record<Step, unknown>> = {};
  passkeys: Passkey[] = [stubPasskey];
  /** What `GET /recovery/codes` answers (no set by default); creating codes starts a new set. */
  codeStatus: RecoveryCodeStatusResponse = {
    total: 0,
    unused: 0,
    createdAt: null,
    lastUsedAt: null,
  };
  mfaMode: 'register' | 'verify' = 'verify';
  private gates: (() => void)[] = [];

  release() {
    this.gates.splice(0).forEach((g) => g());
  }

  private async step<T>(step: Step, body: unknown, value: () => T): Promise<T> {
    this.calls.push({step, body});
    if (this.hold[step]) await new Promise<void>((r) => this.gates.push(r));
    const code = this.failOnce[step] ?? this.fail[step];
    delete this.failOnce[step];
    if (code)
      throw new PasskeyError(
        code,
        `stubbed ${code}`,
        code === 'unknown_credential' ? 'stub-id' : undefined,
      );
    return (step in this.answer ? this.answer[step] : value()) as T;
  }

  count(step: Step) {
    return this.calls.filter((c) => c.step === step).length;
  }

  registrationOptions(body: unknown) {
    return this.step('registrationOptions', body, () => ({options: creationOptions()}));
  }
  registrationVerify(body: unknown) {
    return this.step('registrationVerify', body, () => ({passkey: stubPasskey, user: stubUser}));
  }
  authenticationOptions(body: unknown) {
    return this.step('authenticationOptions', body, () => ({options: requestOptions()}));
  }
  authenticationVerify(body: unknown) {
    return this.step('authenticationVerify', body, () => ({user: stubUser}));
  }
  async session() {
    return {user: stubUser, rpId: 'localhost', verifiedAt: null};
  }
  async signOut() {}
  listPasskeys() {
    return this.step('listPasskeys', undefined, () => ({passkeys: this.passkeys}));
  }
  renamePasskey(id: string, name: string) {
    return this.step('renamePasskey', {id, name}, () => {
      const p = this.passkeys.find((k) => k.id === id)!;
      p.name = name;
      return {passkey: {...p}};
    });
  }
  deletePasskey(id: string) {
    return this.step('deletePasskey', {id}, () => {
      this.passkeys = this.passkeys.filter((k) => k.id !== id);
    });
  }
  recoveryCodes() {
    return this.step('recoveryCodes', undefined, () => {
      const codes = ['1111-2222', '3333-4444', '5555-6666'];
      const createdAt = new Date().toISOString();
      this.codeStatus = {total: 3, unused: 3, createdAt, lastUsedAt: null};
      return {codes};
    });
  }
  /** Not recorded in `calls` (the manager asks with every load): tests read `codeStatus`. */
  async recoveryCodeStatus() {
    return {...this.codeStatus};
  }
  reauthOptions() {
    return this.step('reauthOptions', undefined, () => ({options: requestOptions()}));
  }
  reauthVerify(body: {action?: string}) {
    return this.step('reauthVerify', body, () => ({
      verifiedAt: '2026-01-02T03:04:05.000Z',
      stepUpToken: 'step-up-' + (body.action ?? 'any'),
    }));
  }
  endOtherSessions() {
    return this.step('endOtherSessions', undefined, () => undefined);
  }
  mfaOptions(body: {mfaToken: string}) {
    return this.step('mfaOptions', body, () =>
      this.mfaMode === 'register'
        ? {mode: 'register' as const, options: creationOptions()}
        : {mode: 'verify' as const, options: requestOptions()},
    );
  }
  mfaVerify(body: unknown) {
    return this.step('mfaVerify', body, () =>
      this.mfaMode === 'register' ? {user: stubUser, passkey: stubPasskey} : {user: stubUser},
    );
  }
  signupEmail(body: {email: string}) {
    return this.step('signupEmail', body, () => undefined);
  }
  signupVerify(body: unknown) {
    return this.step('signupVerify', body, () => ({signupToken: 'signup-token'}));
  }
  recoveryRedeem(body: unknown) {
    return this.step('recoveryRedeem', body, () => ({recoveryToken: 'recovery-token'}));
  }
}
