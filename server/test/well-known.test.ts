// GET /.well-known/webauthn: related origins (WebAuthn L3 related origin requests), served at the
// origin's root from configuration, and nothing when none are configured.
import assert from 'node:assert/strict';
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {test} from 'node:test';
import {createPasskeyServer} from '../src/index.js';

async function server(relatedOrigins: string[]) {
  const dir = mkdtempSync(join(tmpdir(), 'wk-'));
  const s = await createPasskeyServer({
    rpId: 'example.com',
    origins: ['https://example.com'],
    relatedOrigins,
    databasePath: join(dir, 'db.sqlite'),
    development: true,
  });
  return {s, close: async () => (await s.close(), rmSync(dir, {recursive: true, force: true}))};
}

test('serves the configured related origins at the root', async (t) => {
  const {s, close} = await server(['https://example.co.uk', 'https://example.de']);
  t.after(close);
  const res = await s.fetch(new Request('https://example.com/.well-known/webauthn'));
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type') ?? '', /application\/json/);
  assert.deepEqual(await res.json(), {origins: ['https://example.co.uk', 'https://example.de']});
  const post = await s.fetch(
    new Request('https://example.com/.well-known/webauthn', {method: 'POST'}),
  );
  assert.equal(post.status, 405);
});

test('answers 404 in the contract shape when none are configured', async (t) => {
  const {s, close} = await server([]);
  t.after(close);
  const res = await s.fetch(new Request('https://example.com/.well-known/webauthn'));
  assert.equal(res.status, 404);
  assert.equal(((await res.json()) as {error: {code: string}}).error.code, 'not_found');
});

test('refuses a related origin that is not an origin', async () => {
  await assert.rejects(server(['https://example.de/path']), /origin/);
});
