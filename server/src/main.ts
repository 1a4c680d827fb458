/**
 * The Node entry: `npx tsx server/src/main.ts`. Serves the API under `BASE_PATH` and, when the
 * folder exists, the static files of `STATIC_DIR` (default `demo-dist/`) at `/`, never a dotfile,
 * with security headers (`STATIC_HEADERS`). Settings come from the environment (see config.ts);
 * in development mode (`DEV_MODE=1`, as `npm start` sets) it listens on 127.0.0.1 only.
 */
import {existsSync} from 'node:fs';
import {serve} from '@hono/node-server';
import {serveStatic} from '@hono/node-server/serve-static';
import {Hono} from 'hono';
import {strictCsp} from './csp.js';
import {createPasskeyServer} from './index.js';

// The request log is on here unless REQUEST_LOG says otherwise (it is off by default elsewhere).
const server = await createPasskeyServer(process.env.REQUEST_LOG ? {} : {requestLog: true});
const {config} = server;

/**
 * Headers of every static file: a strict policy (the one docs/ssr-csp.md recommends, which the
 * demo is tested under), no framing, no MIME sniffing, no full URL in the Referer.
 */
const STATIC_HEADERS: Record<string, string> = {
  'Content-Security-Policy': strictCsp(),
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'strict-origin-when-cross-origin',
  'X-Frame-Options': 'DENY',
};

/** Whether a request path names a dotfile or passes through a dot-folder (`/.env`, `/.git/HEAD`). */
function hasDotSegment(path: string): boolean {
  let decoded: string;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    return true;
  }
  return decoded.split(/[/\\]/).some((segment) => segment.startsWith('.'));
}

const root = new Hono();
const api = (c: {req: {raw: Request}; env: unknown}) => server.fetch(c.req.raw, c.env);
root.get('/.well-known/webauthn', api);
root.all(config.basePath || '/', api);
root.all(`${config.basePath}/*`, api);
if (existsSync(config.staticDir)) {
  root.use('/*', async (c, next) => {
    for (const [name, value] of Object.entries(STATIC_HEADERS)) c.header(name, value);
    if (hasDotSegment(c.req.path)) return c.text('Not found', 404);
    await next();
  });
  root.use('/*', serveStatic({root: config.staticDir, index: 'index.html'}));
} else {
  console.log(`(no ${config.staticDir}/ folder: serving the API only)`);
}

// Development mode exposes the dev outbox and demo seeding: loopback only, never the network.
const hostname = config.development ? '127.0.0.1' : undefined;
const http = serve({fetch: root.fetch, port: config.port, hostname}, (info) => {
  console.log(
    `passkey-elements reference backend on http://localhost:${info.port}` +
      (config.development ? ' (development mode: 127.0.0.1 only)' : ''),
  );
  console.log(
    `  API at http://localhost:${info.port}${config.basePath}, rpId ${config.rpId}, origins ${config.origins.join(', ')}`,
  );
});

// A port that is taken (or not ours to take) is a setting to change, not a crash: one line on how.
http.on('error', (error: NodeJS.ErrnoException) => {
  const why =
    error.code === 'EADDRINUSE'
      ? 'is already in use'
      : error.code === 'EACCES'
        ? 'needs privileges this process does not have'
        : null;
  if (!why) throw error;
  console.error(
    `Cannot listen on port ${config.port}: it ${why}. Stop what runs there, or pick another port, e.g. PORT=${config.port + 1} npm start`,
  );
  void server.close().finally(() => process.exit(1));
});

let stopping = false;
function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  console.log(`${signal}: closing`);
  http.close(async (error) => {
    await server.close();
    process.exit(error ? 1 : 0);
  });
  // Keep-alive connections would hold close() open; give them a moment, then go.
  setTimeout(() => {
    void server.close().finally(() => process.exit(0));
  }, 3000).unref();
}
process.on('SIGINT', () => shutdown('SIGINT'));
process.on('SIGTERM', () => shutdown('SIGTERM'));
