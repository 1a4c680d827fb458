/**
 * `passkey-elements/server`: the reference backend of the backend contract (CONTRACT.md).
 *
 * ```ts
 * import { createPasskeyServer } from 'passkey-elements/server';
 * const server = await createPasskeyServer({
 *   rpId: 'example.com',
 *   origins: ['https://example.com'],
 *   secret: process.env.SERVER_SECRET, // required outside development mode (DEV_MODE=1)
 *   emailSignup: false, // or smtpUrl: 'smtps://…'
 * });
 * // mount server.fetch under /passkeys in any fetch-style server; server.close() when done
 * ```
 */
import type {Hono} from 'hono';
import {createPasskeyApp, type PasskeyAppOptions} from './app.js';
import {assertSafeForProduction, loadConfig, type ServerConfig} from './config.js';
import type {AppEnv} from './http/context.js';
import {openStore} from './store/index.js';
import type {Store} from './store/types.js';

export {createPasskeyApp, MAX_BODY_BYTES, type PasskeyAppOptions} from './app.js';
export {
  assertSafeForProduction,
  ConfigError,
  loadConfig,
  productionProblems,
  type ServerConfig,
} from './config.js';
export {ApiError, type ErrorBody, type ErrorCode} from './errors.js';
export {createMailer, type MailMessage, type Mailer, type OutboxMessage} from './mail.js';
export {STEP_UP_TOKEN_TTL_MS} from './routes/reauth.js';
export {
  checkStepUpToken,
  readSession,
  type RequestWithHeaders,
  type SessionInfo,
  type StepUpServer,
} from './step-up.js';
export type {AppDeps, AppEnv} from './http/context.js';
export type {PasskeyJson, UserJson} from './presenters.js';
export {openStore, SqliteStore} from './store/index.js';
export * from './store/types.js';

export interface PasskeyServer {
  app: Hono<AppEnv>;
  /** Answers one request; `env` carries the runtime's bindings (e.g. Node's socket) when there are some. */
  fetch: (req: Request, env?: unknown) => Response | Promise<Response>;
  config: ServerConfig;
  store: Store;
  /** The server's clock (`options.now`, default the system clock), which `checkStepUpToken` uses too. */
  now: () => Date;
  /** Closes the store. */
  close(): Promise<void>;
}

/**
 * Builds the backend: the configuration from the environment with `partialConfig` on top
 * (`loadConfig`), refused outside development mode when unsafe (`assertSafeForProduction`: a
 * `ConfigError` naming each setting), the store opened and migrated, and the app. Serve `fetch` on the pages' origin
 * (the API lives under `config.basePath`).
 */
export async function createPasskeyServer(
  partialConfig: Partial<ServerConfig> = {},
  options: PasskeyAppOptions = {},
): Promise<PasskeyServer> {
  const config = loadConfig(process.env, partialConfig);
  assertSafeForProduction(config); // outside development mode: unsafe settings stop the start
  const store = await openStore(config);
  const app = createPasskeyApp(config, store, options);
  let closed: Promise<void> | undefined;
  return {
    app,
    fetch: (req, env) => wellKnown(req, config) ?? app.fetch(req, env),
    config,
    store,
    now: options.now ?? (() => new Date()),
    close: () => (closed ??= store.close()),
  };
}

/**
 * `GET /.well-known/webauthn`: the related origins that may use this RP ID's passkeys, at the
 * origin's root (outside `basePath`), when `relatedOrigins` is configured. Anything else: null.
 */
export function wellKnown(req: Request, config: ServerConfig): Response | null {
  if (!config.relatedOrigins.length || new URL(req.url).pathname !== '/.well-known/webauthn')
    return null;
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    return Response.json(
      {error: {code: 'invalid_request', message: 'Use GET'}},
      {status: 405, headers: {allow: 'GET'}},
    );
  }
  return Response.json(
    {origins: config.relatedOrigins},
    {headers: {'cache-control': 'max-age=3600'}},
  );
}
