/**
 * What the backend must refuse, and how: malformed, mistyped, oversized or non-JSON bodies, and
 * state changes without the pages' Origin.
 */
import {expectError, newUsername, type Check} from '../kit.js';

export const requestChecks: Check[] = [
  {
    group: 'errors',
    name: 'malformed JSON: 400 invalid_request',
    async run(kit) {
      expectError(
        await kit.browser().request('POST', '/authentication/options', {body: '{"username": '}),
        400,
        'invalid_request',
        'a truncated JSON body',
      );
    },
  },
  {
    group: 'errors',
    name: 'wrongly typed fields: 400 invalid_request',
    async run(kit) {
      const b = kit.browser();
      expectError(
        await b.post('/registration/options', {username: 42}),
        400,
        'invalid_request',
        '{username: 42}',
      );
      expectError(
        await b.post('/authentication/verify', {response: 'not an object'}),
        400,
        'invalid_request',
        '{response: "not an object"}',
      );
      expectError(
        await b.post('/authentication/verify', {
          response: {
            id: '!!',
            rawId: '!!',
            type: 'public-key',
            response: {},
            clientExtensionResults: {},
          },
        }),
        400,
        'invalid_request',
        'a response with bad base64url and no fields',
      );
    },
  },
  {
    group: 'errors',
    name: 'body over 64 KiB: 413 payload_too_large',
    async run(kit) {
      const r = await kit
        .browser()
        .post('/authentication/options', {username: 'x'.repeat(70 * 1024)});
      expectError(r, 413, 'payload_too_large', 'a 70 KiB body');
    },
  },
  {
    group: 'errors',
    name: 'body that is not JSON: 415 unsupported_media_type',
    async run(kit) {
      const r = await kit.browser().request('POST', '/authentication/options', {
        body: 'username=x',
        contentType: 'application/x-www-form-urlencoded',
      });
      expectError(r, 415, 'unsupported_media_type', 'a form-encoded body');
    },
  },
  {
    group: 'errors',
    name: 'state change without an Origin header: 403 origin_mismatch',
    async run(kit) {
      expectError(
        await kit
          .browser()
          .post('/registration/options', {username: newUsername()}, {origin: null}),
        403,
        'origin_mismatch',
        'no Origin',
      );
    },
  },
  {
    group: 'errors',
    name: 'state change from a foreign Origin: 403 origin_mismatch',
    async run(kit) {
      const a = await kit.signUp();
      expectError(
        await a.browser.post('/registration/options', {}, {origin: 'https://evil.example'}),
        403,
        'origin_mismatch',
        'Origin https://evil.example',
      );
      expectError(
        await a.browser.request('DELETE', '/session', {origin: 'https://evil.example'}),
        403,
        'origin_mismatch',
        'DELETE /session from https://evil.example',
      );
    },
  },
];
