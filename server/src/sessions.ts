import {createHash, randomBytes} from 'node:crypto';
import {deleteCookie, getCookie, setCookie} from 'hono/cookie';
import {unauthenticated} from './errors.js';
import type {AppContext, AppDeps} from './http/context.js';
import type {SessionRecord, UserRecord} from './store/types.js';

/**
 * Cookie sessions. The cookie carries a random 32-byte token; the store keeps only its SHA-256,
 * so a copy of the database does not hand out live sessions. Every sign-in mints a new token and
 * drops the session the browser came with (no session fixation).
 */

const hashToken = (token: string) => createHash('sha256').update(token).digest('base64url');

/** `Secure` whenever the page is https: judged by the request's Origin, else by the configured origins. */
function isSecure(c: AppContext, deps: AppDeps): boolean {
  const origin = c.req.header('origin');
  if (origin) return origin.startsWith('https:');
  return deps.config.origins.every((o) => o.startsWith('https:'));
}

function cookieOptions(c: AppContext, deps: AppDeps) {
  return {httpOnly: true, sameSite: 'Lax', path: '/', secure: isSecure(c, deps)} as const;
}

/** The signed-in session and user, or `null`. Looked up once per request. */
export async function getAuth(c: AppContext, deps: AppDeps) {
  const cached = c.get('auth');
  if (cached !== undefined) return cached;
  let auth: {session: SessionRecord; user: UserRecord} | null = null;
  const token = getCookie(c, deps.config.sessionCookieName);
  if (token) {
    const session = await deps.store.getSession(hashToken(token));
    if (session && session.expiresAt > deps.now()) {
      const user = await deps.store.getUserById(session.userId);
      if (user) auth = {session, user};
    } else if (session) {
      await deps.store.deleteSession(session.id);
    }
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

/** Signs `user` in: a fresh session and cookie, replacing whatever session the request carried. */
export async function startSession(c: AppContext, deps: AppDeps, user: UserRecord): Promise<void> {
  const previous = getCookie(c, deps.config.sessionCookieName);
  if (previous) await deps.store.deleteSession(hashToken(previous));
  const token = randomBytes(32).toString('base64url');
  const createdAt = deps.now();
  const session = {
    id: hashToken(token),
    userId: user.id,
    createdAt,
    expiresAt: new Date(createdAt.getTime() + deps.config.sessionTtlMs),
  };
  await deps.store.createSession(session);
  setCookie(c, deps.config.sessionCookieName, token, {
    ...cookieOptions(c, deps),
    maxAge: Math.floor(deps.config.sessionTtlMs / 1000),
  });
  c.set('auth', {session, user});
}

/** Signs out: the session is deleted server-side and the cookie cleared. */
export async function endSession(c: AppContext, deps: AppDeps): Promise<void> {
  const token = getCookie(c, deps.config.sessionCookieName);
  if (token) await deps.store.deleteSession(hashToken(token));
  clearSessionCookie(c, deps);
  c.set('auth', null);
}

/** Tells the browser to forget the session cookie. */
export function clearSessionCookie(c: AppContext, deps: AppDeps): void {
  if (getCookie(c, deps.config.sessionCookieName) !== undefined) {
    deleteCookie(c, deps.config.sessionCookieName, cookieOptions(c, deps));
  }
}
