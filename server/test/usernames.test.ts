import assert from 'node:assert/strict';
import {test} from 'node:test';
import {
  ORIGIN,
  assertRefusedWithoutChanges,
  registrationOptions,
  signIn,
  signUp,
  startHarness,
  type Harness,
  type TestClient,
} from './helpers/harness.js';
import {SoftAuthenticator} from './helpers/soft-authenticator.js';

/** Contract v1.1: usernames compared after normalization, unsafe ones refused (issue #14). */

const rows = (h: Harness, table: string) =>
  Number((h.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as {n: number | string}).n);

/** Refused with 400 invalid_request and this reason, and nothing stored: no account, no challenge. */
async function refusedSignup(
  h: Harness,
  attempt: () => Promise<Awaited<ReturnType<TestClient['post']>>>,
  reason: string | RegExp,
) {
  const challenges = rows(h, 'challenges');
  const tokens = rows(h, 'tokens');
  await assertRefusedWithoutChanges(h, attempt, 400, 'invalid_request', reason);
  assert.equal(rows(h, 'challenges'), challenges, 'a challenge was stored');
  assert.equal(rows(h, 'tokens'), tokens, 'a token was used up or stored');
}

const UNSAFE: [string, string, string][] = [
  ['zero-width space', 'al\u200bice', 'must not contain an invisible format character (U+200B)'],
  ['soft hyphen', 'alice\u00ad', 'must not contain an invisible format character (U+00AD)'],
  ['word joiner', 'ali\u2060ce', 'must not contain an invisible format character (U+2060)'],
  [
    'right-to-left override',
    '\u202eecila',
    'must not contain a bidirectional override or mark (U+202E)',
  ],
  [
    'right-to-left mark',
    'alice\u200f',
    'must not contain a bidirectional override or mark (U+200F)',
  ],
  [
    'Cyrillic а among Latin',
    '\u0430lice',
    'must not mix letters of different scripts (Cyrillic, Latin)',
  ],
  ['Greek ο among Latin', 'b\u03bfb', 'must not mix letters of different scripts (Greek, Latin)'],
  ['Hangul filler', 'alice\u3164', 'must not contain an invisible character (U+3164)'],
  ['no-break space', 'ali\u00a0ce', 'must not contain a space other than the plain space (U+00A0)'],
  ['control character', 'ali\u0007ce', 'must not contain control characters'],
];

test('usernames: invisible, format, bidi, control characters and mixed scripts are refused at direct signup (400 invalid_request, the reason named), nothing stored', async (t) => {
  const h = await startHarness();
  t.after(() => h.close());
  for (const [what, username, reason] of UNSAFE) {
    await t.test(what, async () => {
      await refusedSignup(
        h,
        () => h.newClient().post('/registration/options', {username}),
        `Invalid body: username: ${reason}`,
      );
      await refusedSignup(
        h,
        () =>
          h.newClient().post('/password/register', {username, password: 'correct horse battery'}),
        `Invalid body: username: ${reason}`,
      );
    });
  }
  assert.equal(rows(h, 'users'), 0);
});

test('usernames: alice, Alice, ALICE and fullwidth ａｌｉｃｅ are one account (409 user_exists, nothing stored); sign-in by any of them finds it', async (t) => {
  const h = await startHarness();
  t.after(() => h.close());
  const {user} = await signUp(h, 'alice');
  for (const username of ['Alice', 'ALICE', '\uff41\uff4c\uff49\uff43\uff45', ' alice ']) {
    await assertRefusedWithoutChanges(
      h,
      () => h.newClient().post('/registration/options', {username}),
      409,
      'user_exists',
      'That username is taken',
    );
    await assertRefusedWithoutChanges(
      h,
      () => h.newClient().post('/password/register', {username, password: 'correct horse battery'}),
      409,
      'user_exists',
      'That username is taken',
    );
  }
  assert.equal(rows(h, 'challenges'), 0);
  for (const username of ['ALICE', '\uff21lice']) {
    const res = await signIn(h, username, {client: h.newClient()});
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal(res.body.user.id, user.id);
  }
  const row = h.db.prepare('SELECT username, username_normalized FROM users').get();
  assert.deepEqual(row, {username: 'alice', username_normalized: 'alice'});
});

test('usernames: names in one script, or Latin with Japanese scripts, digits and punctuation are accepted', async (t) => {
  const h = await startHarness();
  t.after(() => h.close());
  for (const username of [
    'jörg-müller_42',
    'ωμέγα',
    'иван.петров',
    '山田たろう',
    'yamada太郎',
    'O\u0301scar',
  ]) {
    const options = await registrationOptions(h.newClient(), {username});
    assert.equal(options.user.name, username.normalize('NFC'));
  }
});

test('usernames: an email-shaped username needs a proven address: direct signup with bob@example.com is refused (400 invalid_request), nothing stored', async (t) => {
  const h = await startHarness();
  t.after(() => h.close());
  const reason =
    'Invalid body: username: must not be shaped like an email address unless that address is proven (sign up with email)';
  for (const username of ['bob@example.com', 'BOB@example.com', 'bob\uff20example.com']) {
    await refusedSignup(h, () => h.newClient().post('/registration/options', {username}), reason);
    await refusedSignup(
      h,
      () => h.newClient().post('/password/register', {username, password: 'correct horse battery'}),
      reason,
    );
  }
  // A handle that merely starts with @ is no address.
  assert.equal((await h.newClient().post('/registration/options', {username: '@bob'})).status, 200);
});

async function signupToken(h: Harness, email: string): Promise<string> {
  assert.equal((await h.client.post('/signup/email', {email})).status, 202);
  const mail = ((await h.client.get('/dev/outbox')).body as {to: string; text: string}[]).at(-1)!;
  assert.equal(mail.to, email);
  const code = /\b(\d{6})\b/.exec(mail.text)![1]!;
  const res = await h.client.post('/signup/email/verify', {email, code});
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return res.body.signupToken as string;
}

test('usernames: with a proven email the address may be the username, but not another address; unsafe names are refused there too, and the token is not used up', async (t) => {
  const h = await startHarness();
  t.after(() => h.close());
  const token = await signupToken(h, 'bob@example.com');
  await refusedSignup(
    h,
    () =>
      h
        .newClient()
        .post('/registration/options', {signupToken: token, username: 'eve@example.com'}),
    'Invalid body: username: must not be shaped like an email address other than the one proven',
  );
  await refusedSignup(
    h,
    () => h.newClient().post('/registration/options', {signupToken: token, username: 'b\u200bob'}),
    'Invalid body: username: must not contain an invisible format character (U+200B)',
  );
  const browser = h.newClient();
  const options = await registrationOptions(browser, {
    signupToken: token,
    username: 'Bob@Example.com',
  });
  assert.equal(options.user.name, 'Bob@Example.com');
  const res = await browser.post('/registration/verify', {
    response: new SoftAuthenticator({origin: ORIGIN}).create(options),
  });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  assert.equal(rows(h, 'users'), 1);
});
