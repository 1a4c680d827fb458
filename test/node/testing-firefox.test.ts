// passkey-elements/testing's Firefox helper, as docs/testing.md tells a site to use it with
// Puppeteer: Debian's Firefox ESR launched with FIREFOX_WEBAUTHN_LAUNCH (WebDriver BiDi; nothing
// downloaded), FirefoxVirtualAuthenticator over chromeScript(browser.connection). The page
// registers and signs in against the reference backend on the same origin; the helper sees and
// manages the credential, answers the account chooser, holds a ceremony pending with presence
// off, and picks a passkey for a pending autofill request.
import assert from 'node:assert/strict';
import {mkdtempSync, rmSync} from 'node:fs';
import {createServer, type Server} from 'node:http';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {after, before, describe, test} from 'node:test';
import {getRequestListener} from '@hono/node-server';
import type {Browser, Page} from 'puppeteer-core';
import {createPasskeyServer, type PasskeyServer} from '../../server/src/index.js';
import {
  chooseFirefoxAutofill,
  chromeScript,
  FirefoxVirtualAuthenticator,
  type ChromeScript,
} from '../../src/testing/index.js';
import {engines} from './helpers/browser.js';

const firefox = engines().find((e) => e.name === 'Firefox')!;

// The page runs the ceremonies with the browser's own JSON helpers (no bundler needed here).
const PAGE = `<!doctype html><meta charset="utf-8"><title>firefox helper</title><script>
async function call(path, body) {
  const res = await fetch('/passkeys' + path, {method: 'POST', headers: {'content-type': 'application/json'}, body: JSON.stringify(body)});
  const data = await res.json();
  if (!res.ok) throw new Error(path + ' ' + res.status + ' ' + JSON.stringify(data));
  return data;
}
window.signUp = async (username) => {
  const {options} = await call('/registration/options', {username});
  const credential = await navigator.credentials.create({publicKey: PublicKeyCredential.parseCreationOptionsFromJSON(options)});
  return (await call('/registration/verify', {response: credential.toJSON()})).user;
};
window.signIn = async (mediation, signal) => {
  const {options} = await call('/authentication/options', {});
  const credential = await navigator.credentials.get({mediation, signal, publicKey: PublicKeyCredential.parseRequestOptionsFromJSON(options)});
  return (await call('/authentication/verify', {response: credential.toJSON()})).user;
};
</script>`;

type Win = {
  signUp(u: string): Promise<{id: string}>;
  signIn(mediation?: string, signal?: AbortSignal): Promise<{id: string}>;
  pending?: Promise<string>;
  abort?: AbortController;
};

// A ceremony Firefox leaves waiting (a prompt nobody answers) fails the suite, not hangs it.
describe(
  'FirefoxVirtualAuthenticator (Puppeteer, WebDriver BiDi)',
  {skip: firefox.skip, timeout: 120_000},
  () => {
    let dir: string;
    let http: Server;
    let backend: PasskeyServer;
    let origin: string;
    let browser: Browser;
    let page: Page;
    let run: ChromeScript;

    before(async () => {
      dir = mkdtempSync(join(tmpdir(), 'passkey-firefox-'));
      let api: PasskeyServer['fetch'] = () => new Response('starting', {status: 503});
      http = createServer(
        getRequestListener((req) =>
          new URL(req.url).pathname === '/'
            ? new Response(PAGE, {headers: {'content-type': 'text/html'}})
            : api(req),
        ),
      );
      await new Promise<void>((r) => http.listen(0, 'localhost', r));
      origin = `http://localhost:${(http.address() as {port: number}).port}`;
      backend = await createPasskeyServer({
        rpId: 'localhost',
        origins: [origin],
        databasePath: join(dir, 'db.sqlite'),
        allowDirectSignup: true,
        userVerification: 'required',
        development: true,
      });
      api = backend.fetch;
      browser = await firefox.launch(); // with FIREFOX_WEBAUTHN_LAUNCH (test/node/helpers/browser.ts)
      page = await browser.newPage();
      await page.goto(origin + '/');
      run = chromeScript(
        (browser as unknown as {connection: Parameters<typeof chromeScript>[0]}).connection,
      );
    });

    after(async () => {
      await browser?.close();
      http?.close();
      await backend?.close();
      if (dir) rmSync(dir, {recursive: true, force: true});
    });

    test('the page registers and signs in; the helper sees, refuses, plants and removes', async () => {
      const authenticator = await FirefoxVirtualAuthenticator.add(run);
      try {
        assert.deepEqual(await authenticator.credentials(), []);
        const user = await page.evaluate(() => (window as unknown as Win).signUp('firefox-user'));
        const [credential, ...more] = await authenticator.credentials();
        assert.equal(more.length, 0);
        assert.equal(credential!.rpId, 'localhost');
        assert.equal(credential!.isResidentCredential, true);
        assert.match(credential!.credentialId, /^[A-Za-z0-9_-]+$/, 'base64url');
        assert.equal(credential!.privateKey, undefined, 'no key unless asked for');

        assert.equal((await page.evaluate(() => (window as unknown as Win).signIn())).id, user.id);

        // Not verifying the user makes the required-UV ceremony fail, as a refused prompt would.
        await authenticator.setUserVerified(false);
        await assert.rejects(
          page.evaluate(() => (window as unknown as Win).signIn()),
          /NotAllowedError/,
        );
        await authenticator.setUserVerified(true);

        // A credential taken out and planted again (with its private key) still signs in.
        const [withKey] = await authenticator.credentials({privateKey: true});
        await authenticator.clearCredentials();
        assert.deepEqual(await authenticator.credentials(), []);
        await authenticator.addCredential({
          credentialId: withKey!.credentialId,
          rpId: 'localhost',
          privateKey: withKey!.privateKey!,
          userHandle: withKey!.userHandle,
          signCount: withKey!.signCount,
        });
        assert.equal((await page.evaluate(() => (window as unknown as Win).signIn())).id, user.id);
        await authenticator.removeCredential(withKey!.credentialId);
        assert.deepEqual(await authenticator.credentials(), []);
      } finally {
        await authenticator.remove();
      }
      // With no authenticator left, Firefox refuses at once.
      await assert.rejects(
        page.evaluate(() => (window as unknown as Win).signUp('nobody')),
        /NotAllowedError/,
      );
    });

    test('with two accounts, a discoverable sign-in completes: the account chooser is answered', async () => {
      const authenticator = await FirefoxVirtualAuthenticator.add(run);
      try {
        const users = await page.evaluate(async () => {
          const w = window as unknown as Win;
          // Signed out in between: else the second sign-up adds a passkey to the first account.
          // (No named helper here: tsx would wrap it in a function the page lacks.)
          const one = (await w.signUp('chooser-one')).id;
          await fetch('/passkeys/session', {method: 'DELETE'});
          const two = (await w.signUp('chooser-two')).id;
          await fetch('/passkeys/session', {method: 'DELETE'});
          return [one, two];
        });
        assert.equal((await authenticator.credentials()).length, 2);
        const signedIn = await page.evaluate(() => (window as unknown as Win).signIn());
        assert.ok(users.includes(signedIn.id), 'one of the two accounts');
      } finally {
        await authenticator.remove();
      }
    });

    test('presence off: a ceremony waits until aborted; on again, it completes', async () => {
      const authenticator = await FirefoxVirtualAuthenticator.add(run, {
        automaticPresenceSimulation: false,
      });
      try {
        await page.evaluate(() => {
          const w = window as unknown as Win & {asked?: boolean; settled?: boolean};
          const get = navigator.credentials.get.bind(navigator.credentials);
          navigator.credentials.get = (options) => ((w.asked = true), get(options));
          w.abort = new AbortController();
          w.pending = w.signIn(undefined, w.abort.signal).then(
            () => 'resolved',
            (e: Error) => e.name,
          );
          void w.pending.finally(() => (w.settled = true));
        });
        await page.waitForFunction(() => (window as unknown as {asked?: boolean}).asked === true);
        // A round trip through the browser: it has had the request, and has not answered it.
        await authenticator.credentials();
        assert.equal(await page.evaluate(() => (window as {settled?: boolean}).settled), undefined);
        const outcome = await page.evaluate(() => {
          const w = window as unknown as Win;
          w.abort!.abort();
          return w.pending;
        });
        assert.equal(outcome, 'AbortError');

        await authenticator.setPresence(true);
        await page.evaluate(() => (window as unknown as Win).signUp('present-user'));
        assert.equal((await authenticator.credentials()).length, 1);
      } finally {
        await authenticator.setPresence(true);
        await authenticator.remove();
      }
    });

    test('chooseFirefoxAutofill picks the passkey for a pending conditional request', async () => {
      const authenticator = await FirefoxVirtualAuthenticator.add(run);
      try {
        const user = await page.evaluate(() => (window as unknown as Win).signUp('autofill-user'));
        const [credential] = await authenticator.credentials();
        await page.evaluate(() => {
          const w = window as unknown as Win;
          w.pending = w.signIn('conditional').then(
            (u) => u.id,
            (e: Error) => e.name,
          );
        });
        const picked = await chooseFirefoxAutofill(run, page.url());
        assert.equal(picked, credential!.credentialId);
        assert.equal(await page.evaluate(() => (window as unknown as Win).pending), user.id);
        // Nothing pending any more: the helper says so instead of waiting for ever.
        await assert.rejects(
          chooseFirefoxAutofill(run, page.url(), {timeout: 200}),
          /No conditional \(autofill\) request pending/,
        );
      } finally {
        await authenticator.remove();
      }
    });
  },
);
