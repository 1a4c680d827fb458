/**
 * Faults, on the engine the run uses (SQLite by default, PostgreSQL with TEST_ENGINE=postgres):
 * - the real server process (`node --import tsx server/src/main.ts`) is killed with SIGKILL in
 *   the middle of a burst of registrations, restarted on the same database, and every
 *   registration that was answered 201 is still there and signs in;
 * - a database that is gone answers `503 unavailable` (the contract's error body) on every
 *   endpoint, and never a 2xx or a weaker path.
 */
import assert from 'node:assert/strict';
import {spawn, type ChildProcess} from 'node:child_process';
import {test} from 'node:test';
import {fileURLToPath} from 'node:url';
import {
  ENGINE,
  adminQuery,
  assertError,
  authenticationOptions,
  createTestDatabase,
  registrationOptions,
  signUp,
  startHarness,
  type ApiResponse,
} from './helpers/harness.js';
import {SoftAuthenticator} from './helpers/soft-authenticator.js';
import {freePort} from '../../scripts/free-port.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));

interface Running {
  child: ChildProcess;
  base: string;
  origin: string;
  output: () => string;
}

/** Starts the real server process and waits until it answers. */
async function startServer(port: number, databaseEnv: Record<string, string>): Promise<Running> {
  const origin = `http://localhost:${port}`;
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
    cwd: root,
    env: {
      ...process.env,
      ...databaseEnv,
      PORT: String(port),
      ORIGINS: origin,
      RP_ID: 'localhost',
      SERVER_SECRET: 'faults-secret-faults-secret-faults-secret',
      STATIC_DIR: '/nonexistent',
      RATE_LIMIT_PER_MINUTE: '100000',
      MAX_PENDING_CHALLENGES: '10000',
      NODE_ENV: 'test',
      DEV_MODE: '1',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const base = `http://127.0.0.1:${port}/passkeys`;
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode}):\n${output}`);
    try {
      const res = await fetch(`${base}/session`);
      if (res.status === 200) return {child, base, origin, output: () => output};
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`server did not start in 60 s:\n${output}`);
}

async function stopServer(running: Running, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (running.child.exitCode !== null || running.child.signalCode !== null) return;
  const exited = new Promise((r) => running.child.once('exit', r));
  running.child.kill(signal);
  await exited;
}

async function post(
  running: Running,
  path: string,
  json: unknown,
  cookie?: string,
): Promise<ApiResponse> {
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    origin: running.origin,
  };
  if (cookie) headers.cookie = cookie;
  const res = await fetch(`${running.base}${path}`, {
    method: 'POST',
    headers,
    body: JSON.stringify(json),
  });
  const text = await res.text();
  return {status: res.status, body: text ? JSON.parse(text) : null, headers: res.headers};
}

/** The cookies an answer sets, as a `Cookie` header (the ceremony cookie of an options call). */
const cookiesOf = (res: ApiResponse) =>
  res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');

test(`faults (${ENGINE}): SIGKILL mid-burst of registrations; after a restart every 201 is still there`, async (t) => {
  const database = await createTestDatabase();
  t.after(() => database.drop());
  const env: Record<string, string> = database.config.databaseUrl
    ? {DATABASE_URL: database.config.databaseUrl}
    : {DATABASE_PATH: database.config.databasePath};
  const port = await freePort();
  let running = await startServer(port, env);
  t.after(() => stopServer(running, 'SIGKILL'));

  const KILL_AFTER = 25; // 201s seen before the kill
  const WORKERS = 8; // registrations in flight at any moment
  const answered: {username: string; credentialId: string; authenticator: SoftAuthenticator}[] = [];
  let cutOff = 0; // requests that died with the process
  let otherStatus = 0;
  let killed = false;
  let next = 0;

  async function worker() {
    // Any other answer ends the burst (and fails the test below) rather than looping on.
    while (!killed && otherStatus === 0) {
      const username = `burst-${next++}`;
      const authenticator = new SoftAuthenticator({origin: running.origin});
      try {
        const options = await post(running, '/registration/options', {username});
        if (options.status !== 200) {
          otherStatus++;
          continue;
        }
        const response = authenticator.create(options.body.options);
        const verify = await post(running, '/registration/verify', {response}, cookiesOf(options));
        if (verify.status === 201) {
          answered.push({username, credentialId: response.id, authenticator});
          if (answered.length >= KILL_AFTER && !killed) {
            killed = true;
            running.child.kill('SIGKILL');
          }
        } else otherStatus++;
      } catch {
        cutOff++; // the connection died with the process: no answer, no claim
      }
    }
  }
  const started = Date.now();
  await Promise.all(Array.from({length: WORKERS}, worker));
  await new Promise((r) =>
    running.child.exitCode !== null || running.child.signalCode
      ? r(null)
      : running.child.once('exit', r),
  );
  assert.equal(running.child.signalCode, 'SIGKILL');
  assert.equal(otherStatus, 0, 'every answered registration was a 201');
  assert.ok(answered.length >= KILL_AFTER);
  t.diagnostic(
    `${answered.length} registrations answered 201, ${cutOff} cut off by SIGKILL after ${Date.now() - started} ms`,
  );

  running = await startServer(port, env);
  for (const {username, credentialId, authenticator} of answered) {
    // The passkey signs in, by username...
    const request = await post(running, '/authentication/options', {username});
    assert.equal(request.status, 200);
    assert.deepEqual(
      request.body.options.allowCredentials.map((c: {id: string}) => c.id),
      [credentialId],
      `${username}'s passkey is listed`,
    );
    const signIn = await post(
      running,
      '/authentication/verify',
      {response: authenticator.get(request.body.options)},
      cookiesOf(request),
    );
    assert.equal(
      signIn.status,
      200,
      `${username} signs in after the restart: ${JSON.stringify(signIn.body)}`,
    );
    assert.equal(signIn.body.user.username, username);
    // ... and the session sees it in the list.
    const list = await fetch(`${running.base}/passkeys`, {headers: {cookie: cookiesOf(signIn)}});
    assert.deepEqual(
      ((await list.json()) as {passkeys: {id: string}[]}).passkeys.map((p) => p.id),
      [credentialId],
    );
  }
  // No half-written signup survived the crash: every account has its passkey.
  const db = database.db();
  const orphans = db
    .prepare(
      'SELECT count(*) AS n FROM users WHERE NOT EXISTS (SELECT 1 FROM credentials WHERE credentials.user_id = users.id)',
    )
    .get() as {n: number};
  db.close();
  assert.equal(Number(orphans.n), 0, 'no account without its passkey');
  await stopServer(running);
});

/**
 * Takes the database away from a running server: on SQLite its handle is closed; on PostgreSQL
 * the database is dropped with its connections terminated.
 */
async function removeDatabase(h: Awaited<ReturnType<typeof startHarness>>): Promise<void> {
  const url = h.server.config.databaseUrl;
  if (url) {
    const name = new URL(url).pathname.slice(1);
    await adminQuery(process.env.TEST_DATABASE_URL!, `DROP DATABASE ${name} WITH (FORCE)`);
  } else {
    await h.server.close();
  }
}

test(`faults (${ENGINE}): a database that is gone answers 503 unavailable everywhere, never a 2xx or a weaker path`, async (t) => {
  const h = await startHarness();
  t.after(async () => {
    await h.server.close().catch(() => {});
    await h.close().catch(() => {});
  });
  await signUp(h, 'ada');
  // A sign-in prepared while the database was there, finished after it is gone.
  const signInClient = h.newClient();
  const request = await authenticationOptions(signInClient, {username: 'ada'});
  const assertion = h.authenticator.get(request);
  const registerClient = h.newClient();
  const creation = await registrationOptions(registerClient, {username: 'bob'});
  const attestation = h.authenticator.create(creation);

  await removeDatabase(h);

  const attempts: [string, () => Promise<ApiResponse>][] = [
    ['GET /session (signed in)', () => h.client.get('/session')],
    ['GET /passkeys (signed in)', () => h.client.get('/passkeys')],
    ['PATCH /passkeys/x', () => h.client.request('PATCH', '/passkeys/AAAA', {json: {name: 'x'}})],
    ['DELETE /session', () => h.client.delete('/session')],
    [
      'POST /registration/options',
      () => h.newClient().post('/registration/options', {username: 'carol'}),
    ],
    [
      'POST /registration/verify',
      () => registerClient.post('/registration/verify', {response: attestation}),
    ],
    [
      'POST /authentication/options',
      () => h.newClient().post('/authentication/options', {username: 'ada'}),
    ],
    [
      'POST /authentication/verify',
      () => signInClient.post('/authentication/verify', {response: assertion}),
    ],
    [
      'POST /password/login',
      () => h.newClient().post('/password/login', {username: 'ada', password: 'x'.repeat(12)}),
    ],
    [
      'POST /recovery/redeem',
      () => h.newClient().post('/recovery/redeem', {username: 'ada', code: '0000-0000-0000-0000'}),
    ],
    [
      'POST /signup/email/verify',
      () => h.newClient().post('/signup/email/verify', {email: 'a@example.com', code: '123456'}),
    ],
  ];
  for (const [label, attempt] of attempts) {
    const res = await attempt();
    assert.equal(
      res.status,
      503,
      `${label}: expected 503, got ${res.status} ${JSON.stringify(res.body)}`,
    );
    assertError(
      res,
      503,
      'unavailable',
      'The service is temporarily unavailable; try again shortly',
    );
    assert.equal(res.headers.get('retry-after'), '5', label);
    assert.doesNotMatch(
      JSON.stringify(res.body),
      /SQLITE|ECONN|does not exist|stack|at /,
      `${label}: no internals`,
    );
  }
  // Checks that need no database still answer as before.
  assertError(
    await h.newClient().delete('/session', {origin: 'https://evil.example'}),
    403,
    'origin_mismatch',
    'Origin https://evil.example is not allowed',
  );
});

test(`faults (${ENGINE}): the PostgreSQL server stopping under a running backend answers 503, and it recovers`, async (t) => {
  if (ENGINE !== 'postgres') {
    t.skip('PostgreSQL only');
    return;
  }
  // A cluster of its own, so stopping it does not disturb the other tests.
  const {startPostgres} = await import('../../scripts/pg.mjs');
  const cluster = await startPostgres({quiet: true});
  t.after(() => cluster.stop());
  const h = await startHarness({databaseUrl: cluster.url});
  t.after(() => h.close().catch(() => {}));
  await signUp(h, 'ada');
  assert.equal((await h.client.get('/passkeys')).status, 200);

  const {execFileSync} = await import('node:child_process');
  const asRoot = process.getuid?.() === 0;
  const pgCtl = `${cluster.bin}/pg_ctl`;
  const ctl = (...args: string[]) =>
    execFileSync(
      asRoot ? 'runuser' : pgCtl,
      asRoot ? ['-u', 'postgres', '--', pgCtl, ...args] : args,
      {stdio: 'ignore'},
    );
  ctl('stop', '-D', `${cluster.dir}/data`, '-m', 'immediate', '-w');

  for (const [label, attempt] of [
    ['GET /passkeys', () => h.client.get('/passkeys')],
    [
      'POST /authentication/options',
      () => h.newClient().post('/authentication/options', {username: 'ada'}),
    ],
    [
      'POST /registration/options',
      () => h.newClient().post('/registration/options', {username: 'bob'}),
    ],
  ] as [string, () => Promise<ApiResponse>][]) {
    const res = await attempt();
    assert.equal(res.status, 503, `${label}: ${res.status} ${JSON.stringify(res.body)}`);
    assertError(
      res,
      503,
      'unavailable',
      'The service is temporarily unavailable; try again shortly',
    );
  }

  // Back up on the same port: the pool reconnects by itself and the data is there.
  ctl('start', '-D', `${cluster.dir}/data`, '-l', `${cluster.dir}/server.log`, '-w', '-t', '60');
  const res = await h.client.get('/passkeys');
  assert.equal(res.status, 200, JSON.stringify(res.body));
  assert.equal(res.body.passkeys.length, 1);
});
