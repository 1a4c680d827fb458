/**
 * The Node entry: `npx tsx server/src/main.ts`. Serves the API under `BASE_PATH` and, when the
 * folder exists, the static files of `STATIC_DIR` (default `demo-dist/`) at `/`.
 * Settings come from the environment (see config.ts).
 */
import {existsSync} from 'node:fs';
import {serve} from '@hono/node-server';
import {serveStatic} from '@hono/node-server/serve-static';
import {Hono} from 'hono';
import {createPasskeyServer} from './index.js';

const server = await createPasskeyServer();
const {config} = server;

const root = new Hono();
const api = (c: {req: {raw: Request}; env: unknown}) => server.fetch(c.req.raw, c.env);
root.get('/.well-known/webauthn', api);
root.all(config.basePath || '/', api);
root.all(`${config.basePath}/*`, api);
if (existsSync(config.staticDir)) {
  root.use('/*', serveStatic({root: config.staticDir, index: 'index.html'}));
} else {
  console.log(`(no ${config.staticDir}/ folder: serving the API only)`);
}

const http = serve({fetch: root.fetch, port: config.port}, (info) => {
  console.log(`passkey-elements reference backend on http://localhost:${info.port}`);
  console.log(
    `  API at http://localhost:${info.port}${config.basePath}, rpId ${config.rpId}, origins ${config.origins.join(', ')}`,
  );
  if (
    config.nodeEnv === 'production' &&
    !process.env.SERVER_SECRET &&
    !process.env.SESSION_SECRET
  ) {
    console.warn('  SERVER_SECRET is not set: a random one is used until the next restart');
  }
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
