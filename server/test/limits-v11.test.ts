/**
 * Contract v1.1 limits, as an attacker tries them over real HTTP (a Node socket per request):
 * the per-account budget for guessable secrets is taken before the verification and holds under
 * concurrency; forged passkey assertions never lock the owner out; client keys come from the
 * socket unless TRUST_PROXY says otherwise, IPv6 by /64; email codes per address per hour.
 */
import assert from 'node:assert/strict';
import {once} from 'node:events';
import type {AddressInfo} from 'node:net';
import {test, type TestContext} from 'node:test';
import {serve} from '@hono/node-server';
import {TestBrowser} from '../../src/testing/test-browser.js';
import {
  addressKey,
  clientAddress,
  clientKeyFunction,
  parseTrustProxy,
} from '../src/http/client-key.js';
import type {AppContext} from '../src/http/context.js';
import {loadConfig, type ServerConfig} from '../src/index.js';
import {
  ENGINE,
  ORIGIN,
  assertError,
  authenticationOptions,
  signIn,
  signUp,
  startHarness,
  type ApiResponse,
  type Harness,
} from './helpers/harness.js';

const PASSWORD = 'correct horse battery';
const TOO_MANY_FAILURES = 'Too many failed attempts for this account; try again later';
const TOO_MANY_REQUESTS = 'Too many requests; try again later';

/** A harness whose server also listens on a real port (127.0.0.1); `browser()` talks to it. */
async function overHttp(t: TestContext, config: Partial<ServerConfig> = {}) {
  const h = await startHarness(config);
  const http = serve({fetch: h.server.fetch, port: 0, hostname: '127.0.0.1'});
  t.after(async () => {
    await new Promise((resolve) => http.close(resolve));
    await h.close();
  });
  await once(http, 'listening');
  const {port} = (http.address() as AddressInfo) ?? {port: 0};
  const browser = () => new TestBrowser(`http://127.0.0.1:${port}/passkeys`, ORIGIN);
  return {h, browser};
}

function assertRetryAfter(res: ApiResponse, maxSeconds: number) {
  const retryAfter = Number(res.headers.get('retry-after'));
  assert.ok(
    Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= maxSeconds,
    `Retry-After ${retryAfter}`,
  );
}

/** Counts the password evaluations: each reads the account's factors (the hash) first. */
function countEvaluations(h: Harness, onEach?: (n: number) => void): () => number {
  const store = h.server.store as unknown as Record<string, (...args: unknown[]) => unknown>;
  const original = store.getUserFactors!.bind(store);
  let n = 0;
  store.getUserFactors = (...args: unknown[]) => {
    n += 1;
    onEach?.(n);
    return original(...args);
  };
  return () => n;
}

test(`limits v1.1 (${ENGINE}): 50 concurrent wrong passwords for one account over HTTP: at most 10 evaluated, the rest 429, and the right password in the burst does not sign in`, async (t) => {
  const {h, browser} = await overHttp(t);
  const seeded = await browser().post('/password/register', {
    username: 'carol',
    password: PASSWORD,
  });
  assert.equal(seeded.status, 201, JSON.stringify(seeded.body));
  // The right password goes out in the middle of the burst: once 10 guesses are being evaluated.
  const sent: {right?: Promise<ApiResponse>} = {};
  const rightBrowser = browser();
  const evaluations = countEvaluations(h, (n) => {
    if (n === 10)
      sent.right = rightBrowser.post('/password/login', {username: 'carol', password: PASSWORD});
  });
  const wrong = await Promise.all(
    Array.from({length: 50}, (_, i) =>
      browser().post('/password/login', {username: 'carol', password: `wrong guess ${i}`}),
    ),
  );
  assert.ok(sent.right, 'the right password was sent during the burst');
  const rightRes = await sent.right;
  assert.ok(evaluations() <= 10, `${evaluations()} passwords were evaluated`);
  const failed = wrong.filter((r) => r.status === 400);
  const limited = wrong.filter((r) => r.status === 429);
  assert.equal(failed.length + limited.length, 50, wrong.map((r) => r.status).join(','));
  assert.equal(failed.length, evaluations());
  for (const res of failed)
    assertError(res, 400, 'verification_failed', 'The username or password is wrong');
  for (const res of limited) {
    assertError(res, 429, 'rate_limited', TOO_MANY_FAILURES);
    assertRetryAfter(res, 15 * 60);
  }
  // The right password, sent while the budget was held, is refused before it is evaluated.
  assertError(rightRes, 429, 'rate_limited', TOO_MANY_FAILURES);
  assertRetryAfter(rightRes, 15 * 60);
  assert.equal(rightRes.headers.getSetCookie().length, 0, 'no cookie');
  assert.equal(rightRes.body.user, undefined);
  assert.deepEqual(h.counts(), {users: 1, credentials: 0, sessions: 0}, 'no session stored');
  assert.equal((await rightBrowser.get('/session')).body.user, null);
  // And afterwards the account stays closed on that route, for the right password too.
  assertError(
    await browser().post('/password/login', {username: 'carol', password: PASSWORD}),
    429,
    'rate_limited',
    TOO_MANY_FAILURES,
  );
  assert.equal(h.counts().sessions, 0);
});

/**
 * Counts calls of one store method (the evaluation of a secret reads or uses it exactly once), and
 * makes each take 100 ms, as on a loaded database: the checks of a burst then overlap, which is
 * the window a read-then-charge budget loses in (with instant checks the requests would mostly
 * run one after another and hide it).
 */
function countCalls(h: Harness, method: string, onEach?: (n: number) => void): () => number {
  const store = h.server.store as unknown as Record<string, (...args: unknown[]) => unknown>;
  const original = store[method]!.bind(store);
  let n = 0;
  store[method] = async (...args: unknown[]) => {
    n += 1;
    onEach?.(n);
    await new Promise((resolve) => setTimeout(resolve, 100));
    return original(...args);
  };
  return () => n;
}

test(`limits v1.1 (${ENGINE}): 50 concurrent wrong recovery codes over HTTP: at most 10 checked, the rest 429, and the right code sent in the burst is neither accepted nor burned`, async (t) => {
  const {h, browser} = await overHttp(t);
  const owner = browser();
  await signUp(h, 'frank', {client: owner as never});
  const codes = (await owner.post('/recovery/codes', {})).body.codes as string[];
  assert.equal(codes.length, 10);
  const unused = () =>
    Number(
      (
        h.db.prepare('SELECT count(*) AS n FROM recovery_codes WHERE used_at IS NULL').get() as {
          n: number;
        }
      ).n,
    );
  const sent: {right?: Promise<ApiResponse>} = {};
  const checked = countCalls(h, 'useRecoveryCode', (n) => {
    if (n === 10)
      sent.right = browser().post('/recovery/redeem', {username: 'frank', code: codes[0]});
  });
  const wrong = await Promise.all(
    Array.from({length: 50}, (_, i) =>
      browser().post('/recovery/redeem', {
        username: 'frank',
        code: `ffff-ffff-ffff-${i.toString(16).padStart(4, '0')}`,
      }),
    ),
  );
  assert.ok(sent.right, 'the right code was sent during the burst');
  const right = await sent.right;
  assert.ok(checked() <= 10, `${checked()} codes were checked`);
  const failed = wrong.filter((r) => r.status === 400);
  assert.equal(failed.length, checked());
  for (const res of failed)
    assertError(res, 400, 'verification_failed', 'The username or recovery code is wrong');
  for (const res of wrong.filter((r) => r.status !== 400)) {
    assertError(res, 429, 'rate_limited', TOO_MANY_FAILURES);
    assertRetryAfter(res, 15 * 60);
  }
  assertError(right, 429, 'rate_limited', TOO_MANY_FAILURES);
  assert.equal(right.body.recoveryToken, undefined);
  assert.equal(unused(), 10, 'no code was used up');
  assert.equal(
    Number((h.db.prepare('SELECT count(*) AS n FROM tokens').get() as {n: number}).n),
    0,
    'no recovery token stored',
  );
});

test(`limits v1.1 (${ENGINE}): 50 concurrent wrong email codes over HTTP: at most 10 checked, the rest 429`, async (t) => {
  const {h, browser} = await overHttp(t);
  assert.equal((await browser().post('/signup/email', {email: 'g@example.com'})).status, 202);
  const checked = countCalls(h, 'tryEmailCode');
  const answers = await Promise.all(
    Array.from({length: 50}, (_, i) =>
      browser().post('/signup/email/verify', {
        email: 'g@example.com',
        code: String(100000 + i * 7919).slice(0, 6),
      }),
    ),
  );
  assert.ok(checked() <= 10, `${checked()} codes were checked`);
  const failed = answers.filter((r) => r.status === 400);
  assert.equal(failed.length, checked());
  // The first 4 wrong tries are wrong; the 5th burns the code, and every later check finds none.
  const wrong = failed.filter((r) => r.body.error.code === 'verification_failed');
  assert.equal(wrong.length, Math.min(4, failed.length));
  for (const res of wrong) assertError(res, 400, 'verification_failed', 'The code is wrong');
  for (const res of failed.filter((r) => !wrong.includes(r)))
    assertError(
      res,
      400,
      'code_expired',
      'The code has expired, was used or was tried too often; ask for a new one',
    );
  for (const res of answers.filter((r) => r.status !== 400)) {
    assertError(res, 429, 'rate_limited', TOO_MANY_FAILURES);
    assertRetryAfter(res, 15 * 60);
  }
  assert.equal(
    Number((h.db.prepare('SELECT count(*) AS n FROM tokens').get() as {n: number}).n),
    0,
    'no signup token stored',
  );
});

test(`limits v1.1 (${ENGINE}): a success gives its point back; only failures use up the budget`, async (t) => {
  const {h, browser} = await overHttp(t, {accountFailures: 3});
  await browser().post('/password/register', {username: 'dora', password: PASSWORD});
  // 2 failures, then any number of successes: each success refunds its own point.
  for (let i = 0; i < 2; i++)
    assertError(
      await browser().post('/password/login', {username: 'dora', password: 'nope nope'}),
      400,
      'verification_failed',
      'The username or password is wrong',
    );
  for (let i = 0; i < 5; i++) {
    const ok = await browser().post('/password/login', {username: 'dora', password: PASSWORD});
    assert.equal(ok.status, 200, JSON.stringify(ok.body));
  }
  assertError(
    await browser().post('/password/login', {username: 'dora', password: 'nope nope'}),
    400,
    'verification_failed',
    'The username or password is wrong',
  );
  const sessions = h.counts().sessions;
  assertError(
    await browser().post('/password/login', {username: 'dora', password: PASSWORD}),
    429,
    'rate_limited',
    TOO_MANY_FAILURES,
  );
  assert.equal(h.counts().sessions, sessions, 'no session for the refused attempt');
});

test(`limits v1.1 (${ENGINE}): several server processes on one PostgreSQL database share the budget (50 concurrent guesses over two servers: at most 10 evaluated)`, async (t) => {
  if (ENGINE !== 'postgres') {
    t.skip('SQLite is one process: its budget lives in that process (memory)');
    return;
  }
  const {h, browser} = await overHttp(t);
  await browser().post('/password/register', {username: 'erin', password: PASSWORD});
  // A second server on the same database, as a second process would be.
  const {createPasskeyServer} = await import('../src/index.js');
  const second = await createPasskeyServer({
    ...h.server.config,
    authenticators: h.server.config.authenticators,
  });
  const http = serve({fetch: second.fetch, port: 0, hostname: '127.0.0.1'});
  t.after(async () => {
    await new Promise((resolve) => http.close(resolve));
    await second.close();
  });
  await once(http, 'listening');
  const {port} = http.address() as AddressInfo;
  const secondBrowser = () => new TestBrowser(`http://127.0.0.1:${port}/passkeys`, ORIGIN);
  const first = countEvaluations(h);
  const other = countEvaluations({server: second} as unknown as Harness);
  const answers = await Promise.all(
    Array.from({length: 50}, (_, i) =>
      (i % 2 ? browser() : secondBrowser()).post('/password/login', {
        username: 'erin',
        password: `wrong guess ${i}`,
      }),
    ),
  );
  assert.ok(first() + other() <= 10, `${first()} + ${other()} evaluated`);
  assert.ok(first() > 0 && other() > 0, 'both servers took part');
  assert.equal(answers.filter((r) => r.status === 400).length, first() + other());
  for (const res of answers.filter((r) => r.status !== 400))
    assertError(res, 429, 'rate_limited', TOO_MANY_FAILURES);
  assertError(
    await secondBrowser().post('/password/login', {username: 'erin', password: PASSWORD}),
    429,
    'rate_limited',
    TOO_MANY_FAILURES,
  );
  assert.equal(h.counts().sessions, 0);
});

test(`limits v1.1 (${ENGINE}): 20 forged assertions naming a user's credential, then the owner's passkey sign-in succeeds`, async (t) => {
  const {h, browser} = await overHttp(t);
  const owner = browser();
  await signUp(h, 'alice', {client: owner as never});
  await owner.request('DELETE', '/session');
  const sessions = h.counts().sessions;
  // The attacker learns the credential id from /authentication/options and forges assertions.
  const forged = await Promise.all(
    Array.from({length: 20}, async () => {
      const attacker = browser();
      const request = await authenticationOptions(attacker as never, {username: 'alice'});
      const response = h.authenticator.get(request, {
        signature: Buffer.alloc(70, 1).toString('base64url'),
      });
      return attacker.post('/authentication/verify', {response});
    }),
  );
  for (const res of forged) {
    assertError(
      res,
      400,
      'verification_failed',
      'Sign-in rejected: Data does not match to ECDSASigValue ASN1 schema.',
    );
    assert.equal(res.headers.getSetCookie().length, 0);
  }
  assert.equal(h.counts().sessions, sessions, 'no session from a forged assertion');
  // The owner signs in with the passkey, by username and discoverable.
  const byName = await signIn(h, 'alice', {client: browser() as never});
  assert.equal(byName.status, 200, JSON.stringify(byName.body));
  assert.equal(byName.body.user.username, 'alice');
  const discoverable = await signIn(h, undefined, {client: browser() as never});
  assert.equal(discoverable.status, 200, JSON.stringify(discoverable.body));
  assert.equal(h.counts().sessions, sessions + 2);
});

test(`limits v1.1 (${ENGINE}): TRUST_PROXY off: X-Forwarded-For is ignored, every request from one socket address is one client`, async (t) => {
  const {h, browser} = await overHttp(t, {rateLimitPerMinute: 3});
  for (let i = 0; i < 3; i++) {
    const res = await browser().post(
      '/authentication/options',
      {},
      {headers: {'x-forwarded-for': `198.51.100.${i + 1}`}},
    );
    assert.equal(res.status, 200, JSON.stringify(res.body));
  }
  const challenges = () =>
    Number((h.db.prepare('SELECT count(*) AS n FROM challenges').get() as {n: number}).n);
  const keys = h.db.prepare('SELECT DISTINCT client_key AS k FROM challenges').all() as {
    k: string;
  }[];
  assert.deepEqual(
    keys.map((r) => r.k),
    ['127.0.0.1'],
    'the socket address is the key',
  );
  const res = await browser().post(
    '/authentication/options',
    {},
    {headers: {'x-forwarded-for': '198.51.100.99'}},
  );
  assertError(res, 429, 'rate_limited', TOO_MANY_REQUESTS);
  assertRetryAfter(res, 60);
  assert.equal(challenges(), 3, 'nothing stored for the refused request');
});

test(`limits v1.1 (${ENGINE}): TRUST_PROXY on: the right-most untrusted X-Forwarded-For hop is the client; IPv6 clients are grouped by /64`, async (t) => {
  const {h, browser} = await overHttp(t, {rateLimitPerMinute: 2, trustProxy: '127.0.0.1'});
  const options = (xff: string) =>
    browser().post('/authentication/options', {}, {headers: {'x-forwarded-for': xff}});
  // Two budgets of 2: the client's own left-most entries are ignored, the proxy's entry counts.
  assert.equal((await options('203.0.113.7')).status, 200);
  assert.equal((await options('10.9.9.9, 203.0.113.7')).status, 200);
  const spoofed = await options('10.1.1.1, 203.0.113.7');
  assertError(spoofed, 429, 'rate_limited', TOO_MANY_REQUESTS);
  assertRetryAfter(spoofed, 60);
  // Another client behind the same proxy has its own budget.
  assert.equal((await options('203.0.113.8')).status, 200);
  // Two IPv6 addresses in one /64 are one client; the next /64 is another.
  assert.equal((await options('2001:db8:1:2::1')).status, 200);
  assert.equal((await options('2001:db8:1:2:ffff:ffff:ffff:fffe')).status, 200);
  const sameNet = await options('2001:0db8:0001:0002:abcd::9');
  assertError(sameNet, 429, 'rate_limited', TOO_MANY_REQUESTS);
  assert.equal((await options('2001:db8:1:3::1')).status, 200);
  const keys = (
    h.db.prepare('SELECT DISTINCT client_key AS k FROM challenges').all() as {k: string}[]
  )
    .map((r) => r.k)
    .sort();
  assert.deepEqual(keys, ['2001:db8:1:2::/64', '2001:db8:1:3::/64', '203.0.113.7', '203.0.113.8']);
});

test('client keys: TRUST_PROXY parsing, IPv6 /64 grouping, IPv4-mapped addresses', () => {
  assert.equal(parseTrustProxy(undefined), null);
  assert.equal(parseTrustProxy(''), null);
  assert.deepEqual(parseTrustProxy('2'), {hops: 2});
  assert.ok(parseTrustProxy('10.0.0.0/8, ::1, fd00::/8'));
  for (const bad of ['true', 'yes', '10.0.0.0/33', 'proxy.example', '::1/129'])
    assert.throws(() => parseTrustProxy(bad), `TRUST_PROXY=${bad}`);
  assert.throws(() => loadConfig({TRUST_PROXY: 'true', DEV_MODE: '1'}), /trustProxy/);
  assert.equal(loadConfig({TRUST_PROXY: '1', DEV_MODE: '1'}).trustProxy, '1');
  assert.equal(loadConfig({DEV_MODE: '1'}).trustProxy, null);
  assert.equal(addressKey('192.0.2.1'), '192.0.2.1');
  assert.equal(addressKey('::ffff:192.0.2.1'), '192.0.2.1');
  assert.equal(addressKey('2001:db8:1:2::1'), '2001:db8:1:2::/64');
  assert.equal(addressKey('[2001:DB8:1:2:3:4:5:6]:443'), '2001:db8:1:2::/64');
  assert.equal(addressKey('fe80::1%eth0'), 'fe80:0:0:0::/64');
  assert.equal(addressKey('::1'), '0:0:0:0::/64');
  assert.equal(addressKey('not an address'), null);
});

/** A request context as far as the client key reads it: headers, and no Node socket. */
const fakeContext = (headers: Record<string, string> = {}) =>
  ({req: {raw: new Request('http://x/', {headers})}, env: undefined}) as unknown as AppContext;

test('client keys: hop counts, trusted ranges, untrusted peers, and no address at all', () => {
  const xff = (value: string) => fakeContext({'x-forwarded-for': value});
  // Off: the socket, whatever the header says.
  assert.equal(clientAddress(xff('192.0.2.9'), null, '198.51.100.1'), '198.51.100.1');
  // Hop count: the n-th entry from the right; fewer entries than hops: the socket.
  assert.equal(clientAddress(xff('6.6.6.6, 192.0.2.9'), {hops: 1}, null), '192.0.2.9');
  assert.equal(clientAddress(xff('6.6.6.6, 192.0.2.9, 10.0.0.2'), {hops: 2}, null), '192.0.2.9');
  assert.equal(clientAddress(xff('192.0.2.9'), {hops: 2}, '10.0.0.1'), '10.0.0.1');
  // Ranges: read only from a trusted peer; the right-most entry that is not a proxy.
  const ranges = parseTrustProxy('10.0.0.0/8, fd00::/8');
  assert.equal(clientAddress(xff('6.6.6.6, 192.0.2.9, 10.1.2.3'), ranges, '10.0.0.1'), '192.0.2.9');
  assert.equal(clientAddress(xff('6.6.6.6, 2001:db8::1'), ranges, 'fd00::5'), '2001:db8::1');
  assert.equal(clientAddress(xff('192.0.2.9'), ranges, '198.51.100.1'), '198.51.100.1');
  assert.equal(clientAddress(xff('192.0.2.9'), ranges, null), null, 'no peer to trust');
  assert.equal(clientAddress(fakeContext(), ranges, '10.0.0.1'), '10.0.0.1');
  // No address at all and nothing trusted: the shared key, with one loud warning per app.
  const logged: string[] = [];
  const key = clientKeyFunction(null, (m) => logged.push(m));
  assert.equal(key(fakeContext()), 'unknown');
  assert.equal(key(fakeContext({'x-forwarded-for': '192.0.2.9'})), 'unknown');
  assert.equal(logged.length, 1);
  assert.match(logged[0]!, /WARNING: .*shares ONE rate-limit key/);
  // With a hop count, the proxy's header names the client even without a socket.
  const behindOne = clientKeyFunction('1', (m) => logged.push(m));
  assert.equal(
    behindOne(fakeContext({'x-forwarded-for': '2001:db8:5:6:7::1'})),
    '2001:db8:5:6::/64',
  );
  assert.equal(logged.length, 1);
});

test(`limits v1.1 (${ENGINE}): the per-client budget covers /reauth/* too`, async (t) => {
  const {h, browser} = await overHttp(t, {rateLimitPerMinute: 1});
  assert.equal((await browser().post('/authentication/options', {})).status, 200);
  const before = h.counts();
  for (const path of ['/reauth/options', '/reauth/verify']) {
    const res = await browser().post(path, {});
    assertError(res, 429, 'rate_limited', TOO_MANY_REQUESTS);
    assertRetryAfter(res, 60);
  }
  assert.deepEqual(h.counts(), before);
});

test(`limits v1.1 (${ENGINE}): at most 5 email codes per address per hour`, async (t) => {
  const {h, browser} = await overHttp(t);
  const outbox = async () => (await browser().get('/dev/outbox')).body as {to: string}[];
  for (let i = 0; i < 5; i++)
    assert.equal((await browser().post('/signup/email', {email: 'x@example.com'})).status, 202);
  const sixth = await browser().post('/signup/email', {email: 'x@example.com'});
  assertError(sixth, 429, 'rate_limited', 'Too many codes sent to this address; try again later');
  assertRetryAfter(sixth, 3600);
  assert.equal((await outbox()).filter((m) => m.to === 'x@example.com').length, 5, 'no 6th mail');
  // The budget is the address's, not the client's: another address still gets its code.
  assert.equal((await browser().post('/signup/email', {email: 'y@example.com'})).status, 202);
  assert.equal((await outbox()).length, 6);
  assert.equal(h.counts().users, 0);
});
