/**
 * Everything Action A's figures are computed from, loaded once per request: providers (and which
 * provider each vehicle belongs to), passengers, households, services, enrolments and voucher
 * grants. `measureTrip` and `priceTrip` turn one trip of a plan (or of a synthetic week) into
 * the figures the programme records: km, time aboard, vehicle time, cost, co-payment, grant,
 * conciliation minutes.
 */
import type { Direction, Household, Passenger, Service, StandingRequest, Weekday } from '../contract/domain.ts';
import type { Plan } from '../contract/plan.ts';
import type { Enrolment, Grant, Provider } from '../contract/programme.ts';
import type { Db } from '../db/db.ts';
import { fromIsoRome, weekdayOf } from '../domain/calendar.ts';
import { allEntities } from '../entities/store.ts';
import { listGrants } from '../vouchers/grants.ts';
import { tripCost } from '../vouchers/tariff.ts';
import { greatCircleM } from '../contract/great-circle.ts';
import { ESTIMATE } from '../windows/estimate-direct.ts';
import { conciliationMinutes } from './conciliation.ts';
import { allEnrolments } from './enrolments.ts';
import { hasDeclaredWorkHours } from './eligibility.ts';
import { journeyKey } from '../contract/trip-key.ts';

export type Category = 'child' | 'disabled_adult' | 'frail_elderly';
export const CATEGORY_OF: Record<Passenger['ageGroup'], Category> = {
  child: 'child',
  adult: 'disabled_adult',
  elderly: 'frail_elderly',
};

export interface ProgrammeData {
  providers: Provider[];
  providerOfVehicle: Map<string, Provider>;
  passengers: Map<string, Passenger>;
  households: Map<string, Household>;
  services: Map<string, Service>;
  requests: Map<string, StandingRequest>;
  enrolments: Map<string, Enrolment>;
  grants: Grant[];
}

export async function loadProgrammeData(db: Db): Promise<ProgrammeData> {
  const providers = await allEntities<Provider>(db, 'provider');
  const providerOfVehicle = new Map<string, Provider>();
  for (const p of providers) for (const v of p.vehicleIds) providerOfVehicle.set(v, p);
  return {
    providers,
    providerOfVehicle,
    passengers: new Map((await allEntities<Passenger>(db, 'passenger')).map((p) => [p.id, p])),
    households: new Map((await allEntities<Household>(db, 'household')).map((h) => [h.id, h])),
    services: new Map((await allEntities<Service>(db, 'service')).map((s) => [s.id, s])),
    requests: new Map((await allEntities<StandingRequest>(db, 'request')).map((r) => [r.id, r])),
    enrolments: await allEnrolments(db),
    grants: await listGrants(db),
  };
}

/** One trip as the programme counts it, planned or with its outcome. */
export interface ProgrammeTrip {
  date: string;
  requestId: string;
  direction: Direction;
  passengerId: string;
  householdId: string;
  istatCode: string | null;
  category: Category;
  vehicleId: string | null;
  providerId: string | null;
  kmM: number;
  vehicleS: number;
  costCents: number;
  coPaymentCents: number;
  grantId: string | null;
  fundingLine: string | null;
  conciliationMin: number;
}

export interface TripShape {
  date: string;
  requestId: string;
  direction: Direction;
  passengerId: string;
  from: { lat: number; lon: number };
  to: { lat: number; lon: number };
  rideS: number;
  vehicleId: string | null;
  /** The trip's share of its run's duration (run duration ÷ trips on the run). */
  vehicleS: number;
}

export function grantOn(data: ProgrammeData, householdId: string, date: string): Grant | undefined {
  return data.grants.find((g) => g.householdId === householdId && g.validFrom <= date && date <= g.validTo);
}

/** Prices a trip at its vehicle's provider and counts its conciliation minutes. */
export function priceTrip(data: ProgrammeData, t: TripShape): ProgrammeTrip {
  const passenger = data.passengers.get(t.passengerId);
  const householdId = passenger?.householdId ?? '';
  const household = data.households.get(householdId);
  const provider = t.vehicleId ? data.providerOfVehicle.get(t.vehicleId) : undefined;
  const kmM = Math.round(greatCircleM(t.from, t.to) * ESTIMATE.detourFactor);
  const cost = provider
    ? tripCost(provider.tariff, { kmM, rideS: t.rideS }, data.enrolments.get(householdId)?.coPaymentBand)
    : { costCents: 0, coPaymentCents: 0, voucherCents: 0 };
  const grant = grantOn(data, householdId, t.date);
  const home = t.direction === 'outbound' ? t.from : t.to;
  const service = t.direction === 'outbound' ? t.to : t.from;
  const weekday: Weekday = weekdayOf(t.date);
  const works = household ? worksOn(household, weekday) : false;
  return {
    date: t.date,
    requestId: t.requestId,
    direction: t.direction,
    passengerId: t.passengerId,
    householdId,
    istatCode: (passenger?.home?.istatCode ?? household?.home.istatCode) || null,
    category: CATEGORY_OF[passenger?.ageGroup ?? 'child'],
    vehicleId: t.vehicleId,
    providerId: provider?.id ?? null,
    kmM,
    vehicleS: Math.round(t.vehicleS),
    costCents: cost.costCents,
    coPaymentCents: cost.coPaymentCents,
    grantId: grant?.id ?? null,
    fundingLine: grant?.fundingLine ?? null,
    conciliationMin: conciliationMinutes(home, service, works),
  };
}

function worksOn(h: Household, day: Weekday): boolean {
  if (h.workHours[day]) return true;
  if (!hasDeclaredWorkHours(h)) return false;
  const adults = h.adults as Array<Record<string, unknown>>;
  return adults.some((a) => {
    const w = a.workHours as Record<string, unknown> | undefined;
    return !!w && typeof w === 'object' && day in w;
  });
}

/** Every passenger trip of a plan (dates in [from, to]) with where it boards and alights. */
export function tripsOfPlan(plan: Plan, from: string, to: string): TripShape[] {
  const out: TripShape[] = [];
  for (const day of plan.days) {
    if (day.date < from || day.date > to) continue;
    for (const route of day.routes) {
      const open = new Map<string, { lat: number; lon: number; departS: number }>();
      const trips: TripShape[] = [];
      for (const stop of route.stops) {
        for (const p of stop.boards)
          open.set(journeyKey(p.passengerId, p.requestId, p.direction), {
            lat: stop.lat,
            lon: stop.lon,
            departS: fromIsoRome(stop.departure).secondsOfDay,
          });
        for (const p of stop.alights) {
          const key = journeyKey(p.passengerId, p.requestId, p.direction);
          const start = open.get(key);
          if (!start) continue;
          trips.push({
            date: day.date,
            requestId: p.requestId,
            direction: p.direction,
            passengerId: p.passengerId,
            from: { lat: start.lat, lon: start.lon },
            to: { lat: stop.lat, lon: stop.lon },
            rideS: Math.max(0, fromIsoRome(stop.start).secondsOfDay - start.departS),
            vehicleId: route.vehicleId,
            vehicleS: 0,
          });
        }
      }
      for (const t of trips) t.vehicleS = trips.length ? route.durationS / trips.length : 0;
      out.push(...trips);
    }
  }
  return out;
}
