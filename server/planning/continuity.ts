/**
 * Continuity of a week's plan, per passenger and overall: does each passenger ride the same
 * vehicle (and driver) every day, and is their pickup at about the same time of day?
 * Children and disabled adults need this; it is measured from the Plan alone so that any plan —
 * solved, edited by hand, or re-planned — can be scored the same way.
 */
import type { Plan } from '../contract/plan.ts';
import type { Direction } from '../contract/domain.ts';
import { journeyKey } from '../contract/trip-key.ts';

/** Pickup times of one passenger may spread over at most this many minutes to count as stable. */
export const PICKUP_SPREAD_LIMIT_MIN = 10;

export interface PassengerContinuity {
  passengerId: string;
  /** Most dates on which one of the passenger's standing requests is served (in one direction). */
  days: number;
  /** One vehicle per request and direction across all their days. */
  sameVehicle: boolean;
  /** One driver per request and direction across all their days (unassigned drivers count as different). */
  sameDriver: boolean;
  /** Largest spread (max − min) of the pickup time of day over the days, per request and direction, in minutes. */
  pickupSpreadMin: number;
  /**
   * False when the windows of one of their journeys share no time across the days (a service
   * with other hours on Fridays): no plan can give them one pickup time, so the spread is not
   * held against the plan.
   */
  oneTimePossible: boolean;
  /** 0..1: a third each for same vehicle, same driver, spread within the limit. */
  score: number;
}

export interface ContinuityReport {
  passengers: PassengerContinuity[];
  /** Among passengers travelling on several days: share keeping one vehicle, in %. */
  sameVehiclePct: number;
  sameDriverPct: number;
  /** Among those whose windows allow one pickup time all week: share with a spread within the limit, in %. */
  pickupSpreadWithin10MinPct: number;
  /** Among the same: share with the same vehicle AND a spread within the limit, in %. */
  stablePct: number;
  /** Passengers counted: those with a standing request served on two or more days. */
  multiDayPassengers: number;
  /** Of those, the ones whose windows allow one pickup time all week. */
  oneTimePassengers: number;
}

interface Ride {
  date: string;
  requestId: string;
  direction: Direction;
  vehicleId: string;
  driverId: string | null;
  pickupMinOfDay: number;
  /** The pickup's window that day, minutes of the day. */
  windowMin: [number, number];
}

/** Minutes since local midnight of an ISO time, read from its own clock digits (Rome time). */
export function minuteOfDay(iso: string): number {
  const m = /T(\d{2}):(\d{2})(?::(\d{2}))?/.exec(iso);
  if (!m) throw new Error(`not an ISO date-time: ${iso}`);
  return Number(m[1]) * 60 + Number(m[2]) + Number(m[3] ?? 0) / 60;
}

/** Every served trip's pickup, per passenger, read from the plan's stops. */
export function ridesByPassenger(plan: Plan): Map<string, Ride[]> {
  const out = new Map<string, Ride[]>();
  for (const day of plan.days) {
    for (const route of day.routes) {
      for (const stop of route.stops) {
        if (stop.kind !== 'pickup') continue;
        for (const p of stop.boards) {
          const list = out.get(p.passengerId) ?? [];
          list.push({
            date: day.date,
            requestId: p.requestId,
            direction: p.direction,
            vehicleId: route.vehicleId,
            driverId: route.driverId,
            pickupMinOfDay: minuteOfDay(stop.start),
            windowMin: [minuteOfDay(stop.window.from), minuteOfDay(stop.window.to)],
          });
          out.set(p.passengerId, list);
        }
      }
    }
  }
  return out;
}

function scorePassenger(passengerId: string, rides: Ride[]): PassengerContinuity {
  let days = 0;
  let sameVehicle = true;
  let sameDriver = true;
  let spread = 0;
  let oneTimePossible = true;
  // A passenger going to a day centre on Mondays and to therapy on Fridays has two journeys:
  // continuity is asked of each standing request and direction across its days.
  const journeys = new Map<string, Ride[]>();
  for (const r of rides)
    journeys.set(journeyKey(passengerId, r.requestId, r.direction), [
      ...(journeys.get(journeyKey(passengerId, r.requestId, r.direction)) ?? []),
      r,
    ]);
  for (const mine of journeys.values()) {
    if (new Set(mine.map((r) => r.vehicleId)).size > 1) sameVehicle = false;
    if (new Set(mine.map((r) => r.driverId ?? `none:${r.date}`)).size > 1) sameDriver = false;
    days = Math.max(days, new Set(mine.map((r) => r.date)).size);
    if (Math.min(...mine.map((r) => r.windowMin[1])) < Math.max(...mine.map((r) => r.windowMin[0])))
      oneTimePossible = false;
    const times = mine.map((r) => r.pickupMinOfDay);
    spread = Math.max(spread, Math.max(...times) - Math.min(...times));
  }
  const pickupSpreadMin = Math.round(spread * 10) / 10;
  const score = (Number(sameVehicle) + Number(sameDriver) + Number(pickupSpreadMin <= PICKUP_SPREAD_LIMIT_MIN)) / 3;
  return {
    passengerId,
    days,
    sameVehicle,
    sameDriver,
    pickupSpreadMin,
    oneTimePossible,
    score: Math.round(score * 1000) / 1000,
  };
}

const pct = (n: number, d: number): number => (d === 0 ? 100 : Math.round((1000 * n) / d) / 10);

/**
 * Scores every passenger of the plan; the percentages count only passengers whose same journey
 * repeats on 2+ days, and the time-based ones only those whose windows allow one time all week.
 */
export function continuityReport(plan: Plan): ContinuityReport {
  const passengers = [...ridesByPassenger(plan)].map(([id, rides]) => scorePassenger(id, rides));
  passengers.sort((a, b) => a.passengerId.localeCompare(b.passengerId));
  const multi = passengers.filter((p) => p.days >= 2);
  const timed = multi.filter((p) => p.oneTimePossible);
  const within = (p: PassengerContinuity) => p.pickupSpreadMin <= PICKUP_SPREAD_LIMIT_MIN;
  return {
    passengers,
    sameVehiclePct: pct(multi.filter((p) => p.sameVehicle).length, multi.length),
    sameDriverPct: pct(multi.filter((p) => p.sameDriver).length, multi.length),
    pickupSpreadWithin10MinPct: pct(timed.filter(within).length, timed.length),
    stablePct: pct(timed.filter((p) => p.sameVehicle && within(p)).length, timed.length),
    multiDayPassengers: multi.length,
    oneTimePassengers: timed.length,
  };
}
