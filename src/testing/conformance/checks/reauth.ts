/**
 * Re-authentication (v1.1): `/reauth/*` needs a session, and a sensitive call from a session that
 * has not used a passkey lately is `401 reauth_required` until `/reauth/verify`.
 */
import {randomBytes} from 'node:crypto';
import {
  CheckSkipped,
  expectError,
  expectStatus,
  fail,
  newUsername,
  show,
  type Check,
} from '../kit.js';

export const reauthChecks: Check[] = [
  {
    group: 'errors',
    name: '/reauth/options without a session (v1.1): 401 unauthenticated',
    async run(kit) {
      expectError(
        await kit.browser().post('/reauth/options', {}),
        401,
        'unauthenticated',
        'POST /reauth/options signed out',
      );
    },
  },
  {
    group: 'errors',
    name: 'deleting a passkey from a password session (v1.1): 401 reauth_required, then 204 after /reauth/verify',
    async run(kit) {
      // A session without a passkey verification: a password sign-in, on a backend that lets
      // the run make a password account (the reference's development mode does).
      const browser = kit.browser();
      const username = newUsername();
      const password = randomBytes(18).toString('base64url');
      const made = await browser.post('/password/register', {username, password});
      if (made.status !== 201)
        throw new CheckSkipped(`no password account to sign in with (${show(made)})`);
      expectStatus(
        await browser.post('/password/login', {username, password}),
        200,
        'POST /password/login',
      );
      const authenticator = kit.authenticator();
      const response = authenticator.create(await kit.registrationOptions(browser, {}));
      expectStatus(
        await browser.post('/registration/verify', {response}),
        201,
        'a password account adding its first passkey',
      );
      const path = `/passkeys/${encodeURIComponent(response.id)}`;
      expectError(
        await browser.request('DELETE', path),
        401,
        'reauth_required',
        'DELETE /passkeys/{id} from the password session',
      );
      const options = await browser.post('/reauth/options', {});
      expectStatus(options, 200, 'POST /reauth/options');
      const verified = await browser.post('/reauth/verify', {
        response: authenticator.get(options.body.options),
      });
      expectStatus(verified, 200, 'POST /reauth/verify');
      if (typeof verified.body?.verifiedAt !== 'string' || !verified.body?.stepUpToken)
        fail(`expected {verifiedAt, stepUpToken}, got ${show(verified)}`);
      expectStatus(await browser.request('DELETE', path), 204, 'DELETE /passkeys/{id} after it');
    },
  },
];
