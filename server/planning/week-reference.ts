/**
 * Where each passenger should be: the anchors of continuity. The first planned entry of the
 * week (the master week) sets, per journey, the run and pickup time every later date is
 * anchored to; later dates add only journeys it did not place. Its routes (and the routes of
 * later dates for passengers it lacked) are the warm start of a search without holds, and the
 * driver of each run is that run's preferred driver on the other dates. With a published plan
 * (stable re-planning) its routes of the same date are the anchors instead (`anchorsFrom`).
 */
import type { PlanRoute } from '../contract/plan.ts';
import type { Direction } from '../contract/domain.ts';
import { fromIsoRome } from '../domain/calendar.ts';
import type { DayResult } from './day-result.ts';
import { journeyOf } from './master-week.ts';
import { partOfRoute } from './runs.ts';
import type { Anchor, PlanTrip } from './trip.ts';
import { journeyKey } from '../contract/trip-key.ts';

/** Anchors from a plan's routes on one date, keyed by `keyOf` (a trip key or a journey key). */
export function anchorsFrom(
  routes: PlanRoute[],
  toleranceS: number,
  keyOf: (requestId: string, direction: Direction, passengerId: string) => string,
): Map<string, Anchor> {
  const out = new Map<string, Anchor>();
  for (const route of routes)
    for (const stop of route.stops)
      if (stop.kind === 'pickup')
        for (const p of stop.boards)
          out.set(keyOf(p.requestId, p.direction, p.passengerId), {
            vehicleId: route.vehicleId,
            part: partOfRoute(route),
            pickupS: fromIsoRome(stop.start).secondsOfDay,
            toleranceS,
          });
  return out;
}

/** Later days may add passengers the reference day did not have: their routes join the warm start. */
export function mergeReference(reference: PlanRoute[], more: PlanRoute[]): PlanRoute[] {
  return [...reference, ...more.filter((r) => !reference.some((x) => x.id.slice(11) === r.id.slice(11)))];
}

/** A WeekReference as plain data (for a job's result: the master week handed to the (date, part) jobs). */
export interface ReferenceSnapshot {
  anchors: Array<[string, Anchor]>;
  preferredDrivers: Array<[string, string]>;
  routes: PlanRoute[];
}

/** What the week has learned so far about where each passenger and driver belongs. */
export class WeekReference {
  /** journey → where it was first planned. */
  readonly anchors = new Map<string, Anchor>();
  /** `${vehicleId}|${part}` → the driver it was first planned with. */
  readonly preferredDrivers = new Map<string, string>();
  /** The warm start of a search without holds. */
  routes: PlanRoute[] = [];
  private learned = 0;

  constructor(private readonly toleranceS: number) {}

  snapshot(): ReferenceSnapshot {
    return { anchors: [...this.anchors], preferredDrivers: [...this.preferredDrivers], routes: this.routes };
  }

  /** A reference restored from a snapshot, as if it had learned what the snapshot's did. */
  static from(snapshot: ReferenceSnapshot, toleranceS: number): WeekReference {
    const ref = new WeekReference(toleranceS);
    for (const [k, a] of snapshot.anchors) ref.anchors.set(k, a);
    for (const [k, d] of snapshot.preferredDrivers) ref.preferredDrivers.set(k, d);
    ref.routes = snapshot.routes;
    ref.learned = snapshot.routes.length > 0 || snapshot.anchors.length > 0 ? 1 : 0;
    return ref;
  }

  /** The anchors of a date's trips (by trip key), each held within the continuity tolerance. */
  anchorsFor(trips: PlanTrip[]): Map<string, Anchor> {
    return new Map(
      trips.flatMap((t) => {
        const a = this.anchors.get(journeyOf(t));
        return a ? [[t.key, { ...a, toleranceS: this.toleranceS }] as [string, Anchor]] : [];
      }),
    );
  }

  /** Learns from a planned entry (the master week first): new journeys, drivers of new runs, warm-start routes. */
  learn(result: DayResult): void {
    for (const route of result.routes) {
      const key = `${route.vehicleId}|${partOfRoute(route)}`;
      if (route.driverId && !this.preferredDrivers.has(key)) this.preferredDrivers.set(key, route.driverId);
    }
    for (const [id, a] of anchorsFrom(result.routes, this.toleranceS, (r, dir, p) => journeyKey(p, r, dir)))
      if (!this.anchors.has(id)) this.anchors.set(id, a);
    this.routes = this.learned === 0 ? result.routes : mergeReference(this.routes, result.routes);
    this.learned++;
  }
}
