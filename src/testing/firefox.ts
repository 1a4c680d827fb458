/**
 * Firefox's own virtual authenticator, for tests that drive Firefox over WebDriver BiDi
 * (Puppeteer's `browser: 'firefox'`, and so Web Test Runner's puppeteer launchers).
 *
 * Firefox has no DevTools `WebAuthn` domain. Its authenticators are those of the WebDriver
 * spec's "virtual authenticator" commands, which Firefox answers only over WebDriver classic
 * (geckodriver, Marionette). Over BiDi this module reaches the same service,
 * `nsIWebAuthnService`, from a script in the browser's own (chrome) scope. Two things make that
 * work, both in `FIREFOX_WEBAUTHN_LAUNCH`:
 *
 * - the preferences `security.webauth.webauthn_enable_softtoken: true` (ceremonies go to the
 *   virtual authenticators) and `security.webauth.webauthn_enable_usbtoken: false`. With the
 *   USB transport left on, Firefox sends the ceremony there instead, waits for a security key
 *   and `navigator.credentials.create()` never settles; with both off it fails at once with
 *   `NotAllowedError`;
 * - the `--remote-allow-system-access` flag, which lets a BiDi client run scripts in the
 *   browser's chrome scope (`"moz:scope": "chrome"`).
 *
 * How it differs from Chromium's authenticator (`VirtualAuthenticator`):
 * - The authenticators belong to the browser, not to a page: two pages running ceremonies at
 *   once share them. Run one test page at a time.
 * - Presence cannot be switched off per authenticator. `setPresence(false)` turns the USB
 *   transport back on for the whole browser, so the next modal ceremony waits for a security key
 *   that never comes (until aborted), as Chromium's does for a touch.
 * - Conditional mediation (autofill) is never answered by itself: a test picks the passkey as a
 *   user would, with `chooseFirefoxAutofill()`.
 * - With several passkeys for the site, a discoverable sign-in makes Firefox ask the user which
 *   account to use. Chromium's authenticator picks one by itself; so does this module: once an
 *   authenticator is added, Firefox's account chooser is answered with the first account.
 * - Credentials carry no user name or display name, and no backup flags.
 */
import {
  DEFAULT_AUTHENTICATOR,
  type NewVirtualCredential,
  type VirtualAuthenticatorOptions,
  type VirtualCredential,
} from './virtual-authenticator.js';

/** The preferences a Firefox profile needs for virtual authenticators. */
export const FIREFOX_WEBAUTHN_PREFS: Readonly<Record<string, boolean>> = Object.freeze({
  'security.webauth.webauthn_enable_softtoken': true,
  'security.webauth.webauthn_enable_usbtoken': false,
});

/** The command-line flag that lets this module reach the authenticators over WebDriver BiDi. */
export const FIREFOX_WEBAUTHN_ARGS: readonly string[] = Object.freeze([
  '--remote-allow-system-access',
]);

/**
 * What to add to Puppeteer's `launch()` options (`browser: 'firefox'`): the flag and the
 * preferences above.
 *
 * ```js
 * puppeteer.launch({browser: 'firefox', executablePath: '/usr/bin/firefox-esr',
 *   args: [...FIREFOX_WEBAUTHN_LAUNCH.args], extraPrefsFirefox: {...FIREFOX_WEBAUTHN_LAUNCH.extraPrefsFirefox}});
 * ```
 */
export const FIREFOX_WEBAUTHN_LAUNCH = Object.freeze({
  args: FIREFOX_WEBAUTHN_ARGS,
  extraPrefsFirefox: FIREFOX_WEBAUTHN_PREFS,
});

/**
 * A WebDriver BiDi connection: `send` resolves with the command's response message
 * (`{result}`), as Puppeteer's does (`browser.connection` of a Firefox browser).
 */
export interface BidiConnectionLike {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  send(method: string, params: object): Promise<any>;
}

/**
 * Runs `body`, the body of an async function, in Firefox's chrome scope with `args` bound to the
 * given value; resolves with what it returns (through JSON).
 */
export type ChromeScript = (body: string, args?: unknown) => Promise<unknown>;

const runners = new WeakMap<BidiConnectionLike, ChromeScript>();

/**
 * A `ChromeScript` over a BiDi connection to a Firefox started with `FIREFOX_WEBAUTHN_LAUNCH`.
 * One per connection.
 */
export function chromeScript(connection: BidiConnectionLike): ChromeScript {
  const known = runners.get(connection);
  if (known) return known;
  let context: Promise<string> | undefined;
  const chromeContext = () =>
    (context ??= connection
      .send('browsingContext.getTree', {'moz:scope': 'chrome', maxDepth: 0})
      .then((response) => {
        const found = response?.result?.contexts?.[0]?.context as string | undefined;
        if (!found) throw new Error('Firefox listed no chrome window');
        return found;
      })
      .catch((error) => {
        context = undefined;
        throw new Error(
          `Firefox refused its chrome scope (start it with ${FIREFOX_WEBAUTHN_ARGS.join(' ')}): ${
            (error as Error)?.message ?? error
          }`,
        );
      }));
  const run: ChromeScript = async (body, args) => {
    const expression = `(async (args) => JSON.stringify((await (async () => {\n${body}\n})()) ?? null))(${JSON.stringify(args ?? null)})`;
    const response = await connection.send('script.evaluate', {
      expression,
      target: {context: await chromeContext()},
      awaitPromise: true,
      resultOwnership: 'none',
    });
    const outcome = response?.result;
    if (outcome?.type === 'exception') {
      throw new Error(`Firefox: ${outcome.exceptionDetails?.text ?? 'script failed'}`);
    }
    const value = outcome?.result?.value;
    return typeof value === 'string' ? JSON.parse(value) : null;
  };
  runners.set(connection, run);
  return run;
}

/** The service every command below talks to. */
const SERVICE =
  'const service = Cc["@mozilla.org/webauthn/service;1"].getService(Ci.nsIWebAuthnService);';
const USB_PREF = 'security.webauth.webauthn_enable_usbtoken';

const PROTOCOLS: Record<string, string> = {
  'u2f/': 'ctap1/u2f',
  'ctap2/ctap2_0': 'ctap2',
  'ctap2/ctap2_1': 'ctap2_1',
  'ctap2/': 'ctap2_1',
};
const UNSUPPORTED: (keyof VirtualAuthenticatorOptions)[] = [
  'hasLargeBlob',
  'hasCredBlob',
  'hasMinPinLength',
  'hasPrf',
  'defaultBackupEligibility',
  'defaultBackupState',
];

/**
 * Answers Firefox's account chooser (the `select-sign-result` prompt, shown when several
 * passkeys could sign in) with the first account, as Chromium's authenticator does without UI.
 * Installed once per browser window; `FirefoxVirtualAuthenticator.add()` calls it.
 */
export async function answerFirefoxAccountChooser(run: ChromeScript): Promise<void> {
  await run(`${SERVICE}
    if (globalThis.passkeyElementsAccountChooser) return;
    const observer = {
      observe(subject, topic, data) {
        let message;
        try {
          message = JSON.parse(data);
        } catch {
          return;
        }
        if (message?.prompt?.type !== 'select-sign-result') return;
        Services.tm.dispatchToMainThread(() => service.selectionCallback(message.tid, 0));
      },
    };
    Services.obs.addObserver(observer, 'webauthn-prompt');
    globalThis.passkeyElementsAccountChooser = observer;`);
}

/**
 * Presence for the whole browser: off sends modal ceremonies to the USB transport, where they
 * wait for a security key until aborted. See the module's notes.
 */
export async function setFirefoxPresence(run: ChromeScript, value: boolean): Promise<void> {
  await run(`Services.prefs.setBoolPref(${JSON.stringify(USB_PREF)}, !args);`, value);
}

/** One of Firefox's virtual authenticators (browser-wide; see the module's notes). */
export class FirefoxVirtualAuthenticator {
  constructor(
    readonly run: ChromeScript,
    readonly authenticatorId: string,
  ) {}

  /**
   * Adds an authenticator: `DEFAULT_AUTHENTICATOR` with `options` on top (the DevTools names, as
   * for `VirtualAuthenticator`). `automaticPresenceSimulation: false` calls
   * `setPresence(false)`. Options Firefox's authenticator cannot take (large blobs, PRF,
   * backup flags, …) throw rather than being ignored. Firefox's account chooser is answered
   * from then on (`answerFirefoxAccountChooser()`).
   */
  static async add(
    run: ChromeScript,
    options: VirtualAuthenticatorOptions = {},
  ): Promise<FirefoxVirtualAuthenticator> {
    const o = {...DEFAULT_AUTHENTICATOR, ...options};
    const unsupported = UNSUPPORTED.filter((k) => o[k]);
    if (unsupported.length) {
      throw new Error(
        `Firefox's virtual authenticator has no ${unsupported.join(', ')}; leave them out in Firefox`,
      );
    }
    const protocol =
      PROTOCOLS[`${o.protocol ?? 'ctap2'}/${o.protocol === 'u2f' ? '' : (o.ctap2Version ?? '')}`];
    const transport = o.transport === 'cable' ? 'hybrid' : (o.transport ?? 'internal');
    const id = (await run(
      `${SERVICE} return service.addVirtualAuthenticator(args.protocol, args.transport, args.hasResidentKey, args.hasUserVerification, true, args.isUserVerified);`,
      {
        protocol,
        transport,
        hasResidentKey: Boolean(o.hasResidentKey),
        hasUserVerification: Boolean(o.hasUserVerification),
        isUserVerified: Boolean(o.isUserVerified),
      },
    )) as string;
    const authenticator = new FirefoxVirtualAuthenticator(run, id);
    await answerFirefoxAccountChooser(run);
    if (o.automaticPresenceSimulation === false) await authenticator.setPresence(false);
    return authenticator;
  }

  /** The credentials it holds (ids, user handles and keys in base64url); no user names in Firefox. */
  async credentials(options: {privateKey?: boolean} = {}): Promise<VirtualCredential[]> {
    return (await this.run(
      `${SERVICE} return service.getCredentials(args.id).map((c) => ({
        credentialId: c.credentialId,
        isResidentCredential: c.isResidentCredential,
        rpId: c.rpId,
        userHandle: c.userHandle || undefined,
        signCount: c.signCount,
        ...(args.privateKey ? {privateKey: c.privateKey} : {}),
      }));`,
      {id: this.authenticatorId, privateKey: Boolean(options.privateKey)},
    )) as VirtualCredential[];
  }

  /** Plants a credential (base64url throughout; user names are not kept by Firefox). */
  async addCredential(credential: NewVirtualCredential): Promise<void> {
    if (!credential?.credentialId || !credential?.privateKey) {
      throw new Error('addCredential needs credentialId and privateKey');
    }
    await this.run(
      `${SERVICE} service.addCredential(args.id, args.c.credentialId, args.c.isResidentCredential, args.c.rpId, args.c.privateKey, args.c.userHandle, args.c.signCount);`,
      {
        id: this.authenticatorId,
        c: {
          isResidentCredential: true,
          signCount: 0,
          userHandle: '',
          ...credential,
        },
      },
    );
  }

  async removeCredential(credentialId: string): Promise<void> {
    await this.run(`${SERVICE} service.removeCredential(args.id, args.credentialId);`, {
      id: this.authenticatorId,
      credentialId,
    });
  }

  /** Deletes every credential it holds. */
  async clearCredentials(): Promise<void> {
    await this.run(`${SERVICE} service.removeAllCredentials(args);`, this.authenticatorId);
  }

  /** Whether the next ceremonies verify the user (false: they fail with `NotAllowedError` where UV is required). */
  async setUserVerified(value: boolean): Promise<void> {
    await this.run(`${SERVICE} service.setUserVerified(args.id, args.value);`, {
      id: this.authenticatorId,
      value,
    });
  }

  /** Browser-wide in Firefox: see `setFirefoxPresence()`. */
  async setPresence(value: boolean): Promise<void> {
    await setFirefoxPresence(this.run, value);
  }

  async remove(): Promise<void> {
    await this.run(`${SERVICE} service.removeVirtualAuthenticator(args);`, this.authenticatorId);
  }
}

/**
 * Picks a passkey from the autofill list of the conditional request pending in the tab showing
 * `url`, as a user choosing it under the username field would: the request then completes.
 * Waits up to `timeout` ms for such a request. `credentialId` (base64url) picks that passkey,
 * else the first one offered. Resolves with the id picked.
 */
export async function chooseFirefoxAutofill(
  run: ChromeScript,
  url: string,
  options: {credentialId?: string; timeout?: number} = {},
): Promise<string> {
  const picked = await run(
    `${SERVICE}
    const deadline = Date.now() + args.timeout;
    const b64 = (bytes) => ChromeUtils.base64URLEncode(new Uint8Array(bytes), {pad: false});
    for (;;) {
      for (const win of Services.wm.getEnumerator('navigator:browser')) {
        for (const browser of win.gBrowser.browsers) {
          if (browser.currentURI?.spec !== args.url) continue;
          const origin = browser.contentPrincipal.origin;
          const tx = service.hasPendingConditionalGet(browser.browsingContext.id, origin);
          if (!tx) continue;
          const entries = await new Promise((resolve, reject) =>
            service.getAutoFillEntries(tx, {
              QueryInterface: ChromeUtils.generateQI(['nsIWebAuthnAutoFillEntriesCallback']),
              resolve,
              reject,
            }),
          );
          const entry = args.credentialId
            ? entries.find((e) => b64(e.credentialId) === args.credentialId)
            : entries[0];
          if (!entry) {
            throw new Error('the autofill list has ' + (args.credentialId ? 'no passkey ' + args.credentialId : 'no passkey'));
          }
          service.selectAutoFillEntry(tx, entry.credentialId);
          return b64(entry.credentialId);
        }
      }
      if (Date.now() > deadline) return null;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }`,
    {url, credentialId: options.credentialId, timeout: options.timeout ?? 5000},
  );
  if (typeof picked !== 'string') {
    throw new Error(`No conditional (autofill) request pending in ${url}`);
  }
  return picked;
}
