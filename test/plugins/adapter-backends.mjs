// Mounts the backends the adapters are tested against on the test pages' origin, so the
// adapters' calls are same-origin and cookies just work (test/adapters/*.test.ts):
//   /better-auth/api/auth/*   a real Better Auth server with its passkey plugin (test/servers/better-auth.ts)
//   /stand-in/loginradius/*   the LoginRadius stand-in (test/servers/loginradius-stand-in.ts)
//   /stand-in/authaz/*        the Authaz stand-in (test/servers/authaz-stand-in.ts)
// Each starts on its first request (the runner loads TypeScript through tsx) and has its own
// temp folder, removed when the runner stops.

import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {getRequestListener} from '@hono/node-server';

export const LOGINRADIUS_API_KEY = 'stand-in-loginradius-api-key';
export const AUTHAZ_API_KEY = 'stand-in-authaz-api-key';

/** @param {{ port: number, hostname?: string }} options */
export function adapterBackends(options) {
  const hostname = options.hostname ?? 'localhost';
  const origin = `http://${hostname}:${options.port}`;
  let tempDir;
  const mounts = [
    {
      prefix: '/better-auth/api/auth',
      strip: false,
      async create() {
        const {createBetterAuthServer} = await import('../servers/better-auth.ts');
        tempDir ??= mkdtempSync(join(tmpdir(), 'passkey-elements-adapters-'));
        return createBetterAuthServer({
          origin,
          basePath: '/better-auth/api/auth',
          databasePath: join(tempDir, 'better-auth.sqlite'),
          rpId: hostname,
        });
      },
    },
    {
      prefix: '/stand-in/loginradius',
      strip: true,
      async create() {
        const {createLoginRadiusStandIn} = await import('../servers/loginradius-stand-in.ts');
        return createLoginRadiusStandIn({origin, rpId: hostname, apiKey: LOGINRADIUS_API_KEY});
      },
    },
    {
      prefix: '/stand-in/authaz',
      strip: true,
      async create() {
        const {createAuthazStandIn} = await import('../servers/authaz-stand-in.ts');
        return createAuthazStandIn({origin, rpId: hostname, apiKey: AUTHAZ_API_KEY});
      },
    },
  ];

  function listenerFor(mount) {
    mount.started ??= mount.create().then((server) => ({
      server,
      listener: getRequestListener((request) => {
        if (!mount.strip) return server.fetch(request);
        const url = new URL(request.url);
        url.pathname = url.pathname.slice(mount.prefix.length) || '/';
        const hasBody = request.method !== 'GET' && request.method !== 'HEAD';
        return server.fetch(
          new Request(url, {
            method: request.method,
            headers: request.headers,
            body: hasBody ? request.body : undefined,
            duplex: 'half',
          }),
        );
      }),
    }));
    return mount.started;
  }

  /** Koa middleware for the dev server's `middleware` list. */
  async function middleware(ctx, next) {
    const mount = mounts.find((m) => ctx.path === m.prefix || ctx.path.startsWith(`${m.prefix}/`));
    if (!mount) return next();
    const {listener} = await listenerFor(mount);
    // As in backend-plugin.mjs: Koa leaves the response to the mounted server, and API 404s
    // (answers the tests check) are not reported as missing files.
    ctx.respond = false;
    ctx.status = 200;
    await listener(ctx.req, ctx.res);
    if (ctx.res.statusCode === 404)
      Object.defineProperty(ctx, 'status', {value: 200, configurable: true});
  }

  const plugin = {
    name: 'passkey-elements-adapter-backends',
    async serverStop() {
      for (const m of mounts) {
        const started = await m.started?.catch(() => undefined);
        await started?.server.close?.();
      }
      if (tempDir) rmSync(tempDir, {recursive: true, force: true});
    },
  };

  return {middleware, plugin, origin};
}
