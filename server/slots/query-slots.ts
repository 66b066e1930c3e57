/**
 * Slot offering: for a passenger, a service, weekdays and the adult's work hours, the pickup
 * windows that fit into the published plan on each weekday — found by inserting the trip into
 * the existing routes (solver insertionOptions), so no window promised to anyone else breaks
 * and nobody else's pickup moves more than SLOT_SHIFT_MIN — ranked by added cost. When nothing
 * fits, the answer says why in plain words and offers the nearest times that would fit.
 */
import {
  DIRECTIONS,
  type Direction,
  type Household,
  type Passenger,
  type StandingRequest,
  type Weekday,
  WEEKDAYS,
} from '../contract/domain.ts';
import { notFound } from '../errors/app-error.ts';
import { isoWeekDates } from '../domain/calendar.ts';
import { insertionOptions } from '../../solver/index.ts';
import type { InsertionOption, VisitRef } from '../../solver/index.ts';
import { toHhMm, toSeconds } from '../windows/time-of-day.ts';
import type { PlacePoint } from '../planning/places.ts';
import type { PlanTrip } from '../planning/trip.ts';
import { homeOf, servicePlace, tripsOfRequest, type Lookup } from '../planning/week-trips.ts';
import { explainBlocked } from './explain.ts';
import { ensurePlaces, slotDay, type SlotContext, type SlotDayBase } from './slot-context.ts';
import type { ParsedSlotQuery, SlotAnswer, SlotDayAnswer, SlotOption, SlotTripAnswer } from './slot-schemas.ts';

/** Half-width of a promised window around the planned time, in seconds (a 10-minute window). */
export const PROMISE_HALF_S = 5 * 60;
const MAX_OPTIONS = 3;
const NAMES: Record<Weekday, string> = {
  mon: 'Mon',
  tue: 'Tue',
  wed: 'Wed',
  thu: 'Thu',
  fri: 'Fri',
  sat: 'Sat',
  sun: 'Sun',
};

export const SLOT_REQUEST_ID = 'slot-query';

/** Inserted trips of one day, for booking: the chosen option per direction and the routes after it. */
export interface DayInsertion {
  date: string;
  /** The trips appended to the day's instance, in order (the inserted ones and their relaxed twins). */
  extra: PlanTrip[];
  /** The inserted trips. */
  placed: PlanTrip[];
  routes: Array<{ vehicleIdx: number; visits: VisitRef[] }>;
  base: SlotDayBase;
  without: Set<string>;
}

export interface SlotRun {
  answer: SlotAnswer;
  request: StandingRequest;
  passenger: Passenger;
  /** Per date: what booking the chosen options would insert (filled by `choose`). */
  insertions: Map<string, DayInsertion>;
}

function resolvePassenger(ctx: SlotContext, q: ParsedSlotQuery): { passenger: Passenger; household: Household } {
  if (q.passengerId) {
    const passenger = ctx.lookup.passengers.get(q.passengerId);
    if (!passenger) throw notFound('passenger', q.passengerId);
    const household = ctx.lookup.households.get(passenger.householdId);
    if (!household) throw notFound('household', passenger.householdId);
    return { passenger, household };
  }
  const np = q.passenger!;
  const existing = np.householdId ? ctx.lookup.households.get(np.householdId) : undefined;
  const householdId = existing?.id ?? 'slot-household';
  const passenger: Passenger = {
    id: 'slot-passenger',
    name: np.name,
    householdId,
    ageGroup: np.ageGroup,
    mobility: np.mobility,
    needsEscort: np.needsEscort,
    boardingMin: np.boardingMin,
    alightingMin: np.alightingMin,
    home: np.home,
    notesForDriver: '',
    synthetic: false,
  };
  const household: Household = existing ?? {
    id: householdId,
    name: np.name,
    home: np.home,
    adults: [{ name: 'adult', phone: '' }],
    workHours: {},
    synthetic: false,
  };
  return { passenger, household };
}

function workHoursOf(q: ParsedSlotQuery, household: Household): Household['workHours'] {
  if (!q.workHours) return household.workHours;
  if ('leaves' in q.workHours && typeof q.workHours.leaves === 'string') {
    const pair = q.workHours as { leaves: string; back: string };
    return Object.fromEntries(q.weekdays.map((d) => [d, pair]));
  }
  return { ...household.workHours, ...(q.workHours as Household['workHours']) };
}

const clampWindow = (centre: number, lo: number, hi: number) => ({
  from: toHhMm(Math.max(lo, centre - PROMISE_HALF_S)),
  to: toHhMm(Math.min(hi, centre + PROMISE_HALF_S)),
});

function toOption(ctx: SlotContext, base: SlotDayBase, trip: PlanTrip, o: InsertionOption): SlotOption {
  const run = base.runs[o.vehicleIdx];
  const promise =
    trip.direction === 'outbound'
      ? clampWindow(o.pickupStartS, trip.pickup.earliestS, trip.pickup.latestS)
      : clampWindow(o.deliveryStartS, trip.delivery.earliestS, trip.delivery.latestS);
  return {
    vehicleId: run.vehicle.id,
    vehicleLabel: run.vehicle.label,
    run: run.part,
    promise,
    pickupAt: toHhMm(o.pickupStartS),
    arriveAt: toHhMm(o.deliveryStartS),
    addedCost: Math.round(o.addedCost),
  };
}

/** The cheapest option per van run, best first. */
function distinctRuns(options: InsertionOption[]): InsertionOption[] {
  const seen = new Set<number>();
  return options.filter((o) => (seen.has(o.vehicleIdx) ? false : (seen.add(o.vehicleIdx), true)));
}

function withInserted(routes: DayInsertion['routes'], o: InsertionOption): DayInsertion['routes'] {
  return routes.map((r) =>
    r.vehicleIdx === o.vehicleIdx
      ? { vehicleIdx: r.vehicleIdx, visits: o.route.visits.map((v) => ({ requestIdx: v.requestIdx, kind: v.kind })) }
      : r,
  );
}

function dayLine(d: SlotDayAnswer): string {
  const parts: string[] = [];
  for (const a of [d.outbound, d.return]) {
    if (!a) continue;
    const o = a.options[0];
    if (!o) parts.push(`${a.direction === 'outbound' ? 'outbound' : 'return'}: no slot — ${a.message}`);
    else if (a.direction === 'outbound')
      parts.push(`collected ${o.promise.from}–${o.promise.to}, arrives ${o.arriveAt}`);
    else parts.push(`leaves the service at ${o.pickupAt}, home ${o.promise.from}–${o.promise.to}`);
  }
  return parts.join('; ');
}

/** "Mon–Fri, collected …" lines: consecutive weekdays with the same text are grouped. */
function groupLines(days: SlotDayAnswer[]): string[] {
  const lines: string[] = [];
  let i = 0;
  while (i < days.length) {
    let j = i;
    const text = dayLine(days[i]);
    while (
      j + 1 < days.length &&
      dayLine(days[j + 1]) === text &&
      WEEKDAYS.indexOf(days[j + 1].weekday) === WEEKDAYS.indexOf(days[j].weekday) + 1
    )
      j++;
    const label =
      j === i
        ? NAMES[days[i].weekday]
        : j === i + 1
          ? `${NAMES[days[i].weekday]}, ${NAMES[days[j].weekday]}`
          : `${NAMES[days[i].weekday]}–${NAMES[days[j].weekday]}`;
    lines.push(`${label}, ${text}`);
    i = j + 1;
  }
  return lines;
}

/**
 * Answers a slot query against the context's published plan. `choice` picks, per weekday and
 * direction, which option the booking would take (default the cheapest); the insertions for
 * those choices are returned for bookSlot.
 */
export async function runSlotQuery(
  ctx: SlotContext,
  q: ParsedSlotQuery,
  choice: Partial<Record<Weekday, { outbound?: number; return?: number }>> = {},
): Promise<SlotRun> {
  const service = ctx.lookup.services.get(q.serviceId);
  if (!service) throw notFound('service', q.serviceId);
  const { passenger, household } = resolvePassenger(ctx, q);
  const asked: Household = { ...household, workHours: workHoursOf(q, household) };
  // the relaxed twin has nobody's hours: neither the legacy pair nor per-adult schedules
  const relaxedHousehold: Household = { ...household, workHours: {}, schedules: undefined };
  // The query's request concerns this passenger and household only: a lookup of just them (with the asked or no work hours).
  const lookupWith = (h: Household): Lookup => ({
    passengers: new Map([[passenger.id, passenger]]),
    households: new Map([[h.id, h]]),
    services: ctx.lookup.services,
  });
  const askedLookup = lookupWith(asked);
  const relaxedLookup = lookupWith(relaxedHousehold);
  const home = homeOf(passenger, askedLookup.households);
  await ensurePlaces(ctx, [home, servicePlace(service)]);
  const between = (a: PlacePoint, b: PlacePoint) => ctx.matrix.durationsS[ctx.places.indexOf(a)][ctx.places.indexOf(b)];
  const request: StandingRequest = {
    id: SLOT_REQUEST_ID,
    passengerId: passenger.id,
    serviceId: service.id,
    weekdays: q.weekdays,
    validFrom: '1970-01-01',
    validTo: '9999-12-31',
    outbound: q.outbound,
    return: q.return,
    exceptions: [],
  };
  const dates = isoWeekDates(ctx.plan.week);
  const days: SlotDayAnswer[] = [];
  const insertions = new Map<string, DayInsertion>();
  const ownRequests = new Set(
    ctx.data.requests.filter((r) => r.passengerId === passenger.id && r.serviceId === service.id).map((r) => r.id),
  );

  for (const weekday of WEEKDAYS.filter((d) => q.weekdays.includes(d))) {
    const date = dates[WEEKDAYS.indexOf(weekday)];
    const base = ctx.days.get(date)!;
    const answer: SlotDayAnswer = { weekday, date };
    days.push(answer);
    if (service.closures.includes(date)) {
      for (const direction of DIRECTIONS.filter((d) => q[d]))
        answer[direction] = {
          direction,
          options: [],
          reason: 'SERVICE_CLOSED',
          message: `${service.name} is closed on ${date}.`,
          fix: 'Leave this date out.',
        };
      continue;
    }
    const wanted = tripsOfRequest(request, date, askedLookup, between);
    const relaxed = tripsOfRequest(request, date, relaxedLookup, between).trips.map((t) => ({
      ...t,
      key: `${t.key}|relaxed`,
    }));
    // Only the asked directions are re-placed: the passenger's other trips that day stay where they are.
    const without = new Set(
      base.trips
        .filter((t) => t.passenger.id === passenger.id && ownRequests.has(t.requestId) && q[t.direction])
        .map((t) => t.key),
    );
    // One instance per weekday holds the asked trips and their relaxed twins (no work-hour limit).
    const extra = [...wanted.trips, ...relaxed];
    const { day, routes: baseRoutes } = slotDay(ctx, base, extra, without);
    const idxOf = (t: PlanTrip) => day.trips.length - extra.length + extra.indexOf(t);
    let routes = baseRoutes;
    const placed: PlanTrip[] = [];
    const nearest = (direction: Direction, wantS: number): SlotTripAnswer['nearest'] => {
      const twin = relaxed.find((t) => t.direction === direction);
      if (!twin) return undefined;
      const res = insertionOptions(day.instance, routes, idxOf(twin));
      const at = (o: InsertionOption) => (direction === 'outbound' ? o.pickupStartS : o.deliveryStartS);
      const best = [...res.options].sort(
        (a, b) => Math.abs(at(a) - wantS) - Math.abs(at(b) - wantS) || a.addedCost - b.addedCost,
      )[0];
      if (!best) return undefined;
      const note =
        direction === 'outbound'
          ? `Fits if the passenger can be collected at ${toHhMm(best.pickupStartS)} (someone must be at home to hand them over then).`
          : `Fits if someone can receive the passenger at home at ${toHhMm(best.deliveryStartS)}.`;
      return {
        pickupAt: toHhMm(best.pickupStartS),
        arriveAt: toHhMm(best.deliveryStartS),
        vehicleId: base.runs[best.vehicleIdx].vehicle.id,
        note,
      };
    };
    for (const direction of DIRECTIONS.filter((d) => q[d])) {
      const trip = wanted.trips.find((t) => t.direction === direction);
      const work = asked.workHours[weekday];
      if (!trip) {
        // No trip and no recorded reason: the day has no service (closed, or outside the request's dates).
        const why = wanted.infeasible.find((x) => x.direction === direction) ?? {
          reason: 'NO_SERVICE_THAT_DAY',
          message: `no ${direction} trip on ${weekday}: the service is closed or nothing travels that day`,
          fix: 'choose another weekday',
        };
        const wantS = direction === 'outbound' ? (work ? toSeconds(work.leaves) : 0) : work ? toSeconds(work.back) : 0;
        answer[direction] = {
          direction,
          options: [],
          reason: why.reason,
          message: why.message,
          fix: why.fix,
          nearest: nearest(direction, wantS),
        };
        continue;
      }
      const res = insertionOptions(day.instance, routes, idxOf(trip));
      const options = distinctRuns(res.options).slice(0, MAX_OPTIONS);
      if (options.length === 0) {
        const wantS = direction === 'outbound' ? trip.pickup.latestS : trip.delivery.earliestS;
        answer[direction] = {
          direction,
          options: [],
          reason: res.reason ?? 'NO_ROOM',
          ...explainBlocked(res.reason, trip),
          nearest: nearest(direction, wantS),
        };
        continue;
      }
      answer[direction] = { direction, options: options.map((o) => toOption(ctx, base, trip, o)) };
      const chosen = options[Math.min(choice[weekday]?.[direction] ?? 0, options.length - 1)];
      routes = withInserted(routes, chosen);
      placed.push(trip);
    }
    if (placed.length) insertions.set(date, { date, extra, placed, routes, base, without });
  }
  const feasible = days.every((d) => [d.outbound, d.return].every((a) => !a || a.options.length > 0));
  return {
    answer: {
      planId: ctx.plan.id,
      planVersion: ctx.plan.version,
      week: ctx.plan.week,
      feasible,
      days,
      lines: groupLines(days),
    },
    request,
    passenger,
    insertions,
  };
}

/** The answer alone: what POST /api/slots/query returns. */
export async function querySlots(ctx: SlotContext, q: ParsedSlotQuery): Promise<SlotAnswer> {
  return (await runSlotQuery(ctx, q)).answer;
}
