import { describe, expect, it } from 'vitest';
import { partRuns, partTrips, staffEntry } from './plan-date.ts';
import { type PartProblem, solvePartWithHolds } from './solve-part.ts';
import { tinyContext } from './testing/tiny-context.ts';
import type { Anchor } from './trip.ts';

async function morningProblem(anchorOf: (key: string) => Anchor | undefined): Promise<PartProblem> {
  const { ctx, state } = await tinyContext();
  const date = ctx.week.order[1];
  const s = staffEntry(ctx, state, date, 1);
  const trips = partTrips(ctx, s, 'am');
  const anchors = new Map(trips.flatMap((t) => (anchorOf(t.key) ? [[t.key, anchorOf(t.key)!] as const] : [])));
  return {
    date,
    trips,
    runs: partRuns(ctx, state, s, 'am', new Map()),
    places: ctx.places,
    matrix: ctx.matrix,
    weights: ctx.weights,
    anchors,
    locked: new Map(),
    master: false,
    hold: true,
  };
}
const search = { seed: 1, budgetMs: 2000, maxIterations: 200, threads: 1, now: () => 0 };

describe('a (date, part) solved with holds and their release', () => {
  it('holds an anchored trip on its run and within ±tolerance of its time', async () => {
    const problem = await morningProblem((k) =>
      k.includes('|r1|') ? { vehicleId: 'v1', part: 'am', pickupS: 7 * 3600 + 50 * 60, toleranceS: 300 } : undefined,
    );
    const r = solvePartWithHolds(problem, search);
    const idx = r.day.trips.findIndex((t) => t.requestId === 'r1');
    expect(r.solution.unserved).toEqual([]);
    const route = r.solution.routes.find((x) => x.visits.some((v) => v.requestIdx === idx))!;
    expect(r.day.runs[route.vehicleIdx].vehicle.id).toBe('v1');
    const pickup = route.visits.find((v) => v.requestIdx === idx && v.kind === 'pickup')!;
    expect(Math.abs(pickup.startS - (7 * 3600 + 50 * 60))).toBeLessThanOrEqual(300);
    expect(r.lock.has(r.day.trips[idx].key)).toBe(true);
  });

  it('releases the run of a trip that cannot be served on it (a wheelchair anchored on a van without lift)', async () => {
    const problem = await morningProblem((k) =>
      k.includes('|r4|') ? { vehicleId: 'v1', part: 'am', pickupS: 8 * 3600 + 20 * 60, toleranceS: 300 } : undefined,
    );
    const r = solvePartWithHolds(problem, search);
    const idx = r.day.trips.findIndex((t) => t.requestId === 'r4');
    const key = r.day.trips[idx].key;
    expect(r.solution.unserved.map((u) => u.requestIdx)).not.toContain(idx);
    expect(r.lock.has(key)).toBe(false);
    const route = r.solution.routes.find((x) => x.visits.some((v) => v.requestIdx === idx))!;
    expect(r.day.runs[route.vehicleIdx].vehicle.features.lift).toBe(true);
  });

  it('never releases a coordinator’s lock', async () => {
    const problem = await morningProblem(() => undefined);
    const key = problem.trips.find((t) => t.requestId === 'r4')!.key;
    const r = solvePartWithHolds({ ...problem, locked: new Map([[key, { vehicleId: 'v1', part: 'am' }]]) }, search);
    const idx = r.day.trips.findIndex((t) => t.key === key);
    expect(r.solution.unserved.map((u) => u.requestIdx)).toContain(idx);
  });
});
