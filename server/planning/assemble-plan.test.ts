import { describe, expect, it } from 'vitest';
import { PlanSchema } from '../contract/plan.ts';
import { assemblePlan } from './assemble-plan.ts';
import { planEntry, staffEntry } from './plan-date.ts';
import { tinyContext } from './testing/tiny-context.ts';

describe('assembling the plan', () => {
  it('sorts the days, lists every unserved trip with its reason and fix, and sums the figures', async () => {
    const { ctx, state, data, expanded } = await tinyContext();
    const dates = ctx.week.order.slice(1, 3);
    const results = dates.map((d, i) => planEntry(ctx, state, staffEntry(ctx, state, d, i + 1)).result);
    const plan = assemblePlan({
      data,
      week: data.week,
      provider: 'estimate',
      createdAtMs: Date.UTC(2026, 11, 1, 9),
      infeasible: expanded.infeasible,
      results,
    });
    expect(PlanSchema.parse(plan)).toBeTruthy();
    expect(plan.id).toBe('plan-2026-W49-v1');
    expect(plan.createdAt).toBe('2026-12-01T10:00:00+01:00');
    expect(plan.days.map((d) => d.date)).toEqual([...dates].sort());
    const infeasible = plan.unserved.filter((u) => u.requestId === 'r5');
    expect(infeasible.length).toBe(expanded.infeasible.length);
    for (const u of infeasible) {
      const x = expanded.infeasible.find((i) => i.date === u.date && i.direction === u.direction)!;
      expect(u.message).toBe(`${x.message} ${x.fix}`);
    }
    const served = results.reduce((n, r) => n + r.routes.reduce((m, rt) => m + rt.stops.length / 2, 0), 0);
    expect(plan.summary.tripsServed).toBe(served);
  });
});
