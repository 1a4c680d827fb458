// passkey-elements/testing's Playwright helper, driving the machine's Chromium through
// playwright-core (executablePath; nothing downloaded): a virtual authenticator added to a page
// lets the page register and sign in against the reference backend on the same origin, and the
// helper sees and manages the credential it made.
import assert from 'node:assert/strict';
import {mkdtempSync, rmSync} from 'node:fs';
import {createServer, type Server} from 'node:http';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {after, before, test} from 'node:test';
import {getRequestListener} from '@hono/node-server';
import {chromium, type Browser} from 'playwright-core';
import {createPasskeyServer, type PasskeyServer} from '../../server/src/index.js';
import {virtualAuthenticator} from '../../src/testing/index.js';
import {CHROMIUM_BASE_ARGS, CHROMIUM_PATH} from '../../scripts/chromium.mjs';

let dir: string;
let http: Server;
let backend: PasskeyServer;
let origin: string;
let browser: Browser;

// The page runs the ceremonies with the browser's own JSON helpers (no bundler needed here).
const PAGE = `<!doctype html><meta charset="utf-8"><title>playwright helper</title><script>
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
window.signIn = async () => {
  const {options} = await call('/authentication/options', {});
  const credential = await navigator.credentials.get({publicKey: PublicKeyCredential.parseRequestOptionsFromJSON(options)});
  return (await call('/authentication/verify', {response: credential.toJSON()})).user;
};
</script>`;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'passkey-playwright-'));
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
  browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: CHROMIUM_BASE_ARGS,
  });
});

after(async () => {
  await browser?.close();
  http?.close();
  await backend?.close();
  if (dir) rmSync(dir, {recursive: true, force: true});
});

test('virtualAuthenticator(page): the page registers and signs in, and the helper sees the credential', async () => {
  const page = await browser.newPage();
  await page.goto(origin + '/');
  const authenticator = await virtualAuthenticator(page);
  assert.deepEqual(await authenticator.credentials(), []);

  const user = await page.evaluate(() =>
    (window as unknown as {signUp(u: string): Promise<{id: string}>}).signUp('playwright-user'),
  );
  const [credential, ...more] = await authenticator.credentials();
  assert.equal(more.length, 0);
  assert.equal(credential!.rpId, 'localhost');
  assert.equal(credential!.isResidentCredential, true);
  assert.equal(credential!.userName, 'playwright-user');
  assert.match(credential!.credentialId, /^[A-Za-z0-9_-]+$/, 'base64url, not CDP base64');

  const signedIn = await page.evaluate(() =>
    (window as unknown as {signIn(): Promise<{id: string}>}).signIn(),
  );
  assert.equal(signedIn.id, user.id);
  assert.equal((await authenticator.credentials())[0]!.signCount, credential!.signCount + 1);

  // Not verifying the user makes the required-UV ceremony fail, as a real prompt refused would.
  await authenticator.setUserVerified(false);
  await assert.rejects(
    page.evaluate(() => (window as unknown as {signIn(): Promise<unknown>}).signIn()),
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
  assert.equal(
    (await page.evaluate(() => (window as unknown as {signIn(): Promise<{id: string}>}).signIn()))
      .id,
    user.id,
  );

  await authenticator.dispose();
  await page.close();
});
