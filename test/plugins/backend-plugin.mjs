// Mounts the reference backend (server/src/index.ts) inside the test runner's dev server, so test
// pages and the API share one origin (http://localhost:<port>) and cookies just work.
//
// Each run gets a fresh SQLite file in a temp folder, removed when the runner stops.
//
// Test hooks (only here, in the test runner; never part of the backend): JSON in, JSON out, on
// the same origin as the pages, so the page's session cookie goes along with a plain fetch().
//   POST /__test/age-session {seconds: number | null} -> 200 {verifiedAt: string | null}
//     Sets the calling session's verifiedAt `seconds` ago (null: as after a password sign-in),
//     through the store, touching no other session. No session: 401 unauthenticated.
//   POST /__test/step-up-check {token, action?} -> 200 {ok: true, userId} | {ok: false}
//     Runs the backend's exported checkStepUpToken() on this request (so a success uses the token
//     up), as a site's own backend would before its sensitive action.

import {mkdtempSync, rmSync, existsSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join, resolve} from 'node:path';
import {pathToFileURL} from 'node:url';
import {getRequestListener} from '@hono/node-server';

/** Loads a TypeScript module: natively when Node runs under tsx, else through tsx's API. */
async function importTs(file) {
  const url = pathToFileURL(file).href;
  try {
    return await import(url);
  } catch (error) {
    if (error?.code !== 'ERR_UNKNOWN_FILE_EXTENSION') throw error;
    const {tsImport} = await import('tsx/esm/api');
    return tsImport(url, import.meta.url);
  }
}

function jsonError(res, status, code, message) {
  res.writeHead(status, {'content-type': 'application/json'});
  res.end(JSON.stringify({error: {code, message}}));
}

function jsonAnswer(res, body) {
  res.writeHead(200, {'content-type': 'application/json', 'cache-control': 'no-store'});
  res.end(JSON.stringify(body));
}

const TEST_HOOK_PREFIX = '/__test/';

/** Reads a JSON body (at most 64 KiB) from a Node request; `undefined` when it is not JSON. */
async function readJson(req) {
  let text = '';
  for await (const chunk of req) {
    text += chunk;
    if (text.length > 64 * 1024) return undefined;
  }
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * The test hooks (see the top of this file). `mod` is the backend module (for its exported
 * readSession and checkStepUpToken), `server` the running backend.
 */
async function testHook(mod, server, ctx) {
  const {req, res} = ctx;
  if (req.method !== 'POST') return jsonError(res, 405, 'invalid_request', 'Use POST');
  const body = await readJson(req);
  if (body === null || typeof body !== 'object')
    return jsonError(res, 400, 'invalid_request', 'Send a JSON object');
  if (typeof mod.readSession !== 'function' || typeof mod.checkStepUpToken !== 'function')
    return jsonError(
      res,
      501,
      'internal',
      'This backend exports no readSession / checkStepUpToken',
    );
  switch (ctx.path) {
    case '/__test/age-session': {
      const {seconds} = body;
      if (seconds !== null && !(typeof seconds === 'number' && seconds >= 0))
        return jsonError(res, 400, 'invalid_request', 'seconds: a number >= 0, or null');
      const session = await mod.readSession(server, req);
      if (!session) return jsonError(res, 401, 'unauthenticated', 'No session on this request');
      const verifiedAt =
        seconds === null
          ? null
          : new Date((server.now?.() ?? new Date()).getTime() - seconds * 1000);
      await server.store.setSessionVerifiedAt(session.id, verifiedAt);
      return jsonAnswer(res, {verifiedAt: verifiedAt?.toISOString() ?? null});
    }
    case '/__test/step-up-check': {
      const {token, action} = body;
      if (typeof token !== 'string' || (action !== undefined && typeof action !== 'string'))
        return jsonError(
          res,
          400,
          'invalid_request',
          'token: a string; action: a string or absent',
        );
      const checked = await mod.checkStepUpToken(server, req, {token, action});
      return jsonAnswer(res, checked ? {ok: true, userId: checked.userId} : {ok: false});
    }
    default:
      return jsonError(res, 404, 'not_found', `No test hook ${ctx.path}`);
  }
}

/**
 * @param {object} options
 * @param {number} options.port          the dev server's port (for the allowed origin)
 * @param {string} [options.hostname]    default 'localhost'
 * @param {string} [options.entry]       default server/src/index.ts
 * @param {string} [options.basePath]    default '/passkeys'
 * @param {Record<string, unknown>} [options.config]  extra createPasskeyServer() settings
 * @param {{ info(m: string): void, warn(m: string): void }} [options.log]
 */
export function passkeyBackend(options) {
  const hostname = options.hostname ?? 'localhost';
  const basePath = options.basePath ?? '/passkeys';
  const entry = resolve(options.entry ?? 'server/src/index.ts');
  const origin = `http://${hostname}:${options.port}`;
  const log = options.log ?? {info: console.log, warn: console.warn};

  let tempDir;
  /** @type {Promise<{ server: any, listener: Function } | { error: string }> | undefined} */
  let starting;

  function start() {
    starting ??= (async () => {
      if (!existsSync(entry)) {
        const error = `reference backend not found at ${entry}; ${basePath} answers 503`;
        log.warn(`[backend] ${error}`);
        return {error};
      }
      try {
        const mod = await importTs(entry);
        if (typeof mod.createPasskeyServer !== 'function') {
          throw new Error(`${entry} does not export createPasskeyServer()`);
        }
        tempDir = mkdtempSync(join(tmpdir(), 'passkey-elements-wtr-'));
        const server = await mod.createPasskeyServer({
          rpId: hostname,
          rpName: 'passkey-elements tests',
          origins: [origin],
          databasePath: join(tempDir, 'test.sqlite'),
          basePath,
          ...options.config,
        });
        // Pass Node's bindings on: the backend reads the client address from them.
        const listener = getRequestListener((request, env) => server.fetch(request, env));
        log.info(`[backend] reference backend mounted at ${origin}${basePath} (db in ${tempDir})`);
        return {server, listener, mod};
      } catch (error) {
        const message = `reference backend failed to start: ${error?.stack ?? error}`;
        log.warn(`[backend] ${message}`);
        return {error: message};
      }
    })();
    return starting;
  }

  function owns(path) {
    return path === basePath || path.startsWith(`${basePath}/`) || path.startsWith(`${basePath}?`);
  }

  /** Koa middleware for the dev server's `middleware` list. */
  async function middleware(ctx, next) {
    const hook = ctx.path.startsWith(TEST_HOOK_PREFIX);
    if (!hook && !owns(ctx.path)) return next();
    const mounted = await start();
    // Hand the raw Node request/response to Hono; Koa must not touch the response afterwards.
    // Koa's status defaults to 404, which the test runner would log as a missing file for the
    // session; any non-404 placeholder avoids that (Hono's writeHead sets the real status).
    ctx.respond = false;
    ctx.status = 200;
    if ('error' in mounted) {
      jsonError(ctx.res, 503, 'internal', mounted.error.split('\n')[0]);
      return;
    }
    if (hook) {
      await testHook(mounted.mod, mounted.server, ctx);
      return;
    }
    await mounted.listener(ctx.req, ctx.res);
    // The runner lists 404 answers under each test file as "404 network requests" (missing
    // files). A 404 from the API is a contract answer (not_found, unknown_credential) that the
    // test asserts itself, so the middleware upstream sees it as handled.
    if (ctx.res.statusCode === 404) {
      Object.defineProperty(ctx, 'status', {value: 200, configurable: true});
    }
  }

  /** Plugin whose only job is to start the backend with the runner and close it at the end. */
  const plugin = {
    name: 'passkey-elements-backend',
    async serverStart() {
      await start();
    },
    async serverStop() {
      const mounted = await starting;
      if (mounted && 'server' in mounted) {
        await mounted.server.close?.();
      }
      if (tempDir) rmSync(tempDir, {recursive: true, force: true});
    },
  };

  return {middleware, plugin, origin, start};
}
