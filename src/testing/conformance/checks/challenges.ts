/**
 * What the backend must refuse, and how: challenges are single-use, burnt by a failed verify,
 * bound to their purpose and (v1.1) to the browser that asked for them, and never made up by the
 * client. Replays come from the browser the challenge was issued to, so that they test single
 * use and not the browser binding.
 */
import {randomBytes} from 'node:crypto';
import {fail, show, expectStatus, expectError, newUsername, type Check} from '../kit.js';

export const challengeChecks: Check[] = [
  {
    group: 'errors',
    name: 'replayed registration response: 400 challenge_invalid',
    async run(kit) {
      const a = await kit.signUp();
      const r = await a.browser.post('/registration/verify', {response: a.response});
      expectError(r, 400, 'challenge_invalid', 'the same registration response again');
    },
  },
  {
    group: 'errors',
    name: 'replayed assertion: 400 challenge_invalid',
    async run(kit) {
      const a = await kit.signUp();
      const browser = kit.browser();
      const {response, result} = await kit.signIn({browser, authenticator: a.authenticator});
      expectStatus(result, 200, 'the first sign-in');
      const again = await browser.post('/authentication/verify', {response});
      expectError(again, 400, 'challenge_invalid', 'the same assertion again');
    },
  },
  {
    group: 'errors',
    name: 'one assertion sent twice at once: exactly one sign-in succeeds',
    async run(kit) {
      const a = await kit.signUp();
      const b = kit.browser();
      const response = a.authenticator.get(await kit.authenticationOptions(b));
      const answers = await Promise.all([
        b.post('/authentication/verify', {response}),
        b.post('/authentication/verify', {response}),
      ]);
      const ok = answers.filter((r) => r.status === 200);
      if (ok.length !== 1)
        fail(`${ok.length} of 2 racing verifies succeeded: ${answers.map(show).join(' | ')}`);
      const other = answers.find((r) => r.status !== 200)!;
      expectError(other, 400, 'challenge_invalid', 'the loser of the race');
    },
  },
  {
    group: 'errors',
    name: 'a failed verify burns the challenge: the good response after it gets 400 challenge_invalid',
    async run(kit) {
      const a = await kit.signUp();
      const b = kit.browser();
      const options = await kit.authenticationOptions(b);
      const bad = a.authenticator.get(options, {
        signature: Buffer.from(randomBytes(70)).toString('base64url'),
      });
      expectError(
        await b.post('/authentication/verify', {response: bad}),
        400,
        'verification_failed',
        'a bad signature',
      );
      const good = a.authenticator.get(options);
      expectError(
        await b.post('/authentication/verify', {response: good}),
        400,
        'challenge_invalid',
        'a good response on the burnt challenge',
      );
    },
  },
  {
    group: 'errors',
    name: 'a registration challenge used to sign in: 400 challenge_invalid, and it still registers',
    async run(kit) {
      const a = await kit.signUp();
      const b = kit.browser();
      const reg = await kit.registrationOptions(b, {username: newUsername()});
      const response = a.authenticator.get({
        challenge: reg.challenge,
        rpId: kit.settings.rpId,
        allowCredentials: [],
      });
      expectError(
        await b.post('/authentication/verify', {response}),
        400,
        'challenge_invalid',
        'an assertion over a registration challenge',
      );
      // Presented for the wrong purpose, the challenge is not consumed (docs/contract.md).
      expectStatus(
        await b.post('/registration/verify', {response: kit.authenticator().create(reg)}),
        201,
        'registering with that challenge afterwards',
      );
    },
  },
  {
    group: 'errors',
    name: 'a response carried to another browser (v1.1): 400 challenge_invalid, and the challenge is used up',
    async run(kit) {
      const a = await kit.signUp();
      const x = kit.browser();
      const response = a.authenticator.get(await kit.authenticationOptions(x));
      expectError(
        await kit.browser().post('/authentication/verify', {response}),
        400,
        'challenge_invalid',
        'a valid assertion sent from another cookie jar',
      );
      expectError(
        await x.post('/authentication/verify', {response}),
        400,
        'challenge_invalid',
        'the same assertion from the browser that asked, afterwards',
      );
      const signUp = kit
        .authenticator()
        .create(await kit.registrationOptions(x, {username: newUsername()}));
      expectError(
        await kit.browser().post('/registration/verify', {response: signUp}),
        400,
        'challenge_invalid',
        'a valid sign-up attestation sent from another cookie jar',
      );
    },
  },
  {
    group: 'errors',
    name: 'a made-up challenge: 400 challenge_invalid',
    async run(kit) {
      const a = await kit.signUp();
      const response = a.authenticator.get({
        challenge: randomBytes(32).toString('base64url'),
        rpId: kit.settings.rpId,
        allowCredentials: [],
      });
      expectError(
        await kit.browser().post('/authentication/verify', {response}),
        400,
        'challenge_invalid',
        'an assertion over a challenge never issued',
      );
    },
  },
];
