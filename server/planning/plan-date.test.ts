import { describe, expect, it } from 'vitest';
import { MASTER } from './master-week.ts';
import { planEntry, recordEntry, staffEntry } from './plan-date.ts';
import { tinyContext } from './testing/tiny-context.ts';

describe('planning one entry of the week (a date, or the master week)', () => {
  it('solves the morning before the afternoon and serves every trip the work hours allow', async () => {
    const { ctx, state } = await tinyContext();
    const s = staffEntry(ctx, state, MASTER, 0);
    expect(s.master).toBe(true);
    expect(s.date).toBe(ctx.week.order[1]);
    const parts: string[] = [];
    const { result, solved } = planEntry(ctx, state, s, { afterPart: (part) => parts.push(part) });
    expect(parts).toEqual(['am', 'pm']);
    expect(result.unserved).toEqual([]);
    expect(solved.reduce((n, p) => n + p.day.trips.length, 0)).toBe(s.trips.length);
  });

  it('the master week teaches the reference but charges no driver hours; a date charges them', async () => {
    const { ctx, state } = await tinyContext();
    const master = staffEntry(ctx, state, MASTER, 0);
    recordEntry(state, master, planEntry(ctx, state, master).result);
    expect(state.ledger.weekHours.size).toBe(0);
    expect(state.reference.anchors.size).toBe(master.trips.length);
    const date = staffEntry(ctx, state, ctx.week.order[1], 1);
    // Every trip of the date is anchored to where the master week put its journey.
    expect(date.anchors.size).toBe(date.trips.length);
    const { result } = planEntry(ctx, state, date);
    recordEntry(state, date, result);
    const hours = [...result.driverSeconds].reduce((s, [, sec]) => s + sec / 3600, 0);
    expect([...state.ledger.weekHours.values()].reduce((a, b) => a + b, 0)).toBeCloseTo(hours);
  });

  it('an afternoon run gets only what its driver has left of the day after the morning', async () => {
    const { ctx, state, data } = await tinyContext();
    const date = staffEntry(ctx, state, ctx.week.order[1], 1);
    const { solved } = planEntry(ctx, state, date);
    const am = solved.find((p) => p.day.runs[0]?.part === 'am')!;
    const pm = solved.find((p) => p.day.runs[0]?.part === 'pm')!;
    for (const run of pm.day.runs) {
      const driver = data.drivers.find((d) => d.id === run.driverId)!;
      const morning = am.solution.routes
        .filter((r) => am.day.runs[r.vehicleIdx].driverId === run.driverId)
        .reduce((s, r) => s + r.returnS - r.departureS, 0);
      expect(run.maxDurationS).toBeLessThanOrEqual(driver.maxHoursPerDay * 3600 - morning + 1e-6);
    }
  });
});
