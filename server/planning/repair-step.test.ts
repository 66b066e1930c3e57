import { describe, expect, it } from 'vitest';
import { MASTER } from './master-week.ts';
import { planEntry, recordEntry, staffEntry } from './plan-date.ts';
import { repairStep } from './repair-step.ts';
import { tinyContext } from './testing/tiny-context.ts';
import { verifyDays } from './verify-days.ts';

describe('the continuity repair step', () => {
  it('rebuilds each date from its repaired parts, every part still passing the exact check', async () => {
    const { ctx, state, data } = await tinyContext();
    const solved: Parameters<typeof repairStep>[0] = [];
    const results: Parameters<typeof repairStep>[1] = [];
    for (const [i, entry] of ctx.week.order.entries()) {
      const s = staffEntry(ctx, state, entry, i);
      const r = planEntry(ctx, state, s);
      recordEntry(state, s, r.result);
      if (entry === MASTER) continue;
      results.push(r.result);
      solved.push(...r.solved.map((p) => ({ instance: p.day, solution: p.solution })));
    }
    let clock = 0;
    const out = repairStep(solved, results, { drivers: data.drivers, now: () => (clock += 5), outOfTime: () => false });
    expect(out.results.map((r) => r.date)).toEqual(results.map((r) => r.date));
    expect(out.parts.length).toBe(solved.length);
    expect(verifyDays(out.parts)).toEqual([]);
    expect(out.report.elapsedMs).toBe(5);
    const served = (rs: typeof results) =>
      rs.reduce((n, r) => n + r.routes.reduce((m, rt) => m + rt.stops.length, 0), 0);
    expect(served(out.results)).toBeGreaterThanOrEqual(served(results));
  });
});
