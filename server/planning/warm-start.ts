/**
 * A warm start for a day from another plan's routes (the reference day, or the published plan
 * of the same date): the same runs visit the same passengers in the same order, so continuity
 * and stability begin feasible and the search improves from there. Each route keeps only the
 * trips present today and is rebuilt in boarding order, keeping each request the solver's exact
 * route evaluation still accepts.
 */
import type { PlanRoute } from '../contract/plan.ts';
import type { Direction } from '../contract/domain.ts';
import { evaluateRoute } from '../../solver/index.ts';
import type { SolveOptions } from '../../solver/index.ts';
import { runKey, type DayInstance } from './day-instance.ts';
import { partOfRoute } from './runs.ts';

type Initial = NonNullable<SolveOptions['initial']>;
type Visit = Initial[number]['visits'][number];

/** `tripKeyOf(stop passenger, direction)` must give the same trip identity on both days. */
export function warmStart(
  day: DayInstance,
  routes: PlanRoute[],
  identity: (passengerId: string, requestId: string, direction: Direction) => string,
): Initial {
  const reqIdx = new Map(day.trips.map((t, i) => [identity(t.passenger.id, t.requestId, t.direction), i]));
  const runIdx = new Map(day.runs.map((r, i) => [runKey(r.vehicle.id, r.part), i]));
  const taken = new Set<number>();
  const out: Initial = [];
  for (const route of routes) {
    const vehicleIdx = runIdx.get(runKey(route.vehicleId, partOfRoute(route)));
    if (vehicleIdx === undefined || out.some((r) => r.vehicleIdx === vehicleIdx)) continue;
    let visits: Visit[] = [];
    for (const stop of route.stops) {
      for (const p of stop.kind === 'pickup' ? stop.boards : stop.alights) {
        const idx = reqIdx.get(identity(p.passengerId, p.requestId, p.direction));
        if (idx !== undefined && !taken.has(idx)) visits.push({ requestIdx: idx, kind: stop.kind });
      }
    }
    const complete = (idx: number) => visits.filter((v) => v.requestIdx === idx).length === 2;
    visits = visits.filter((v) => complete(v.requestIdx));
    // Keep requests in boarding order while the route stays feasible.
    const kept = new Set<number>();
    for (const v of visits) {
      if (v.kind !== 'pickup') continue;
      const trial = visits.filter((w) => kept.has(w.requestIdx) || w.requestIdx === v.requestIdx);
      if (evaluateRoute(day.instance, vehicleIdx, trial).feasible) kept.add(v.requestIdx);
    }
    visits = visits.filter((v) => kept.has(v.requestIdx));
    if (visits.length === 0) continue;
    for (const v of visits) taken.add(v.requestIdx);
    out.push({ vehicleIdx, visits });
  }
  return out;
}
