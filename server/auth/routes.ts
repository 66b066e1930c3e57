/**
 * Login, logout, who am I, change my password. Login answers with the user, a bearer token and
 * the CSRF token, and sets the session cookie (HttpOnly, SameSite=Strict, Secure behind https).
 */
import { type Request, Router } from 'express';
import { requireStrongPassword, setPasswordAndEndSessions } from '../accounts/admin.ts';
import { audit } from '../audit/audit.ts';
import { isCleanText } from '../contract/checks.ts';
import { LoginBodySchema } from '../contract/auth.ts';
import { fromZod } from '../errors/middleware.ts';
import { LOGIN_PATH } from '../http/input-guard.ts';
import type { Config } from '../config.ts';
import { authContract as c } from '../contract/auth.ts';
import type { Clock } from '../clock.ts';
import type { Db } from '../db/db.ts';
import { AppError } from '../errors/app-error.ts';
import { defineRoute } from '../http/define-route.ts';
import type { OperationRegistry } from '../openapi/registry.ts';
import { findAccountById, findAccountByUsername, toUser } from '../accounts/accounts.ts';
import { SESSION_COOKIE } from './middleware.ts';
import { verifyPassword } from './passwords.ts';
import { RateLimiter } from './rate-limit.ts';
import type { SessionCache } from './session-cache.ts';
import { createSession, deleteSession, deleteSessionsOfAccount } from './sessions.ts';

/** A hash of a random password: a login for an unknown user costs the same time as a wrong password. */
const DUMMY_HASH = 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';

export function authRouter(
  deps: { db: Db; config: Config; clock: Clock },
  registry: OperationRegistry,
  sessions: SessionCache,
): Router {
  const { db, config, clock } = deps;
  const router = Router();
  const limiter = new RateLimiter(config.LOGIN_RATE_PER_MIN, 60_000, clock);
  // Failures per source address across every username tried (a spray over many accounts).
  const perSource = new RateLimiter(config.LOGIN_RATE_PER_SOURCE_PER_MIN, 60_000, clock);
  const cookieFlags = `; Path=/; HttpOnly; SameSite=Strict${config.COOKIE_SECURE ? '; Secure' : ''}`;
  /** The client address as Express sees it: X-Forwarded-For only through TRUST_PROXY's proxies. */
  const sourceOf = (req: Request) => req.ip ?? req.socket.remoteAddress ?? '?';
  const userKey = (req: Request, username: string) => `${sourceOf(req)}|${username.toLowerCase()}`;
  const blocked = (req: Request, username: string) => {
    const wait = perSource.blockedFor(sourceOf(req)) ?? limiter.blockedFor(userKey(req, username));
    if (wait !== undefined)
      throw new AppError('RATE_LIMITED', `too many login attempts from here; retry in ${wait} s`, [], wait);
  };
  const failed = async (req: Request, username: string, why: string) => {
    limiter.hit(userKey(req, username));
    perSource.hit(sourceOf(req));
    const actor = { id: null, username: username.slice(0, 64) || '?', role: '-' };
    await audit(db, clock, actor, 'login_failed', 'session', '-', { source: sourceOf(req), details: { why } });
  };

  // Runs before the login route's own validation: an invalid body (a NUL byte, a lone surrogate,
  // a missing field) is an attempt too, so it is counted and audited before the 400.
  router.post(LOGIN_PATH, async (req, _res, next) => {
    try {
      const raw = (req.body ?? {}) as { username?: unknown };
      const username = typeof raw.username === 'string' && isCleanText(raw.username) ? raw.username : '';
      blocked(req, username);
      const parsed = LoginBodySchema.safeParse(req.body);
      if (!parsed.success) {
        await failed(req, username, 'invalid request');
        throw fromZod(parsed.error, req.body);
      }
      next();
    } catch (e) {
      next(e);
    }
  });

  defineRoute(router, registry, c.login, async ({ body, req, res }) => {
    const account = await findAccountByUsername(db, body.username);
    const ok = await verifyPassword(body.password, account?.password_hash ?? DUMMY_HASH);
    if (!account || !ok) {
      await failed(req, body.username, account ? 'wrong password' : 'unknown username');
      throw new AppError('UNAUTHENTICATED', 'wrong username or password');
    }
    limiter.reset(userKey(req, body.username));
    // Said only to someone who knows the password, so it reveals nothing to a guesser.
    if (account.disabled_at !== null) {
      await failed(req, body.username, 'account disabled');
      throw new AppError(
        'FORBIDDEN',
        `the account ${account.username} is disabled; ask the transport office to enable it`,
      );
    }
    if (config.LOGIN_ENDS_OTHER_SESSIONS) {
      await deleteSessionsOfAccount(db, account.id);
      sessions.forgetAccount(account.id);
    }
    const session = await createSession(db, config.sessionSecret, account.id, config.SESSION_TTL_HOURS, clock);
    await audit(db, clock, toUser(account), 'login', 'session', account.id, {
      source: sourceOf(req),
      details: config.LOGIN_ENDS_OTHER_SESSIONS ? { endedOtherSessions: true } : undefined,
    });
    res.setHeader(
      'Set-Cookie',
      `${SESSION_COOKIE}=${session.token}${cookieFlags}; Max-Age=${config.SESSION_TTL_HOURS * 3600}`,
    );
    return { body: { user: toUser(account), token: session.token, csrfToken: session.csrfToken } };
  });

  defineRoute(router, registry, c.logout, async ({ req, res, user }) => {
    await deleteSession(db, req.auth!.tokenHash);
    sessions.forget(req.auth!.tokenHash);
    await audit(db, clock, user, 'logout', 'session', user.id, { source: sourceOf(req) });
    res.setHeader('Set-Cookie', `${SESSION_COOKIE}=${cookieFlags}; Max-Age=0`);
    return { status: 204 };
  });

  defineRoute(router, registry, c.me, ({ req }) => ({
    body: { user: req.auth!.user, csrfToken: req.auth!.csrfToken },
  }));

  // Wrong current passwords count like failed logins: per IP and account, LOGIN_RATE_PER_MIN a minute.
  const changeLimiter = new RateLimiter(config.LOGIN_RATE_PER_MIN, 60_000, clock);
  defineRoute(router, registry, c.changePassword, async ({ body, user, req }) => {
    const key = `${req.ip ?? '?'}|${user.id}`;
    const wait = changeLimiter.blockedFor(key);
    if (wait !== undefined) {
      throw new AppError(
        'RATE_LIMITED',
        `too many wrong current passwords for ${user.username}; retry in ${wait} s`,
        [],
        wait,
      );
    }
    const account = await findAccountById(db, user.id);
    if (!account || !(await verifyPassword(body.currentPassword, account.password_hash))) {
      changeLimiter.hit(key);
      throw new AppError('REQUEST_INVALID', 'currentPassword: the current password is wrong', [
        { path: 'currentPassword', message: 'the current password is wrong' },
      ]);
    }
    changeLimiter.reset(key);
    if (body.newPassword === body.currentPassword) {
      throw new AppError('REQUEST_INVALID', 'newPassword: must differ from the current password', [
        { path: 'newPassword', message: 'must differ from the current password' },
      ]);
    }
    requireStrongPassword(body.newPassword, [account.username, account.display_name], 'newPassword');
    await setPasswordAndEndSessions({ db, clock, sessions }, user, account.id, body.newPassword, req.auth!.tokenHash);
    return { status: 204 };
  });

  return router;
}
