import { describe, expect, it } from 'vitest';
import { checkPlan } from '../../test/helpers/plan-checker.ts';
import { planWeekDetailed } from './plan-week.ts';
import { replanDay } from './replan-day.ts';
import { tinyRouting } from './testing/tiny-context.ts';
import { tinyWeek } from './testing/tiny-week.ts';

const deps = { routing: tinyRouting, seed: 1, timeLimitMs: 60_000, maxIterationsPerDay: 300, now: () => 0 };

describe('re-planning one day after a change of requests', () => {
  it('takes out the absent, fits in the new trips, and moves nobody else more than 10 minutes', async () => {
    const data = tinyWeek();
    const { plan } = await planWeekDetailed({ data, week: data.week }, deps);
    const published = { ...plan, status: 'published' as const };
    const tuesday = '2026-12-01';
    // Giulia (r1) is absent on Tuesday; Marco (r2, Mon/Wed/Fri) now also goes on Tuesdays.
    const changed = {
      ...data,
      requests: data.requests.map((r) =>
        r.id === 'r1'
          ? { ...r, exceptions: [tuesday] }
          : r.id === 'r2'
            ? { ...r, weekdays: [...r.weekdays, 'tue' as const] }
            : r,
      ),
    };
    const r = await replanDay({ data: changed, published, date: tuesday }, deps);
    expect(r.violations).toEqual([]);
    expect(r.removed.sort()).toEqual(['r1|outbound', 'r1|return']);
    expect(r.added.sort()).toEqual(['r2|outbound', 'r2|return']);
    expect(r.shifts.size).toBeGreaterThan(0);
    for (const [trip, min] of r.shifts) expect(min, trip).toBeLessThanOrEqual(10);
    // The other dates are the published ones, untouched.
    for (const d of r.plan.days.filter((x) => x.date !== tuesday))
      expect(d).toEqual(published.days.find((x) => x.date === d.date));
    expect(checkPlan(r.plan, changed)).toEqual([]);
  });
});
