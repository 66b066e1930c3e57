/**
 * The key figures of a week's plan, computed from the plan itself so that a solved plan, an
 * edited one and a re-planned one are measured alike: vehicles, km, hours on the road, ride
 * times, stops within their window, households whose work hours are respected, continuity.
 */
import type { Plan } from '../contract/plan.ts';
import { continuityReport } from './continuity.ts';
import { journeyKey } from '../contract/trip-key.ts';

type Summary = Plan['summary'];

const round1 = (x: number) => Math.round(x * 10) / 10;
const t = (iso: string) => Date.parse(iso) / 1000;

/**
 * `householdOf` maps a passenger to their household. A household is respected when every trip
 * of theirs that week is served and starts inside its window (the windows come from the adult's
 * work hours).
 */
export function summarisePlan(
  plan: Pick<Plan, 'days' | 'unserved'>,
  householdOf: (passengerId: string) => string | undefined,
): Summary {
  let km = 0;
  let hours = 0;
  let vehicles = 0;
  let stops = 0;
  let within = 0;
  const rides: number[] = [];
  const households = new Map<string, boolean>();
  const mark = (passengerId: string, ok: boolean) => {
    const h = householdOf(passengerId) ?? `passenger:${passengerId}`;
    households.set(h, (households.get(h) ?? true) && ok);
  };
  for (const day of plan.days) {
    const used = new Set<string>();
    for (const route of day.routes) {
      if (route.stops.length === 0) continue;
      used.add(route.vehicleId);
      km += route.distanceM / 1000;
      hours += route.durationS / 3600;
      const boarded = new Map<string, number>();
      for (const stop of route.stops) {
        stops++;
        const ok = t(stop.start) >= t(stop.window.from) - 1 && t(stop.start) <= t(stop.window.to) + 1;
        if (ok) within++;
        for (const p of [...stop.boards, ...stop.alights]) mark(p.passengerId, ok);
        for (const p of stop.alights) {
          const from = boarded.get(journeyKey(p.passengerId, p.requestId, p.direction));
          if (from !== undefined) rides.push((t(stop.start) - from) / 60);
        }
        for (const p of stop.boards)
          boarded.set(journeyKey(p.passengerId, p.requestId, p.direction), t(stop.departure));
      }
    }
    vehicles = Math.max(vehicles, used.size);
  }
  for (const u of plan.unserved) mark(u.passengerId, false);
  const continuity = continuityReport(plan as Plan);
  return {
    vehicles,
    km: round1(km),
    drivingHours: round1(hours),
    meanRideMin: round1(rides.length ? rides.reduce((a, b) => a + b, 0) / rides.length : 0),
    maxRideMin: round1(rides.length ? Math.max(...rides) : 0),
    stopsWithinWindowPct: stops ? round1((100 * within) / stops) : 100,
    householdsRespectedPct: households.size
      ? round1((100 * [...households.values()].filter(Boolean).length) / households.size)
      : 100,
    tripsServed: rides.length,
    tripsUnserved: plan.unserved.length,
    continuity: {
      sameVehiclePct: continuity.sameVehiclePct,
      pickupSpreadWithin10MinPct: continuity.pickupSpreadWithin10MinPct,
    },
  };
}
