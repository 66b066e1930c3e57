import { describe, expect, it } from 'vitest';
import { continuityPolicy, entryWeight, MASTER_WEIGHT, SEARCH_SHARE, WeekBudget } from './week-budget.ts';
import { MASTER } from './master-week.ts';
import { tinyContext } from './testing/tiny-context.ts';

describe('budget split', () => {
  it('gives each part its weight’s share of the time still left, less the share kept for after the search', () => {
    const budget = new WeekBudget(1000, 10_000, 100);
    expect(budget.take(25, 1000)).toBeCloseTo(SEARCH_SHARE * 10_000 * 0.25);
    // 4,000 ms later 6,000 are left for the remaining weight 75: a part of 25 gets a third of it.
    expect(budget.take(25, 5000)).toBeCloseTo((SEARCH_SHARE * 6000) / 3);
    expect(budget.outOfTime(11_000)).toBe(false);
    expect(budget.outOfTime(11_001)).toBe(true);
  });

  it('counts the master week’s trips MASTER_WEIGHT times', async () => {
    const { ctx } = await tinyContext();
    expect(entryWeight(ctx.week, MASTER)).toBe(ctx.week.byDate.get(MASTER)!.length * MASTER_WEIGHT);
    expect(entryWeight(ctx.week, ctx.week.order[1])).toBe(ctx.week.byDate.get(ctx.week.order[1])!.length);
  });

  it('holds anchored trips at any budget; a time-limited search starts from the reference routes', () => {
    expect(continuityPolicy({ republishing: false, fixedIterations: false })).toEqual({ hold: true, warm: true });
    expect(continuityPolicy({ republishing: false, fixedIterations: true })).toEqual({ hold: true, warm: false });
    expect(continuityPolicy({ republishing: true, fixedIterations: true })).toEqual({ hold: true, warm: true });
  });
});
