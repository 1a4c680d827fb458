import assert from 'node:assert/strict';
import {test} from 'node:test';
import {
  addPasskey,
  assertError,
  assertRefusedWithoutChanges,
  signUp,
  startHarness,
  type Harness,
  type TestClient,
} from './helpers/harness.js';

const names = (h: Harness) =>
  h.db.prepare('SELECT id, name FROM credentials ORDER BY id').all() as unknown[];

test('PATCH /passkeys/{id} renames the passkey (trimmed) and answers it', async (t) => {
  const h = await startHarness();
  t.after(() => h.close());
  const {credentialId} = await signUp(h, 'alice');
  const res = await h.client.request('PATCH', `/passkeys/${credentialId}`, {
    json: {name: '  Work laptop '},
  });
  assert.equal(res.status, 200, JSON.stringify(res.body));
  assert.equal(res.body.passkey.id, credentialId);
  assert.equal(res.body.passkey.name, 'Work laptop');
  const list = await h.client.get('/passkeys');
  assert.equal(list.body.passkeys[0].name, 'Work laptop');
});

test('PATCH /passkeys/{id} refuses bad names, unknown ids, other users\u2019 passkeys and no session, changing nothing', async (t) => {
  const h = await startHarness();
  t.after(() => h.close());
  const {credentialId} = await signUp(h, 'alice');
  const bob = h.newClient();
  const {credentialId: bobsId} = await signUp(h, 'bob', {client: bob});
  const before = names(h);
  const patch = (client: TestClient, id: string, json: unknown) => () =>
    client.request('PATCH', `/passkeys/${id}`, {json});

  for (const name of ['', '   ', 'x'.repeat(65), 'tab\there', 42, null]) {
    await assertRefusedWithoutChanges(
      h,
      patch(h.client, credentialId, {name}),
      400,
      'invalid_request',
      /^Invalid body: name: /,
    );
  }
  await assertRefusedWithoutChanges(
    h,
    patch(h.client, credentialId, {}),
    400,
    'invalid_request',
    'Invalid body: name: Invalid input: expected string, received undefined',
  );
  await assertRefusedWithoutChanges(
    h,
    patch(h.client, 'not*base64url', {name: 'x'}),
    400,
    'invalid_request',
    'Invalid passkey id: id: Invalid base64url',
  );
  await assertRefusedWithoutChanges(
    h,
    patch(h.client, 'AAAA', {name: 'x'}),
    404,
    'not_found',
    'No such passkey',
  );
  // Bob's passkey answers like an unknown one: its existence is not revealed.
  await assertRefusedWithoutChanges(
    h,
    patch(h.client, bobsId, {name: 'mine now'}),
    404,
    'not_found',
    'No such passkey',
  );
  await assertRefusedWithoutChanges(
    h,
    patch(h.newClient(), credentialId, {name: 'x'}),
    401,
    'unauthenticated',
    'Sign in first',
  );
  const ok = await h.client.request('PATCH', `/passkeys/${credentialId}`, {
    json: {name: 'y'.repeat(64)},
  });
  assert.equal(ok.status, 200);
  assert.notDeepEqual(names(h), before);
  assert.deepEqual(
    names(h).filter((r) => (r as {id: string}).id !== credentialId),
    before.filter((r) => (r as {id: string}).id !== credentialId),
  );
});

test('DELETE /passkeys/{id} removes one of several passkeys (204)', async (t) => {
  const h = await startHarness();
  t.after(() => h.close());
  const {credentialId} = await signUp(h, 'alice');
  const second = await addPasskey(h, h.client, 'Phone');
  const res = await h.client.delete(`/passkeys/${credentialId}`);
  assert.equal(res.status, 204);
  assert.equal(res.body, null);
  const list = await h.client.get('/passkeys');
  assert.deepEqual(
    list.body.passkeys.map((p: {id: string}) => p.id),
    [second],
  );
});

test('DELETE /passkeys/{id} refuses the last passkey (409 last_passkey), unknown ids, others\u2019 passkeys, no session', async (t) => {
  const h = await startHarness();
  t.after(() => h.close());
  const {credentialId} = await signUp(h, 'alice');
  const bob = h.newClient();
  const {credentialId: bobsId} = await signUp(h, 'bob', {client: bob});
  await addPasskey(h, bob);

  await assertRefusedWithoutChanges(
    h,
    () => h.client.delete(`/passkeys/${credentialId}`),
    409,
    'last_passkey',
    'This is your only way to sign in; add another passkey first',
  );
  await assertRefusedWithoutChanges(
    h,
    () => h.client.delete('/passkeys/AAAA'),
    404,
    'not_found',
    'No such passkey',
  );
  await assertRefusedWithoutChanges(
    h,
    () => h.client.delete(`/passkeys/${bobsId}`),
    404,
    'not_found',
    'No such passkey',
  );
  await assertRefusedWithoutChanges(
    h,
    () => h.client.delete('/passkeys/a+b'),
    400,
    'invalid_request',
    'Invalid passkey id: id: Invalid base64url',
  );
  await assertRefusedWithoutChanges(
    h,
    () => h.newClient().delete(`/passkeys/${bobsId}`),
    401,
    'unauthenticated',
    'Sign in first',
  );
  const noOrigin = await h.client.delete(`/passkeys/${credentialId}`, {origin: null});
  assertError(noOrigin, 403, 'origin_mismatch', 'Origin header missing');
  assert.equal(h.counts().credentials, 3);
});
