/**
 * Several reference server processes on one PostgreSQL database, one truth (#16). Two real server
 * processes (`node --import tsx server/src/main.ts`, each on its own port, the same
 * `DATABASE_URL` and `SERVER_SECRET`) stand behind one site, as behind a load balancer: each
 * request of a test browser goes to the process the test names, with one cookie jar for both.
 * - a ceremony whose options come from one process is verified by the other; a challenge used on
 *   one is gone on the other, also when the two race;
 * - a session started on one is used, and ended, on the other;
 * - the per-account budget for passwords and the per-client request limit hold across both;
 * - one process killed with SIGKILL in the middle of a burst of registrations: the other keeps
 *   serving (it also completes a ceremony the dead one started), and every registration answered
 *   `201` is there afterwards and signs in.
 * PostgreSQL only: SQLite is one process (its limits live in that process's memory).
 */
import assert from 'node:assert/strict';
import {spawn, type ChildProcess} from 'node:child_process';
import {after, before, describe, test} from 'node:test';
import {fileURLToPath} from 'node:url';
import {TestBrowser, type TestResponse} from '../../src/testing/test-browser.js';
import {freePort} from '../../scripts/free-port.mjs';
import {ENGINE, assertError, createTestDatabase, type TestDatabase} from './helpers/harness.js';
import {SoftAuthenticator} from './helpers/soft-authenticator.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
/** The site in front of both processes: the pages' origin, and the RP ID. */
const SITE = 'http://localhost:3000';
/** `RATE_LIMIT_PER_MINUTE` of both processes. Each test client has an address of its own. */
const PER_CLIENT = 30;
const TOO_MANY_FAILURES = 'Too many failed attempts for this account; try again later';
const TOO_MANY_REQUESTS = 'Too many requests; try again later';

interface ServerProcess {
  name: string;
  child: ChildProcess;
  port: number;
  /** Resolves when the process has exited. */
  exited: Promise<void>;
  output(): string;
}

/** Starts the real server entry on a free port; resolves once it says it listens. */
async function startProcess(name: string, databaseUrl: string): Promise<ServerProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
    cwd: root,
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      ORIGINS: SITE,
      RP_ID: 'localhost',
      // The same in every process: it keys the fake credential ids and the challenges' binding.
      SERVER_SECRET: 'multi-process-secret-multi-process-secret',
      STATIC_DIR: '/nonexistent',
      // The test's clients are told apart by the address a proxy on 127.0.0.1 reports.
      TRUST_PROXY: '127.0.0.1',
      RATE_LIMIT_PER_MINUTE: String(PER_CLIENT),
      NODE_ENV: 'test',
      // Development mode: password seeding (/password/register), and 127.0.0.1 only.
      DEV_MODE: '1',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stderr!.on('data', (d) => (output += d));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (d) => {
      output += d;
      if (output.includes('reference backend on')) resolve();
    });
    void exited.then(() => reject(new Error(`${name} exited before listening:\n${output}`)));
  });
  return {name, child, port, exited, output: () => output};
}

/**
 * A browser on the site, whose requests reach the process `on(i)` names (as a load balancer would
 * send them), keeping one cookie jar for both, from the client `address` (`X-Forwarded-For`).
 */
function siteBrowser(processes: ServerProcess[], address: string) {
  let target = 0;
  const browser = new TestBrowser(`${SITE}/passkeys`, SITE, async (request) => {
    const url = new URL(request.url);
    url.hostname = '127.0.0.1';
    url.port = String(processes[target]!.port);
    const headers = new Headers(request.headers);
    headers.set('x-forwarded-for', address);
    const body = request.method === 'GET' ? undefined : await request.arrayBuffer();
    return fetch(url, {method: request.method, headers, body, redirect: 'manual'});
  });
  return {
    browser,
    /** The browser, its next requests going to process `i`. */
    on(i: number) {
      target = i;
      return browser;
    },
  };
}

/** A fresh client address for each browser, so that the per-client limit counts only on purpose. */
let addresses = 0;
const nextAddress = () => `203.0.${Math.floor(++addresses / 250)}.${(addresses % 250) + 1}`;

describe(
  `multi-process (${ENGINE}): two server processes on one PostgreSQL database`,
  {skip: ENGINE !== 'postgres' && 'PostgreSQL only: SQLite is one process', timeout: 120_000},
  () => {
    let database: TestDatabase;
    let processes: ServerProcess[] = [];
    const browser = (address = nextAddress()) => siteBrowser(processes, address);
    const sessionCount = (userId: string) => {
      const db = database.db();
      const row = db.prepare('SELECT count(*) AS n FROM sessions WHERE user_id = ?').get(userId);
      db.close();
      return Number((row as {n: number}).n);
    };

    before(async () => {
      database = await createTestDatabase();
      const url = database.config.databaseUrl!;
      // Started together: the migration lock lets one apply the schema while the other waits.
      processes = await Promise.all([startProcess('A', url), startProcess('B', url)]);
    });

    after(async () => {
      for (const p of processes) {
        if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill('SIGKILL');
        await p.exited;
      }
      await database?.drop();
    });

    test('a ceremony started on one process completes on the other; a session started on one is used and ended on the other', async () => {
      const authenticator = new SoftAuthenticator({origin: SITE});
      const site = browser();
      // Sign up: options from A, verify at B.
      const creation = await site.on(0).post('/registration/options', {username: 'ada'});
      assert.equal(creation.status, 200, JSON.stringify(creation.body));
      const signup = await site.on(1).post('/registration/verify', {
        response: authenticator.create(creation.body.options),
      });
      assert.equal(signup.status, 201, JSON.stringify(signup.body));
      const userId = signup.body.user.id as string;
      // The session B started is A's too, and A's sign-out ends it for B.
      assert.equal((await site.on(0).get('/session')).body.user?.id, userId);
      assert.equal((await site.on(0).delete('/session')).status, 204);
      assert.equal((await site.on(1).get('/session')).body.user, null);
      assert.equal(sessionCount(userId), 0);

      // Sign in: options from B, verify at A; B sees the session.
      const request = await site.on(1).post('/authentication/options', {username: 'ada'});
      assert.equal(request.status, 200);
      const response = authenticator.get(request.body.options);
      const signIn = await site.on(0).post('/authentication/verify', {response});
      assert.equal(signIn.status, 200, JSON.stringify(signIn.body));
      assert.equal((await site.on(1).get('/session')).body.user?.id, userId);
      // The challenge A used up is gone for B.
      assertError(
        await site.on(1).post('/authentication/verify', {response}),
        400,
        'challenge_invalid',
      );

      // One response sent to both at once: exactly one of them signs in.
      const again = await site.on(0).post('/authentication/options', {username: 'ada'});
      const racer = authenticator.get(again.body.options);
      const answers = await Promise.all([
        site.on(0).post('/authentication/verify', {response: racer}),
        site.on(1).post('/authentication/verify', {response: racer}),
      ]);
      assert.deepEqual(answers.map((r) => r.status).sort(), [200, 400], JSON.stringify(answers));
      assertError(
        answers.find((r) => r.status === 400)!,
        400,
        'challenge_invalid',
      );
      // The winner's session replaced the one the browser came with; both processes see it.
      assert.equal(sessionCount(userId), 1);
      assert.equal((await site.on(0).get('/session')).body.user?.id, userId);
      assert.equal((await site.on(1).get('/session')).body.user?.id, userId);
    });

    test('per-account budget across processes: 50 concurrent wrong passwords spread over both, at most 10 evaluated, the rest 429, and the right password sent in the burst does not sign in', async (t) => {
      const seeded = await browser().on(0).post('/password/register', {
        username: 'carol',
        password: 'correct horse battery',
      });
      assert.equal(seeded.status, 201, JSON.stringify(seeded.body));
      const userId = seeded.body.user.id as string;
      // Each guess from an address of its own (a distributed attacker: the per-client limit never
      // bites), every other one to the other process.
      const owner = browser();
      let right: Promise<TestResponse> | undefined;
      let pending = 50;
      let pendingWhenRightSent = 0;
      const guesses = await Promise.all(
        Array.from({length: 50}, async (_, i) => {
          const res = await browser()
            .on(i % 2)
            .post('/password/login', {username: 'carol', password: `wrong guess ${i}`});
          pending -= 1;
          // Once one guess is refused the budget is all taken: the owner's right password goes out
          // now, to the other process, while the rest of the burst is still in flight.
          if (res.status === 429 && !right) {
            pendingWhenRightSent = pending;
            right = owner
              .on((i + 1) % 2)
              .post('/password/login', {username: 'carol', password: 'correct horse battery'});
          }
          return res;
        }),
      );
      assert.ok(right, 'a guess was refused, and the right password was sent');
      const evaluated = guesses.filter((r) => r.status === 400);
      const refused = guesses.filter((r) => r.status === 429);
      assert.equal(evaluated.length + refused.length, 50, guesses.map((r) => r.status).join(','));
      assert.ok(evaluated.length <= 10, `${evaluated.length} passwords were evaluated`);
      for (const res of evaluated)
        assertError(res, 400, 'verification_failed', 'The username or password is wrong');
      for (const res of refused) {
        assertError(res, 429, 'rate_limited', TOO_MANY_FAILURES);
        assert.ok(Number(res.headers.get('retry-after')) >= 1);
      }
      const rightRes = await right;
      assertError(rightRes, 429, 'rate_limited', TOO_MANY_FAILURES);
      assert.equal(rightRes.headers.getSetCookie().length, 0, 'no cookie');
      assert.equal((await owner.on(0).get('/session')).body.user, null);
      assert.equal(sessionCount(userId), 0, 'no session stored');
      // The account stays closed on both processes, for the right password too.
      for (const i of [0, 1]) {
        assertError(
          await browser()
            .on(i)
            .post('/password/login', {username: 'carol', password: 'correct horse battery'}),
          429,
          'rate_limited',
          TOO_MANY_FAILURES,
        );
      }
      assert.equal(sessionCount(userId), 0);
      assert.ok(pendingWhenRightSent > 0, 'the right password went out during the burst');
      t.diagnostic(
        `${evaluated.length} evaluated, ${refused.length} refused; the right password went out with ${pendingWhenRightSent} guesses unanswered`,
      );
    });

    test(`per-client limit across processes: ${PER_CLIENT + 15} concurrent requests from one client spread over both, exactly ${PER_CLIENT} served`, async () => {
      const client = browser();
      const answers = await Promise.all(
        Array.from({length: PER_CLIENT + 15}, (_, i) =>
          client.on(i % 2).post('/authentication/options', {}),
        ),
      );
      assert.equal(answers.filter((r) => r.status === 200).length, PER_CLIENT);
      const refused = answers.filter((r) => r.status !== 200);
      assert.equal(refused.length, 15);
      for (const res of refused) assertError(res, 429, 'rate_limited', TOO_MANY_REQUESTS);
      // Another client is not affected, on either process.
      const other = browser();
      assert.equal((await other.on(0).post('/authentication/options', {})).status, 200);
      assert.equal((await other.on(1).post('/authentication/options', {})).status, 200);
    });

    test('one process killed with SIGKILL during a burst of registrations: the other keeps serving, and every registration answered 201 is there and signs in', async (t) => {
      const [a, b] = processes as [ServerProcess, ServerProcess];
      const KILL_AFTER = 20; // 201s before A is killed
      const AFTER_KILL = 20; // 201s B must answer afterwards
      const WORKERS = 8;
      interface Registered {
        username: string;
        credentialId: string;
        authenticator: SoftAuthenticator;
      }
      const registered: Registered[] = [];
      let killed = false;
      let servedByBAfterKill = 0; // 201s B answered after the kill
      let aDown = false; // the "load balancer" saw A fail: everything goes to B from then on
      let cutOff = 0;
      let next = 0;

      // A ceremony A starts before it dies, which B completes afterwards.
      const orphan = browser();
      const orphanKey = new SoftAuthenticator({origin: SITE});
      const orphanOptions = await orphan.on(0).post('/registration/options', {username: 'orphan'});
      assert.equal(orphanOptions.status, 200);

      async function worker() {
        while (!killed || servedByBAfterKill < AFTER_KILL) {
          const i = next++;
          const username = `burst-${i}`;
          const authenticator = new SoftAuthenticator({origin: SITE});
          const site = browser();
          // Options from one process, verify at the other, while both are up.
          const first = aDown ? 1 : i % 2;
          const second = aDown ? 1 : (i + 1) % 2;
          try {
            const options = await site.on(first).post('/registration/options', {username});
            assert.equal(options.status, 200, JSON.stringify(options.body));
            const response = authenticator.create(options.body.options);
            const verify = await site.on(second).post('/registration/verify', {response});
            assert.equal(verify.status, 201, `${username}: ${JSON.stringify(verify.body)}`);
            registered.push({username, credentialId: response.id, authenticator});
            if (killed && second === 1) servedByBAfterKill++;
            if (registered.length >= KILL_AFTER && !killed) {
              killed = true;
              a.child.kill('SIGKILL');
            }
          } catch (error) {
            // Only a request to A after the kill may fail, and only by losing its connection
            // (no answer, so no claim); a wrong answer is a failure of the test.
            if (!killed || error instanceof assert.AssertionError) throw error;
            aDown = true;
            cutOff++;
          }
        }
      }
      await Promise.all(Array.from({length: WORKERS}, worker));
      await a.exited;
      assert.equal(a.child.signalCode, 'SIGKILL');
      assert.ok(servedByBAfterKill >= AFTER_KILL, 'B went on answering 201');
      t.diagnostic(
        `${registered.length} registrations answered 201 (${servedByBAfterKill} by B after the kill), ${cutOff} cut off by the kill`,
      );

      // B completes the ceremony A started before it died.
      const completed = await orphan
        .on(1)
        .post('/registration/verify', {response: orphanKey.create(orphanOptions.body.options)});
      assert.equal(completed.status, 201, JSON.stringify(completed.body));
      registered.push({
        username: 'orphan',
        credentialId: completed.body.passkey.id,
        authenticator: orphanKey,
      });

      // Every 201 is there: its passkey is the one offered for its username, and it signs in on B.
      for (const {username, credentialId, authenticator} of registered) {
        const site = browser();
        const request = await site.on(1).post('/authentication/options', {username});
        assert.equal(request.status, 200);
        assert.deepEqual(
          request.body.options.allowCredentials.map((c: {id: string}) => c.id),
          [credentialId],
          `${username}'s passkey is listed`,
        );
        const signIn = await site.on(1).post('/authentication/verify', {
          response: authenticator.get(request.body.options),
        });
        assert.equal(signIn.status, 200, `${username}: ${JSON.stringify(signIn.body)}`);
        assert.equal(signIn.body.user.username, username);
      }
      // No half-written signup: every account has its passkey.
      const db = database.db();
      const orphans = db
        .prepare(
          'SELECT count(*) AS n FROM users u WHERE NOT EXISTS (SELECT 1 FROM credentials c WHERE c.user_id = u.id) AND u.password_hash IS NULL',
        )
        .get() as {n: number};
      db.close();
      assert.equal(Number(orphans.n), 0, 'no account without its passkey');
      assert.equal(b.child.exitCode, null, 'B is still running');
    });
  },
);
