import { describe, expect, it } from 'vitest';
import { evaluateRoute, insertionOptions } from '../../solver/index.ts';
import type { PlannedRoute } from '../../solver/index.ts';
import { EstimateProvider } from '../routing/estimate/estimate-provider.ts';
import { repairContinuity, type SolvedPart } from './continuity-repair.ts';
import { planWeekDetailed } from './plan-week.ts';
import { tinyWeek } from './testing/tiny-week.ts';
import { verifyDays } from './verify-days.ts';
import { journeyOf } from './master-week.ts';

const routing = new EstimateProvider({ detourFactor: 1.3, urbanKmh: 25, extraUrbanKmh: 55, urbanM: 3000 });
const WEDNESDAY = '2026-12-02';

/** The tiny week as planned, then Marco's Wednesday trip to the nursery moved by hand to the other van. */
async function weekWithMarcoAwayOnWednesday() {
  const data = tinyWeek();
  const planned = await planWeekDetailed(
    { data, week: data.week },
    { routing, seed: 1, timeLimitMs: 5000, maxIterationsPerDay: 300, now: () => performance.now() },
  );
  // As at scale, where the searches run without continuity holds: no trip locked to its run, pickup windows as the work hours give them.
  const days: SolvedPart[] = planned.days.map(({ instance, solution }) => ({
    solution,
    instance: {
      ...instance,
      instance: {
        ...instance.instance,
        requests: instance.instance.requests.map(({ lockedVehicleIdx: _held, ...spec }, i) => ({
          ...spec,
          pickup: {
            ...spec.pickup,
            earliestS: instance.trips[i].pickup.earliestS,
            latestS: instance.trips[i].pickup.latestS,
          },
        })),
      },
    },
  }));
  const vanOfMarco = (parts: SolvedPart[], date: string) =>
    parts
      .filter((p) => p.instance.date === date)
      .flatMap((p) =>
        p.solution.routes
          .filter((r) =>
            r.visits.some(
              (v) =>
                p.instance.trips[v.requestIdx].requestId === 'r2' &&
                p.instance.trips[v.requestIdx].direction === 'outbound',
            ),
          )
          .map((r) => p.instance.runs[r.vehicleIdx].vehicle.id),
      )[0];
  const home = vanOfMarco(days, '2026-11-30');
  expect(['2026-11-30', WEDNESDAY, '2026-12-04'].map((d) => vanOfMarco(days, d))).toEqual([home, home, home]);

  const k = days.findIndex(
    (p) =>
      p.instance.date === WEDNESDAY && p.instance.trips.some((t) => t.requestId === 'r2' && t.direction === 'outbound'),
  );
  const { instance, solution } = days[k];
  const marco = instance.trips.findIndex((t) => t.requestId === 'r2' && t.direction === 'outbound');
  const src = solution.routes.find((r) => r.visits.some((v) => v.requestIdx === marco))!.vehicleIdx;
  const other = instance.runs.findIndex((run) => run.vehicle.id !== home);
  const visitsOf = (v: number) =>
    (solution.routes.find((r) => r.vehicleIdx === v)?.visits ?? []).map((x) => ({
      requestIdx: x.requestIdx,
      kind: x.kind,
    }));
  const option = insertionOptions(instance.instance, [{ vehicleIdx: other, visits: visitsOf(other) }], marco, {
    maxOptions: 1,
  }).options[0];
  expect(option).toBeDefined();
  const rest = visitsOf(src).filter((v) => v.requestIdx !== marco);
  const routes: PlannedRoute[] = [
    ...solution.routes.filter((r) => r.vehicleIdx !== src && r.vehicleIdx !== other),
    ...(rest.length ? [evaluateRoute(instance.instance, src, rest).route] : []),
    option.route,
  ];
  const tampered = days.map((p, i) => (i === k ? { instance, solution: { ...solution, routes } } : p));
  expect(vanOfMarco(tampered, WEDNESDAY)).not.toBe(home);
  expect(verifyDays(tampered)).toEqual([]);
  return { data, tampered, home, vanOfMarco };
}

const served = (parts: SolvedPart[]) =>
  parts.reduce((n, p) => n + p.solution.routes.reduce((m, r) => m + r.visits.length / 2, 0), 0);

describe('continuity repair across the week', () => {
  it("puts a child's Wednesday trip that landed on another van back on their van, and unserves nobody", async () => {
    const { data, tampered, home, vanOfMarco } = await weekWithMarcoAwayOnWednesday();
    const { parts, report } = repairContinuity(tampered, { drivers: data.drivers, journeyOf, maxCostIncrease: 10_000 });
    expect(vanOfMarco(parts, WEDNESDAY)).toBe(home);
    expect(report.moved + report.exchanged).toBeGreaterThanOrEqual(1);
    expect(report.journeysRepaired).toBeGreaterThanOrEqual(1);
    expect(served(parts)).toBeGreaterThanOrEqual(served(tampered));
    expect(parts.reduce((n, p) => n + p.solution.unserved.length, 0)).toBeLessThanOrEqual(
      tampered.reduce((n, p) => n + p.solution.unserved.length, 0),
    );
    expect(verifyDays(parts)).toEqual([]);
  });

  it('leaves the trip where it is when bringing it home would cost more driving than the bound', async () => {
    const { data, tampered, home, vanOfMarco } = await weekWithMarcoAwayOnWednesday();
    const { parts, report } = repairContinuity(tampered, { drivers: data.drivers, journeyOf, maxCostIncrease: -1e9 });
    expect(vanOfMarco(parts, WEDNESDAY)).not.toBe(home);
    expect(report.moved + report.exchanged).toBe(0);
    expect(served(parts)).toBe(served(tampered));
  });

  it('never takes a driver over their daily hours to bring a trip home', async () => {
    const { data, tampered, home, vanOfMarco } = await weekWithMarcoAwayOnWednesday();
    const tired = data.drivers.map((d) => ({ ...d, maxHoursPerDay: 0.01 }));
    const { parts } = repairContinuity(tampered, { drivers: tired, journeyOf, maxCostIncrease: 10_000 });
    expect(vanOfMarco(parts, WEDNESDAY)).not.toBe(home);
    expect(served(parts)).toBe(served(tampered));
  });
});
