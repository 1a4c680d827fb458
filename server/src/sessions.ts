import {createHash, randomBytes} from 'node:crypto';
import {deleteCookie, getCookie, setCookie} from 'hono/cookie';
import {parse as parseCookies} from 'hono/utils/cookie';
import {reauthRequired, unauthenticated} from './errors.js';
import type {AppContext, AppDeps} from './http/context.js';
import type {SessionRecord, Store, UserRecord} from './store/types.js';

/**
 * Cookie sessions. The cookie carries a random 32-byte token; the store keeps only its SHA-256,
 * so a copy of the database does not hand out live sessions. Every sign-in mints a new token and
 * drops the session the browser came with (no session fixation). On https origins the cookie is
 * named `__Host-<name>` (Secure, Path=/, no Domain), so no subdomain can set or shadow it; a
 * request that carries the cookie twice (a tossed copy next to the real one) is refused.
 */

const hashToken = (token: string) => createHash('sha256').update(token).digest('base64url');

/** Whether every configured origin is https: then the cookie is a `__Host-` cookie. */
const httpsOnly = (deps: Pick<AppDeps, 'config'>) =>
  deps.config.origins.every((o) => o.startsWith('https:'));

/** The session cookie's name: `SESSION_COOKIE`, with the `__Host-` prefix on https origins. */
export function sessionCookieName(deps: Pick<AppDeps, 'config'>): string {
  const name = deps.config.sessionCookieName;
  return httpsOnly(deps) && !name.startsWith('__Host-') ? `__Host-${name}` : name;
}

/** `Secure` whenever the page is https: judged by the request's Origin, else by the configured origins. */
function isSecure(c: AppContext, deps: AppDeps): boolean {
  if (sessionCookieName(deps).startsWith('__Host-')) return true;
  const origin = c.req.header('origin');
  if (origin) return origin.startsWith('https:');
  return httpsOnly(deps);
}

/** The attributes of the reference backend's cookies (the session and the ceremony cookie). */
export function cookieOptions(c: AppContext, deps: AppDeps) {
  return {httpOnly: true, sameSite: 'Lax', path: '/', secure: isSecure(c, deps)} as const;
}

/** Every value a `Cookie` header carries under the cookie name `name`. */
function cookieValues(header: string, name: string): string[] {
  const values: string[] = [];
  for (const pair of header.split(';')) {
    const at = pair.indexOf('=');
    if (at > 0 && pair.slice(0, at).trim() === name) values.push(pair.slice(at + 1).trim());
  }
  return values;
}

/** Every value the request's `Cookie` header carries under the session cookie's name. */
function sessionTokens(c: AppContext, deps: AppDeps): string[] {
  return cookieValues(c.req.header('cookie') ?? '', sessionCookieName(deps));
}

/**
 * The one session token of the request, or `undefined`. Two cookies of the session's name are
 * refused (`401 unauthenticated`): the browser got a second one from elsewhere (cookie tossing
 * from a sibling subdomain), and neither may be trusted to be the user's.
 */
function sessionToken(c: AppContext, deps: AppDeps): string | undefined {
  const tokens = sessionTokens(c, deps);
  if (tokens.length > 1) {
    throw unauthenticated(
      'The request carries more than one session cookie; sign out and sign in again',
    );
  }
  return tokens.length ? getCookie(c, sessionCookieName(deps)) : undefined;
}

/**
 * The live session a request's `Cookie` header names (`null`: none, unknown, expired, or the
 * cookie twice), for code outside a route (`readSession`, `checkStepUpToken`). Nothing is
 * written: an expired session is left for the sweep.
 */
export async function sessionFromCookieHeader(
  deps: {config: AppDeps['config']; store: Store; now: () => Date},
  cookieHeader: string,
): Promise<SessionRecord | null> {
  const name = sessionCookieName(deps);
  if (cookieValues(cookieHeader, name).length !== 1) return null;
  const token = parseCookies(cookieHeader, name)[name];
  if (!token) return null;
  const session = await deps.store.getSession(hashToken(token));
  return session && session.expiresAt > deps.now() ? session : null;
}

/** The signed-in session and user, or `null`. Looked up once per request. */
export async function getAuth(c: AppContext, deps: AppDeps) {
  const cached = c.get('auth');
  if (cached !== undefined) return cached;
  let auth: {session: SessionRecord; user: UserRecord} | null = null;
  const token = sessionToken(c, deps);
  if (token) {
    // The session and its user in one read (one round trip on PostgreSQL).
    const found = await deps.store.getSessionWithUser(hashToken(token));
    if (found && found.session.expiresAt > deps.now()) auth = found;
    else if (found) await deps.store.deleteSession(found.session.id);
  }
  c.set('auth', auth);
  return auth;
}

/** The signed-in user, or `401 unauthenticated`. */
export async function requireUser(c: AppContext, deps: AppDeps): Promise<UserRecord> {
  const auth = await getAuth(c, deps);
  if (!auth) throw unauthenticated();
  return auth.user;
}

/** The signed-in session and user, or `401 unauthenticated`. */
export async function requireAuth(
  c: AppContext,
  deps: AppDeps,
): Promise<{session: SessionRecord; user: UserRecord}> {
  const auth = await getAuth(c, deps);
  if (!auth) throw unauthenticated();
  return auth;
}

/**
 * The signed-in session and user, provided the session has a passkey verification within
 * `config.reauthWindowMs` (a sensitive call, contract v1.1): else `401 unauthenticated` without a
 * session, `401 reauth_required` with one that is not (or no longer) verified.
 */
export async function requireRecentVerification(
  c: AppContext,
  deps: AppDeps,
): Promise<{session: SessionRecord; user: UserRecord}> {
  const auth = await requireAuth(c, deps);
  if (!isRecentlyVerified(deps, auth.session)) throw reauthRequired();
  return auth;
}

/** Whether `session` saw a passkey verification within `config.reauthWindowMs` of now. */
export function isRecentlyVerified(
  deps: Pick<AppDeps, 'config' | 'now'>,
  session: SessionRecord,
): boolean {
  const at = session.verifiedAt;
  return !!at && deps.now().getTime() - at.getTime() <= deps.config.reauthWindowMs;
}

/**
 * Signs `user` in: a fresh session and cookie, replacing whatever session(s) the request carried.
 * `verifiedAt`: now when the user has just used a passkey with user verification in this
 * ceremony, else `null` (a password sign-in). Returns the new session.
 */
export async function startSession(
  c: AppContext,
  deps: AppDeps,
  user: UserRecord,
  verifiedAt: Date | null,
): Promise<SessionRecord> {
  const started = newSession(deps, user, verifiedAt);
  await deps.store.createSession(started.session);
  await adoptSession(c, deps, started, user);
  return started.session;
}

/** A session that `startSession` stores, or the caller (`store.recordSignIn`), with its cookie's token. */
export interface NewSession {
  session: SessionRecord;
  token: string;
}

/** A new session for `user`, not stored yet (see `startSession`). */
export function newSession(deps: AppDeps, user: UserRecord, verifiedAt: Date | null): NewSession {
  const token = randomBytes(32).toString('base64url');
  const createdAt = deps.now();
  const session = {
    id: hashToken(token),
    userId: user.id,
    createdAt,
    expiresAt: new Date(createdAt.getTime() + deps.config.sessionTtlMs),
    verifiedAt,
  };
  return {session, token};
}

/**
 * Makes a stored new session the request's: ends the session(s) the browser came with (no
 * session fixation) and sets the cookie.
 */
export async function adoptSession(
  c: AppContext,
  deps: AppDeps,
  {session, token}: NewSession,
  user: UserRecord,
): Promise<void> {
  for (const previous of sessionTokens(c, deps))
    await deps.store.deleteSession(hashToken(previous));
  setCookie(c, sessionCookieName(deps), token, {
    ...cookieOptions(c, deps),
    maxAge: Math.floor(deps.config.sessionTtlMs / 1000),
  });
  c.set('auth', {session, user});
}

/**
 * Signs out: the session is deleted server-side and the cookie cleared. Never refused: with two
 * session cookies, both their sessions end.
 */
export async function endSession(c: AppContext, deps: AppDeps): Promise<void> {
  for (const token of sessionTokens(c, deps)) await deps.store.deleteSession(hashToken(token));
  clearSessionCookie(c, deps);
  c.set('auth', null);
}

/**
 * Ends every session of `userId` but `keepSessionId` (sign out other devices; recovery, which
 * keeps only the session it starts). Returns how many ended.
 */
export async function endOtherSessions(
  deps: AppDeps,
  userId: string,
  keepSessionId: string | null,
): Promise<number> {
  return deps.store.deleteUserSessions(userId, keepSessionId);
}

/** Tells the browser to forget the session cookie. */
export function clearSessionCookie(c: AppContext, deps: AppDeps): void {
  if (sessionTokens(c, deps).length) {
    deleteCookie(c, sessionCookieName(deps), cookieOptions(c, deps));
  }
}
