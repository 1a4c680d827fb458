// Abort ownership, end to end: an element ends only what it started. The kit keeps one
// page-wide WebAuthn request (src/core/webauthn/ceremonies.ts); removing an element cancels it only when that element
// started it, every element's fetches are aborted when it is removed, and nothing starts for an
// element that is no longer on the page. Real tags, the reference backend, and the virtual
// authenticator with presence simulation off, so that a prompt stays pending as long as needed.
import {expect, fixture, html, oneEvent} from '@open-wc/testing';
import '../../src/define.js';
import {FetchClient} from '../../src/core/client/fetch-client.js';
import type {PasskeyLogin} from '../../src/elements/passkey-login/passkey-login.js';
import {registerPasskey, signOut, uniqueEmail, uniqueName} from '../helpers/backend.js';
import {click, part, type, until} from '../helpers/dom.js';
import {
  addVirtualAuthenticator,
  capability,
  clearCredentials,
  overrideCapabilities,
  setPresence,
  watchCredentialRequests,
  type WebAuthnCall,
} from '../helpers/webauthn.js';

/**
 * Waits a bounded time. Used only where a test shows that something does NOT happen (no event,
 * a prompt still pending): a wrongly cancelled prompt settles asynchronously, from the browser
 * process, so absence can only be shown over a time window. Everything a test waits FOR goes
 * through until() or an event instead.
 */
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Records the page's WebAuthn requests (and whether each has settled) and its fetches (with
 * their signals), calling through to the real ones.
 */
function spy() {
  const credentials = watchCredentialRequests();
  const fetches: {path: string; signal?: AbortSignal | null}[] = [];
  const realFetch = window.fetch;
  window.fetch = (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    fetches.push({path: new URL(url, location.href).pathname, signal: init?.signal});
    return realFetch(input, init);
  };
  const restore = () => {
    credentials.restore();
    window.fetch = realFetch;
  };
  return {requests: credentials.requests, fetches, restore};
}

/** The kit's events an element fired, as `name code`. */
function record(el: Element) {
  const events: string[] = [];
  for (const name of ['passkey-cancel', 'passkey-error', 'passkey-authenticated']) {
    el.addEventListener(name, (e) => events.push(`${name} ${(e as CustomEvent).detail.code}`));
  }
  return events;
}

describe('abort ownership (e2e)', () => {
  let s: ReturnType<typeof spy>;

  before(async () => {
    await addVirtualAuthenticator();
    await clearCredentials();
    // One discoverable credential, so that a sign-in prompt has something to wait on.
    await registerPasskey({username: uniqueName('abort')});
    await signOut();
  });
  beforeEach(async () => {
    await setPresence(false); // prompts now wait for a touch that never comes
    s = spy();
  });
  afterEach(async () => {
    s.restore();
    await setPresence(true);
  });
  after(() => clearCredentials());

  /**
   * A <passkey-login autofill> whose autofill request is still fetching its options: the default
   * client, whose first options request waits until `release()`.
   */
  async function autofillWaitingForOptions() {
    const real = new FetchClient();
    let calls = 0;
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const client = Object.assign(Object.create(real) as FetchClient, {
      // The options are fetched at once and handed over only on release(), so that they do
      // arrive (an aborted fetch would not): the element itself must drop them.
      authenticationOptions: async (b: {username?: string}, signal?: AbortSignal) => {
        const options = await real.authenticationOptions(b, signal);
        if (calls++ === 0) await held;
        return options;
      },
    });
    const el = await fixture<PasskeyLogin>(
      html`<passkey-login autofill .client=${client}></passkey-login>`,
    );
    const events = record(el);
    await until(() => calls === 1, 5000, 'the autofill request to ask for its options');
    return {el, events, release};
  }

  /** A discoverable <passkey-login> whose prompt is pending, and the events it fires. */
  async function pendingLogin() {
    const login = await fixture<PasskeyLogin>(html`<passkey-login discoverable></passkey-login>`);
    const events = record(login);
    await click(part(login, 'button'));
    await until(() => s.requests.some((r) => r.kind === 'get'), 5000, 'the login prompt');
    const prompt = s.requests.find((r) => r.kind === 'get')!;
    await sleep(100);
    expect(prompt.settled, 'the prompt should be pending').to.equal(false);
    return {login, events, prompt};
  }

  /** Removes the login itself: its own prompt ends, as the quiet `aborted` cancel. */
  async function removeOwn(login: PasskeyLogin, prompt: WebAuthnCall) {
    const cancel = oneEvent(login, 'passkey-cancel');
    login.remove();
    expect((await cancel).detail.code).to.equal('aborted');
    await until(() => prompt.settled, 3000, 'the login prompt to end');
  }

  it('removing a loading <passkey-manager> leaves the <passkey-login> prompt running', async () => {
    const {login, events, prompt} = await pendingLogin();
    const manager = document.createElement('passkey-manager');
    const managerEvents = record(manager);
    document.body.append(manager);
    await manager.updateComplete; // its load starts right after its first render
    expect(s.fetches.map((f) => f.path)).to.include('/passkeys/session');
    manager.remove();
    await sleep(500);
    expect(events, 'the login fired').to.deep.equal([]);
    expect(prompt.settled, 'the login prompt ended').to.equal(false);
    expect(login.busy).to.equal(true);
    expect(managerEvents, 'the removed manager fired').to.deep.equal([]);
    await removeOwn(login, prompt);
  });

  it('removing a <passkey-signup> waiting for its code request leaves the login prompt running', async () => {
    const {login, events, prompt} = await pendingLogin();
    const signup = await fixture(html`<passkey-signup></passkey-signup>`);
    await type(part(signup, 'input'), uniqueEmail('abort'));
    part(signup, 'button').click(); // submits synchronously: the request is now in flight
    expect(s.fetches.map((f) => f.path)).to.include('/passkeys/signup/email');
    signup.remove();
    await sleep(500);
    expect(events, 'the login fired').to.deep.equal([]);
    expect(prompt.settled, 'the login prompt ended').to.equal(false);
    await removeOwn(login, prompt);
  });

  it('removing the <passkey-login> ends its own prompt', async () => {
    const {login, events, prompt} = await pendingLogin();
    await removeOwn(login, prompt);
    expect(events).to.deep.equal(['passkey-cancel aborted']);
  });

  it('aborts a removed element’s fetches, quietly', async () => {
    const manager = document.createElement('passkey-manager');
    const events = record(manager);
    document.body.append(manager);
    await manager.updateComplete;
    const loads = s.fetches.filter((f) => /^\/passkeys\/(session|passkeys)$/.test(f.path));
    expect(loads).to.have.length(2);
    manager.remove();
    expect(
      loads.map((f) => f.signal?.aborted ?? 'no signal'),
      'each load request aborted',
    ).to.deep.equal([true, true]);
    await sleep(200);
    expect(events, 'the removed manager fired').to.deep.equal([]);
  });

  it('a <passkey-upgrade> removed before support detection resolves starts no create', async () => {
    // Where the browser has no conditional create (Firefox) the upgrade never starts one anyway,
    // and this test would prove nothing: there the element is told it has it.
    const told = (await capability('conditionalCreate'))
      ? undefined
      : overrideCapabilities({conditionalCreate: true});
    try {
      const upgrade = document.createElement('passkey-upgrade');
      const events = record(upgrade);
      document.body.append(upgrade);
      upgrade.remove(); // it still renders once, and detection still resolves
      await upgrade.updateComplete;
      await sleep(1000);
      expect(s.fetches.map((f) => f.path)).not.to.include('/passkeys/registration/options');
      expect(s.requests.filter((r) => r.kind === 'create')).to.deep.equal([]);
      expect(events).to.deep.equal([]);
    } finally {
      told?.restore();
    }
  });

  it('turning autofill off ends its pending request, quietly', async () => {
    const el = await fixture<PasskeyLogin>(html`<passkey-login autofill></passkey-login>`);
    const events = record(el);
    await until(
      () => s.requests.some((r) => r.mediation === 'conditional'),
      5000,
      'the autofill request',
    );
    const request = s.requests.find((r) => r.mediation === 'conditional')!;
    await sleep(200);
    expect(request.settled, 'the autofill request should be pending').to.equal(false);
    el.autofill = false;
    await until(() => request.settled, 3000, 'the autofill request to end');
    await sleep(100);
    expect(events).to.deep.equal([]);
    await el.updateComplete;
    expect(el.busy).to.equal(false);
  });

  it('the button ends an autofill request still fetching its options: it starts no request later that cancels the prompt', async () => {
    const {el, events, release} = await autofillWaitingForOptions();
    await click(part(el, 'button'));
    await until(() => s.requests.some((r) => r.kind === 'get'), 5000, 'the prompt');
    const prompt = s.requests.find((r) => r.kind === 'get')!;
    expect(prompt.mediation).to.equal(undefined);
    release(); // the autofill request's options arrive now
    await sleep(700);
    expect(events, 'the login fired').to.deep.equal([]);
    expect(prompt.settled, 'the prompt ended').to.equal(false);
    expect(s.requests.filter((r) => r.mediation === 'conditional')).to.deep.equal([]);
    await removeOwn(el, prompt);
  });

  it('turning autofill off while its options are still on the way: no request starts later', async () => {
    const {el, events, release} = await autofillWaitingForOptions();
    el.autofill = false;
    release(); // the options arrive after autofill went off
    await sleep(700);
    expect(
      s.requests.filter((r) => r.mediation === 'conditional'),
      'an autofill request started after autofill went off',
    ).to.deep.equal([]);
    expect(events).to.deep.equal([]);
    await el.updateComplete;
    expect(el.busy).to.equal(false);
  });
});
