/**
 * What the backend must refuse, and how: responses for another origin, another RP id or the
 * wrong ceremony type, without user verification, or with a signature counter going backwards.
 */
import {CheckSkipped, expectStatus, expectError, newUsername, type Check} from '../kit.js';

export const verificationChecks: Check[] = [
  {
    group: 'errors',
    name: 'assertion signed for a foreign origin: 400 verification_failed',
    async run(kit) {
      const a = await kit.signUp();
      const {result} = await kit.signIn(
        {browser: kit.browser(), authenticator: a.authenticator},
        {},
        {origin: 'https://evil.example'},
      );
      expectError(result, 400, 'verification_failed', 'clientDataJSON.origin https://evil.example');
    },
  },
  {
    group: 'errors',
    name: 'registration for a foreign origin: 400 verification_failed',
    async run(kit) {
      const b = kit.browser();
      const response = kit
        .authenticator()
        .create(await kit.registrationOptions(b, {username: newUsername()}), {
          origin: 'https://evil.example',
        });
      expectError(
        await b.post('/registration/verify', {response}),
        400,
        'verification_failed',
        'clientDataJSON.origin https://evil.example',
      );
    },
  },
  {
    group: 'errors',
    name: 'assertion for another RP id: 400 verification_failed',
    async run(kit) {
      const a = await kit.signUp();
      const {result} = await kit.signIn(
        {browser: kit.browser(), authenticator: a.authenticator},
        {},
        {rpId: 'evil.example'},
      );
      expectError(result, 400, 'verification_failed', 'authData for RP id evil.example');
    },
  },
  {
    group: 'errors',
    name: 'assertion with clientDataJSON.type webauthn.create: 400 verification_failed',
    async run(kit) {
      const a = await kit.signUp();
      const {result} = await kit.signIn(
        {browser: kit.browser(), authenticator: a.authenticator},
        {},
        {type: 'webauthn.create'},
      );
      expectError(result, 400, 'verification_failed', 'type webauthn.create');
    },
  },
  {
    group: 'errors',
    name: 'user not verified where required: 400 verification_failed',
    async run(kit) {
      const a = await kit.signUp();
      const b = kit.browser();
      const options = await kit.authenticationOptions(b);
      if (options.userVerification !== 'required')
        throw new CheckSkipped(`userVerification is ${options.userVerification}`);
      const response = a.authenticator.get(options, {flags: {uv: false}});
      expectError(
        await b.post('/authentication/verify', {response}),
        400,
        'verification_failed',
        'an assertion without the UV flag',
      );
    },
  },
  {
    group: 'errors',
    name: 'signature counter going backwards: 400 verification_failed',
    async run(kit) {
      const a = await kit.signUp();
      expectStatus(
        (
          await kit.signIn(
            {browser: kit.browser(), authenticator: a.authenticator},
            {},
            {counter: 10},
          )
        ).result,
        200,
        'a sign-in at counter 10',
      );
      const {result} = await kit.signIn(
        {browser: kit.browser(), authenticator: a.authenticator},
        {},
        {counter: 5},
      );
      expectError(result, 400, 'verification_failed', 'counter 5 after 10');
    },
  },
];
