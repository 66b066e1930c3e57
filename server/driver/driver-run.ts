/**
 * A driver's run for one date, cut from the published plan: only the routes driven by that
 * driver, and for each passenger only what the trip needs — name, mobility, escort, the notes
 * for the driver, and for a drop-off at home the adult who receives them and their phone.
 * No work hours, no address book, nothing about other drivers' routes.
 */
import type { Household, Passenger } from '../contract/domain.ts';
import type { DriverRun, RunPassenger } from '../contract/driver.ts';
import type { Plan } from '../contract/plan.ts';

export type { DriverRun };

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
