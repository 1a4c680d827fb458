/**
 * Malformed requests: each is refused with the contract's status and code, and leaves the
 * database as it was.
 */
import assert from 'node:assert/strict';
import {once} from 'node:events';
import {request as httpRequest} from 'node:http';
import type {AddressInfo} from 'node:net';
import {test} from 'node:test';
import {serve} from '@hono/node-server';
import {
  assertRefusedWithoutChanges,
  registrationOptions,
  signUp,
  startHarness,
  type Harness,
} from './helpers/harness.js';

async function withSignedUpUser(t: {after(fn: () => unknown): void}): Promise<Harness> {
  const h = await startHarness();
  t.after(() => h.close());
  await signUp(h, 'alice');
  return h;
}

test('malformed JSON: 400 invalid_request', async (t) => {
  const h = await withSignedUpUser(t);
  for (const path of [
    '/registration/options',
    '/registration/verify',
    '/authentication/options',
    '/authentication/verify',
    '/reauth/verify', // (its options route reads no body)
  ]) {
    await assertRefusedWithoutChanges(
      h,
      () => h.client.request('POST', path, {body: '{"username": '}),
      400,
      'invalid_request',
      'The body is not valid JSON',
    );
    await assertRefusedWithoutChanges(
      h,
      () => h.client.request('POST', path, {body: ''}),
      400,
      'invalid_request',
      'A JSON body is required',
    );
    await assertRefusedWithoutChanges(
      h,
      () => h.client.request('POST', path, {body: new Uint8Array([0x7b, 0xff, 0xfe, 0x7d])}),
      400,
      'invalid_request',
      'The body is not valid JSON',
    );
  }
});

test('wrong types: 400 invalid_request', async (t) => {
  const h = await withSignedUpUser(t);
  const browser = h.newClient();
  // Each with the reason: the field the schema names.
  const cases: [string, unknown, RegExp][] = [
    ['/registration/options', {username: 42}, /^Invalid body: username: Invalid input/],
    ['/registration/options', {username: 'x', displayName: ['a']}, /^Invalid body: displayName: /],
    ['/registration/options', [], /^Invalid body: Invalid input: expected object, received array/],
    ['/registration/options', 'username', /^Invalid body: Invalid input: expected object/],
    ['/registration/options', null, /^Invalid body: Invalid input: expected object, received null/],
    ['/registration/options', {username: '   '}, /^Invalid body: username: Too small/],
    ['/registration/options', {username: 'a'.repeat(65)}, /^Invalid body: username: Too big/],
    ['/registration/options', {username: 'tab\there'}, /^Invalid body: username: must not contain/],
    ['/authentication/options', {username: false}, /^Invalid body: username: Invalid input/],
    ['/registration/verify', {response: 'abc'}, /^Invalid body: response: Invalid input/],
    [
      '/registration/verify',
      {response: {id: 1, rawId: 1, type: 'public-key', response: {}}},
      /^Invalid body: response\.id: /,
    ],
    [
      '/authentication/verify',
      {response: {id: 'AAAA', rawId: 'AAAA', type: 'password', response: {}}},
      /^Invalid body: response\.type: /,
    ],
  ];
  for (const [path, json, reason] of cases) {
    await assertRefusedWithoutChanges(
      h,
      () => browser.post(path, json),
      400,
      'invalid_request',
      reason,
    );
  }
});

test('missing fields: 400 invalid_request', async (t) => {
  const h = await withSignedUpUser(t);
  const browser = h.newClient();
  const options = await registrationOptions(browser, {username: 'bob'});
  const full = h.authenticator.create(options);
  const {attestationObject: _dropped, ...noAttestation} = full.response;
  const cases: [string, unknown, string | RegExp][] = [
    ['/registration/options', {}, 'username is required to sign up'],
    ['/registration/verify', {}, /^Invalid body: response: Invalid input/],
    [
      '/registration/verify',
      {response: {...full, rawId: undefined}},
      /^Invalid body: response\.rawId: /,
    ],
    [
      '/registration/verify',
      {response: {...full, response: noAttestation}},
      /^Invalid body: response\.response\.attestationObject: /,
    ],
    ['/authentication/verify', {}, /^Invalid body: response: Invalid input/],
    [
      '/authentication/verify',
      {response: {id: full.id, rawId: full.id, type: 'public-key', response: {}}},
      /^Invalid body: response\.response\.clientDataJSON: /,
    ],
  ];
  for (const [path, json, reason] of cases) {
    await assertRefusedWithoutChanges(
      h,
      () => browser.post(path, json),
      400,
      'invalid_request',
      reason,
    );
  }
  // The challenge was not burned by the malformed attempts: the intact response still works.
  assert.equal((await browser.post('/registration/verify', {response: full})).status, 201);
});

test('bad base64url: 400 invalid_request', async (t) => {
  const h = await withSignedUpUser(t);
  const browser = h.newClient();
  const options = await registrationOptions(browser, {username: 'bob'});
  const full = h.authenticator.create(options);
  const bad = ['a+b/', 'abc=', 'a', 'not base64!', ''];
  for (const value of bad) {
    const attempts: [unknown, RegExp][] = [
      [{...full, id: value, rawId: value}, /^Invalid body: response\.id: /],
      [
        {...full, response: {...full.response, clientDataJSON: value}},
        /^Invalid body: response\.response\.clientDataJSON: /,
      ],
      [
        {...full, response: {...full.response, attestationObject: value}},
        /^Invalid body: response\.response\.attestationObject: /,
      ],
    ];
    for (const [response, reason] of attempts) {
      await assertRefusedWithoutChanges(
        h,
        () => browser.post('/registration/verify', {response}),
        400,
        'invalid_request',
        reason,
      );
    }
  }
  // clientDataJSON that is base64url but not JSON
  const notJson = {
    ...full,
    response: {...full.response, clientDataJSON: Buffer.from('nope').toString('base64url')},
  };
  await assertRefusedWithoutChanges(
    h,
    () => browser.post('/registration/verify', {response: notJson}),
    400,
    'invalid_request',
    'response.clientDataJSON is not JSON',
  );
});

test('oversize bodies: 413 payload_too_large, by Content-Length and by what arrives', async (t) => {
  const h = await withSignedUpUser(t);
  const big = JSON.stringify({username: 'x', pad: 'a'.repeat(70 * 1024)});
  await assertRefusedWithoutChanges(
    h,
    () => h.client.request('POST', '/registration/options', {body: big}),
    413,
    'payload_too_large',
    'The body exceeds 65536 bytes',
  );
  await assertRefusedWithoutChanges(
    h,
    () =>
      h.client.request('POST', '/registration/options', {
        body: big,
        headers: {'content-length': String(big.length)},
      }),
    413,
    'payload_too_large',
    'The body exceeds 65536 bytes',
  );
  // A stream with no length, or one that lies about its length.
  const stream = () =>
    new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 70; i++) controller.enqueue(new Uint8Array(1024).fill(0x20));
        controller.close();
      },
    });
  await assertRefusedWithoutChanges(
    h,
    () => h.client.request('POST', '/authentication/options', {body: stream()}),
    413,
    'payload_too_large',
    'The body exceeds 65536 bytes',
  );
  await assertRefusedWithoutChanges(
    h,
    () =>
      h.client.request('POST', '/authentication/options', {
        body: stream(),
        headers: {'content-length': '10'},
      }),
    413,
    'payload_too_large',
    'The body exceeds 65536 bytes',
  );
  // Just under the limit is fine as far as size goes.
  const fits = JSON.stringify({username: 'x'.repeat(10), pad: 'a'.repeat(60 * 1024)});
  assert.equal(
    (await h.newClient().request('POST', '/authentication/options', {body: fits})).status,
    200,
  );
});

test('over a Node socket: a declared length within the limit is read whole; more, declared or sent, is 413', async (t) => {
  const h = await withSignedUpUser(t);
  const http = serve({fetch: h.server.fetch, port: 0, hostname: '127.0.0.1'});
  t.after(() => new Promise((resolve) => http.close(resolve)));
  await once(http, 'listening');
  const {port} = http.address() as AddressInfo;
  const post = (body: string | Buffer[], headers: Record<string, string | number>) =>
    new Promise<{status: number; body: string}>((resolve, reject) => {
      const req = httpRequest(
        {
          host: '127.0.0.1',
          port,
          method: 'POST',
          path: '/passkeys/authentication/options',
          headers: {
            origin: 'http://localhost:3000',
            'content-type': 'application/json',
            ...headers,
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () =>
            resolve({status: res.statusCode!, body: Buffer.concat(chunks).toString()}),
          );
        },
      );
      req.on('error', reject);
      if (typeof body === 'string') req.end(body);
      else {
        for (const chunk of body) req.write(chunk);
        req.end();
      }
    });
  const json = JSON.stringify({username: 'alice'});
  const ok = await post(json, {'content-length': Buffer.byteLength(json)});
  assert.equal(ok.status, 200, ok.body);
  assert.equal(JSON.parse(ok.body).options.allowCredentials.length, 1);
  const big = JSON.stringify({username: 'x', pad: 'a'.repeat(70 * 1024)});
  const declared = await post(big, {'content-length': Buffer.byteLength(big)});
  assert.equal(declared.status, 413);
  assert.deepEqual(JSON.parse(declared.body).error, {
    code: 'payload_too_large',
    message: 'The body exceeds 65536 bytes',
  });
  // Chunked: no length to go by, so the arriving bytes are counted.
  const sent = await post(
    Array.from({length: 70}, () => Buffer.alloc(1024, 0x20)),
    {'transfer-encoding': 'chunked'},
  );
  assert.equal(sent.status, 413);
  assert.deepEqual(JSON.parse(sent.body).error, {
    code: 'payload_too_large',
    message: 'The body exceeds 65536 bytes',
  });
});

test('wrong content type: 415 unsupported_media_type', async (t) => {
  const h = await withSignedUpUser(t);
  const body = JSON.stringify({username: 'bob'});
  for (const contentType of [
    'text/plain',
    'application/x-www-form-urlencoded',
    'multipart/form-data; boundary=x',
    null,
  ]) {
    await assertRefusedWithoutChanges(
      h,
      () => h.newClient().request('POST', '/registration/options', {body, contentType}),
      415,
      'unsupported_media_type',
      'Send the body as application/json',
    );
  }
  // Parameters and case do not matter.
  const ok = await h.newClient().request('POST', '/registration/options', {
    body,
    contentType: 'Application/JSON; charset=utf-8',
  });
  assert.equal(ok.status, 200);
});

test('missing or foreign Origin on state-changing requests: 403 origin_mismatch', async (t) => {
  const h = await withSignedUpUser(t);
  for (const origin of [
    null,
    'http://evil.example',
    'http://localhost:3001',
    'null',
    'http://localhost:3000/',
  ]) {
    const reason = origin === null ? 'Origin header missing' : `Origin ${origin} is not allowed`;
    await assertRefusedWithoutChanges(
      h,
      () => h.newClient().post('/registration/options', {username: 'bob'}, {origin}),
      403,
      'origin_mismatch',
      reason,
    );
    await assertRefusedWithoutChanges(
      h,
      () => h.client.delete('/session', {origin}),
      403,
      'origin_mismatch',
      reason,
    );
  }
  assert.equal(h.counts().sessions, 1, 'still signed in');
  // Reads need no Origin.
  assert.equal((await h.client.request('GET', '/session', {origin: null})).status, 200);
});
