/**
 * A driver's run for one date, cut from the published plan: only the routes driven by that
 * driver, and for each passenger only what the trip needs — name, mobility, escort, the notes
 * for the driver, and for a drop-off at home the adult who receives them and their phone.
 * No work hours, no address book, nothing about other drivers' routes.
 */
import { z } from 'zod';
import type { Household, Passenger } from '../contract/domain.ts';
import { PlanRouteSchema, PlanStopSchema, StopPassengerSchema, type Plan } from '../contract/plan.ts';

export const RunPassengerSchema = StopPassengerSchema.extend({
  notesForDriver: z.string(),
  /** Who takes the passenger at home (drop-offs of a return trip only). */
  receivingAdult: z.object({ name: z.string(), phone: z.string() }).nullable(),
});
export const RunStopSchema = PlanStopSchema.extend({
  boards: z.array(RunPassengerSchema),
  alights: z.array(RunPassengerSchema),
});
export const RunRouteSchema = PlanRouteSchema.extend({
  vehicleLabel: z.string(),
  stops: z.array(RunStopSchema),
});
export const DriverRunSchema = z.object({
  date: z.string(),
  driverId: z.string(),
  planId: z.string().nullable(),
  planVersion: z.number().nullable(),
  /** The first (usually only) route of the day; null when the driver does not drive that day. */
  route: RunRouteSchema.nullable(),
  routes: z.array(RunRouteSchema),
});
export type DriverRun = z.infer<typeof DriverRunSchema>;
type RunPassenger = z.infer<typeof RunPassengerSchema>;

export interface RunLookups {
  passenger(id: string): Passenger | undefined;
  household(id: string): Household | undefined;
  vehicleLabel(id: string): string | undefined;
}

export function driverRun(plan: Plan | undefined, date: string, driverId: string, look: RunLookups): DriverRun {
  const day = plan?.days.find((d) => d.date === date);
  const routes = (day?.routes ?? [])
    .filter((r) => r.driverId === driverId)
    .map((r) => ({
      ...r,
      vehicleLabel: look.vehicleLabel(r.vehicleId) ?? r.vehicleId,
      stops: r.stops.map((s) => {
        const enrich = (sp: (typeof s.boards)[number], droppedOff: boolean): RunPassenger => {
          const p = look.passenger(sp.passengerId);
          const adult =
            droppedOff && sp.direction === 'return' && p ? look.household(p.householdId)?.adults[0] : undefined;
          return {
            passengerId: sp.passengerId,
            requestId: sp.requestId,
            name: sp.name,
            mobility: sp.mobility,
            needsEscort: sp.needsEscort,
            direction: sp.direction,
            notesForDriver: p?.notesForDriver ?? '',
            receivingAdult: adult ? { name: adult.name, phone: adult.phone } : null,
          };
        };
        return { ...s, boards: s.boards.map((b) => enrich(b, false)), alights: s.alights.map((a) => enrich(a, true)) };
      }),
    }));
  return {
    date,
    driverId,
    planId: plan?.id ?? null,
    planVersion: plan?.version ?? null,
    route: routes[0] ?? null,
    routes,
  };
}

/** The stop with this id on one of the driver's routes of that day, if any. */
export function findDriverStop(plan: Plan | undefined, date: string, driverId: string, stopId: string) {
  const day = plan?.days.find((d) => d.date === date);
  for (const r of day?.routes ?? []) {
    if (r.driverId !== driverId) continue;
    const stop = r.stops.find((s) => s.id === stopId);
    if (stop) return stop;
  }
  return undefined;
}
