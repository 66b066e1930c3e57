/**
 * The windows of one leg of a chained request: from one service to the next (school → after-school
 * club, school → therapy). The passenger is handed over from staff to staff, so no adult needs to
 * be home: the pickup is from the end of the first activity until at most waitAfterActivityMaxMin
 * later (never after the first service closes); the arrival is within the second service's opening
 * hours, alighting over before its activity starts and not more than arriveBeforeActivityMaxMin
 * before it. If no pickup can reach the second service in time on the direct route, the chain
 * cannot connect (CHAIN_CANNOT_CONNECT) and says why with the times.
 */
import type { DayInterval, Weekday } from '../contract/domain.ts';
import { toHhMm as hm, toSeconds } from './time-of-day.ts';
import { DEFAULT_WINDOW_CONFIG, maxRideS, type TripResult, type WindowConfig } from './work-hours-to-windows.ts';

export interface LegInput {
  weekday: Weekday;
  from: { name: string; hours?: { open: DayInterval; activity: DayInterval } };
  to: { name: string; hours?: { open: DayInterval; activity: DayInterval } };
  directS: number;
  boardingS: number;
  alightingS: number;
}

const cannot = (message: string, fix: string): TripResult => ({
  feasible: false,
  reason: 'CHAIN_CANNOT_CONNECT',
  message,
  fix,
});

export function chainLegWindows(input: LegInput, config: WindowConfig = DEFAULT_WINDOW_CONFIG): TripResult {
  const { from, to, weekday, directS, boardingS: boardS, alightingS: alightS } = input;
  if (!from.hours || !to.hours) {
    const closed = !from.hours ? from.name : to.name;
    return cannot(
      `${closed} is closed on ${weekday}, so the chain ${from.name} → ${to.name} cannot run.`,
      `Take ${weekday} out of the request.`,
    );
  }
  const rideS = maxRideS(directS, config);
  const endA = toSeconds(from.hours.activity.to);
  const pickup = {
    fromS: endA,
    toS: Math.min(toSeconds(from.hours.open.to), endA + config.waitAfterActivityMaxMin * 60),
  };
  const startB = toSeconds(to.hours.activity.from);
  const delivery = {
    fromS: Math.max(toSeconds(to.hours.open.from), startB - config.arriveBeforeActivityMaxMin * 60),
    toS: Math.min(startB, toSeconds(to.hours.open.to)) - alightS,
  };
  const earliestArrival = pickup.fromS + boardS + directS;
  if (pickup.toS < pickup.fromS || delivery.toS < delivery.fromS || earliestArrival > delivery.toS) {
    return cannot(
      `On ${weekday} the activity at ${from.name} ends at ${hm(endA)} and the direct trip to ${to.name} takes ${hm(directS)}, so the passenger would arrive at ${hm(earliestArrival)} at the earliest; but the activity at ${to.name} starts at ${hm(startB)} (alighting ${Math.round(alightS / 60)} min before).`,
      `A later start at ${to.name}, or an earlier end at ${from.name}.`,
    );
  }
  const p = {
    fromS: Math.max(pickup.fromS, delivery.fromS - rideS - boardS),
    toS: Math.min(pickup.toS, delivery.toS - directS - boardS),
  };
  if (p.toS < p.fromS) {
    return cannot(
      `On ${weekday} the activity at ${from.name} ends at ${hm(endA)}, too long before ${to.name} can take the passenger (from ${hm(delivery.fromS)}) for the ride-time rule (at most ${hm(rideS)} aboard).`,
      `An earlier start at ${to.name}, or a later end at ${from.name}.`,
    );
  }
  const d = {
    fromS: Math.max(delivery.fromS, p.fromS + boardS + directS),
    toS: Math.min(delivery.toS, p.toS + boardS + rideS),
  };
  return { feasible: true, pickup: p, delivery: d, maxRideS: rideS, directS };
}
