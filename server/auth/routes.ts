/**
 * Login, logout, who am I. Login answers with the user, a bearer token and the CSRF token, and
 * sets the session cookie (HttpOnly, SameSite=Strict, Secure behind https).
 */
import { Router } from 'express';
import { z } from 'zod';
import type { Config } from '../config.ts';
import type { Clock } from '../clock.ts';
import type { Db } from '../db/db.ts';
import { AppError } from '../errors/app-error.ts';
import { defineRoute } from '../http/define-route.ts';
import type { OperationRegistry } from '../openapi/registry.ts';
import { findAccountByUsername, toUser } from './accounts.ts';
import { UserSchema } from './context.ts';
import { SESSION_COOKIE } from './middleware.ts';
import { verifyPassword } from './passwords.ts';
import { RateLimiter } from './rate-limit.ts';
import type { SessionCache } from './session-cache.ts';
import { createSession, deleteSession } from './sessions.ts';

export const LoginBodySchema = z.object({
  username: z.string().min(1).max(64),
  password: z.string().min(1).max(200),
});
export const LoginResponseSchema = z.object({ user: UserSchema, token: z.string(), csrfToken: z.string() });
export const MeResponseSchema = z.object({ user: UserSchema, csrfToken: z.string() });

/** A hash of a random password: a login for an unknown user costs the same time as a wrong password. */
const DUMMY_HASH =
  'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';

export function authRouter(
  deps: { db: Db; config: Config; clock: Clock },
  registry: OperationRegistry,
  sessions: SessionCache,
): Router {
  const { db, config, clock } = deps;
  const router = Router();
  const limiter = new RateLimiter(config.LOGIN_RATE_PER_MIN, 60_000, clock);
  const cookieFlags = `; Path=/; HttpOnly; SameSite=Strict${config.COOKIE_SECURE ? '; Secure' : ''}`;

  defineRoute(router, registry, '/api/auth', {
    method: 'post',
    path: '/login',
    summary: 'Log in with username and password; returns a bearer token and sets the session cookie',
    tag: 'auth',
    roles: 'public',
    body: LoginBodySchema,
    responses: {
      200: { description: 'logged in', schema: LoginResponseSchema },
      401: { description: 'wrong username or password' },
      429: { description: 'too many attempts; see Retry-After' },
    },
    handler: async ({ body, req, res }) => {
      const key = `${req.ip ?? '?'}|${body.username.toLowerCase()}`;
      const wait = limiter.blockedFor(key);
      if (wait !== undefined) {
        throw new AppError('RATE_LIMITED', `too many login attempts for ${body.username}; retry in ${wait} s`, [], wait);
      }
      const account = await findAccountByUsername(db, body.username);
      const ok = await verifyPassword(body.password, account?.password_hash ?? DUMMY_HASH);
      if (!account || !ok) {
        limiter.hit(key);
        throw new AppError('UNAUTHENTICATED', 'wrong username or password');
      }
      limiter.reset(key);
      const session = await createSession(db, config.sessionSecret, account.id, config.SESSION_TTL_HOURS, clock);
      res.setHeader(
        'Set-Cookie',
        `${SESSION_COOKIE}=${session.token}${cookieFlags}; Max-Age=${config.SESSION_TTL_HOURS * 3600}`,
      );
      return { body: { user: toUser(account), token: session.token, csrfToken: session.csrfToken } };
    },
  });

  defineRoute(router, registry, '/api/auth', {
    method: 'post',
    path: '/logout',
    summary: 'End this session (cookie or bearer token)',
    tag: 'auth',
    roles: ['coordinator', 'driver', 'family'],
    responses: { 204: { description: 'logged out' } },
    handler: async ({ req, res }) => {
      await deleteSession(db, req.auth!.tokenHash);
      sessions.forget(req.auth!.tokenHash);
      res.setHeader('Set-Cookie', `${SESSION_COOKIE}=${cookieFlags}; Max-Age=0`);
      return { status: 204 };
    },
  });

  defineRoute(router, registry, '/api/auth', {
    method: 'get',
    path: '/me',
    summary: 'The logged-in user and the CSRF token for cookie-authenticated changes',
    tag: 'auth',
    roles: ['coordinator', 'driver', 'family'],
    responses: { 200: { description: 'the user', schema: MeResponseSchema }, 401: { description: 'not logged in' } },
    handler: ({ req }) => ({ body: { user: req.auth!.user, csrfToken: req.auth!.csrfToken } }),
  });

  return router;
}
