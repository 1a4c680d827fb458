// The conformance CLI (bin/conformance.mjs) as a user runs it: src/testing compiled the way the
// package ships it (tsc, tsconfig.testing.json) beside a copy of the bin, run as a plain Node
// process against the reference backend served over HTTP. Every check passes against the
// reference; against a wrapper that answers a replayed assertion from a cache, the replay check
// fails and the CLI exits 1.
import assert from 'node:assert/strict';
import {spawn, spawnSync} from 'node:child_process';
import {copyFileSync, mkdirSync, mkdtempSync, rmSync} from 'node:fs';
import {createServer, type Server} from 'node:http';
import {join} from 'node:path';
import {after, before, test} from 'node:test';
import {getRequestListener} from '@hono/node-server';
import {createPasskeyServer, type PasskeyServer} from '../../server/src/index.js';

const root = new URL('../..', import.meta.url).pathname;
const ADMIN_KEY = 'conformance-admin-key-0123456789';
let work: string;
let bin: string;
const servers: {http: Server; backend: PasskeyServer}[] = [];

before(() => {
  // Under the repository (git-ignored .tmp/), so the compiled files resolve the repository's node_modules.
  mkdirSync(join(root, '.tmp'), {recursive: true});
  work = mkdtempSync(join(root, '.tmp/conformance-'));
  const r = spawnSync(
    process.execPath,
    [
      join(root, 'node_modules/typescript/bin/tsc'),
      '-p',
      'tsconfig.testing.json',
      '--outDir',
      join(work, 'dist/testing'),
      '--sourceMap',
      'false',
    ],
    {cwd: root, encoding: 'utf8'},
  );
  assert.equal(r.status, 0, r.stdout + r.stderr);
  mkdirSync(join(work, 'bin'));
  bin = join(work, 'bin/conformance.mjs');
  copyFileSync(join(root, 'bin/conformance.mjs'), bin);
});

after(async () => {
  for (const {http, backend} of servers) {
    http.close();
    await backend.close();
  }
  if (work) rmSync(work, {recursive: true, force: true});
});

/**
 * The reference backend on a free localhost port; `wrap` may stand between the network and it.
 * Resolves with the API's URL.
 */
async function serve(
  wrap: (fetch: PasskeyServer['fetch']) => PasskeyServer['fetch'] = (f) => f,
): Promise<string> {
  let handler: PasskeyServer['fetch'] = () => new Response('starting', {status: 503});
  const http = createServer(getRequestListener((req) => handler(req)));
  await new Promise<void>((r) => http.listen(0, 'localhost', r));
  const origin = `http://localhost:${(http.address() as {port: number}).port}`;
  const backend = await createPasskeyServer({
    rpId: 'localhost',
    origins: [origin],
    databasePath: join(work, `db-${servers.length}.sqlite`),
    allowDirectSignup: true,
    userVerification: 'required',
    adminKey: ADMIN_KEY,
    development: true,
  });
  handler = wrap(backend.fetch);
  servers.push({http, backend});
  return `${origin}/passkeys`;
}

/** Runs the CLI in its own process; resolves with its exit code and output. */
function cli(args: string[]): Promise<{code: number | null; out: string}> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, ...args], {
      cwd: work,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('exit', (code) => resolve({code, out}));
  });
}

test('every check passes against the reference backend', async () => {
  const url = await serve();
  const {code, out} = await cli([url, '--admin-key', ADMIN_KEY]);
  assert.equal(code, 0, out);
  assert.match(out, /^(\d+) passed, 0 failed, 0 skipped$/m, out);
  const passed = Number(/^(\d+) passed/m.exec(out)![1]);
  assert.ok(passed >= 45, `${passed} checks ran`);
  for (const name of [
    'replayed assertion',
    'malformed JSON',
    'body over 64 KiB',
    'foreign Origin',
    'unknown credential',
    'sign out',
    // contract v1.1
    'another browser',
    'look-alike usernames',
    'two session cookies',
    '/reauth/options without a session',
    'reauth_required',
    'parallel wrong recovery codes',
  ]) {
    assert.match(out, new RegExp(`^PASS .*${name}`, 'm'), out);
  }
});

test('against a backend that accepts a replayed assertion, that check fails and the CLI exits 1', async () => {
  // The broken variant: it answers a repeated /authentication/verify body from a cache of
  // successes instead of asking the backend, i.e. it accepts replays.
  const answered = new Map<string, {status: number; body: string; headers: Headers}>();
  const url = await serve((fetch) => async (req) => {
    if (req.method !== 'POST' || !new URL(req.url).pathname.endsWith('/authentication/verify'))
      return fetch(req);
    const body = await req.text();
    const hit = answered.get(body);
    if (hit) return new Response(hit.body, {status: hit.status, headers: hit.headers});
    const res = await fetch(new Request(req.url, {method: 'POST', headers: req.headers, body}));
    const text = await res.text();
    if (res.ok) answered.set(body, {status: res.status, body: text, headers: res.headers});
    return new Response(text, {status: res.status, headers: res.headers});
  });
  const {code, out} = await cli([url, '--json']);
  assert.equal(code, 1, out);
  const results = JSON.parse(out) as {name: string; status: string; detail?: string}[];
  const failed = results.filter((r) => r.status === 'fail');
  // The parallel check fails too when the first copy is answered before the second arrives
  // (then the cache serves it): that depends on timing, so it may or may not be among them.
  const parallel = 'one assertion sent twice at once: exactly one sign-in succeeds';
  assert.deepEqual(
    failed.map((r) => r.name).filter((n) => n !== parallel),
    ['replayed assertion: 400 challenge_invalid'],
    out,
  );
  assert.match(failed[0]!.detail!, /expected 400 challenge_invalid, got 200/);
  assert.equal(
    results.find((r) => r.name.startsWith('operator reset with the key'))?.status,
    'skip',
  );
});

test('usage errors exit 2 with the usage text', async () => {
  const {code, out} = await cli([]);
  assert.equal(code, 2);
  assert.match(out, /Usage: passkey-elements-conformance <api-url>/);
});
