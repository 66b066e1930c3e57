/**
 * Login, logout, who am I, change my password. Login answers with the user, a bearer token and
 * the CSRF token, and sets the session cookie (HttpOnly, SameSite=Strict, Secure behind https).
 */
import { Router } from 'express';
import { setPasswordAndEndSessions } from '../accounts/admin.ts';
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
import { createSession, deleteSession } from './sessions.ts';

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
  const cookieFlags = `; Path=/; HttpOnly; SameSite=Strict${config.COOKIE_SECURE ? '; Secure' : ''}`;

  defineRoute(router, registry, c.login, async ({ body, req, res }) => {
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
    // Said only to someone who knows the password, so it reveals nothing to a guesser.
    if (account.disabled_at !== null) {
      throw new AppError(
        'FORBIDDEN',
        `the account ${account.username} is disabled; ask the transport office to enable it`,
      );
    }
    const session = await createSession(db, config.sessionSecret, account.id, config.SESSION_TTL_HOURS, clock);
    res.setHeader(
      'Set-Cookie',
      `${SESSION_COOKIE}=${session.token}${cookieFlags}; Max-Age=${config.SESSION_TTL_HOURS * 3600}`,
    );
    return { body: { user: toUser(account), token: session.token, csrfToken: session.csrfToken } };
  });

  defineRoute(router, registry, c.logout, async ({ req, res }) => {
    await deleteSession(db, req.auth!.tokenHash);
    sessions.forget(req.auth!.tokenHash);
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
    await setPasswordAndEndSessions({ db, clock, sessions }, user, account.id, body.newPassword, req.auth!.tokenHash);
    return { status: 204 };
  });

  return router;
}
