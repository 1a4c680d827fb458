import {Hono} from 'hono';
import {HTTPException} from 'hono/http-exception';
import type {ContentfulStatusCode} from 'hono/utils/http-status';
import type {ServerConfig} from './config.js';
import {ApiError, type ErrorBody, type ErrorCode} from './errors.js';
import {clientKeyFunction} from './http/client-key.js';
import type {AppContext, AppDeps, AppEnv} from './http/context.js';
import {readBoundedBody, requireAllowedOrigin} from './http/guards.js';
import {Limits, RATE_LIMITED_GROUPS} from './http/limits.js';
import {requestLog} from './http/request-log.js';
import {adminRoutes} from './routes/admin.js';
import {authenticationRoutes} from './routes/authentication.js';
import {mfaRoutes} from './routes/mfa.js';
import {passkeyRoutes} from './routes/passkeys.js';
import {passwordRoutes} from './routes/password.js';
import {reauthRoutes} from './routes/reauth.js';
import {recoveryRoutes} from './routes/recovery.js';
import {registrationRoutes} from './routes/registration.js';
import {signupRoutes} from './routes/signup.js';
import {createMailer, type Mailer} from './mail.js';
import {sessionRoutes} from './routes/session.js';
import {isStoreUnavailable} from './store/index.js';
import type {Store} from './store/types.js';

/** The contract's body limit. */
export const MAX_BODY_BYTES = 64 * 1024;

export interface PasskeyAppOptions {
  /** The clock (default: the system clock). */
  now?: () => Date;
  /**
   * Identifies a client for per-client caps (default: the socket's address, or the one a trusted
   * proxy reports per `TRUST_PROXY`; IPv6 by /64; see `http/client-key.ts`).
   */
  clientKey?: (c: AppContext) => string;
  /** Sends the signup mails (default: SMTP when `smtpUrl` is set, else the log and dev outbox). */
  mailer?: Mailer;
}

/** Codes for errors raised by Hono itself rather than by our handlers. */
const CODE_BY_STATUS: Partial<Record<number, ErrorCode>> = {
  400: 'invalid_request',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not_found',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  429: 'rate_limited',
};

function errorResponse(
  c: AppContext,
  status: ContentfulStatusCode,
  body: ErrorBody,
  headers?: Record<string, string>,
) {
  return c.json(body, status, headers);
}

/**
 * The reference backend as a Hono app, every route under `config.basePath`. Each request passes,
 * in order: the origin check for state-changing methods (`403 origin_mismatch`), the body guard
 * (`413`, `415`), then its handler, which validates its body first, then authorizes, then acts.
 * Every error leaves through the one mapper below, in the contract's shape.
 */
export function createPasskeyApp(
  config: ServerConfig,
  store: Store,
  options: PasskeyAppOptions = {},
): Hono<AppEnv> {
  const now = options.now ?? (() => new Date());
  const deps: AppDeps = {
    config,
    store,
    now,
    clientKey: options.clientKey ?? clientKeyFunction(config.trustProxy),
    limits: new Limits(config, store),
    mailer: options.mailer ?? createMailer(config, now),
  };
  const app = new Hono<AppEnv>().basePath(config.basePath);

  app.onError((error, c) => {
    if (error instanceof ApiError)
      return errorResponse(c, error.status, error.body(), error.headers);
    if (error instanceof HTTPException && error.status < 500) {
      const code = CODE_BY_STATUS[error.status] ?? 'invalid_request';
      return errorResponse(c, error.status as ContentfulStatusCode, {
        error: {code, message: error.message || code},
      });
    }
    // The database (or the limits kept in it) is out of reach: 503, never a guess or a weaker check.
    if (isStoreUnavailable(error)) {
      console.error(
        '[passkey-server] database unavailable on',
        c.req.method,
        c.req.path,
        (error as Error).message,
      );
      return errorResponse(
        c,
        503,
        {
          error: {
            code: 'unavailable',
            message: 'The service is temporarily unavailable; try again shortly',
          },
        },
        {'Retry-After': '5'},
      );
    }
    console.error('[passkey-server] unhandled error on', c.req.method, c.req.path, error);
    return errorResponse(c, 500, {error: {code: 'internal', message: 'Internal server error'}});
  });
  app.notFound((c) =>
    errorResponse(c, 404, {error: {code: 'not_found', message: 'No such endpoint'}}),
  );

  // First, so it times the whole answer and sees its final status (errors included).
  if (config.requestLog) app.use('*', requestLog());
  app.use('*', async (c, next) => {
    // Set up front, so the answer is built with it; setting it on a finished response would copy it.
    c.header('Cache-Control', 'no-store');
    await next();
    if (!c.res.headers.has('Cache-Control')) c.header('Cache-Control', 'no-store');
  });
  // The per-client limit comes first, so refused requests (bad origin, bad body) count too.
  const perClient = deps.limits.perClientMiddleware(deps.clientKey);
  for (const group of RATE_LIMITED_GROUPS) app.use(`/${group}/*`, perClient);
  // The operator endpoints authenticate by a bearer key, which browsers never attach by themselves.
  const adminPrefix = `${config.basePath}/admin/`;
  app.use(
    '*',
    requireAllowedOrigin(config.origins, (path) => path.startsWith(adminPrefix)),
  );
  app.use('*', readBoundedBody(MAX_BODY_BYTES));

  registrationRoutes(app, deps);
  authenticationRoutes(app, deps);
  sessionRoutes(app, deps);
  passkeyRoutes(app, deps);
  recoveryRoutes(app, deps);
  passwordRoutes(app, deps);
  mfaRoutes(app, deps);
  reauthRoutes(app, deps);
  signupRoutes(app, deps);
  adminRoutes(app, deps);

  return app;
}
