import { describe, expect, it } from 'vitest';
import { evaluateRoute } from '../../solver/index.ts';
import { RepairRun, type SolvedPart } from './continuity-repair.ts';
import { journeyOf } from './master-week.ts';
import { planWeekDetailed } from './plan-week.ts';
import { tinyRouting } from './testing/tiny-context.ts';
import { tinyWeek } from './testing/tiny-week.ts';
import { verifyDays } from './verify-days.ts';

/** The tiny week as planned, with one served trip of the first part taken out of its route (as if the search had left it unserved). */
async function weekWithOneTripLeftOut() {
  const data = tinyWeek();
  const planned = await planWeekDetailed(
    { data, week: data.week, continuityRepair: false },
    { routing: tinyRouting, seed: 1, timeLimitMs: 5000, maxIterationsPerDay: 300, now: () => 0 },
  );
  const [first, ...rest] = planned.days;
  const route = first.solution.routes.find((r) => r.visits.length >= 4)!;
  const out = route.visits[0].requestIdx;
  const visits = route.visits
    .filter((v) => v.requestIdx !== out)
    .map((v) => ({ requestIdx: v.requestIdx, kind: v.kind }));
  const shorter = evaluateRoute(first.instance.instance, route.vehicleIdx, visits);
  expect(shorter.feasible).toBe(true);
  const part: SolvedPart = {
    instance: first.instance,
    solution: {
      ...first.solution,
      routes: first.solution.routes.map((r) => (r === route ? shorter.route : r)),
      unserved: [...first.solution.unserved, { requestIdx: out, reason: 'TIME_WINDOW', detail: '' } as never],
    },
  };
  return { data, parts: [part, ...rest], out };
}

describe('the continuity repair, pass by pass', () => {
  it('serveUnserved: a trip the search left unserved is served again, every route still exact', async () => {
    const { data, parts, out } = await weekWithOneTripLeftOut();
    const run = new RepairRun(parts, { drivers: data.drivers, journeyOf, maxCostIncrease: 3000 });
    expect(run.serveUnserved()).toBe(true);
    const { parts: after, report } = run.result();
    expect(report.newlyServed).toBe(1);
    expect(after[0].solution.unserved.map((u) => u.requestIdx)).not.toContain(out);
    expect(verifyDays(after)).toEqual([]);
  });

  it('a pass out of time stops at once and changes nothing', async () => {
    const { data, parts, out } = await weekWithOneTripLeftOut();
    const run = new RepairRun(parts, {
      drivers: data.drivers,
      journeyOf,
      maxCostIncrease: 3000,
      outOfTime: () => true,
    });
    expect(run.serveUnserved()).toBe(false);
    const { parts: after, report } = run.result();
    expect(report.newlyServed).toBe(0);
    expect(after[0].solution.unserved.map((u) => u.requestIdx)).toContain(out);
  });

  it('oneVanPerJourney and alignPickupTimes leave a week that already rides one van at one time as it is', async () => {
    const data = tinyWeek();
    const planned = await planWeekDetailed(
      { data, week: data.week, continuityRepair: false },
      { routing: tinyRouting, seed: 1, timeLimitMs: 5000, maxIterationsPerDay: 300, now: () => 0 },
    );
    const run = new RepairRun(planned.days, { drivers: data.drivers, journeyOf, maxCostIncrease: 3000 });
    expect(run.oneVanPerJourney()).toBe(true);
    expect(run.alignPickupTimes()).toBe(true);
    const { parts, report } = run.result();
    expect(report).toMatchObject({ moved: 0, exchanged: 0, journeysLeftMixed: 0, costIncrease: 0 });
    expect(parts.map((p) => p.solution.routes)).toEqual(planned.days.map((p) => p.solution.routes));
  });
});
