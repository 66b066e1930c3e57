/**
 * The week's concrete trips as the planner needs them. The expansion itself — which dates a
 * standing request travels, its windows from the work-hour rules with one direct time per
 * direction — is server/domain's expandWeek; this module only runs it with the routing
 * provider's direct times and reshapes its trips. Trips whose windows cannot hold come back as
 * infeasible with the rule's reason and fix, so the plan reports them instead of dropping them.
 */
import type { Household, Passenger, Place, Service, StandingRequest } from '../contract/domain.ts';
import type { DomainContext } from '../domain/domain-context.ts';
import { expandRequestOn, expandWeek, type ExpandedTrip, type ExpandedWeek } from '../domain/expand-week.ts';
import { DEFAULT_WINDOW_CONFIG } from '../windows/work-hours-to-windows.ts';
import type { PlacePoint } from './planning-data.ts';
import type { PlanningData } from './planning-data.ts';
import type { InfeasibleTrip, PlanTrip } from './trip.ts';
import { tripKey } from '../contract/trip-key.ts';

export interface WeekTrips {
  trips: PlanTrip[];
  infeasible: InfeasibleTrip[];
}

/** Where a passenger is collected and brought back. */
export function homeOf(p: Passenger, households: Map<string, Household>): PlacePoint {
  const place = p.home ?? households.get(p.householdId)?.home;
  if (!place) throw new Error(`passenger ${p.id}: no home and no household ${p.householdId}`);
  return { lat: place.lat, lon: place.lon, label: place.label };
}

export const servicePlace = (s: Service): PlacePoint => ({ lat: s.place.lat, lon: s.place.lon, label: s.place.label });

export interface Lookup {
  passengers: Map<string, Passenger>;
  households: Map<string, Household>;
  services: Map<string, Service>;
}

export function lookupOf(data: PlanningData): Lookup {
  return {
    passengers: new Map(data.passengers.map((p) => [p.id, p])),
    households: new Map(data.households.map((h) => [h.id, h])),
    services: new Map(data.services.map((s) => [s.id, s])),
  };
}

/** The domain's context for the planner's lookup and direct-time function (server/domain is the one source of windows). */
function contextOf(lookup: Lookup, directS: (a: PlacePoint, b: PlacePoint) => number): DomainContext {
  return {
    services: lookup.services,
    households: lookup.households,
    passengers: lookup.passengers,
    vehicles: new Map(),
    directS,
    windowConfig: DEFAULT_WINDOW_CONFIG,
  };
}

/** The planner's trip from the domain's expanded trip. */
function planTrip(t: ExpandedTrip, passenger: Passenger): PlanTrip {
  const point = (p: Place): PlacePoint => ({ lat: p.lat, lon: p.lon, label: p.label });
  return {
    key: tripKey(t.date, t.requestId, t.direction),
    date: t.date,
    requestId: t.requestId,
    passenger,
    householdId: t.householdId,
    direction: t.direction,
    from: point(t.from),
    to: point(t.to),
    pickup: { earliestS: t.pickup.fromS, latestS: t.pickup.toS },
    delivery: { earliestS: t.delivery.fromS, latestS: t.delivery.toS },
    maxRideS: t.maxRideS,
  };
}

function fromExpanded(week: ExpandedWeek, lookup: Lookup): WeekTrips {
  return {
    trips: week.trips.map((t) => planTrip(t, lookup.passengers.get(t.passengerId)!)),
    infeasible: week.unservable.map((u) => {
      const passenger = lookup.passengers.get(u.passengerId);
      if (!passenger) throw new Error(`requests.${u.requestId}.passengerId: no passenger ${u.passengerId}`);
      return {
        date: u.date,
        requestId: u.requestId,
        passengerId: u.passengerId,
        householdId: passenger.householdId,
        direction: u.direction,
        reason: u.reason,
        message: u.message,
        fix: u.fix,
      };
    }),
  };
}

/** The trips of one request on one date (outbound and/or return), or why they cannot be — whether or not it travels that date. */
export function tripsOfRequest(
  r: StandingRequest,
  date: string,
  lookup: Lookup,
  directS: (a: PlacePoint, b: PlacePoint) => number,
): WeekTrips {
  const week: ExpandedWeek = { week: '', dates: [date], trips: [], unservable: [], cancelled: [] };
  expandRequestOn(r, date, contextOf(lookup, directS), week);
  return fromExpanded(week, lookup);
}

/** Every trip of the week's dates: the domain's expandWeek (server/domain/expand-week.ts) with the planner's direct times. */
export function expandTrips(
  data: PlanningData,
  week: string,
  directS: (a: PlacePoint, b: PlacePoint) => number,
): WeekTrips {
  const lookup = lookupOf(data);
  for (const r of data.requests)
    if (!lookup.services.has(r.serviceId)) throw new Error(`requests.${r.id}.serviceId: no service ${r.serviceId}`);
  return fromExpanded(expandWeek(data, week, { directS }), lookup);
}
