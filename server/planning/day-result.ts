/**
 * The solver's result for one date back into the plan's language: routes of stops with ISO
 * Rome times, the trip's own window, who boards and alights; and unserved trips with the
 * constraint that blocked them in words a coordinator can act on.
 */
import type { PlanRoute, PlanStop } from '../contract/plan.ts';
import type { DarpSolution, UnservedReason } from '../../solver/index.ts';
import { toIsoRome } from '../domain/calendar.ts';
import type { DayInstance } from './day-instance.ts';
import type { PlanTrip } from './trip.ts';

export interface DayUnserved {
  trip: PlanTrip;
  reason: string;
  message: string;
}

export interface DayResult {
  date: string;
  routes: PlanRoute[];
  unserved: DayUnserved[];
  /** Seconds each driver works this day (sum of their runs). */
  driverSeconds: Map<string, number>;
}

const REASON_WORDS: Record<UnservedReason, string> = {
  TIME_WINDOW: 'no vehicle can be there within the time window',
  CAPACITY: 'no seat, wheelchair place or child seat is free at that time',
  RIDE_TIME: 'every way of fitting the trip makes the ride longer than its limit',
  ROUTE_DURATION: "it would make a run longer than its driver's hours",
  SHIFT: 'it falls outside the hours of every staffed vehicle',
  NO_COMPATIBLE_VEHICLE: 'no staffed vehicle has what the passenger needs (lift, seats, child seat)',
  LOCK: 'it is locked to a vehicle that cannot take it',
  NO_ROOM: 'the vehicles are full at that time',
};

export const describeTrip = (t: PlanTrip): string =>
  `${t.passenger.name} ${t.direction === 'outbound' ? 'to' : 'from'} ${t.direction === 'outbound' ? t.to.label : t.from.label} on ${t.date}`;

export function unservedMessage(trip: PlanTrip, reason: UnservedReason, detail: string): string {
  return `${describeTrip(trip)}: not served — ${REASON_WORDS[reason] ?? reason}${detail ? ` (${detail})` : ''}.`;
}

/** toIsoRome with the offset looked up once per date (the transport day never crosses a DST change). */
function isoOn(date: string): (s: number) => string {
  const noon = toIsoRome(date, 12 * 3600);
  const offset = noon.slice(19);
  const two = (n: number) => String(n).padStart(2, '0');
  return (s) => {
    const t = Math.round(s);
    if (t < 3 * 3600 || t >= 86_400) return toIsoRome(date, s);
    return `${date}T${two(Math.floor(t / 3600))}:${two(Math.floor((t % 3600) / 60))}:${two(t % 60)}${offset}`;
  };
}

const idPart = (s: string) => s.replace(/[^A-Za-z0-9_.:-]/g, '_');

export function toDayResult(day: DayInstance, solution: DarpSolution): DayResult {
  const { date, trips, runs } = day;
  const iso = isoOn(date);
  const routes: PlanRoute[] = [];
  const driverSeconds = new Map<string, number>();
  for (const r of solution.routes) {
    if (r.visits.length === 0) continue;
    const run = runs[r.vehicleIdx];
    const stops: PlanStop[] = r.visits.map((v) => {
      const trip = trips[v.requestIdx];
      const pickup = v.kind === 'pickup';
      const place = pickup ? trip.from : trip.to;
      const win = pickup ? trip.pickup : trip.delivery;
      const who = {
        passengerId: trip.passenger.id,
        requestId: trip.requestId,
        name: trip.passenger.name,
        mobility: trip.passenger.mobility,
        needsEscort: trip.passenger.needsEscort,
        direction: trip.direction,
      };
      return {
        id: idPart(`${date}.${trip.requestId}.${trip.direction[0]}.${pickup ? 'p' : 'd'}`),
        kind: v.kind,
        requestId: trip.requestId,
        label: place.label,
        lat: place.lat,
        lon: place.lon,
        arrival: iso(v.arrivalS),
        start: iso(v.startS),
        departure: iso(v.departureS),
        window: { from: iso(win.earliestS), to: iso(win.latestS) },
        boards: pickup ? [who] : [],
        alights: pickup ? [] : [who],
        locked: false,
      };
    });
    routes.push({
      id: idPart(`${date}.${run.vehicle.id}.${run.part}`),
      vehicleId: run.vehicle.id,
      driverId: run.driverId,
      departure: iso(r.departureS),
      return: iso(r.returnS),
      distanceM: Math.round(r.distanceM),
      durationS: Math.round(r.durationS),
      stops,
    });
    driverSeconds.set(run.driverId, (driverSeconds.get(run.driverId) ?? 0) + (r.returnS - r.departureS));
  }
  routes.sort((a, b) => a.departure.localeCompare(b.departure) || a.vehicleId.localeCompare(b.vehicleId));
  // The solver names requests by their opaque id (date|request|direction): name the passenger instead.
  const byKey = new Map(trips.map((t) => [t.key, t]));
  const readable = (text: string) =>
    text.replace(/request (\d{4}-\d{2}-\d{2}\|[^|\s]+\|(?:outbound|return))/g, (whole, key: string) => {
      const t = byKey.get(key);
      return t ? `${t.passenger.name}'s ${t.direction} trip` : whole;
    });
  const unserved = solution.unserved.map((u) => ({
    trip: trips[u.requestIdx],
    reason: u.reason,
    message: unservedMessage(trips[u.requestIdx], u.reason, readable(u.message)),
  }));
  return { date, routes, unserved, driverSeconds };
}
