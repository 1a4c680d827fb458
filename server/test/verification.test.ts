/**
 * Challenges and WebAuthn verification: every refusal with its status and code, and with no
 * user, credential or session created or removed.
 */
import assert from 'node:assert/strict';
import {randomBytes} from 'node:crypto';
import {test} from 'node:test';
import {
  ORIGIN,
  assertError,
  assertRefusedWithoutChanges,
  authenticationOptions,
  registrationOptions,
  signIn,
  signUp,
  startHarness,
  type Harness,
} from './helpers/harness.js';
import {SoftAuthenticator} from './helpers/soft-authenticator.js';

type T = {after(fn: () => unknown): void};

async function harness(t: T, ...args: Parameters<typeof startHarness>): Promise<Harness> {
  const h = await startHarness(...args);
  t.after(() => h.close());
  return h;
}

const randomChallenge = () => randomBytes(32).toString('base64url');

// Challenges

test('unknown challenge: 400 challenge_invalid', async (t) => {
  const h = await harness(t);
  await signUp(h, 'alice');
  const browser = h.newClient();

  const creation = await registrationOptions(browser, {username: 'bob'});
  const attestation = h.authenticator.create(creation, {challenge: randomChallenge()});
  await assertRefusedWithoutChanges(
    h,
    () => browser.post('/registration/verify', {response: attestation}),
    400,
    'challenge_invalid',
    'The challenge is unknown, expired, already used or for another purpose',
  );

  const request = await authenticationOptions(browser, {username: 'alice'});
  const assertion = h.authenticator.get(request, {challenge: randomChallenge()});
  await assertRefusedWithoutChanges(
    h,
    () => browser.post('/authentication/verify', {response: assertion}),
    400,
    'challenge_invalid',
    'The challenge is unknown, expired, already used or for another purpose',
  );
});

test('replayed attestation: the second use of a challenge fails', async (t) => {
  const h = await harness(t);
  const creation = await registrationOptions(h.client, {username: 'alice'});
  const response = h.authenticator.create(creation);
  assert.equal((await h.client.post('/registration/verify', {response})).status, 201);
  await assertRefusedWithoutChanges(
    h,
    () => h.newClient().post('/registration/verify', {response}),
    400,
    'challenge_invalid',
    'The challenge is unknown, expired, already used or for another purpose',
  );
  await assertRefusedWithoutChanges(
    h,
    () => h.client.post('/registration/verify', {response}),
    400,
    'challenge_invalid',
    'The challenge is unknown, expired, already used or for another purpose',
  );
});

test('replayed assertion: the second use of a challenge fails', async (t) => {
  const h = await harness(t);
  await signUp(h, 'alice');
  const browser = h.newClient();
  const request = await authenticationOptions(browser, {username: 'alice'});
  const response = h.authenticator.get(request);
  assert.equal((await browser.post('/authentication/verify', {response})).status, 200);
  const attacker = h.newClient();
  await assertRefusedWithoutChanges(
    h,
    () => attacker.post('/authentication/verify', {response}),
    400,
    'challenge_invalid',
    'The challenge is unknown, expired, already used or for another purpose',
  );
  assert.equal(attacker.cookies.size, 0);
});

test('a failed attempt burns the challenge too', async (t) => {
  const h = await harness(t);
  await signUp(h, 'alice');
  const browser = h.newClient();

  const request = await authenticationOptions(browser, {username: 'alice'});
  await assertRefusedWithoutChanges(
    h,
    () =>
      browser.post('/authentication/verify', {
        response: h.authenticator.get(request, {origin: 'http://evil.example'}),
      }),
    400,
    'verification_failed',
    'Sign-in rejected: Unexpected authentication response origin "http://evil.example", expected one of: http://localhost:3000',
  );
  await assertRefusedWithoutChanges(
    h,
    () => browser.post('/authentication/verify', {response: h.authenticator.get(request)}),
    400,
    'challenge_invalid',
    'The challenge is unknown, expired, already used or for another purpose',
  );

  const creation = await registrationOptions(browser, {username: 'bob'});
  await assertRefusedWithoutChanges(
    h,
    () =>
      browser.post('/registration/verify', {
        response: h.authenticator.create(creation, {flags: {uv: false}}),
      }),
    400,
    'verification_failed',
    'Registration rejected: User verification was required, but user could not be verified',
  );
  await assertRefusedWithoutChanges(
    h,
    () => browser.post('/registration/verify', {response: h.authenticator.create(creation)}),
    400,
    'challenge_invalid',
    'The challenge is unknown, expired, already used or for another purpose',
  );
});

test('racing verifies of one challenge: exactly one wins', async (t) => {
  const h = await harness(t);
  await signUp(h, 'alice');
  // From the browser the challenge was issued to (another browser's copy is refused anyway:
  // challenge-binding.test.ts).
  const browser = h.newClient();
  const request = await authenticationOptions(browser, {username: 'alice'});
  const response = h.authenticator.get(request);
  const results = await Promise.all(
    Array.from({length: 5}, () => browser.post('/authentication/verify', {response})),
  );
  assert.deepEqual(results.map((r) => r.status).sort(), [200, 400, 400, 400, 400]);
  for (const r of results.filter((r) => r.status === 400))
    assertError(
      r,
      400,
      'challenge_invalid',
      'The challenge is unknown, expired, already used or for another purpose',
    );
});

test('expired challenge: 400 challenge_invalid', async (t) => {
  const h = await harness(t, {challengeTtlMs: 60_000});
  await signUp(h, 'alice');
  const browser = h.newClient();
  const creation = await registrationOptions(browser, {username: 'bob'});
  const request = await authenticationOptions(browser, {username: 'alice'});
  h.advanceClock(60_001);
  await assertRefusedWithoutChanges(
    h,
    () => browser.post('/registration/verify', {response: h.authenticator.create(creation)}),
    400,
    'challenge_invalid',
    'The challenge has expired',
  );
  await assertRefusedWithoutChanges(
    h,
    () => browser.post('/authentication/verify', {response: h.authenticator.get(request)}),
    400,
    'challenge_invalid',
    'The challenge has expired',
  );
});

test('challenge of the wrong purpose: 400 challenge_invalid', async (t) => {
  const h = await harness(t);
  await signUp(h, 'alice');
  const browser = h.newClient();

  // An authentication challenge in a registration.
  const request = await authenticationOptions(browser, {username: 'alice'});
  const creation = await registrationOptions(browser, {username: 'bob'});
  const attestation = h.authenticator.create({...creation, challenge: request.challenge});
  await assertRefusedWithoutChanges(
    h,
    () => browser.post('/registration/verify', {response: attestation}),
    400,
    'challenge_invalid',
    'The challenge is unknown, expired, already used or for another purpose',
  );

  // A registration challenge in an authentication.
  const assertion = h.authenticator.get({...request, challenge: creation.challenge});
  await assertRefusedWithoutChanges(
    h,
    () => browser.post('/authentication/verify', {response: assertion}),
    400,
    'challenge_invalid',
    'The challenge is unknown, expired, already used or for another purpose',
  );
});

// Verification

test('wrong origin in clientDataJSON: 400 verification_failed', async (t) => {
  const h = await harness(t);
  await signUp(h, 'alice');
  const browser = h.newClient();
  const creation = await registrationOptions(browser, {username: 'bob'});
  await assertRefusedWithoutChanges(
    h,
    () =>
      browser.post('/registration/verify', {
        response: h.authenticator.create(creation, {origin: 'https://evil.example'}),
      }),
    400,
    'verification_failed',
    'Registration rejected: Unexpected registration response origin "https://evil.example", expected one of: http://localhost:3000',
  );
  const request = await authenticationOptions(browser, {username: 'alice'});
  await assertRefusedWithoutChanges(
    h,
    () =>
      browser.post('/authentication/verify', {
        response: h.authenticator.get(request, {origin: 'http://localhost:3001'}),
      }),
    400,
    'verification_failed',
    'Sign-in rejected: Unexpected authentication response origin "http://localhost:3001", expected one of: http://localhost:3000',
  );
});

test('wrong type or crossOrigin in clientDataJSON: 400 verification_failed', async (t) => {
  const h = await harness(t);
  await signUp(h, 'alice');
  const browser = h.newClient();
  for (const [tamper, reason] of [
    [{type: 'webauthn.get'}, /Unexpected registration response type "webauthn\.get"/],
    [{crossOrigin: true}, 'Cross-origin ceremonies are not accepted'],
  ] as const) {
    const creation = await registrationOptions(browser, {username: 'bob'});
    await assertRefusedWithoutChanges(
      h,
      () =>
        browser.post('/registration/verify', {response: h.authenticator.create(creation, tamper)}),
      400,
      'verification_failed',
      reason,
    );
  }
  for (const [tamper, reason] of [
    [{type: 'webauthn.create'}, /Unexpected authentication response type "webauthn\.create"/],
    [{crossOrigin: true}, 'Cross-origin ceremonies are not accepted'],
  ] as const) {
    const request = await authenticationOptions(browser, {username: 'alice'});
    await assertRefusedWithoutChanges(
      h,
      () =>
        browser.post('/authentication/verify', {response: h.authenticator.get(request, tamper)}),
      400,
      'verification_failed',
      reason,
    );
  }
});

test('wrong rpIdHash: 400 verification_failed', async (t) => {
  const h = await harness(t);
  await signUp(h, 'alice');
  const browser = h.newClient();
  const creation = await registrationOptions(browser, {username: 'bob'});
  await assertRefusedWithoutChanges(
    h,
    () =>
      browser.post('/registration/verify', {
        response: h.authenticator.create(creation, {rpId: 'evil.example'}),
      }),
    400,
    'verification_failed',
    'Registration rejected: Unexpected RP ID hash',
  );
  const request = await authenticationOptions(browser, {username: 'alice'});
  await assertRefusedWithoutChanges(
    h,
    () =>
      browser.post('/authentication/verify', {
        response: h.authenticator.get(request, {rpId: 'evil.example'}),
      }),
    400,
    'verification_failed',
    'Sign-in rejected: Unexpected RP ID hash',
  );
});

test('UV or UP missing when required: 400 verification_failed', async (t) => {
  const h = await harness(t);
  await signUp(h, 'alice');
  const browser = h.newClient();
  for (const [flags, reason] of [
    [{uv: false}, /User verification (was )?required, but user could not be verified/],
    [{up: false}, /User (presence was required, but user was )?not present/],
  ] as const) {
    const creation = await registrationOptions(browser, {username: 'bob'});
    await assertRefusedWithoutChanges(
      h,
      () =>
        browser.post('/registration/verify', {response: h.authenticator.create(creation, {flags})}),
      400,
      'verification_failed',
      reason,
    );
    const request = await authenticationOptions(browser, {username: 'alice'});
    await assertRefusedWithoutChanges(
      h,
      () =>
        browser.post('/authentication/verify', {response: h.authenticator.get(request, {flags})}),
      400,
      'verification_failed',
      reason,
    );
  }
});

test('backed up without backup eligibility (BS without BE): 400 verification_failed', async (t) => {
  const h = await harness(t);
  await signUp(h, 'alice');
  const browser = h.newClient();
  const creation = await registrationOptions(browser, {username: 'bob'});
  await assertRefusedWithoutChanges(
    h,
    () =>
      browser.post('/registration/verify', {
        response: h.authenticator.create(creation, {flags: {be: false, bs: true}}),
      }),
    400,
    'verification_failed',
    'Registration rejected: Single-device credential indicated that it was backed up, which should be impossible.',
  );
  for (const [flags, reason] of [
    [{be: false, bs: true}, /Single-device credential indicated that it was backed up/],
    // BE may not change over a credential's life.
    [{be: false, bs: false}, 'The backup eligibility (BE) flag changed'],
  ] as const) {
    const request = await authenticationOptions(browser, {username: 'alice'});
    await assertRefusedWithoutChanges(
      h,
      () =>
        browser.post('/authentication/verify', {response: h.authenticator.get(request, {flags})}),
      400,
      'verification_failed',
      reason,
    );
  }
  // BS may change (a passkey that gets synced later).
  assert.equal(
    (await signIn(h, 'alice', {client: browser, tamper: {flags: {bs: false}}})).status,
    200,
  );
  const [passkey] = (await browser.get('/passkeys')).body.passkeys;
  assert.equal(passkey.backedUp, false);
});

test('bad signature: 400 verification_failed, no session', async (t) => {
  const h = await harness(t);
  await signUp(h, 'alice');
  const browser = h.newClient();
  const request = await authenticationOptions(browser, {username: 'alice'});
  const genuine = h.authenticator.get(request);
  const other = h.authenticator.get({...request, challenge: randomChallenge()});
  await assertRefusedWithoutChanges(
    h,
    () =>
      browser.post('/authentication/verify', {
        response: {
          ...genuine,
          response: {...genuine.response, signature: other.response.signature},
        },
      }),
    400,
    'verification_failed',
    'The signature did not verify',
  );
  assert.equal(browser.cookies.has('passkey_session'), false, 'no session cookie');
});

test('an algorithm that was not offered (EdDSA): 400 verification_failed', async (t) => {
  const h = await harness(t);
  const creation = await registrationOptions(h.client, {username: 'bob'});
  await assertRefusedWithoutChanges(
    h,
    () =>
      h.client.post('/registration/verify', {
        response: h.authenticator.create(creation, {algorithm: 'Ed25519'}),
      }),
    400,
    'verification_failed',
    'Registration rejected: Unexpected public key alg "-8", expected one of "-7, -257"',
  );
});

test('id, rawId and the attested credential id must agree', async (t) => {
  const h = await harness(t);
  const other = randomBytes(32).toString('base64url');
  for (const [tamper, reason] of [
    [{id: other}, 'id and rawId differ'],
    [{id: other, rawId: other}, 'The credential id does not match the attested credential'],
  ] as const) {
    const creation = await registrationOptions(h.client, {username: 'bob'});
    await assertRefusedWithoutChanges(
      h,
      () =>
        h.client.post('/registration/verify', {response: h.authenticator.create(creation, tamper)}),
      400,
      'verification_failed',
      reason,
    );
  }
});

test('an assertion whose id and rawId differ is refused', async (t) => {
  const h = await harness(t);
  const alice = await signUp(h, 'alice');
  const bob = await signUp(h, 'bob', {client: h.newClient()});
  const browser = h.newClient();
  const request = await authenticationOptions(browser, {username: 'alice'});
  const response = h.authenticator.get(request, {
    credentialId: alice.credentialId,
    id: bob.credentialId,
  });
  await assertRefusedWithoutChanges(
    h,
    () => browser.post('/authentication/verify', {response}),
    400,
    'verification_failed',
    'id and rawId differ',
  );
});

test('a credential id over 1023 bytes is refused', async (t) => {
  const h = await harness(t);
  const creation = await registrationOptions(h.client, {username: 'bob'});
  const response = h.authenticator.create(creation, {credentialId: randomBytes(1024)});
  const res = await assertRefusedWithoutChanges(
    h,
    () => h.client.post('/registration/verify', {response}),
    400,
    'invalid_request',
    'Invalid body: response.id: Credential id too long; response.rawId: Credential id too long',
  );
  assert.match(res.body.error.message, /too long/);
});

test('a non-discoverable credential (credProps.rk false) is refused', async (t) => {
  const h = await harness(t);
  const creation = await registrationOptions(h.client, {username: 'bob'});
  await assertRefusedWithoutChanges(
    h,
    () =>
      h.client.post('/registration/verify', {
        response: h.authenticator.create(creation, {residentKey: false}),
      }),
    400,
    'verification_failed',
    'The credential is not discoverable (credProps.rk is false)',
  );
});

test('credential owned by someone else for a username-bound challenge: 400 verification_failed', async (t) => {
  const h = await harness(t);
  const alice = await signUp(h, 'alice');
  await signUp(h, 'bob', {client: h.newClient()}); // the same authenticator holds both passkeys
  const browser = h.newClient();

  const request = await authenticationOptions(browser, {username: 'bob'});
  await assertRefusedWithoutChanges(
    h,
    () =>
      browser.post('/authentication/verify', {
        response: h.authenticator.get(request, {credentialId: alice.credentialId}),
      }),
    400,
    'verification_failed',
    'This passkey was not offered for this sign-in',
  );
  // Nor can a real passkey answer a challenge issued for an unknown username.
  const unknown = await authenticationOptions(browser, {username: 'nobody'});
  await assertRefusedWithoutChanges(
    h,
    () =>
      browser.post('/authentication/verify', {
        response: h.authenticator.get(unknown, {credentialId: alice.credentialId}),
      }),
    400,
    'verification_failed',
    'This passkey was not offered for this sign-in',
  );
});

test('unknown credential: 404 unknown_credential with the credentialId', async (t) => {
  const h = await harness(t);
  await signUp(h, 'alice');
  const stranger = new SoftAuthenticator({origin: ORIGIN});
  stranger.create(await registrationOptions(h.newClient(), {username: 'ghost'})); // never verified
  const [ghostId] = stranger.credentials.keys();
  const browser = h.newClient();
  const request = await authenticationOptions(browser);
  const res = await assertRefusedWithoutChanges(
    h,
    () => browser.post('/authentication/verify', {response: stranger.get(request)}),
    404,
    'unknown_credential',
    'No such passkey on this server',
  );
  assert.equal(res.body.credentialId, ghostId);
});

test('userHandle mismatch: 400 verification_failed', async (t) => {
  const h = await harness(t);
  const alice = await signUp(h, 'alice');
  const bob = await signUp(h, 'bob', {client: h.newClient()});
  const browser = h.newClient();
  for (const username of [undefined, 'alice']) {
    const request = await authenticationOptions(browser, username ? {username} : {});
    await assertRefusedWithoutChanges(
      h,
      () =>
        browser.post('/authentication/verify', {
          response: h.authenticator.get(request, {
            credentialId: alice.credentialId,
            userHandle: bob.user.webauthnUserId,
          }),
        }),
      400,
      'verification_failed',
      'The user handle does not belong to this passkey',
    );
  }
  // A discoverable sign-in must carry the user handle at all.
  const request = await authenticationOptions(browser);
  await assertRefusedWithoutChanges(
    h,
    () =>
      browser.post('/authentication/verify', {
        response: h.authenticator.get(request, {
          credentialId: alice.credentialId,
          userHandle: null,
        }),
      }),
    400,
    'verification_failed',
    'A discoverable sign-in must return the user handle',
  );
  // With a username it may be left out.
  const named = await authenticationOptions(browser, {username: 'alice'});
  const res = await browser.post('/authentication/verify', {
    response: h.authenticator.get(named, {userHandle: null}),
  });
  assert.equal(res.status, 200, JSON.stringify(res.body));
});

for (const counter of [2, 3]) {
  test(`counter regression (${counter} after 3): 400 verification_failed, and the passkey is disabled`, async (t) => {
    const h = await harness(t);
    const {credentialId} = await signUp(h, 'alice');
    const browser = h.newClient();
    for (let i = 0; i < 3; i++)
      assert.equal((await signIn(h, 'alice', {client: browser})).status, 200);
    const before = h.db.prepare('SELECT counter FROM credentials').get() as {counter: number};
    assert.equal(before.counter, 3);
    const sessions = h.counts().sessions;

    const clone = h.newClient();
    const request = await authenticationOptions(clone, {username: 'alice'});
    const res = await assertRefusedWithoutChanges(
      h,
      () =>
        clone.post('/authentication/verify', {response: h.authenticator.get(request, {counter})}),
      400,
      'verification_failed',
      'The signature counter went backwards; the passkey is disabled',
    );
    assert.match(res.body.error.message, /counter went backwards/);
    const row = h.db
      .prepare('SELECT counter, counter_regressed_at FROM credentials WHERE id = ?')
      .get(credentialId) as {counter: number; counter_regressed_at: number | null};
    assert.equal(row.counter, 3, 'the stored counter did not move');
    assert.ok(row.counter_regressed_at, 'the credential is flagged');
    // From now on even the genuine authenticator is refused.
    assertError(
      await signIn(h, 'alice', {client: h.newClient()}),
      400,
      'verification_failed',
      'This passkey is disabled: its signature counter went backwards',
    );
    assert.equal(h.counts().sessions, sessions);
  });
}

test('a forged assertion with a low counter does not flag the credential', async (t) => {
  const h = await harness(t);
  const {credentialId} = await signUp(h, 'alice');
  assert.equal((await signIn(h, 'alice')).status, 200);
  const request = await authenticationOptions(h.client, {username: 'alice'});
  // A well-formed signature, but over other data.
  const other = h.authenticator.get({...request, challenge: randomChallenge()}, {counter: 0});
  const forged = h.authenticator.get(request, {counter: 0, signature: other.response.signature});
  assertError(
    await h.client.post('/authentication/verify', {response: forged}),
    400,
    'verification_failed',
    'The signature did not verify',
  );
  const row = h.db
    .prepare('SELECT counter_regressed_at FROM credentials WHERE id = ?')
    .get(credentialId) as {
    counter_regressed_at: number | null;
  };
  assert.equal(row.counter_regressed_at, null);
});

test('duplicate credential id: 409 credential_exists, and no account is left behind', async (t) => {
  const h = await harness(t);
  const alice = await signUp(h, 'alice');
  const browser = h.newClient();
  const creation = await registrationOptions(browser, {username: 'bob'});
  const response = h.authenticator.create(creation, {
    credentialId: Buffer.from(alice.credentialId, 'base64url'),
  });
  await assertRefusedWithoutChanges(
    h,
    () => browser.post('/registration/verify', {response}),
    409,
    'credential_exists',
    'This passkey is already registered',
  );
  assert.equal(browser.cookies.has('passkey_session'), false, 'no session cookie');

  // The same for a signed-in user adding it again.
  const again = await registrationOptions(h.client, {});
  const dup = h.authenticator.create(again, {
    credentialId: Buffer.from(alice.credentialId, 'base64url'),
  });
  await assertRefusedWithoutChanges(
    h,
    () => h.client.post('/registration/verify', {response: dup}),
    409,
    'credential_exists',
    'This passkey is already registered',
  );
});

test('taken username: 409 user_exists at options, and at verify when two signups race', async (t) => {
  const h = await harness(t);
  await signUp(h, 'alice');
  await assertRefusedWithoutChanges(
    h,
    () => h.newClient().post('/registration/options', {username: 'alice'}),
    409,
    'user_exists',
    'That username is taken',
  );
  await assertRefusedWithoutChanges(
    h,
    () => h.newClient().post('/registration/options', {username: ' ALICE '}),
    409,
    'user_exists',
    'That username is taken',
  );

  const first = h.newClient();
  const second = h.newClient();
  const a = await registrationOptions(first, {username: 'bob'});
  const b = await registrationOptions(second, {username: 'Bob'});
  assert.equal(
    (await first.post('/registration/verify', {response: h.authenticator.create(a)})).status,
    201,
  );
  await assertRefusedWithoutChanges(
    h,
    () => second.post('/registration/verify', {response: h.authenticator.create(b)}),
    409,
    'user_exists',
    'That username is taken',
  );
});

test('a registration challenge issued to one account cannot be used by another session', async (t) => {
  const h = await harness(t);
  await signUp(h, 'alice');
  const bob = h.newClient();
  await signUp(h, 'bob', {client: bob});

  // Verified in the same browser (the challenge is bound to it) after its session changed.
  const aliceSession = h.client.cookies.get('passkey_session')!;
  const creation = await registrationOptions(h.client, {}); // alice adds a passkey
  const response = h.authenticator.create(creation);
  h.client.cookies.set('passkey_session', bob.cookies.get('passkey_session')!); // now bob's
  await assertRefusedWithoutChanges(
    h,
    () => h.client.post('/registration/verify', {response}),
    403,
    'forbidden',
    'This challenge was issued to another account',
  );
  h.client.cookies.set('passkey_session', aliceSession);
  const creation2 = await registrationOptions(h.client, {});
  h.client.cookies.delete('passkey_session'); // signed out meanwhile
  await assertRefusedWithoutChanges(
    h,
    () => h.client.post('/registration/verify', {response: h.authenticator.create(creation2)}),
    401,
    'unauthenticated',
    'Sign in first',
  );
});

test('ALLOW_DIRECT_SIGNUP=false: no account from a bare username', async (t) => {
  const h = await harness(t, {allowDirectSignup: false});
  await assertRefusedWithoutChanges(
    h,
    () => h.client.post('/registration/options', {username: 'alice'}),
    401,
    'unauthenticated',
    'Sign in to add a passkey; direct signup is off',
  );
});

test('pending challenges are capped per client, oldest first, without touching other clients', async (t) => {
  const h = await harness(t, {maxPendingChallengesPerClient: 3});
  await signUp(h, 'alice');
  const count = () => (h.db.prepare('SELECT count(*) AS n FROM challenges').get() as {n: number}).n;
  const first = await authenticationOptions(h.newClient(), {username: 'alice'});
  for (let i = 0; i < 5; i++) await authenticationOptions(h.newClient(), {username: 'alice'});
  assert.equal(count(), 3);
  assertError(
    await h.newClient().post('/authentication/verify', {response: h.authenticator.get(first)}),
    400,
    'challenge_invalid',
    'The challenge is unknown, expired, already used or for another purpose',
  );
});
