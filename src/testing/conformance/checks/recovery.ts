/**
 * The flows a site needs, end to end: recovery codes, and e-mail sign-up.
 */
import {
  CheckSkipped,
  fail,
  show,
  expectStatus,
  expectError,
  newUsername,
  type Check,
} from '../kit.js';

export const recoveryChecks: Check[] = [
  {
    group: 'flow',
    name: 'recovery: fresh codes, one redeemed once for a token, a new passkey with it and a session',
    async run(kit) {
      const a = await kit.signUp();
      const r = await a.browser.post('/recovery/codes', {});
      if (r.status === 404 && r.body?.error?.code !== 'not_found')
        throw new CheckSkipped('no POST /recovery/codes');
      expectStatus(r, 200, 'POST /recovery/codes');
      const codes: unknown = r.body?.codes;
      if (!Array.isArray(codes) || !codes.length || !codes.every((c) => typeof c == 'string'))
        fail(`codes: ${show(r)}`);
      const b = kit.browser();
      const redeemed = await b.post('/recovery/redeem', {username: a.username, code: codes[0]});
      expectStatus(redeemed, 200, 'POST /recovery/redeem');
      if (typeof redeemed.body?.recoveryToken !== 'string')
        fail(`no recoveryToken: ${show(redeemed)}`);
      expectError(
        await kit.browser().post('/recovery/redeem', {username: a.username, code: codes[0]}),
        400,
        'verification_failed',
        'the same code again',
      );
      const response = kit
        .authenticator()
        .create(await kit.registrationOptions(b, {recoveryToken: redeemed.body.recoveryToken}));
      const v = await b.post('/registration/verify', {response});
      expectStatus(v, 201, 'POST /registration/verify with a recovery token');
      if (v.body?.user?.id !== a.userId)
        fail(`the recovery passkey went to ${v.body?.user?.id}, expected ${a.userId}`);
      const s = await b.get('/session');
      if (s.body?.user?.id !== a.userId) fail(`no session after recovery: ${show(s)}`);
    },
  },
  {
    group: 'flow',
    name: 'e-mail sign-up: POST /signup/email 202 without a body; a wrong code is refused with 400',
    async run(kit) {
      const b = kit.browser();
      const email = `${newUsername()}@example.invalid`;
      const r = await b.post('/signup/email', {email});
      if (r.status === 404 && r.body?.error?.code !== 'not_found')
        throw new CheckSkipped('no POST /signup/email');
      expectStatus(r, 202, 'POST /signup/email');
      const wrong = await b.post('/signup/email/verify', {email, code: 'x1x1x1'});
      expectError(
        wrong,
        400,
        ['verification_failed', 'invalid_request'],
        'a code that cannot be right',
      );
    },
  },
];
