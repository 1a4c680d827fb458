import type {IncomingHttpHeaders} from 'node:http';
import type {ServerConfig} from './config.js';
import {stepUpCheck} from './schemas.js';
import {sessionFromCookieHeader} from './sessions.js';
import type {Store} from './store/types.js';
import {hashToken} from './tokens.js';

/**
 * What a site's own backend uses to act on the reference backend's sessions and step-up tokens:
 * `readSession` and `checkStepUpToken`. Both read the session cookie from the request the site's
 * backend is handling (served on the same origin as the passkey API, so the browser sends it).
 */

/** The part of a server these functions use; a `PasskeyServer` (`createPasskeyServer`) fits. */
export interface StepUpServer {
  config: ServerConfig;
  store: Store;
  /** The server's clock (default: the system clock). */
  now?: () => Date;
}

/**
 * A request as the site's backend has it: a fetch `Request` (Hono, Next.js route handlers…) or a
 * Node `IncomingMessage` (`node:http`, Express, Fastify's `request.raw`). Only its headers are read.
 */
export interface RequestWithHeaders {
  headers: Headers | IncomingHttpHeaders;
}

/** The live session a request carries (`readSession`). */
export interface SessionInfo {
  /** The session's key in the store (a hash of the cookie's token, not the token). */
  id: string;
  userId: string;
  /** The session's last passkey verification with user verification; `null`: never. */
  verifiedAt: Date | null;
  expiresAt: Date;
}

function cookieHeader(request: RequestWithHeaders): string {
  const {headers} = request;
  if (typeof (headers as Headers).get === 'function')
    return (headers as Headers).get('cookie') ?? '';
  const value = (headers as IncomingHttpHeaders).cookie;
  return Array.isArray(value) ? value.join('; ') : (value ?? '');
}

const clock = (server: StepUpServer) => ({...server, now: server.now ?? (() => new Date())});

/**
 * The signed-in session `request` carries, or `null` (no session cookie, an unknown or expired
 * session, or the cookie twice). Read only: nothing is written or refreshed.
 *
 * @example
 * const session = await readSession(server, request);
 * if (!session) return new Response('Sign in first', {status: 401});
 */
export async function readSession(
  server: StepUpServer,
  request: RequestWithHeaders,
): Promise<SessionInfo | null> {
  const session = await sessionFromCookieHeader(clock(server), cookieHeader(request));
  if (!session) return null;
  return {
    id: session.id,
    userId: session.userId,
    verifiedAt: session.verifiedAt ?? null,
    expiresAt: session.expiresAt,
  };
}

/**
 * Checks, and uses up, a step-up token that `POST /reauth/verify` handed to the browser, before
 * the site's own backend runs a sensitive action of its own (contract v1.1, "Re-authentication
 * and step-up"). It succeeds only when all of these hold:
 * - the token exists, has not expired (5 minutes after `/reauth/verify`) and was not used before;
 * - `request` carries the very session the token was issued in (so also the same user);
 * - `action` is exactly the action given to `/reauth/verify`, or both are absent.
 *
 * On success the token is used up, atomically (of two racing checks, one succeeds), and the
 * answer names the user and when they verified. Any other case answers `null` and leaves the
 * token as it was (a check for another action or from another session does not burn it).
 *
 * @param server the passkey server (`createPasskeyServer()`'s result, or its config, store and clock)
 * @param request the request the site's backend is handling (its `Cookie` header is read)
 * @param check `token`: the `stepUpToken` the browser sent along; `action`: what the caller is
 *   about to do, as it was named to `/reauth/verify` (e.g. `"transfer:42"`)
 * @returns `{userId, verifiedAt}`, or `null` when the token may not be used for this
 *
 * @example
 * const ok = await checkStepUpToken(server, request, {token: body.stepUpToken, action: `transfer:${id}`});
 * if (!ok) return Response.json({error: 'step_up_required'}, {status: 403});
 */
export async function checkStepUpToken(
  server: StepUpServer,
  request: RequestWithHeaders,
  check: {token: string; action?: string},
): Promise<{userId: string; verifiedAt: Date} | null> {
  const parsed = stepUpCheck.safeParse(check);
  if (!parsed.success) return null;
  const deps = clock(server);
  const session = await sessionFromCookieHeader(deps, cookieHeader(request));
  if (!session) return null;
  const token = await deps.store.consumeBoundToken(
    hashToken(parsed.data.token),
    'stepup',
    {sessionId: session.id, userId: session.userId, action: parsed.data.action ?? null},
    deps.now(),
  );
  if (!token || token.userId === null) return null;
  return {userId: token.userId, verifiedAt: token.createdAt};
}
