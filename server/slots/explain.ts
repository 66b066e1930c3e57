/**
 * Why a slot does not fit, in words a family understands, from the solver's blocking rule:
 * which place is missing (a wheelchair place, a child seat, a seat), when, or that the ride
 * would be too long — never a bare code.
 */
import type { Passenger } from '../contract/domain.ts';
import type { UnservedReason } from '../../solver/index.ts';
import { toHhMm } from '../windows/time-of-day.ts';
import type { PlanTrip } from '../planning/trip.ts';

export function explainBlocked(reason: UnservedReason | undefined, trip: PlanTrip): { message: string; fix: string } {
  const p: Passenger = trip.passenger;
  const from = toHhMm(trip.pickup.earliestS);
  const to = toHhMm(trip.pickup.latestS);
  const place =
    p.mobility === 'wheelchair'
      ? 'wheelchair place'
      : p.mobility === 'child_seat'
        ? 'child seat'
        : p.needsEscort
          ? 'pair of seats (passenger and escort)'
          : 'seat';
  const where = trip.direction === 'outbound' ? `at ${trip.from.label}` : `at ${trip.from.label} (the service)`;
  const fix =
    'A wider window (see the nearest times that fit), another adult who can receive the passenger at another time, or another address.';
  switch (reason) {
    case 'CAPACITY':
    case 'NO_ROOM':
      return {
        message: `No ${place} is free between ${from} and ${to}: the vans passing ${where} then are full.`,
        fix,
      };
    case 'NO_COMPATIBLE_VEHICLE':
      return {
        message:
          p.mobility === 'wheelchair'
            ? `No van with a lift and a free wheelchair place runs between ${from} and ${to}.`
            : `No van with what the passenger needs runs between ${from} and ${to}.`,
        fix,
      };
    case 'RIDE_TIME':
      return {
        message: `Every van that could collect the passenger between ${from} and ${to} would make the ride longer than its limit of ${Math.round(trip.maxRideS / 60)} min.`,
        fix,
      };
    default:
      return {
        message: `No van can be ${where} between ${from} and ${to} without moving other passengers beyond the times they were given.`,
        fix,
      };
  }
}
