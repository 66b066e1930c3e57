/**
 * A short-lived cache in front of the published-plan store. A week's plan is large (every stop
 * of every route of seven days) and drivers' phones ask for it often; published versions are
 * immutable, so keeping the answer for TTL_MS costs at most that much delay before a newly
 * published version is seen. One plan covers an ISO week, so answers are kept per week: the
 * seven dates a family's week view asks for, and concurrent misses, share one read. An absence
 * recorded through this adapter drops its week at once.
 */
import type { Plan } from '../contract/plan.ts';
import type { Clock } from '../clock.ts';
import { isoWeekOf } from '../domain/calendar.ts';
import type { PublishedPlans } from './published-port.ts';

export const PUBLISHED_PLAN_TTL_MS = 1000;

export function cachedPublishedPlans(
  inner: PublishedPlans,
  clock: Clock,
  ttlMs = PUBLISHED_PLAN_TTL_MS,
): PublishedPlans {
  const cache = new Map<string, { until: number; plan: Promise<Plan | undefined> }>();
  return {
    forDate(date) {
      const week = isoWeekOf(date);
      const now = clock.now().getTime();
      const hit = cache.get(week);
      if (hit && hit.until > now) return hit.plan;
      if (cache.size > 1000) cache.clear();
      const plan = inner.forDate(date);
      cache.set(week, { until: now + ttlMs, plan });
      plan.catch(() => cache.delete(week));
      return plan;
    },
    async removePassengerFromDate(tx, passengerId, date) {
      try {
        return await inner.removePassengerFromDate(tx, passengerId, date);
      } finally {
        cache.delete(isoWeekOf(date));
      }
    },
  };
}
