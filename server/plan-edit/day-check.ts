/**
 * Re-derives the solver instance of one date of a stored plan — places from the stops and the
 * vehicles' depots, windows and service times from the stops, loads from the passengers on
 * board, ride limits from the direct time (the same rule the planner uses) — so that an edited
 * plan is scheduled and checked by the solver's own `evaluateRoute`. Used by validation and
 * to recompute the times of routes a move touched.
 */
import type { Passenger, Vehicle } from '../contract/domain.ts';
import type { Plan, PlanRoute, PlanStop, Violation } from '../contract/plan.ts';
import { placeKey } from '../contract/place-key.ts';
import { fromIsoRome, toIsoRome, weekdayOf } from '../domain/calendar.ts';
import { darpInstance } from '../planning/day-instance.ts';
import { loadOf } from '../planning/trip.ts';
import { PLANNING_WEIGHTS } from '../planning/objective.ts';
import type { RoutingProvider } from '../routing/provider.ts';
import {
  evaluateRoute,
  type DarpInstance,
  type RequestSpec,
  type RouteViolation,
  type VehicleSpec,
  type VisitRef,
} from '../../solver/index.ts';
import { maxRideS } from '../windows/work-hours-to-windows.ts';

export interface DayCheck {
  date: string;
  instance: DarpInstance;
  /** Per route of the day (same order as the plan's routes): its vehicle index and visits. */
  routes: Array<{ route: PlanRoute; vehicleIdx: number; visits: VisitRef[] }>;
}

const secondsOf = (iso: string): number => fromIsoRome(iso).secondsOfDay;
const directionOf = (stop: PlanStop): string =>
  (stop.kind === 'pickup' ? stop.boards[0] : stop.alights[0])?.direction ?? 'outbound';
/** A request on one date is one trip per direction. */
const tripOf = (stop: PlanStop): string => `${stop.requestId} (${directionOf(stop)})`;

function hhmmToS(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return h * 3600 + m * 60;
}

export async function buildDayCheck(
  plan: Plan,
  date: string,
  vehicles: Map<string, Vehicle>,
  routing: RoutingProvider,
): Promise<DayCheck> {
  const day = plan.days.find((d) => d.date === date);
  if (!day) return { date, instance: emptyInstance(date), routes: [] };
  const weekday = weekdayOf(date);
  const places: Array<{ lat: number; lon: number }> = [];
  const placeIdx = new Map<string, number>();
  const loc = (p: { lat: number; lon: number }): number => {
    const key = placeKey(p);
    let i = placeIdx.get(key);
    if (i === undefined) {
      i = places.length;
      places.push(p);
      placeIdx.set(key, i);
    }
    return i;
  };
  const depots = day.routes.map((r) => {
    const v = vehicles.get(r.vehicleId);
    return loc(v ? v.depot : (r.stops[0] ?? { lat: 0, lon: 0 }));
  });
  for (const r of day.routes) for (const s of r.stops) loc(s);
  const m = await routing.matrix(places.map((p) => ({ lat: p.lat, lon: p.lon })));
  const size = places.length;
  const durationS = new Float64Array(size * size);
  const distanceM = new Float64Array(size * size);
  for (let i = 0; i < size; i++)
    for (let j = 0; j < size; j++) {
      durationS[i * size + j] = m.durationsS[i][j];
      distanceM[i * size + j] = m.distancesM[i][j];
    }

  const requests: RequestSpec[] = [];
  const requestIdx = new Map<string, number>();
  const pending = new Map<string, Partial<Pick<RequestSpec, 'pickup' | 'delivery' | 'load' | 'requires'>>>();
  for (const r of day.routes)
    for (const s of r.stops) {
      const trip = tripOf(s);
      const spec = pending.get(trip) ?? {};
      const end = {
        loc: loc(s),
        earliestS: secondsOf(s.window.from),
        latestS: secondsOf(s.window.to),
        serviceS: Math.max(0, secondsOf(s.departure) - secondsOf(s.start)),
      };
      if (s.kind === 'pickup') {
        spec.pickup = end;
        spec.load = s.boards.reduce((acc, p) => loadOf(p as unknown as Passenger).map((x, k) => x + acc[k]), [0, 0, 0]);
        spec.requires = s.boards.some((p) => p.mobility === 'wheelchair') ? ['lift'] : [];
      } else spec.delivery = end;
      pending.set(trip, spec);
    }
  for (const [trip, spec] of pending) {
    const pickup = spec.pickup ?? spec.delivery!;
    const delivery = spec.delivery ?? spec.pickup!;
    requestIdx.set(trip, requests.length);
    requests.push({
      id: trip,
      pickup,
      delivery,
      load: spec.load ?? [0, 0, 0],
      maxRideS: maxRideS(durationS[pickup.loc * size + delivery.loc]),
      requires: spec.requires ?? [],
    });
  }
  const vehicleSpecs: VehicleSpec[] = day.routes.map((r, k) => {
    const v = vehicles.get(r.vehicleId);
    const hours = v?.hours[weekday];
    // A vehicle's hours bound its shift; without them, the route's own times do.
    const shift = hours
      ? { from: hhmmToS(hours.from), to: hhmmToS(hours.to) }
      : { from: secondsOf(r.departure), to: secondsOf(r.return) };
    return {
      id: r.id,
      capacity: v ? [v.capacity.seats, v.capacity.wheelchairs, v.features.childSeats] : [99, 99, 99],
      features: v?.features.lift ? ['lift'] : [],
      startLoc: depots[k],
      endLoc: depots[k],
      shiftStartS: shift.from,
      shiftEndS: shift.to,
      maxDurationS: shift.to - shift.from,
      fixedCost: 0,
      costPerS: (v?.costPerHour ?? 20) / 3600,
      costPerM: (v?.costPerKm ?? 0.5) / 1000,
    };
  });
  const instance = darpInstance(
    `${plan.id} v${plan.version} ${date}`,
    { size, durationS, distanceM },
    requests,
    vehicleSpecs,
    PLANNING_WEIGHTS,
  );
  return {
    date,
    instance,
    routes: day.routes.map((route, vehicleIdx) => ({
      route,
      vehicleIdx,
      visits: route.stops.map((s) => ({ requestIdx: requestIdx.get(tripOf(s))!, kind: s.kind })),
    })),
  };
}

function emptyInstance(date: string): DarpInstance {
  const none = { size: 0, durationS: new Float64Array(0), distanceM: new Float64Array(0) };
  return darpInstance(date, none, [], [], PLANNING_WEIGHTS);
}

const CODES: Record<RouteViolation['code'], Violation['code']> = {
  TIME_WINDOW: 'TIME_WINDOW',
  CAPACITY: 'CAPACITY',
  RIDE_TIME: 'RIDE_TIME',
  ROUTE_DURATION: 'ROUTE_DURATION',
  SHIFT: 'SHIFT',
  NO_COMPATIBLE_VEHICLE: 'LIFT_REQUIRED',
  LOCK: 'PRECEDENCE',
  NO_ROOM: 'CAPACITY',
  PRECEDENCE: 'PRECEDENCE',
};

/** Every rule each route of the day breaks, as the API reports it; [] when the day is valid. */
export function dayViolations(check: DayCheck): Violation[] {
  const out: Violation[] = [];
  for (const { route, vehicleIdx, visits } of check.routes) {
    if (route.driverId === null)
      out.push({ date: check.date, routeId: route.id, code: 'DRIVER', message: `route ${route.id} has no driver` });
    const ev = evaluateRoute(check.instance, vehicleIdx, visits);
    for (const v of ev.violations) {
      const stop =
        v.requestIdx === undefined ? undefined : route.stops.find((_, k) => visits[k].requestIdx === v.requestIdx);
      const who = stop ? [...stop.boards, ...stop.alights].map((p) => p.name).join(', ') : '';
      out.push({
        date: check.date,
        routeId: route.id,
        ...(stop ? { stopId: stop.id } : {}),
        code: CODES[v.code],
        message: who ? `${who}: ${v.message}` : v.message,
      });
    }
  }
  return out;
}

/** The route with its times, distance and duration recomputed from the solver's schedule of its order. */
export function retimedRoute(check: DayCheck, routeIndex: number): PlanRoute {
  const { route, vehicleIdx, visits } = check.routes[routeIndex];
  const planned = evaluateRoute(check.instance, vehicleIdx, visits).route;
  const at = (s: number) => toIsoRome(check.date, Math.round(s));
  return {
    ...route,
    departure: at(planned.departureS),
    return: at(planned.returnS),
    distanceM: Math.round(planned.distanceM),
    durationS: Math.round(planned.durationS),
    stops: route.stops.map((stop, k) => {
      const v = planned.visits[k];
      return v ? { ...stop, arrival: at(v.arrivalS), start: at(v.startS), departure: at(v.departureS) } : stop;
    }),
  };
}
