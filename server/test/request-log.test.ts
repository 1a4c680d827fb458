// The request log (`requestLog`, REQUEST_LOG): one line per answered request, `METHOD /path
// status 12ms [error_code]`, no query string; off unless asked for (main.ts asks).
import assert from 'node:assert/strict';
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {mock, test} from 'node:test';
import {createPasskeyServer, loadConfig} from '../src/index.js';

const ORIGIN = 'http://localhost:3000';

async function server(requestLog?: boolean) {
  const dir = mkdtempSync(join(tmpdir(), 'reqlog-'));
  const s = await createPasskeyServer({
    rpId: 'localhost',
    origins: [ORIGIN],
    databasePath: join(dir, 'db.sqlite'),
    development: true,
    ...(requestLog === undefined ? {} : {requestLog}),
  });
  return {s, close: async () => (await s.close(), rmSync(dir, {recursive: true, force: true}))};
}

/** Collects what the server writes with console.log while `fn` runs. */
async function logged(fn: () => Promise<unknown>): Promise<string[]> {
  const log = mock.method(console, 'log', () => {});
  try {
    await fn();
    return log.mock.calls.map((call) => call.arguments.join(' '));
  } finally {
    log.mock.restore();
  }
}

test('off by default, in the configuration and in the server', async (t) => {
  assert.equal(loadConfig({}).requestLog, false);
  assert.equal(loadConfig({REQUEST_LOG: 'true'}).requestLog, true);
  const {s, close} = await server();
  t.after(close);
  const lines = await logged(async () => s.fetch(new Request(`${ORIGIN}/passkeys/session`)));
  assert.deepEqual(lines, []);
});

test('one line per request: method, path, status, time, and the error code of a failure', async (t) => {
  const {s, close} = await server(true);
  t.after(close);
  const lines = await logged(async () => {
    await s.fetch(new Request(`${ORIGIN}/passkeys/session`));
    await s.fetch(new Request(`${ORIGIN}/passkeys/passkeys?token=do-not-log-me`));
    // Refused before any handler (no Origin header on a POST): still one line, with its code.
    await s.fetch(new Request(`${ORIGIN}/passkeys/authentication/options`, {method: 'POST'}));
    await s.fetch(new Request(`${ORIGIN}/passkeys/no-such-thing`));
  });
  assert.equal(lines.length, 4, lines.join('\n'));
  assert.match(lines[0], /^GET \/passkeys\/session 200 \d+ms$/);
  assert.match(lines[1], /^GET \/passkeys\/passkeys 401 \d+ms unauthenticated$/);
  assert.match(lines[2], /^POST \/passkeys\/authentication\/options 403 \d+ms origin_mismatch$/);
  assert.match(lines[3], /^GET \/passkeys\/no-such-thing 404 \d+ms not_found$/);
  assert.ok(!lines.join('\n').includes('do-not-log-me'), 'the query string is not logged');
});
