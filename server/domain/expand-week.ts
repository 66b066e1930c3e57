/**
 * From standing requests to the concrete trips of one ISO week: for each date Monday–Sunday,
 * every request valid that date (validFrom–validTo) on one of its weekdays becomes an outbound
 * and/or return trip with its windows (server/windows). A date in the request's exceptions or
 * the service's closures cancels the trip (listed, not planned). A trip whose windows cannot
 * hold is listed as unserved with its reason, message and fix — never silently dropped.
 * This is what the planner (server/planning/) turns into solver instances, one per date.
 */
import type { Direction, Mobility, Place, Scenario, StandingRequest, Weekday } from '../contract/domain.ts';
import type { Window } from '../windows/work-hours-to-windows.ts';
import { isoWeekDates, weekdayOf } from './calendar.ts';
import { domainContext, type DirectTime, type DomainContext } from './domain-context.ts';
import { requestWindows } from './request-windows.ts';
import type { WindowConfig } from '../windows/work-hours-to-windows.ts';
import { type ClosedWhy, serviceDay } from '../calendar/service-day.ts';

export type { Direction };

export interface ExpandedTrip {
  /** `${requestId}:${date}:${direction}` — stable across re-expansions. */
  id: string;
  requestId: string;
  passengerId: string;
  householdId: string;
  serviceId: string;
  date: string;
  weekday: Weekday;
  direction: Direction;
  /** Home → service (outbound) or service → home (return). */
  from: Place;
  to: Place;
  /** Windows for the start of boarding / alighting, seconds from midnight (Europe/Rome). */
  pickup: Window;
  delivery: Window;
  maxRideS: number;
  directS: number;
  boardingS: number;
  alightingS: number;
  /** Places taken aboard: an escort takes a seat; a wheelchair user takes a wheelchair place. */
  load: { seats: number; wheelchairs: number };
  /** Vehicle features the trip needs: 'lift' for a wheelchair, 'child_seat' for a child seat. */
  requires: Array<'lift' | 'child_seat'>;
  passengerName: string;
  mobility: Mobility;
  needsEscort: boolean;
  /** The windows include a promise made to the family (booked slot). */
  promised: boolean;
}

export interface UnservableTrip {
  requestId: string;
  passengerId: string;
  date: string;
  direction: Direction;
  reason: string;
  message: string;
  fix: string;
}

export interface CancelledTrip {
  requestId: string;
  passengerId: string;
  date: string;
  direction: Direction;
  /** Why the trip is not there: an absence, a closure or a calendar (server/calendar/service-day.ts). */
  why: 'absence' | ClosedWhy;
  /** The holiday, break or closure by name, e.g. "Festa della Repubblica". */
  note?: string;
}

export interface ExpandedWeek {
  week: string;
  dates: string[];
  trips: ExpandedTrip[];
  unservable: UnservableTrip[];
  cancelled: CancelledTrip[];
}

export type WeekEntities = Pick<Scenario, 'services' | 'households' | 'passengers' | 'requests'>;

const directions = (r: { outbound: boolean; return: boolean }): Direction[] =>
  [r.outbound ? 'outbound' : null, r.return ? 'return' : null].filter((d): d is Direction => d !== null);

function expandDate(entities: WeekEntities, date: string, context: DomainContext, out: ExpandedWeek): void {
  const weekday = weekdayOf(date);
  for (const request of entities.requests) {
    if (date < request.validFrom || date > request.validTo || !request.weekdays.includes(weekday)) continue;
    expandRequestOn(request, date, context, out);
  }
}

/** One request's trips on one date (cancelled, unservable or with windows), added to `out`; the caller decides whether it travels that date. */
export function expandRequestOn(
  request: StandingRequest,
  date: string,
  context: DomainContext,
  out: ExpandedWeek,
): void {
  const weekday = weekdayOf(date);
  if (request.status === 'cancelled') return;
  const base = { requestId: request.id, passengerId: request.passengerId, date };
  const closed = [request.serviceId, ...(request.chain ?? []).map((c) => c.serviceId)]
    .map((id) => context.services.get(id))
    .map((s) => (s ? serviceDay(s, date) : null))
    .find((d) => d && !d.open);
  const why: Pick<CancelledTrip, 'why' | 'note'> | null = request.exceptions.includes(date)
    ? { why: 'absence' }
    : closed && !closed.open
      ? { why: closed.why, note: closed.note }
      : null;
  if (why) {
    for (const direction of directions(request)) out.cancelled.push({ ...base, direction, ...why });
    return;
  }
  const day = requestWindows(request, weekday, context, date);
  if ('missing' in day) {
    const what = day.missing.map((m) => `${m.field} "${m.id}"`).join(', ');
    for (const direction of directions(request)) {
      out.unservable.push({
        ...base,
        direction,
        reason: 'UNKNOWN_REFERENCE',
        message: `Request ${request.id} refers to an unknown ${what}.`,
        fix: 'Correct the request or add the missing entity.',
      });
    }
    return;
  }
  const { passenger, household, home } = day;
  // a chained request: each leg service → service is its own trip (request id "<id>.leg<n>", outbound)
  const legs = day.legs.map((leg) => ({
    requestId: `${request.id}.leg${leg.index}`,
    direction: 'outbound' as const,
    result: leg.result,
    from: leg.from.place,
    to: leg.to.place,
    serviceId: leg.to.id,
  }));
  const ends = directions(request).map((direction) => ({
    requestId: request.id,
    direction,
    result: day.windows[direction]!,
    from: direction === 'outbound' ? home : day.lastService.place,
    to: direction === 'outbound' ? day.service.place : home,
    serviceId: direction === 'outbound' ? day.service.id : day.lastService.id,
  }));
  const ordered = [
    ...ends.filter((e) => e.direction === 'outbound'),
    ...legs,
    ...ends.filter((e) => e.direction === 'return'),
  ];
  for (const { requestId, direction, result, from, to, serviceId } of ordered) {
    const tripBase = { ...base, requestId };
    if (!result.feasible) {
      out.unservable.push({ ...tripBase, direction, reason: result.reason, message: result.message, fix: result.fix });
      continue;
    }
    const wheelchair = passenger.mobility === 'wheelchair';
    out.trips.push({
      id: `${requestId}:${date}:${direction}`,
      ...tripBase,
      householdId: household.id,
      serviceId,
      weekday,
      direction,
      from,
      to,
      pickup: result.pickup,
      delivery: result.delivery,
      maxRideS: result.maxRideS,
      directS: result.directS,
      boardingS: passenger.boardingMin * 60,
      alightingS: passenger.alightingMin * 60,
      load: { seats: (wheelchair ? 0 : 1) + (passenger.needsEscort ? 1 : 0), wheelchairs: wheelchair ? 1 : 0 },
      requires: wheelchair ? ['lift'] : passenger.mobility === 'child_seat' ? ['child_seat'] : [],
      passengerName: passenger.name,
      mobility: passenger.mobility,
      needsEscort: passenger.needsEscort,
      promised:
        requestId === request.id &&
        Boolean(request.promised?.[weekday]?.[direction === 'outbound' ? 'pickup' : 'dropoff']),
    });
  }
}

/** The concrete trips of `isoWeek` ("2026-W49"), date by date, request by request (outbound first). */
export function expandWeek(
  entities: WeekEntities,
  isoWeek: string,
  options: { directS?: DirectTime; windowConfig?: WindowConfig } = {},
): ExpandedWeek {
  const dates = isoWeekDates(isoWeek);
  const context = domainContext(entities, options);
  const out: ExpandedWeek = { week: isoWeek, dates, trips: [], unservable: [], cancelled: [] };
  for (const date of dates) expandDate(entities, date, context, out);
  return out;
}
