/**
 * A Web Test Runner plugin that drives a virtual authenticator, so browser tests run real
 * passkey ceremonies: Chromium's DevTools authenticator, or Firefox's own (see `./firefox.ts`).
 * Add `webauthnPlugin()` to `plugins` with a puppeteer-based launcher (`chromeLauncher`, for
 * Firefox with `puppeteer` and `launchOptions: {browser: 'firefox', ...FIREFOX_WEBAUTHN_LAUNCH}`);
 * browser code calls `executeServerCommand('webauthn:<name>', payload)` from
 * `@web/test-runner-commands`:
 *
 * | command | payload | answer |
 * | --- | --- | --- |
 * | `webauthn:add` | authenticator options | `{authenticatorId}` |
 * | `webauthn:credentials` | `{privateKey?}` | the credentials (base64url) |
 * | `webauthn:add-credential` | `{credential}` | `true` |
 * | `webauthn:remove-credential` | `{credentialId}` | `true` |
 * | `webauthn:set-user-verified` / `webauthn:set-presence` | `{value}` | `true` |
 * | `webauthn:remove` | | `true` |
 * | `webauthn:clear` | `{all?}` | `true` |
 * | `webauthn:autofill` | `{credentialId?, timeout?}` | `{credentialId}` (Firefox) / `{automatic: true}` (Chromium) |
 * | `webauthn:engine` | | `'chromium'` or `'firefox'` |
 *
 * Every command but `add` acts on the page's latest authenticator unless the payload names an
 * `authenticatorId`. `webauthn:autofill` picks a passkey for the pending conditional request as
 * the user would in Firefox's autofill list; Chromium's authenticator answers conditional
 * requests by itself, so there it does nothing.
 *
 * Facts that shape the bookkeeping:
 * - A Chromium virtual authenticator lives only as long as the CDP session that created it, so
 *   the plugin keeps one CDP session per page and never detaches it while a test file runs.
 * - The launcher reuses pages: after a test file it navigates the page to about:blank and hands
 *   it to the next file. The page's authenticators are removed then, so no authenticator or
 *   credential leaks from one test file into another.
 * - Firefox's authenticators and its presence switch belong to the whole browser: run one Firefox
 *   page at a time (the launcher's `concurrency: 1`).
 */
import {
  DEFAULT_AUTHENTICATOR,
  VirtualAuthenticator,
  type CdpSessionLike,
  type NewVirtualCredential,
  type VirtualAuthenticatorOptions,
  type VirtualCredential,
} from './virtual-authenticator.js';
import {
  chooseFirefoxAutofill,
  chromeScript,
  FirefoxVirtualAuthenticator,
  setFirefoxPresence,
  type BidiConnectionLike,
  type ChromeScript,
} from './firefox.js';

/** What the plugin needs of a Puppeteer page (wtr's `chromeLauncher` hands out Puppeteer pages). */
interface PageLike {
  createCDPSession(): Promise<CdpSessionLike & {detach(): Promise<void>}>;
  /** Puppeteer's browser: over WebDriver BiDi (Firefox) `cdpSupported` is false. */
  browser?(): {cdpSupported?: boolean; connection?: BidiConnectionLike};
  url(): string;
  mainFrame(): unknown;
  on(event: 'framenavigated', listener: (frame: {url(): string}) => void): unknown;
  once(event: 'close', listener: () => void): unknown;
}

/** The slice of wtr's plugin API this plugin uses (structural, so wtr's types are not needed). */
export interface WebauthnPlugin {
  name: string;
  executeCommand(args: {
    command: string;
    payload?: unknown;
    session: {id: string; browser?: {name?: string; getPage?(id: string): unknown}};
  }): Promise<unknown>;
  serverStop(): Promise<void>;
}

/** What both engines' authenticators offer. */
interface Authenticator {
  readonly authenticatorId: string;
  credentials(options?: {privateKey?: boolean}): Promise<VirtualCredential[]>;
  addCredential(credential: NewVirtualCredential): Promise<void>;
  removeCredential(credentialId: string): Promise<void>;
  clearCredentials(): Promise<void>;
  setUserVerified(value: boolean): Promise<void>;
  setPresence(value: boolean): Promise<void>;
  remove(): Promise<void>;
}

/** How one engine adds authenticators to a page, and cleans up after it. */
interface Engine {
  name: 'chromium' | 'firefox';
  add(options: VirtualAuthenticatorOptions): Promise<Authenticator>;
  /** Picks a passkey for the page's pending conditional request (Firefox), or nothing to do. */
  autofill(page: PageLike, payload: Payload): Promise<unknown>;
  /** After the page's authenticators are removed. */
  dispose(): Promise<void>;
}

interface PageState {
  /** The wtr test session the state belongs to. */
  sessionId: string;
  engine: Engine;
  /** In the order they were added. */
  authenticators: Authenticator[];
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Payload = Record<string, any>;

const PREFIX = 'webauthn:';
const watched = new WeakSet<PageLike>();

/** @param options.defaults authenticator options on top of `DEFAULT_AUTHENTICATOR` for `webauthn:add` */
export function webauthnPlugin(
  options: {defaults?: VirtualAuthenticatorOptions} = {},
): WebauthnPlugin {
  const defaults = {...DEFAULT_AUTHENTICATOR, ...options.defaults};
  const pages = new Map<PageLike, PageState>();

  async function dispose(page: PageLike) {
    const state = pages.get(page);
    if (!state) return;
    pages.delete(page);
    try {
      // For Chromium this is belt and braces: detaching the CDP session also drops them.
      for (const a of state.authenticators) await a.remove().catch(() => {});
      await state.engine.dispose();
    } catch {
      // the page or browser is already gone
    }
  }

  /** The state for this test session's page, created on first use. */
  async function stateFor(session: Parameters<WebauthnPlugin['executeCommand']>[0]['session']) {
    const launcher = session.browser;
    if (typeof launcher?.getPage !== 'function') {
      throw new Error(
        `webauthn commands need a puppeteer-based launcher (Chromium, or Firefox over BiDi); got "${launcher?.name}"`,
      );
    }
    const page = launcher.getPage(session.id) as PageLike;
    let state = pages.get(page);
    if (state && state.sessionId !== session.id) {
      // A reused page whose about:blank navigation was not seen: start clean.
      await dispose(page);
      state = undefined;
    }
    if (!state) {
      state = {sessionId: session.id, engine: engineFor(page), authenticators: []};
      pages.set(page, state);
      if (!watched.has(page)) {
        watched.add(page);
        page.on('framenavigated', (frame) => {
          if (frame === page.mainFrame() && frame.url() === 'about:blank') void dispose(page);
        });
        page.once('close', () => void dispose(page));
      }
    }
    return {page, state};
  }

  function pick(state: PageState, payload?: Payload): Authenticator {
    const id = payload?.authenticatorId;
    const found = id
      ? state.authenticators.find((a) => a.authenticatorId === id)
      : state.authenticators.at(-1);
    if (!found)
      throw new Error(
        id
          ? `No virtual authenticator ${id} on this page`
          : 'No virtual authenticator: call webauthn:add first',
      );
    return found;
  }

  /** Each handler returns a non-null value: wtr treats null/undefined as "not handled". */
  const handlers: Record<
    string,
    (state: PageState, payload: Payload | undefined, page: PageLike) => Promise<unknown>
  > = {
    async add(state, payload = {}) {
      const {authenticatorId: _ignored, ...options} = payload;
      const a = await state.engine.add({...defaults, ...options});
      state.authenticators.push(a);
      return {authenticatorId: a.authenticatorId};
    },
    autofill: (state, payload = {}, page) => state.engine.autofill(page, payload),
    engine: async (state) => state.engine.name,
    credentials: (state, payload) =>
      pick(state, payload).credentials({privateKey: Boolean(payload?.privateKey)}),
    async 'add-credential'(state, payload = {}) {
      await pick(state, payload).addCredential(payload.credential as NewVirtualCredential);
      return true;
    },
    async 'remove-credential'(state, payload = {}) {
      await pick(state, payload).removeCredential(payload.credentialId);
      return true;
    },
    async 'set-user-verified'(state, payload = {}) {
      await pick(state, payload).setUserVerified(Boolean(payload.value));
      return true;
    },
    async 'set-presence'(state, payload = {}) {
      await pick(state, payload).setPresence(Boolean(payload.value));
      return true;
    },
    async remove(state, payload = {}) {
      const a = pick(state, payload);
      await a.remove();
      state.authenticators = state.authenticators.filter((x) => x !== a);
      return true;
    },
    /** Deletes the credentials of one authenticator (default) or, with `all: true`, removes every authenticator. */
    async clear(state, payload = {}) {
      if (payload.all) {
        for (const a of state.authenticators) await a.remove();
        state.authenticators = [];
        return true;
      }
      if (state.authenticators.length === 0 && !payload.authenticatorId) return true;
      await pick(state, payload).clearCredentials();
      return true;
    },
  };

  return {
    name: 'passkey-elements-webauthn',
    async executeCommand({command, payload, session}) {
      if (!command.startsWith(PREFIX)) return undefined;
      const handler = handlers[command.slice(PREFIX.length)];
      if (!handler) {
        throw new Error(
          `Unknown command ${command}; known: ${Object.keys(handlers)
            .map((h) => PREFIX + h)
            .join(', ')}`,
        );
      }
      const {page, state} = await stateFor(session);
      return handler(state, (payload ?? undefined) as Payload | undefined, page);
    },
    async serverStop() {
      await Promise.all([...pages.keys()].map(dispose));
    },
  };
}

/** Chromium: one CDP session per page, kept open while the page's test file runs. */
function chromiumEngine(page: PageLike): Engine {
  const cdp = page.createCDPSession();
  cdp.catch(() => {}); // reported by the first command that needs it
  return {
    name: 'chromium',
    add: async (options) => VirtualAuthenticator.add(await cdp, options),
    // The DevTools authenticator answers conditional requests by itself when it has a match.
    autofill: async () => ({automatic: true}),
    async dispose() {
      await (await cdp).detach().catch(() => {});
    },
  };
}

/** Firefox over WebDriver BiDi: the browser's own authenticators, through its chrome scope. */
function firefoxEngine(page: PageLike, connection: BidiConnectionLike): Engine {
  const run: ChromeScript = chromeScript(connection);
  return {
    name: 'firefox',
    add: (options) => FirefoxVirtualAuthenticator.add(run, options),
    autofill: async (p, payload) => ({
      credentialId: await chooseFirefoxAutofill(run, p.url(), {
        credentialId: payload.credentialId,
        timeout: payload.timeout,
      }),
    }),
    // Presence is browser-wide in Firefox: the next test file starts with it on.
    dispose: () => setFirefoxPresence(run, true),
  };
}

function engineFor(page: PageLike): Engine {
  const browser = page.browser?.();
  if (browser?.cdpSupported === false) {
    if (!browser.connection) throw new Error('no WebDriver BiDi connection to this Firefox');
    return firefoxEngine(page, browser.connection);
  }
  return chromiumEngine(page);
}
