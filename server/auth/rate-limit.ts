/**
 * A fixed-window counter per key (IP + username for logins), in memory: enough for one server
 * process, and it forgets on restart, which only helps a legitimate user.
 */
import type { Clock } from '../clock.ts';

export class RateLimiter {
  private readonly hits = new Map<string, { count: number; resetAt: number }>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly clock: Clock,
  ) {}

  /** Seconds to wait when the key is over its limit, else undefined. */
  blockedFor(key: string): number | undefined {
    const now = this.clock.now().getTime();
    const h = this.hits.get(key);
    if (!h || h.resetAt <= now) return undefined;
    return h.count >= this.limit ? Math.max(1, Math.ceil((h.resetAt - now) / 1000)) : undefined;
  }

  hit(key: string): void {
    const now = this.clock.now().getTime();
    const h = this.hits.get(key);
    if (!h || h.resetAt <= now) {
      if (this.hits.size > 10_000) this.sweep(now);
      this.hits.set(key, { count: 1, resetAt: now + this.windowMs });
    } else {
      h.count += 1;
    }
  }

  reset(key: string): void {
    this.hits.delete(key);
  }

  private sweep(now: number): void {
    for (const [k, h] of this.hits) if (h.resetAt <= now) this.hits.delete(k);
  }
}
