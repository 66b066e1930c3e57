/**
 * Sessions: a random token given to the client (cookie or bearer); only its HMAC-SHA256 keyed with
 * SESSION_SECRET is stored, so a leaked database does not leak live sessions, and changing the
 * secret ends every session. Each session carries its CSRF token.
 */
import { createHmac, randomBytes } from 'node:crypto';
import type { Clock } from '../clock.ts';
import type { Db } from '../db/db.ts';
import { toUser, type AccountRow } from '../accounts/accounts.ts';
import type { User } from './context.ts';

export const tokenHash = (secret: string, token: string): string =>
  createHmac('sha256', secret).update(token).digest('base64url');

export interface Session {
  token: string;
  csrfToken: string;
  expiresAt: Date;
}

export async function createSession(
  db: Db,
  secret: string,
  accountId: string,
  ttlHours: number,
  clock: Clock,
): Promise<Session> {
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  const expiresAt = new Date(clock.now().getTime() + ttlHours * 3600_000);
  await db.query(
    'INSERT INTO sessions (token_hash, account_id, csrf_token, expires_at, last_seen_at) VALUES ($1, $2, $3, $4, $5)',
    [tokenHash(secret, token), accountId, csrfToken, expiresAt.toISOString(), clock.now().toISOString()],
  );
  return { token, csrfToken, expiresAt };
}

/** How often a session's last_seen_at is written at most (the idle timeout is minutes, not seconds). */
const SEEN_EVERY_MS = 60_000;

export async function findSession(
  db: Db,
  secret: string,
  token: string,
  clock: Clock,
  idleMs = Number.POSITIVE_INFINITY,
): Promise<{ user: User; csrfToken: string; tokenHash: string; expiresAt: Date } | undefined> {
  const hash = tokenHash(secret, token);
  const nowMs = clock.now().getTime();
  const idleSince = new Date(Number.isFinite(idleMs) ? nowMs - idleMs : 0).toISOString();
  const { rows } = await db.query<AccountRow & { csrf_token: string; session_expires_at: Date | string }>(
    `SELECT a.*, s.csrf_token, s.expires_at AS session_expires_at FROM sessions s JOIN accounts a ON a.id = s.account_id
     WHERE s.token_hash = $1 AND s.expires_at > $2 AND a.disabled_at IS NULL
       AND (s.last_seen_at IS NULL OR s.last_seen_at > $3)`,
    [hash, new Date(nowMs).toISOString(), idleSince],
  );
  const r = rows[0];
  if (r)
    await db.query(
      'UPDATE sessions SET last_seen_at = $2 WHERE token_hash = $1 AND (last_seen_at IS NULL OR last_seen_at < $3)',
      [hash, new Date(nowMs).toISOString(), new Date(nowMs - SEEN_EVERY_MS).toISOString()],
    );
  return r
    ? { user: toUser(r), csrfToken: r.csrf_token, tokenHash: hash, expiresAt: new Date(r.session_expires_at) }
    : undefined;
}

export async function deleteSession(db: Db, tokenHash: string): Promise<void> {
  await db.query('DELETE FROM sessions WHERE token_hash = $1', [tokenHash]);
}

/** Ends every session of an account except `keepTokenHash` (the caller's own, on a password change). */
export async function deleteSessionsOfAccount(db: Db, accountId: string, keepTokenHash?: string): Promise<void> {
  await db.query('DELETE FROM sessions WHERE account_id = $1 AND token_hash <> $2', [accountId, keepTokenHash ?? '']);
}
