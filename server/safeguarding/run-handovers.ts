/**
 * Where a driver's run hands passengers over: every stop of the driver's routes on a date where a
 * minor or a passenger flagged "never alone" boards or alights, with the handover point it is
 * (home pickup, service drop-off, service pickup, home drop-off). Also the scope rule of this
 * part: a driver may see a passenger's safeguarding data only when that passenger is on their run.
 */
import type { Plan, PlanStop, StopPassenger } from '../contract/plan.ts';
import type { HandoverPoint } from '../contract/safeguarding.ts';

export interface StopHandover {
  stop: PlanStop;
  passenger: StopPassenger;
  point: HandoverPoint;
}

export function pointOf(stop: PlanStop, p: StopPassenger): HandoverPoint {
  if (p.direction === 'outbound') return stop.kind === 'pickup' ? 'home_pickup' : 'service_dropoff';
  return stop.kind === 'pickup' ? 'service_pickup' : 'home_dropoff';
}

function driverStops(plan: Plan | undefined, date: string, driverId: string): PlanStop[] {
  const day = plan?.days.find((d) => d.date === date);
  return (day?.routes ?? []).filter((r) => r.driverId === driverId).flatMap((r) => r.stops);
}

/** Every (stop, passenger) of the driver's run on `date`, with its handover point. */
export function runHandovers(plan: Plan | undefined, date: string, driverId: string): StopHandover[] {
  return driverStops(plan, date, driverId).flatMap((stop) =>
    [...stop.boards, ...stop.alights].map((passenger) => ({ stop, passenger, point: pointOf(stop, passenger) })),
  );
}

/** Passengers on the runs an escort rides on `date`. */
export function passengersEscorted(plan: Plan | undefined, date: string, escortId: string): Set<string> {
  const day = plan?.days.find((d) => d.date === date);
  return new Set(
    (day?.routes ?? [])
      .filter((r) => r.escortId === escortId)
      .flatMap((r) => r.stops.flatMap((s) => [...s.boards, ...s.alights].map((p) => p.passengerId))),
  );
}

export function passengersOnRun(plan: Plan | undefined, date: string, driverId: string): Set<string> {
  return new Set(runHandovers(plan, date, driverId).map((h) => h.passenger.passengerId));
}

export function stopHandover(
  plan: Plan | undefined,
  date: string,
  driverId: string,
  stopId: string,
  passengerId: string,
): StopHandover | undefined {
  return runHandovers(plan, date, driverId).find(
    (h) => h.stop.id === stopId && h.passenger.passengerId === passengerId,
  );
}
