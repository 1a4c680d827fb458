// Shared by the Node tests that serve a built page with the reference backend on one origin:
// building with vite, and serving the files plus `createPasskeyServer`'s fetch handler at
// /passkeys, with a header policy (e.g. a strict CSP) on every response.
import {spawn} from 'node:child_process';
import {existsSync, readFileSync, statSync} from 'node:fs';
import type {AddressInfo} from 'node:net';
import {extname, join, normalize} from 'node:path';
import {serve, type ServerType} from '@hono/node-server';
import {Hono} from 'hono';
import {
  createPasskeyServer,
  type PasskeyServer,
  type ServerConfig,
} from '../../../server/src/index.js';

export const root = new URL('../../..', import.meta.url).pathname;

/** `vite build` of `project` (a folder with its vite config; the demo's config when omitted) into `outDir`. */
export function viteBuild(outDir: string, project?: string): Promise<void> {
  const args = [
    'node_modules/vite/bin/vite.js',
    'build',
    ...(project ? [project] : []),
    '--logLevel',
    'error',
    '--outDir',
    outDir,
    '--emptyOutDir',
  ];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, {cwd: root, stdio: ['ignore', 'ignore', 'pipe']});
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d));
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0
        ? resolve()
        : reject(new Error(`vite build ${project ?? '(demo)'} exited ${code}\n${stderr}`)),
    );
  });
}

const types: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
};

export interface Site {
  /** `http://localhost:<port>` (WebAuthn needs localhost, not 127.0.0.1). */
  base: string;
  backend: PasskeyServer;
  close(): Promise<void>;
}

/**
 * Serves the files of `dir` at `/` and the reference backend at /passkeys on one localhost
 * origin (the backend accepts that origin, rpId `localhost`, direct sign-up, a SQLite file at
 * `databasePath`), with `headers` set on every response.
 */
export async function serveSite(
  dir: string,
  {
    databasePath,
    headers = {},
    config = {},
  }: {databasePath: string; headers?: Record<string, string>; config?: Partial<ServerConfig>},
): Promise<Site> {
  let backend: PasskeyServer | undefined;
  const app = new Hono();
  app.use('*', async (c, next) => {
    await next();
    for (const [name, value] of Object.entries(headers)) c.res.headers.set(name, value);
  });
  const api = (c: {req: {raw: Request}; env: unknown}) => backend!.fetch(c.req.raw, c.env);
  app.all('/passkeys', api);
  app.all('/passkeys/*', api);
  app.get('*', (c) => {
    const path = normalize(c.req.path.endsWith('/') ? c.req.path + 'index.html' : c.req.path);
    const file = join(dir, path);
    if (!file.startsWith(dir) || !existsSync(file) || !statSync(file).isFile()) return c.notFound();
    return c.body(readFileSync(file), 200, {
      'content-type': types[extname(file)] ?? 'application/octet-stream',
    });
  });
  const http = await new Promise<ServerType>((resolve) => {
    const s = serve({fetch: app.fetch, port: 0, hostname: 'localhost'}, () => resolve(s));
  });
  const base = `http://localhost:${(http.address() as AddressInfo).port}`;
  backend = await createPasskeyServer({
    rpId: 'localhost',
    origins: [base],
    databasePath,
    allowDirectSignup: true,
    userVerification: 'required',
    development: true,
    ...config,
  });
  return {
    base,
    backend,
    async close() {
      // The browser may still hold keep-alive connections (its page stays open): close() alone
      // waits for them, which once hung a CI run here.
      const server = http as import('node:http').Server;
      server.closeAllConnections?.();
      await new Promise((r) => server.close(r));
      await backend!.close();
    },
  };
}
