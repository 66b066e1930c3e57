/**
 * Authentication and scope checks. `authenticate` reads the session cookie or a bearer token and
 * sets `req.auth` (it never rejects); `requireRole` rejects; `csrfGuard` demands the
 * double-submit header on unsafe methods of cookie-authenticated requests.
 */
import { timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import type { Clock } from '../clock.ts';
import type { Db } from '../db/db.ts';
import { AppError } from '../errors/app-error.ts';
import type { Role, User } from './context.ts';
import type { SessionCache } from './session-cache.ts';
import { findSession, tokenHash } from './sessions.ts';

export const SESSION_COOKIE = 'prontivia_session';
export const CSRF_HEADER = 'x-csrf-token';

export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return undefined;
}

/** `idleMs`: a session unused this long has ended (SESSION_IDLE_MINUTES). */
export function authenticate(
  db: Db,
  secret: string,
  clock: Clock,
  cache: SessionCache,
  idleMs = Number.POSITIVE_INFINITY,
): RequestHandler {
  return async (req, _res, next) => {
    const header = req.headers.authorization;
    const bearer = header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
    const cookie = readCookie(req.headers.cookie, SESSION_COOKIE);
    const token = bearer ?? cookie;
    if (token) {
      const via = bearer ? 'bearer' : 'cookie';
      const cached = cache.get(tokenHash(secret, token));
      if (cached) {
        req.auth = { ...cached, via };
      } else {
        const s = await findSession(db, secret, token, clock, idleMs);
        if (s) {
          const session = { user: s.user, csrfToken: s.csrfToken, tokenHash: s.tokenHash };
          cache.set(session, s.expiresAt);
          req.auth = { ...session, via };
        }
      }
    }
    next();
  };
}

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

export const csrfGuard: RequestHandler = (req, _res, next) => {
  const auth = req.auth;
  // Logging in again while an old session cookie is still around must not need that session's token.
  const isLogin = req.method === 'POST' && req.originalUrl.split('?')[0] === '/api/auth/login';
  if (!auth || auth.via !== 'cookie' || SAFE.has(req.method) || isLogin) return next();
  const sent = req.get(CSRF_HEADER) ?? '';
  const a = Buffer.from(sent);
  const b = Buffer.from(auth.csrfToken);
  if (a.length !== b.length || !timingSafeEqual(a, b)) {
    return next(
      new AppError('FORBIDDEN', `missing or wrong ${CSRF_HEADER} header (returned by login and /api/auth/me)`),
    );
  }
  next();
};

/** The caller, or 401. */
export function userOf(req: { auth?: { user: User } }): User {
  if (!req.auth) throw new AppError('UNAUTHENTICATED', 'log in first (POST /api/auth/login)');
  return req.auth.user;
}

export function requireRole(...roles: Role[]): RequestHandler {
  return (req, _res, next) => {
    const user = userOf(req);
    if (!roles.includes(user.role)) {
      return next(new AppError('FORBIDDEN', `this needs the role ${roles.join(' or ')}; you are ${user.role}`));
    }
    next();
  };
}
