// A web-test-runner server plugin that drives Chromium's DevTools virtual authenticator.
//
// Browser code calls `executeServerCommand('webauthn:<name>', payload)` (see
// test/helpers/webauthn.ts); this plugin answers on the Node side over CDP.
//
// Two facts shape the bookkeeping:
// - A virtual authenticator lives only as long as the CDP session that created it, so we keep
//   one CDP session per page and never detach it while a test file runs.
// - The Chrome launcher reuses pages: after a test file it navigates the page to about:blank and
//   hands it to the next file. We drop the page's CDP session (and with it its authenticators)
//   when that happens, so no authenticator or credential leaks from one test file into another.

/** What `webauthn:add` uses when the test does not say otherwise: a platform passkey provider. */
export const DEFAULT_AUTHENTICATOR = Object.freeze({
  protocol: 'ctap2',
  ctap2Version: 'ctap2_1',
  transport: 'internal',
  hasResidentKey: true,
  hasUserVerification: true,
  isUserVerified: true,
  automaticPresenceSimulation: true,
});

const PREFIX = 'webauthn:';

/** Standard base64 (what CDP speaks) → base64url (what WebAuthn JSON and the backend speak). */
export function toBase64url(b64) {
  return b64 == null ? b64 : Buffer.from(b64, 'base64').toString('base64url');
}

/** base64url or base64 → standard base64 for CDP. */
function toBase64(value) {
  return value == null ? value : Buffer.from(value, 'base64url').toString('base64');
}

function publicCredential(c) {
  return {
    credentialId: toBase64url(c.credentialId),
    isResidentCredential: c.isResidentCredential,
    rpId: c.rpId,
    userHandle: toBase64url(c.userHandle),
    signCount: c.signCount,
    backupEligibility: c.backupEligibility,
    backupState: c.backupState,
    userName: c.userName,
    userDisplayName: c.userDisplayName,
  };
}

/**
 * @param {{ defaults?: Partial<typeof DEFAULT_AUTHENTICATOR> }} [options]
 * @returns {import('@web/test-runner').TestRunnerPlugin}
 */
export function webauthnPlugin(options = {}) {
  const defaults = { ...DEFAULT_AUTHENTICATOR, ...options.defaults };
  /** @type {Map<import('puppeteer-core').Page, PageState>} */
  const pages = new Map();

  /**
   * @typedef {object} PageState
   * @property {string} sessionId       the wtr test session the state belongs to
   * @property {Promise<import('puppeteer-core').CDPSession>} cdp
   * @property {string[]} authenticators ids, in the order they were added
   */

  async function dispose(page) {
    const state = pages.get(page);
    if (!state) return;
    pages.delete(page);
    try {
      const cdp = await state.cdp;
      // Removing first is belt and braces: detaching also drops them.
      for (const id of state.authenticators) {
        await cdp.send('WebAuthn.removeVirtualAuthenticator', { authenticatorId: id }).catch(() => {});
      }
      await cdp.detach().catch(() => {});
    } catch {
      // the page or browser is already gone
    }
  }

  /** The CDP state for this test session's page, created on first use. */
  async function stateFor(session) {
    const launcher = session.browser;
    if (typeof launcher?.getPage !== 'function') {
      throw new Error(
        `webauthn commands need a puppeteer-based Chromium launcher; got "${session.browser?.name}"`,
      );
    }
    const page = launcher.getPage(session.id);
    let state = pages.get(page);
    if (state && state.sessionId !== session.id) {
      // A reused page whose about:blank navigation we did not see: start clean.
      await dispose(page);
      state = undefined;
    }
    if (!state) {
      const cdp = (async () => {
        const client = await page.createCDPSession();
        await client.send('WebAuthn.enable', { enableUI: false });
        return client;
      })();
      state = { sessionId: session.id, cdp, authenticators: [] };
      pages.set(page, state);
      if (!page.__webauthnPluginWatching) {
        page.__webauthnPluginWatching = true;
        page.on('framenavigated', (frame) => {
          if (frame === page.mainFrame() && frame.url() === 'about:blank') void dispose(page);
        });
        page.once('close', () => void dispose(page));
      }
      cdp.catch(() => pages.delete(page));
    }
    return state;
  }

  function pickAuthenticator(state, payload) {
    const id = payload?.authenticatorId ?? state.authenticators.at(-1);
    if (!id) throw new Error('No virtual authenticator: call webauthn:add first');
    return id;
  }

  /** Each handler returns a non-null value: wtr treats null/undefined as "not handled". */
  const handlers = {
    async add(state, payload = {}) {
      const cdp = await state.cdp;
      const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
        options: { ...defaults, ...payload },
      });
      state.authenticators.push(authenticatorId);
      return { authenticatorId };
    },

    async credentials(state, payload) {
      const cdp = await state.cdp;
      const { credentials } = await cdp.send('WebAuthn.getCredentials', {
        authenticatorId: pickAuthenticator(state, payload),
      });
      // With `privateKey: true` the key comes too (base64url), so a test can plant the same
      // credential again, e.g. with other user names.
      return credentials.map((c) =>
        payload?.privateKey ? { ...publicCredential(c), privateKey: toBase64url(c.privateKey) } : publicCredential(c),
      );
    },

    /** Adds a credential: ids, user handle and PKCS#8 private key in base64url (or base64). */
    async 'add-credential'(state, payload = {}) {
      const cdp = await state.cdp;
      const { credential } = payload;
      if (!credential?.credentialId || !credential?.privateKey) {
        throw new Error('webauthn:add-credential needs credential.credentialId and credential.privateKey');
      }
      await cdp.send('WebAuthn.addCredential', {
        authenticatorId: pickAuthenticator(state, payload),
        credential: {
          isResidentCredential: true,
          signCount: 0,
          ...credential,
          credentialId: toBase64(credential.credentialId),
          privateKey: toBase64(credential.privateKey),
          userHandle: toBase64(credential.userHandle),
        },
      });
      return true;
    },

    async 'remove-credential'(state, payload = {}) {
      const cdp = await state.cdp;
      await cdp.send('WebAuthn.removeCredential', {
        authenticatorId: pickAuthenticator(state, payload),
        credentialId: toBase64(payload.credentialId),
      });
      return true;
    },

    async 'set-user-verified'(state, payload = {}) {
      const cdp = await state.cdp;
      await cdp.send('WebAuthn.setUserVerified', {
        authenticatorId: pickAuthenticator(state, payload),
        isUserVerified: Boolean(payload.value),
      });
      return true;
    },

    async 'set-presence'(state, payload = {}) {
      const cdp = await state.cdp;
      await cdp.send('WebAuthn.setAutomaticPresenceSimulation', {
        authenticatorId: pickAuthenticator(state, payload),
        enabled: Boolean(payload.value),
      });
      return true;
    },

    async remove(state, payload = {}) {
      const cdp = await state.cdp;
      const id = pickAuthenticator(state, payload);
      await cdp.send('WebAuthn.removeVirtualAuthenticator', { authenticatorId: id });
      state.authenticators = state.authenticators.filter((a) => a !== id);
      return true;
    },

    /** Deletes the credentials of one authenticator (default) or, with `all: true`, removes every authenticator. */
    async clear(state, payload = {}) {
      const cdp = await state.cdp;
      if (payload.all) {
        for (const id of state.authenticators) {
          await cdp.send('WebAuthn.removeVirtualAuthenticator', { authenticatorId: id });
        }
        state.authenticators = [];
        return true;
      }
      if (state.authenticators.length === 0 && !payload.authenticatorId) return true;
      await cdp.send('WebAuthn.clearCredentials', { authenticatorId: pickAuthenticator(state, payload) });
      return true;
    },
  };

  return {
    name: 'passkey-elements-webauthn',
    async executeCommand({ command, payload, session }) {
      if (!command.startsWith(PREFIX)) return undefined;
      const handler = handlers[command.slice(PREFIX.length)];
      if (!handler) {
        throw new Error(`Unknown command ${command}; known: ${Object.keys(handlers).map((h) => PREFIX + h).join(', ')}`);
      }
      const state = await stateFor(session);
      return handler(state, payload ?? undefined);
    },
    async serverStop() {
      await Promise.all([...pages.keys()].map(dispose));
    },
  };
}
