/**
 * An independent checker for a weekly Plan, written apart from the planner and the solver:
 * it reads only the Plan's own stops and times plus the fleet, drivers and passengers, and
 * re-derives loads, lift needs, precedence, ride times, shifts and driver hours from them.
 * Tests run every planned day through it, so a bug in the solver's fast evaluation or in the
 * planner's conversion cannot hide behind the same code that produced the plan.
 */
import type { Plan, PlanRoute, Violation } from '../../server/contract/plan.ts';
import type { Driver, Passenger, Vehicle } from '../../server/contract/domain.ts';
import type { Escort } from '../../server/contract/safeguarding.ts';
import { journeyKey, tripKey } from '../../server/contract/trip-key.ts';

export interface PlanCheckContext {
  vehicles: Vehicle[];
  drivers: Driver[];
  passengers: Passenger[];
  /** Max ride seconds per trip, keyed by tripKey (server/contract/trip-key.ts); missing = unchecked. */
  maxRideS?: Map<string, number>;
  /** Tolerance for rounding to whole seconds in the plan. */
  toleranceS?: number;
  /**
   * Escorts planned onto runs (a route's `escortId`): who must travel with one aboard, and the
   * escorts' shifts. Then no such passenger rides a route without an escort, an escort takes a
   * seat, rides within their shift and is on one route at a time.
   */
  escorts?: { list: Escort[]; needsEscortAboard: (p: Passenger, date: string) => boolean };
}

const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
const t = (iso: string) => Date.parse(iso) / 1000;
/** Epoch seconds of "HH:MM" local time on `date`, using the offset written in a plan time of that date. */
function localTime(date: string, hhmm: string, sampleIso: string): number {
  const off = /([+-]\d{2}:\d{2}|Z)$/.exec(sampleIso)?.[1] ?? 'Z';
  return Date.parse(`${date}T${hhmm}:00${off}`) / 1000;
}

function checkRoute(date: string, route: PlanRoute, ctx: PlanCheckContext, out: Violation[]): void {
  const tol = ctx.toleranceS ?? 1;
  const v = (code: Violation['code'], message: string, stopId?: string) =>
    out.push({ date, routeId: route.id, code, message, ...(stopId ? { stopId } : {}) });
  const vehicle = ctx.vehicles.find((x) => x.id === route.vehicleId);
  if (!vehicle) return void v('SHIFT', `unknown vehicle ${route.vehicleId}`);
  const passengers = new Map(ctx.passengers.map((p) => [p.id, p]));
  const weekday = WEEKDAYS[new Date(`${date}T12:00:00Z`).getUTCDay()];
  const hours = vehicle.hours[weekday];
  if (!hours) v('SHIFT', `${vehicle.id} does not run on ${weekday}`);
  else {
    if (t(route.departure) < localTime(date, hours.from, route.departure) - tol)
      v('SHIFT', `${vehicle.id} leaves at ${route.departure}, before its hours ${hours.from}`);
    if (t(route.return) > localTime(date, hours.to, route.return) + tol)
      v('SHIFT', `${vehicle.id} is back at ${route.return}, after its hours ${hours.to}`);
  }
  const escortAboard = ctx.escorts !== undefined && route.escortId != null;
  if (escortAboard && route.stops.length > 0) {
    const escort = ctx.escorts!.list.find((e) => e.id === route.escortId);
    const shift = escort?.shifts[weekday];
    if (!escort) v('ESCORT', `unknown escort ${route.escortId}`);
    else if (!shift) v('ESCORT', `${escort.id} has no shift on ${weekday}`);
    else if (
      t(route.departure) < localTime(date, shift.from, route.departure) - tol ||
      t(route.return) > localTime(date, shift.to, route.return) + tol
    )
      v('ESCORT', `${escort.id} works ${shift.from}–${shift.to}; the route runs ${route.departure}–${route.return}`);
  }
  // An escort aboard takes a seat.
  const seats = vehicle.capacity.seats - (escortAboard ? 1 : 0);
  const load = { seats: 0, wheelchairs: 0, childSeats: 0 };
  const aboard = new Map<string, number>(); // passenger|request|direction → pickup departure
  let clock = t(route.departure);
  for (const stop of route.stops) {
    const [arr, start, dep] = [t(stop.arrival), t(stop.start), t(stop.departure)];
    if (arr < clock - tol)
      v(
        'PRECEDENCE',
        `stop ${stop.id} reached at ${stop.arrival}, before the vehicle left the previous place`,
        stop.id,
      );
    if (start < arr - tol || dep < start - tol) v('TIME_WINDOW', `stop ${stop.id} times out of order`, stop.id);
    if (start < t(stop.window.from) - tol || start > t(stop.window.to) + tol)
      v(
        'TIME_WINDOW',
        `stop ${stop.id} starts at ${stop.start}, outside ${stop.window.from}–${stop.window.to}`,
        stop.id,
      );
    clock = dep;
    for (const p of stop.alights) {
      const key = journeyKey(p.passengerId, p.requestId, p.direction);
      const boarded = aboard.get(key);
      if (boarded === undefined) {
        v('PRECEDENCE', `${p.passengerId} alights at ${stop.id} without having boarded`, stop.id);
        continue;
      }
      aboard.delete(key);
      const limit = ctx.maxRideS?.get(tripKey(date, p.requestId, p.direction));
      if (limit !== undefined && start - boarded > limit + tol)
        v(
          'RIDE_TIME',
          `${p.passengerId} rides ${Math.round((start - boarded) / 60)} min, limit ${Math.round(limit / 60)} min`,
          stop.id,
        );
      const pass = passengers.get(p.passengerId);
      if (pass) {
        load.seats -= (pass.mobility === 'wheelchair' ? 0 : 1) + (pass.needsEscort ? 1 : 0);
        load.wheelchairs -= pass.mobility === 'wheelchair' ? 1 : 0;
        load.childSeats -= pass.mobility === 'child_seat' ? 1 : 0;
      }
    }
    for (const p of stop.boards) {
      aboard.set(journeyKey(p.passengerId, p.requestId, p.direction), dep);
      const pass = passengers.get(p.passengerId);
      if (!pass) {
        v('CAPACITY', `unknown passenger ${p.passengerId}`, stop.id);
        continue;
      }
      if (ctx.escorts && !escortAboard && ctx.escorts.needsEscortAboard(pass, date))
        v('ESCORT', `${pass.id} travels only with an escort aboard; ${route.id} has none`, stop.id);
      if (pass.mobility === 'wheelchair' && !vehicle.features.lift)
        v('LIFT_REQUIRED', `${pass.id} uses a wheelchair; ${vehicle.id} has no lift`, stop.id);
      load.seats += (pass.mobility === 'wheelchair' ? 0 : 1) + (pass.needsEscort ? 1 : 0);
      load.wheelchairs += pass.mobility === 'wheelchair' ? 1 : 0;
      load.childSeats += pass.mobility === 'child_seat' ? 1 : 0;
    }
    if (load.seats > seats)
      v(
        'CAPACITY',
        `${load.seats} seats taken after ${stop.id}, ${vehicle.id} has ${seats}${escortAboard ? ' besides the escort' : ''}`,
        stop.id,
      );
    if (load.wheelchairs > vehicle.capacity.wheelchairs)
      v(
        'CAPACITY',
        `${load.wheelchairs} wheelchair places taken after ${stop.id}, ${vehicle.id} has ${vehicle.capacity.wheelchairs}`,
        stop.id,
      );
    if (load.childSeats > vehicle.features.childSeats)
      v(
        'CAPACITY',
        `${load.childSeats} child seats taken after ${stop.id}, ${vehicle.id} has ${vehicle.features.childSeats}`,
        stop.id,
      );
  }
  if (aboard.size > 0) v('PRECEDENCE', `passengers still aboard at the end: ${[...aboard.keys()].join(', ')}`);
  if (t(route.return) < clock - tol) v('PRECEDENCE', `route returns at ${route.return}, before its last stop ends`);
}

/** Runs of one vehicle, or of one driver, must not overlap in time on a day. */
function checkOverlaps(
  date: string,
  routes: PlanRoute[],
  keyOf: (r: PlanRoute) => string | null,
  what: string,
  out: Violation[],
): void {
  const groups = new Map<string, PlanRoute[]>();
  for (const r of routes) {
    const k = keyOf(r);
    if (k !== null && r.stops.length > 0) groups.set(k, [...(groups.get(k) ?? []), r]);
  }
  for (const [k, rs] of groups) {
    rs.sort((a, b) => t(a.departure) - t(b.departure));
    for (let i = 1; i < rs.length; i++)
      if (t(rs[i].departure) < t(rs[i - 1].return) - 1)
        out.push({
          date,
          routeId: rs[i].id,
          code: what === 'vehicle' ? 'SHIFT' : what === 'escort' ? 'ESCORT' : 'DRIVER',
          message: `${what} ${k} is on ${rs[i - 1].id} and ${rs[i].id} at the same time`,
        });
  }
}

/** Every violation of the plan; an empty list means every day is feasible. */
export function checkPlan(plan: Plan, ctx: PlanCheckContext): Violation[] {
  const out: Violation[] = [];
  const driverHours = new Map<string, number>();
  for (const day of plan.days) {
    const weekday = WEEKDAYS[new Date(`${day.date}T12:00:00Z`).getUTCDay()];
    const dayHours = new Map<string, number>();
    checkOverlaps(day.date, day.routes, (r) => r.vehicleId, 'vehicle', out);
    checkOverlaps(day.date, day.routes, (r) => r.driverId, 'driver', out);
    if (ctx.escorts) checkOverlaps(day.date, day.routes, (r) => r.escortId ?? null, 'escort', out);
    for (const route of day.routes) {
      checkRoute(day.date, route, ctx, out);
      if (route.stops.length === 0) continue;
      const d = (message: string) => out.push({ date: day.date, routeId: route.id, code: 'DRIVER', message });
      if (route.driverId === null) {
        d(`${route.vehicleId} has no driver on ${day.date}`);
        continue;
      }
      const driver = ctx.drivers.find((x) => x.id === route.driverId);
      if (!driver) {
        d(`unknown driver ${route.driverId}`);
        continue;
      }
      if (driver.vehicleIds.length > 0 && !driver.vehicleIds.includes(route.vehicleId))
        d(`${driver.id} may not drive ${route.vehicleId}`);
      const avail = driver.availability[weekday];
      if (!avail) d(`${driver.id} is not available on ${weekday}`);
      else if (
        t(route.departure) < localTime(day.date, avail.from, route.departure) - 1 ||
        t(route.return) > localTime(day.date, avail.to, route.return) + 1
      )
        d(`${driver.id} is available ${avail.from}–${avail.to}; the route runs ${route.departure}–${route.return}`);
      const hours = (t(route.return) - t(route.departure)) / 3600;
      dayHours.set(driver.id, (dayHours.get(driver.id) ?? 0) + hours);
      driverHours.set(driver.id, (driverHours.get(driver.id) ?? 0) + hours);
    }
    for (const [id, hours] of dayHours) {
      const driver = ctx.drivers.find((x) => x.id === id)!;
      if (hours > driver.maxHoursPerDay + 1e-3)
        out.push({
          date: day.date,
          routeId: 'day',
          code: 'DRIVER',
          message: `${id} drives ${hours.toFixed(2)} h, max ${driver.maxHoursPerDay} h a day`,
        });
    }
  }
  for (const [id, hours] of driverHours) {
    const driver = ctx.drivers.find((x) => x.id === id)!;
    if (hours > driver.maxHoursPerWeek + 1e-3)
      out.push({
        date: plan.days[plan.days.length - 1]?.date ?? '1970-01-01',
        routeId: 'week',
        code: 'DRIVER',
        message: `${id} drives ${hours.toFixed(2)} h in the week, max ${driver.maxHoursPerWeek} h`,
      });
  }
  return out;
}
