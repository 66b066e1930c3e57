/**
 * Remembers recently checked sessions for a few seconds, so a busy read (a driver's phone
 * polling its run) does not query the sessions table on every request. Logout, disabling or
 * deleting an account and a password change forget the sessions at once on this server process;
 * on another one they end within TTL_MS.
 */
import type { Clock } from '../clock.ts';
import type { User } from './context.ts';

export interface CachedSession {
  user: User;
  csrfToken: string;
  tokenHash: string;
}

const TTL_MS = 10_000;
const MAX = 10_000;

export class SessionCache {
  private readonly entries = new Map<string, { session: CachedSession; until: number }>();

  constructor(private readonly clock: Clock) {}

  get(tokenHash: string): CachedSession | undefined {
    const e = this.entries.get(tokenHash);
    if (!e) return undefined;
    if (e.until <= this.clock.now().getTime()) {
      this.entries.delete(tokenHash);
      return undefined;
    }
    return e.session;
  }

  /** `expiresAt` of the session caps the cache entry, so an expiring session is not kept alive. */
  set(session: CachedSession, expiresAt: Date): void {
    if (this.entries.size >= MAX) this.entries.clear();
    const until = Math.min(this.clock.now().getTime() + TTL_MS, expiresAt.getTime());
    this.entries.set(session.tokenHash, { session, until });
  }

  forget(tokenHash: string): void {
    this.entries.delete(tokenHash);
  }

  /** Forgets every session of an account (disabled, deleted, password changed), except `keep`. */
  forgetAccount(accountId: string, keep?: string): void {
    for (const [hash, e] of this.entries)
      if (e.session.user.id === accountId && hash !== keep) this.entries.delete(hash);
  }
}
