/**
 * The flows a site needs, end to end: managing passkeys while signed in (list, add, rename,
 * delete).
 */
import {CheckSkipped, fail, show, expectStatus, expectError, type Check} from '../kit.js';

export const passkeyChecks: Check[] = [
  {
    group: 'flow',
    name: 'list passkeys: GET /passkeys 200 {passkeys}',
    async run(kit) {
      const a = await kit.signUp();
      const r = await a.browser.get('/passkeys');
      if (r.status === 404 && r.body?.error?.code !== 'not_found')
        throw new CheckSkipped('no GET /passkeys');
      expectStatus(r, 200, 'GET /passkeys');
      if (
        !Array.isArray(r.body?.passkeys) ||
        !r.body.passkeys.some((p: {id: string}) => p.id === a.credentialId)
      )
        fail(`the new passkey is not listed: ${show(r)}`);
    },
  },
  {
    group: 'flow',
    name: 'add a passkey while signed in: excludeCredentials lists the first, 201',
    async run(kit) {
      const a = await kit.signUp();
      const options = await kit.registrationOptions(a.browser, {});
      if (!options.excludeCredentials?.some((c) => c.id === a.credentialId))
        fail(
          `excludeCredentials ${JSON.stringify(options.excludeCredentials)} lacks ${a.credentialId}`,
        );
      const response = kit.authenticator().create(options);
      const r = await a.browser.post('/registration/verify', {response});
      expectStatus(r, 201, 'POST /registration/verify (signed in)');
      if (r.body?.user?.id !== a.userId)
        fail(`the passkey went to ${r.body?.user?.id}, expected ${a.userId}`);
    },
  },
  {
    group: 'flow',
    name: 'rename a passkey: PATCH /passkeys/{id} 200 {passkey}',
    async run(kit) {
      const a = await kit.signUp();
      const r = await a.browser.request(
        'PATCH',
        `/passkeys/${encodeURIComponent(a.credentialId)}`,
        {json: {name: '  Renamed key  '}},
      );
      if (r.status === 404 && r.body?.error?.code !== 'not_found')
        throw new CheckSkipped('no PATCH /passkeys/{id}');
      expectStatus(r, 200, 'PATCH /passkeys/{id}');
      if (r.body?.passkey?.name !== 'Renamed key')
        fail(
          `name is ${JSON.stringify(r.body?.passkey?.name)}, expected the trimmed "Renamed key"`,
        );
      const empty = await a.browser.request(
        'PATCH',
        `/passkeys/${encodeURIComponent(a.credentialId)}`,
        {json: {name: '   '}},
      );
      expectError(empty, 400, 'invalid_request', 'PATCH with a blank name');
    },
  },
  {
    group: 'flow',
    name: 'delete a passkey: 204; the last one: 409 last_passkey',
    async run(kit) {
      const a = await kit.signUp();
      const second = kit.authenticator().create(await kit.registrationOptions(a.browser, {}));
      expectStatus(
        await a.browser.post('/registration/verify', {response: second}),
        201,
        'adding a second passkey',
      );
      const r = await a.browser.request('DELETE', `/passkeys/${encodeURIComponent(second.id)}`);
      if (r.status === 404 && r.body?.error?.code !== 'not_found')
        throw new CheckSkipped('no DELETE /passkeys/{id}');
      expectStatus(r, 204, 'DELETE /passkeys/{id}');
      const last = await a.browser.request(
        'DELETE',
        `/passkeys/${encodeURIComponent(a.credentialId)}`,
      );
      expectError(last, 409, 'last_passkey', 'DELETE of the only passkey');
    },
  },
];
