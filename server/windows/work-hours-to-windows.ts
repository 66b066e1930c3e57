/**
 * From work hours to time windows: where "fit the trips around the family's day" becomes
 * numbers the solver can use.
 *
 * For one passenger, one service and one weekday this module turns
 *   - the household's work hours that day (when the responsible adult leaves home and is back;
 *     absent = somebody is home all day, e.g. an elderly person living with a retired spouse),
 *   - the service's opening hours and activity hours that day,
 *   - the direct travel time home ↔ service,
 *   - the windows promised to the family when a slot was booked (hard),
 * into, for the outbound trip (home → service) and the return trip (service → home):
 * a pickup window, a delivery window (for the *start* of boarding/alighting, seconds from
 * midnight) and the maximum ride time — or an infeasibility with a reason code, a plain
 * message and what would fix it. An infeasible trip is reported, never dropped.
 *
 * The rules (defaults in DEFAULT_WINDOW_CONFIG, also in docs/foundation.md):
 *  1. Ride time: maxRide = max(rideFactor × direct, direct + rideExtraMin), measured like the
 *     solver: from the end of boarding to the start of alighting.
 *  2. Outbound arrival at the service: within opening hours, alighting done before the activity
 *     starts, and not more than arriveBeforeActivityMaxMin before it.
 *  3. Outbound pickup: early enough to arrive in time on the direct route, late enough that the
 *     ride-time rule can still hold, never before earliestPickup.
 *  4. Return pickup at the service: from the end of the activity until at most
 *     waitAfterActivityMaxMin later, and not after closing.
 *  5. Return drop-off: after the direct ride from the earliest pickup, within the ride-time rule
 *     from the latest pickup, never after latestDropoff.
 *  6. Nobody home: while the adult is away a vehicle neither collects nor brings back anyone.
 *     Boarding must be over handoverMarginMin before the adult leaves; alighting likewise; and
 *     after the adult's return, returnMarginMin must pass before a pickup or drop-off at home.
 *     So a child is never collected after the adult leaves for work and nobody is brought home
 *     before an adult is back. If the allowed window splits in two, the longer part is kept.
 *  7. Promised windows (StandingRequest.promised: `pickup` = outbound pickup at home, `dropoff` =
 *     return drop-off at home) are hard: the window is intersected with them; if nothing is left
 *     the promise no longer fits and is reported (PROMISE_CONFLICT).
 *  8. Finally the other end is tightened so both windows hold together with the ride rule.
 */
import { z } from 'zod';
import { TimeOfDaySchema, type DayInterval, type Weekday } from '../contract/domain.ts';
import { toHhMm, toSeconds } from './time-of-day.ts';

export const WindowConfigSchema = z.object({
  /** Boarding (or alighting) at home must be over this long before the adult leaves. */
  handoverMarginMin: z.number().min(0).max(120).default(10),
  /** After the adult is back home, wait this long before a drop-off (or pickup) at home. */
  returnMarginMin: z.number().min(0).max(120).default(10),
  /** No pickup at home before this time of day. */
  earliestPickup: TimeOfDaySchema.default('06:30'),
  /** No drop-off at home after this time of day. */
  latestDropoff: TimeOfDaySchema.default('20:00'),
  /** Arrive at the service at most this long before the activity starts (and not before it opens). */
  arriveBeforeActivityMaxMin: z.number().min(0).max(240).default(60),
  /** Collect at the service at most this long after the activity ends. */
  waitAfterActivityMaxMin: z.number().min(0).max(240).default(60),
  /** Ride-time rule: maxRide = max(rideFactor × direct, direct + rideExtraMin). */
  rideFactor: z.number().min(1).max(5).default(1.5),
  rideExtraMin: z.number().min(0).max(120).default(20),
});
export type WindowConfig = z.infer<typeof WindowConfigSchema>;
export const DEFAULT_WINDOW_CONFIG: WindowConfig = WindowConfigSchema.parse({});

export interface WindowInput {
  /** For messages only. */
  weekday: Weekday;
  service: { name: string; hours?: { open: DayInterval; activity: DayInterval } };
  /** The household's work hours that weekday; undefined = somebody is home all day. */
  work?: { leaves: string; back: string };
  /**
   * When nobody who may receive the passenger is home that date (server/schedules: the union of
   * the receiving adults, several intervals for split shifts, from 0 or to 86400 for night shifts).
   * When given, it is used instead of `work`.
   */
  away?: Array<{ fromS: number; toS: number }>;
  /** Where the handover happens, for messages ("home" unless another address). */
  handoverPlace?: string;
  directS: number;
  boardingS: number;
  alightingS: number;
  outbound: boolean;
  return: boolean;
  promised?: { pickup?: DayInterval; dropoff?: DayInterval };
}

export interface Window {
  fromS: number;
  toS: number;
}

export interface TripWindows {
  feasible: true;
  /** Window for the start of boarding at the pickup place. */
  pickup: Window;
  /** Window for the start of alighting at the delivery place. */
  delivery: Window;
  maxRideS: number;
  directS: number;
}

export type InfeasibleReason =
  | 'SERVICE_CLOSED'
  | 'SERVICE_HOURS'
  | 'ACTIVITY_TOO_EARLY'
  | 'ACTIVITY_TOO_LATE'
  | 'OUTBOUND_AFTER_ADULT_LEAVES'
  | 'RETURN_BEFORE_ADULT_BACK'
  | 'PROMISE_CONFLICT'
  | 'CHAIN_CANNOT_CONNECT';

export interface TripInfeasible {
  feasible: false;
  reason: InfeasibleReason;
  /** What cannot hold, in plain words with the times involved. */
  message: string;
  /** What would make it possible. */
  fix: string;
}

export type TripResult = TripWindows | TripInfeasible;

export interface WindowsResult {
  outbound?: TripResult;
  return?: TripResult;
}

const hm = toHhMm;
const win = (fromS: number, toS: number): Window => ({ fromS, toS });
const empty = (w: Window): boolean => w.toS < w.fromS;
const fail = (reason: InfeasibleReason, message: string, fix: string): TripInfeasible => ({
  feasible: false,
  reason,
  message,
  fix,
});

export function maxRideS(directS: number, config: WindowConfig = DEFAULT_WINDOW_CONFIG): number {
  return Math.round(Math.max(config.rideFactor * directS, directS + config.rideExtraMin * 60));
}

/** `w` without the open interval (lo, hi); the longer remaining part, or null if nothing is left. */
function avoid(w: Window, lo: number, hi: number): Window | null {
  const before = win(w.fromS, Math.min(w.toS, lo));
  const after = win(Math.max(w.fromS, hi), w.toS);
  const parts = [before, after].filter((p) => !empty(p));
  if (parts.length === 0) return null;
  return parts.reduce((a, b) => (b.toS - b.fromS > a.toS - a.fromS ? b : a));
}

/** `w` without every open interval of `blocked`; the longest remaining part, or null. */
function avoidAll(w: Window, blocked: Array<{ lo: number; hi: number }>): Window | null {
  let parts: Window[] = [w];
  for (const { lo, hi } of blocked) {
    parts = parts
      .flatMap((p) => [win(p.fromS, Math.min(p.toS, lo)), win(Math.max(p.fromS, hi), p.toS)])
      .filter((p) => !empty(p));
  }
  if (parts.length === 0) return null;
  return parts.reduce((a, b) => (b.toS - b.fromS > a.toS - a.fromS ? b : a));
}

const spans = (away: Array<{ fromS: number; toS: number }>): string =>
  away.map((a) => `${hm(a.fromS)}–${a.toS >= 86_400 ? '24:00' : hm(a.toS)}`).join(', ');

function intersect(w: Window, promise: DayInterval | undefined): Window {
  return promise ? win(Math.max(w.fromS, toSeconds(promise.from)), Math.min(w.toS, toSeconds(promise.to))) : w;
}

function outboundWindows(input: WindowInput, config: WindowConfig): TripResult {
  const { service, weekday, directS, boardingS: boardS, alightingS: alightS } = input;
  const hours = service.hours;
  if (!hours) return closed(service.name, weekday);
  const open = win(toSeconds(hours.open.from), toSeconds(hours.open.to));
  const activityFrom = toSeconds(hours.activity.from);
  const rideS = maxRideS(directS, config);

  const delivery = win(
    Math.max(open.fromS, activityFrom - config.arriveBeforeActivityMaxMin * 60),
    Math.min(activityFrom, open.toS) - alightS,
  );
  if (empty(delivery)) {
    return fail(
      'SERVICE_HOURS',
      `On ${weekday} ${service.name} opens at ${hm(open.fromS)} but the activity starts at ${hm(activityFrom)}: there is no time to arrive and get off (${hm(alightS)} needed).`,
      'Correct the service hours (opening before the activity starts).',
    );
  }
  const earliestS = toSeconds(config.earliestPickup);
  let pickup = win(Math.max(delivery.fromS - rideS - boardS, earliestS), delivery.toS - directS - boardS);
  if (empty(pickup)) {
    return fail(
      'ACTIVITY_TOO_EARLY',
      `On ${weekday} the activity at ${service.name} starts at ${hm(activityFrom)} and the direct trip takes ${hm(directS)}, so the pickup would have to be by ${hm(delivery.toS - directS - boardS)}, before the earliest pickup of the day (${config.earliestPickup}).`,
      'A later start at the service, or a service closer to home.',
    );
  }
  if (input.work) {
    const leavesS = toSeconds(input.work.leaves);
    const backS = toSeconds(input.work.back);
    const allowed = avoid(
      pickup,
      leavesS - config.handoverMarginMin * 60 - boardS,
      backS + config.returnMarginMin * 60,
    );
    if (!allowed) {
      return fail(
        'OUTBOUND_AFTER_ADULT_LEAVES',
        `On ${weekday} the adult leaves for work at ${input.work.leaves} and is back at ${input.work.back}, so the passenger must be aboard by ${hm(leavesS - config.handoverMarginMin * 60)}; but to reach ${service.name} (open from ${hm(open.fromS)}, activity from ${hm(activityFrom)}) the pickup must be between ${hm(pickup.fromS)} and ${hm(pickup.toS)}.`,
        `Another adult who can hand the passenger over on ${weekday}, a service that opens earlier, or a later start at work.`,
      );
    }
    pickup = allowed;
  } else if (input.away && input.away.length > 0) {
    const blocked = input.away.map((a) => ({
      lo: a.fromS - config.handoverMarginMin * 60 - boardS,
      hi: a.toS + config.returnMarginMin * 60,
    }));
    const allowed = avoidAll(pickup, blocked);
    if (!allowed) {
      return fail(
        'OUTBOUND_AFTER_ADULT_LEAVES',
        `On ${weekday} nobody who may hand the passenger over is at ${input.handoverPlace ?? 'home'} during ${spans(input.away)}; but to reach ${service.name} (open from ${hm(open.fromS)}, activity from ${hm(activityFrom)}) the pickup must be between ${hm(pickup.fromS)} and ${hm(pickup.toS)}.`,
        `Another adult who can hand the passenger over on ${weekday}, a service that opens earlier, or a change of shift.`,
      );
    }
    pickup = allowed;
  }
  const promise = input.promised?.pickup;
  const promised = intersect(pickup, promise);
  if (empty(promised)) return promiseConflict('pickup', promise!, pickup, weekday);
  pickup = promised;
  const tightened = win(
    Math.max(delivery.fromS, pickup.fromS + boardS + directS),
    Math.min(delivery.toS, pickup.toS + boardS + rideS),
  );
  return { feasible: true, pickup, delivery: tightened, maxRideS: rideS, directS };
}

function returnWindows(input: WindowInput, config: WindowConfig): TripResult {
  const { service, weekday, directS, boardingS: boardS, alightingS: alightS } = input;
  const hours = service.hours;
  if (!hours) return closed(service.name, weekday);
  const closeS = toSeconds(hours.open.to);
  const activityTo = toSeconds(hours.activity.to);
  const rideS = maxRideS(directS, config);

  const pickup = win(activityTo, Math.min(closeS, activityTo + config.waitAfterActivityMaxMin * 60));
  if (empty(pickup)) {
    return fail(
      'SERVICE_HOURS',
      `On ${weekday} ${service.name} closes at ${hm(closeS)} but the activity ends at ${hm(activityTo)}.`,
      'Correct the service hours (closing after the activity ends).',
    );
  }
  const latestS = toSeconds(config.latestDropoff);
  let dropoff = win(pickup.fromS + boardS + directS, Math.min(pickup.toS + boardS + rideS, latestS));
  if (empty(dropoff)) {
    return fail(
      'ACTIVITY_TOO_LATE',
      `On ${weekday} the activity at ${service.name} ends at ${hm(activityTo)} and the direct trip takes ${hm(directS)}, so the passenger would be home at ${hm(pickup.fromS + boardS + directS)} at the earliest, after the latest drop-off of the day (${config.latestDropoff}).`,
      'An earlier end at the service, or a service closer to home.',
    );
  }
  if (input.work) {
    const leavesS = toSeconds(input.work.leaves);
    const backS = toSeconds(input.work.back);
    const homeFromS = backS + config.returnMarginMin * 60;
    const allowed = avoid(dropoff, leavesS - config.handoverMarginMin * 60 - alightS, homeFromS);
    if (!allowed) {
      return fail(
        'RETURN_BEFORE_ADULT_BACK',
        `On ${weekday} the activity at ${service.name} ends at ${hm(activityTo)} and the passenger can wait there until ${hm(pickup.toS)} at the latest, so they would be home between ${hm(dropoff.fromS)} and ${hm(dropoff.toS)}; but nobody is home before ${hm(homeFromS)} (the adult is back at ${input.work.back}, plus ${config.returnMarginMin} min).`,
        `A later service (or one that keeps the passenger longer), another adult who can receive the passenger on ${weekday}, or another drop-off address.`,
      );
    }
    dropoff = allowed;
  } else if (input.away && input.away.length > 0) {
    const blocked = input.away.map((a) => ({
      lo: a.fromS - config.handoverMarginMin * 60 - alightS,
      hi: a.toS + config.returnMarginMin * 60,
    }));
    const allowed = avoidAll(dropoff, blocked);
    if (!allowed) {
      return fail(
        'RETURN_BEFORE_ADULT_BACK',
        `On ${weekday} the activity at ${service.name} ends at ${hm(activityTo)} and the passenger can wait there until ${hm(pickup.toS)} at the latest, so they would be back between ${hm(dropoff.fromS)} and ${hm(dropoff.toS)}; but nobody who may receive them is at ${input.handoverPlace ?? 'home'} during ${spans(input.away)} (plus ${config.returnMarginMin} min after the first is back).`,
        `A later service (or one that keeps the passenger longer), another adult who can receive the passenger on ${weekday}, or another drop-off address.`,
      );
    }
    dropoff = allowed;
  }
  const promise = input.promised?.dropoff;
  const promised = intersect(dropoff, promise);
  if (empty(promised)) return promiseConflict('drop-off', promise!, dropoff, weekday);
  dropoff = promised;
  const tightened = win(
    Math.max(pickup.fromS, dropoff.fromS - rideS - boardS),
    Math.min(pickup.toS, dropoff.toS - directS - boardS),
  );
  return { feasible: true, pickup: tightened, delivery: dropoff, maxRideS: rideS, directS };
}

function closed(name: string, weekday: Weekday): TripInfeasible {
  return fail(
    'SERVICE_CLOSED',
    `${name} is closed on ${weekday}.`,
    `Take ${weekday} out of the request, or choose a service that is open that day.`,
  );
}

function promiseConflict(what: string, promise: DayInterval, possible: Window, weekday: Weekday): TripInfeasible {
  return fail(
    'PROMISE_CONFLICT',
    `On ${weekday} the ${what} promised for ${promise.from}–${promise.to} no longer fits: it can now only be between ${hm(possible.fromS)} and ${hm(possible.toS)}.`,
    'Offer the family a new slot (release the promise and book again).',
  );
}

/** The windows of the outbound and/or return trip of one passenger to one service on one weekday. */
export function workHoursToWindows(input: WindowInput, config: WindowConfig = DEFAULT_WINDOW_CONFIG): WindowsResult {
  if (!Number.isFinite(input.directS) || input.directS < 0)
    throw new RangeError(`directS: expected a non-negative number of seconds, got ${input.directS}`);
  return {
    ...(input.outbound ? { outbound: outboundWindows(input, config) } : {}),
    ...(input.return ? { return: returnWindows(input, config) } : {}),
  };
}
