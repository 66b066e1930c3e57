/**
 * What a slot query needs to know about the week, rebuilt from the published plan and the
 * current data: the week's places and travel matrix, and per date the trips still travelling,
 * the staffed runs, and the published routes as fixed visit orders. Absences and cancellations
 * are already out of the trips, so their seats are free; every other trip keeps its windows
 * (promised ones included) and may move at most ±SLOT_SHIFT_MIN from its published pickup.
 * Built once per plan version and reused by every query.
 */
import type { Plan } from '../contract/plan.ts';
import { fromIsoRome, isoWeekDates, weekdayOf } from '../domain/calendar.ts';
import type { RoutingProvider } from '../routing/provider.ts';
import type { VisitRef } from '../../solver/index.ts';
import { buildDayInstance, runKey, type DayInstance } from '../planning/day-instance.ts';
import { chooseSplit } from '../planning/day-split.ts';
import { PLANNING_WEIGHTS } from '../planning/objective.ts';
import { matrixOf, PlaceIndex, type PlacePoint, type WeekMatrix, weekPlaces } from '../planning/places.ts';
import type { PlanningData } from '../planning/plan-week.ts';
import { hoursLeftS, partOfRoute, staffRuns, type Run } from '../planning/runs.ts';
import type { Anchor, PlanTrip } from '../planning/trip.ts';
import { expandTrips, lookupOf, type Lookup } from '../planning/week-trips.ts';
import { tripKey } from '../contract/trip-key.ts';

/** How far a slot may move someone else's published pickup, in minutes. */
export const SLOT_SHIFT_MIN = 10;

export interface SlotDayBase {
  date: string;
  trips: PlanTrip[];
  runs: Run[];
  /** Published routes of the date, as runs and trip keys in order. */
  routes: Array<{ run: string; keys: Array<{ key: string; kind: 'pickup' | 'delivery' }> }>;
  anchors: Map<string, Anchor>;
}

export interface SlotContext {
  plan: Plan;
  data: PlanningData;
  lookup: Lookup;
  routing: RoutingProvider;
  places: PlaceIndex;
  matrix: WeekMatrix;
  days: Map<string, SlotDayBase>;
}

const secs = (iso: string) => fromIsoRome(iso).secondsOfDay;

/**
 * New homes asked about beyond the week's own places that a context keeps: past this the extra
 * places are dropped (the week's stay), so a stream of queries with made-up homes cannot grow
 * the place list and its travel matrix without bound.
 */
export const MAX_EXTRA_PLACES = 64;
const basePlaces = new WeakMap<SlotContext, number>();

/** Adds places (a new home) to the context, re-asking the matrix only when one is new. */
export async function ensurePlaces(ctx: SlotContext, more: PlacePoint[]): Promise<void> {
  if (!basePlaces.has(ctx)) basePlaces.set(ctx, ctx.places.places.length);
  const base = basePlaces.get(ctx)!;
  if (ctx.places.places.length + more.length > base + MAX_EXTRA_PLACES) {
    const kept = new PlaceIndex();
    for (const p of ctx.places.places.slice(0, base)) kept.add(p);
    ctx.places = kept;
  }
  const before = ctx.places.places.length;
  for (const p of more) ctx.places.add(p);
  if (ctx.places.places.length > before) ctx.matrix = await matrixOf(ctx.routing, ctx.places);
}

export async function buildSlotContext(plan: Plan, data: PlanningData, routing: RoutingProvider): Promise<SlotContext> {
  const lookup = lookupOf(data);
  const { places, matrix } = await weekPlaces(data, lookup, routing);
  const between = (a: PlacePoint, b: PlacePoint) => matrix.durationsS[places.indexOf(a)][places.indexOf(b)];
  const { trips } = expandTrips(data, plan.week, between);
  const days = new Map<string, SlotDayBase>();
  for (const date of isoWeekDates(plan.week)) {
    const dayTrips = trips.filter((t) => t.date === date);
    const planned = plan.days.find((d) => d.date === date)?.routes.filter((r) => r.stops.length > 0) ?? [];
    const other = plan.days.filter((d) => d.date !== date).flatMap((d) => d.routes);
    const weekHours = new Map<string, number>();
    for (const r of other)
      if (r.driverId) weekHours.set(r.driverId, (weekHours.get(r.driverId) ?? 0) + r.durationS / 3600);
    const amEnd = Math.max(0, ...planned.filter((r) => partOfRoute(r) === 'am').map((r) => secs(r.return)));
    const pmStart = Math.min(86_399, ...planned.filter((r) => partOfRoute(r) === 'pm').map((r) => secs(r.departure)));
    const split = Math.min(
      Math.max(
        chooseSplit(dayTrips, (t) => between(t.from, t.to)),
        amEnd,
      ),
      pmStart,
    );
    const preferred = new Map(
      planned.filter((r) => r.driverId).map((r) => [runKey(r.vehicleId, partOfRoute(r)), r.driverId!]),
    );
    const morningS = new Map<string, number>();
    for (const r of planned)
      if (r.driverId && partOfRoute(r) === 'am')
        morningS.set(r.driverId, (morningS.get(r.driverId) ?? 0) + secs(r.return) - secs(r.departure));
    const drivers = new Map(data.drivers.map((d) => [d.id, d]));
    const runs = staffRuns(weekdayOf(date), split, data.vehicles, data.drivers, { weekHours }, preferred).map((r) =>
      r.part === 'pm'
        ? {
            ...r,
            maxDurationS: Math.min(
              r.maxDurationS,
              hoursLeftS(drivers.get(r.driverId)!, { weekHours }, morningS.get(r.driverId) ?? 0),
            ),
          }
        : r,
    );
    const present = new Set(dayTrips.map((t) => t.key));
    const anchors = new Map<string, Anchor>();
    const routes: SlotDayBase['routes'] = planned.map((route) => {
      const keys: SlotDayBase['routes'][number]['keys'] = [];
      for (const stop of route.stops) {
        for (const p of stop.kind === 'pickup' ? stop.boards : stop.alights) {
          const key = tripKey(date, p.requestId, p.direction);
          if (!present.has(key)) continue; // absent or cancelled: the seat is free
          keys.push({ key, kind: stop.kind });
          if (stop.kind === 'pickup')
            anchors.set(key, {
              vehicleId: route.vehicleId,
              part: partOfRoute(route),
              pickupS: secs(stop.start),
              toleranceS: SLOT_SHIFT_MIN * 60,
            });
        }
      }
      return { run: runKey(route.vehicleId, partOfRoute(route)), keys };
    });
    days.set(date, { date, trips: dayTrips, runs, routes, anchors });
  }
  return { plan, data, lookup, routing, places, matrix, days };
}

/**
 * The date's instance with `extra` trips appended (their request indices follow the base trips)
 * and the trips keyed in `without` left out (a passenger re-booking their own request).
 */
export function slotDay(
  ctx: SlotContext,
  base: SlotDayBase,
  extra: PlanTrip[],
  without: Set<string> = new Set(),
): { day: DayInstance; routes: Array<{ vehicleIdx: number; visits: VisitRef[] }> } {
  const keys = new Set([...extra.map((t) => t.key), ...without]);
  const trips = [...base.trips.filter((t) => !keys.has(t.key)), ...extra];
  const day = buildDayInstance({
    date: base.date,
    trips,
    runs: base.runs,
    places: ctx.places,
    matrix: ctx.matrix,
    weights: PLANNING_WEIGHTS,
    anchors: base.anchors,
    band: new Set(base.anchors.keys()),
  });
  const reqIdx = new Map(trips.map((t, i) => [t.key, i]));
  const runIdx = new Map(base.runs.map((r, i) => [runKey(r.vehicle.id, r.part), i]));
  const routes: Array<{ vehicleIdx: number; visits: VisitRef[] }> = [];
  for (const r of base.routes) {
    const vehicleIdx = runIdx.get(r.run);
    if (vehicleIdx === undefined) continue;
    const visits = r.keys
      .filter((k) => !keys.has(k.key))
      .map((k) => ({ requestIdx: reqIdx.get(k.key)!, kind: k.kind }));
    routes.push({ vehicleIdx, visits });
  }
  for (let v = 0; v < base.runs.length; v++)
    if (!routes.some((r) => r.vehicleIdx === v)) routes.push({ vehicleIdx: v, visits: [] });
  return { day, routes };
}
