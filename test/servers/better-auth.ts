/**
 * A real Better Auth server (better-auth 1.7.6 + @better-auth/passkey 1.7.6) on SQLite through
 * better-sqlite3, for the Better Auth adapter's browser test (test/adapters/better-auth.test.ts,
 * mounted by test/plugins/adapter-backends.mjs). It is Better Auth's own code end to end; the
 * only app code is the passkey-first sign-up hooks the plugin asks for: `resolveUser` names the
 * new user from the `context` the adapter sends (the username typed into <passkey-register>),
 * and `afterVerification` creates that user once the passkey verified.
 *
 *   node --import tsx test/servers/better-auth.ts      serves it alone on http://localhost:3100
 */
import {randomUUID} from 'node:crypto';
import {mkdirSync} from 'node:fs';
import {dirname} from 'node:path';
import Database from 'better-sqlite3';
import {betterAuth} from 'better-auth';
import {getMigrations} from 'better-auth/db/migration';
import {passkey} from '@better-auth/passkey';

export interface BetterAuthServerOptions {
  /** The pages' origin (trusted origin, WebAuthn expected origin and base URL). */
  origin: string;
  /** Where Better Auth's handler is mounted on that origin. */
  basePath: string;
  databasePath: string;
  rpId?: string;
}

/** What the test mount needs: Better Auth's fetch handler, and a way to close its database. */
export interface BetterAuthServer {
  fetch(req: Request): Promise<Response>;
  close(): Promise<void>;
}

export async function createBetterAuthServer(
  options: BetterAuthServerOptions,
): Promise<BetterAuthServer> {
  mkdirSync(dirname(options.databasePath), {recursive: true});
  const database = new Database(options.databasePath);
  const auth = betterAuth({
    appName: 'passkey-elements adapter test',
    baseURL: options.origin,
    basePath: options.basePath,
    secret: 'better-auth-test-secret-0123456789abcdef',
    database,
    trustedOrigins: [options.origin],
    telemetry: {enabled: false},
    plugins: [
      passkey({
        rpID: options.rpId ?? new URL(options.origin).hostname,
        rpName: 'passkey-elements',
        origin: options.origin,
        authenticatorSelection: {residentKey: 'required', userVerification: 'required'},
        registration: {
          requireSession: false,
          resolveUser: async ({context}) => {
            if (!context) throw new Error('a username is needed to sign up');
            return {id: randomUUID(), name: context, displayName: context};
          },
          afterVerification: async ({ctx, user}) => {
            const email = user.name.includes('@') ? user.name : `${user.name}@users.invalid`;
            const created = await ctx.context.internalAdapter.createUser(
              {email, name: user.name, emailVerified: false},
              {method: 'passkey'},
            );
            return {userId: created.id};
          },
        },
      }),
    ],
  });
  const {runMigrations} = await getMigrations(auth.options);
  await runMigrations();
  return {
    fetch: (req: Request) => auth.handler(req),
    close: async () => void database.close(),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const {serve} = await import('@hono/node-server');
  const port = Number(process.env.PORT ?? 3100);
  const server = await createBetterAuthServer({
    origin: `http://localhost:${port}`,
    basePath: '/api/auth',
    databasePath: process.env.DATABASE_PATH ?? '.tmp/better-auth.sqlite',
  });
  serve({fetch: server.fetch, port});
  console.log(`Better Auth on http://localhost:${port}/api/auth`);
}
