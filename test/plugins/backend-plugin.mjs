// Mounts the reference backend (server/src/index.ts) inside the test runner's dev server, so test
// pages and the API share one origin (http://localhost:<port>) and cookies just work.
//
// Each run gets a fresh SQLite file in a temp folder, removed when the runner stops.

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
        return {server, listener};
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
    if (!owns(ctx.path)) return next();
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
