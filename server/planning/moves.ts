/**
 * Who would be moved, and by how much, between two plans of the same week (typically the
 * published one and a re-optimised draft). The coordinator reads this before publishing;
 * the plan diff endpoint calls it.
 */
import type { Plan } from '../contract/plan.ts';
import type { Direction } from '../contract/domain.ts';
import { minuteOfDay } from './continuity.ts';
import { tripKey } from '../contract/trip-key.ts';

export interface TripPosition {
  vehicleId: string;
  driverId: string | null;
  /** Planned start of service at the pickup, ISO (Rome). */
  pickup: string;
}

export interface PassengerMove {
  passengerId: string;
  name: string;
  requestId: string;
  date: string;
  direction: Direction;
  /** Null when the trip was not served in that plan. */
  before: TripPosition | null;
  after: TripPosition | null;
  /** Signed change of the pickup time in minutes (after − before); 0 when either side is unserved. */
  shiftMin: number;
  vehicleChanged: boolean;
  kind: 'moved' | 'vehicle-changed' | 'newly-served' | 'no-longer-served';
}

export interface MovesReport {
  moves: PassengerMove[];
  /** Distinct passengers with at least one move. */
  passengersMoved: number;
  maxShiftMin: number;
}

interface Located extends TripPosition {
  passengerId: string;
  name: string;
  requestId: string;
  date: string;
  direction: Direction;
}

function tripsOf(plan: Plan): Map<string, Located> {
  const out = new Map<string, Located>();
  for (const day of plan.days) {
    for (const route of day.routes) {
      for (const stop of route.stops) {
        if (stop.kind !== 'pickup') continue;
        for (const p of stop.boards) {
          const key = tripKey(day.date, p.requestId, p.direction);
          out.set(key, {
            passengerId: p.passengerId,
            name: p.name,
            requestId: p.requestId,
            date: day.date,
            direction: p.direction,
            vehicleId: route.vehicleId,
            driverId: route.driverId,
            pickup: stop.start,
          });
        }
      }
    }
  }
  return out;
}

const position = (t: Located | undefined): TripPosition | null =>
  t ? { vehicleId: t.vehicleId, driverId: t.driverId, pickup: t.pickup } : null;

/**
 * Every trip whose vehicle or pickup time differs by more than `thresholdMin` minutes, or that
 * is served in one plan only; largest shifts first.
 */
export function planMoves(before: Plan, after: Plan, thresholdMin = 0): MovesReport {
  const a = tripsOf(before);
  const b = tripsOf(after);
  const moves: PassengerMove[] = [];
  for (const key of new Set([...a.keys(), ...b.keys()])) {
    const x = a.get(key);
    const y = b.get(key);
    const ref = (x ?? y)!;
    const base = {
      passengerId: ref.passengerId,
      name: ref.name,
      requestId: ref.requestId,
      date: ref.date,
      direction: ref.direction,
      before: position(x),
      after: position(y),
    };
    if (x && y) {
      const shiftMin = Math.round((minuteOfDay(y.pickup) - minuteOfDay(x.pickup)) * 10) / 10;
      const vehicleChanged = x.vehicleId !== y.vehicleId;
      if (!vehicleChanged && Math.abs(shiftMin) <= thresholdMin) continue;
      moves.push({ ...base, shiftMin, vehicleChanged, kind: vehicleChanged ? 'vehicle-changed' : 'moved' });
    } else {
      moves.push({ ...base, shiftMin: 0, vehicleChanged: false, kind: x ? 'no-longer-served' : 'newly-served' });
    }
  }
  moves.sort(
    (m, n) =>
      Math.abs(n.shiftMin) - Math.abs(m.shiftMin) ||
      m.date.localeCompare(n.date) ||
      m.passengerId.localeCompare(n.passengerId),
  );
  return {
    moves,
    passengersMoved: new Set(moves.map((m) => m.passengerId)).size,
    maxShiftMin: moves.reduce((mx, m) => Math.max(mx, Math.abs(m.shiftMin)), 0),
  };
}
