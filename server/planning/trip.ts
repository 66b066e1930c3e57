/**
 * The planner's view of one concrete trip on one date, after the domain rules (work hours,
 * opening hours, promised windows) have turned a standing request into windows in seconds.
 */
import type { Direction, Passenger } from '../contract/domain.ts';
import type { PlacePoint } from './planning-data.ts';
import type { RunPart } from './runs.ts';

export interface Window {
  earliestS: number;
  latestS: number;
}

export interface PlanTrip {
  /** `tripKey(date, requestId, direction)` (contract/trip-key.ts): unique within a week. */
  key: string;
  date: string;
  requestId: string;
  passenger: Passenger;
  householdId: string;
  direction: Direction;
  from: PlacePoint;
  to: PlacePoint;
  pickup: Window;
  delivery: Window;
  maxRideS: number;
}

/** A trip the domain rules already found impossible (e.g. nobody home when the service ends). */
export interface InfeasibleTrip {
  date: string;
  requestId: string;
  passengerId: string;
  householdId: string;
  direction: Direction;
  reason: string;
  message: string;
  /** What would make it possible. */
  fix: string;
}

/**
 * Where a trip should be, from the reference day (continuity) or the published plan (stable
 * re-planning): a soft preference for the vehicle run and the pickup time, and a hard band of
 * ±toleranceS around that time while `tighten` is on.
 */
export interface Anchor {
  vehicleId: string;
  part: RunPart;
  pickupS: number;
  toleranceS: number;
}

/** Seats, wheelchair places and child seats a passenger takes (an escort takes a seat). */
export function loadOf(p: Passenger): [number, number, number] {
  const wheelchair = p.mobility === 'wheelchair';
  return [(wheelchair ? 0 : 1) + (p.needsEscort ? 1 : 0), wheelchair ? 1 : 0, p.mobility === 'child_seat' ? 1 : 0];
}

export const LOAD_DIMS = ['seats', 'wheelchairs', 'childSeats'];
