/**
 * A Web Test Runner plugin that drives Chromium's DevTools virtual authenticator, so browser
 * tests run real passkey ceremonies. Add `webauthnPlugin()` to `plugins` (with a puppeteer-based
 * launcher such as `chromeLauncher`); browser code calls
 * `executeServerCommand('webauthn:<name>', payload)` from `@web/test-runner-commands`:
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
 *
 * Every command but `add` acts on the page's latest authenticator unless the payload names an
 * `authenticatorId`.
 *
 * Two facts shape the bookkeeping:
 * - A virtual authenticator lives only as long as the CDP session that created it, so the plugin
 *   keeps one CDP session per page and never detaches it while a test file runs.
 * - The Chrome launcher reuses pages: after a test file it navigates the page to about:blank and
 *   hands it to the next file. The page's CDP session (and with it its authenticators) is dropped
 *   then, so no authenticator or credential leaks from one test file into another.
 */
import {
  DEFAULT_AUTHENTICATOR,
  VirtualAuthenticator,
  type CdpSessionLike,
  type NewVirtualCredential,
  type VirtualAuthenticatorOptions,
} from './virtual-authenticator.js';

/** What the plugin needs of a Puppeteer page (wtr's `chromeLauncher` hands out Puppeteer pages). */
interface PageLike {
  createCDPSession(): Promise<CdpSessionLike & {detach(): Promise<void>}>;
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

interface PageState {
  /** The wtr test session the state belongs to. */
  sessionId: string;
  cdp: Promise<CdpSessionLike & {detach(): Promise<void>}>;
  /** In the order they were added. */
  authenticators: VirtualAuthenticator[];
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
      const cdp = await state.cdp;
      // Removing first is belt and braces: detaching also drops them.
      for (const a of state.authenticators) await a.remove().catch(() => {});
      await cdp.detach().catch(() => {});
    } catch {
      // the page or browser is already gone
    }
  }

  /** The CDP state for this test session's page, created on first use. */
  async function stateFor(session: Parameters<WebauthnPlugin['executeCommand']>[0]['session']) {
    const launcher = session.browser;
    if (typeof launcher?.getPage !== 'function') {
      throw new Error(
        `webauthn commands need a puppeteer-based Chromium launcher; got "${launcher?.name}"`,
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
      const cdp = page.createCDPSession();
      state = {sessionId: session.id, cdp, authenticators: []};
      pages.set(page, state);
      if (!watched.has(page)) {
        watched.add(page);
        page.on('framenavigated', (frame) => {
          if (frame === page.mainFrame() && frame.url() === 'about:blank') void dispose(page);
        });
        page.once('close', () => void dispose(page));
      }
      cdp.catch(() => pages.delete(page));
    }
    return state;
  }

  function pick(state: PageState, payload?: Payload): VirtualAuthenticator {
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
  const handlers: Record<string, (state: PageState, payload?: Payload) => Promise<unknown>> = {
    async add(state, payload = {}) {
      const {authenticatorId: _ignored, ...options} = payload;
      const a = await VirtualAuthenticator.add(await state.cdp, {...defaults, ...options});
      state.authenticators.push(a);
      return {authenticatorId: a.authenticatorId};
    },
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
      const state = await stateFor(session);
      return handler(state, (payload ?? undefined) as Payload | undefined);
    },
    async serverStop() {
      await Promise.all([...pages.keys()].map(dispose));
    },
  };
}
