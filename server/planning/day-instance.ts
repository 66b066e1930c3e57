/**
 * One date of the week as a solver instance: the day's trips become requests (load in seats,
 * wheelchair places and child seats; a wheelchair needs a lift; boarding and alighting minutes
 * as service times), the staffed runs become vehicles, and the places become a sub-matrix of
 * the week's matrix. Anchors add the soft continuity/stability terms and, while `tighten` is
 * on, a hard band around the anchored pickup time; a coordinator's lock pins a trip to its run.
 */
import type { DarpInstance, ObjectiveWeights, RequestSpec, TravelMatrix, VehicleSpec } from '../../solver/index.ts';
import { type PlaceIndex, subMatrix, type WeekMatrix } from './places.ts';
import { runAttributesOf } from './run-attributes.ts';
import type { Run } from './runs.ts';
import { type Anchor, LOAD_DIMS, loadOf, type PlanTrip } from './trip.ts';

export interface DayInstance {
  date: string;
  instance: DarpInstance;
  /** trips[requestIdx] */
  trips: PlanTrip[];
  /** runs[vehicleIdx] */
  runs: Run[];
}

/** One date's trips and staffed runs over the week's places and matrix, and the objective to plan them by. */
export interface DayProblem {
  date: string;
  trips: PlanTrip[];
  runs: Run[];
  places: PlaceIndex;
  matrix: WeekMatrix;
  weights: ObjectiveWeights;
}

export interface DayInstanceInput extends DayProblem {
  anchors?: Map<string, Anchor>;
  /** Keys of anchored trips held within ±toleranceS of their anchored pickup time (hard). */
  band?: Set<string>;
  /** Keys of anchored trips held on their anchored run (hard). */
  lock?: Set<string>;
  /** Trips the coordinator locked on a run, by trip key (hard, whatever the anchors say). */
  locked?: Map<string, { vehicleId: string; part: string }>;
}

/** A solver instance of prontivia's load dimensions (seats, wheelchair places, child seats). */
export const darpInstance = (
  name: string,
  matrix: TravelMatrix,
  requests: RequestSpec[],
  vehicles: VehicleSpec[],
  objective: ObjectiveWeights,
): DarpInstance => ({ name, dims: LOAD_DIMS, matrix, requests, vehicles, objective });

export const runKey = (vehicleId: string, part: string) => `${vehicleId}|${part}`;

export function buildDayInstance(input: DayInstanceInput): DayInstance {
  const local = new Map<number, number>(); // week place index → day location index
  const weekIdx: number[] = [];
  const loc = (p: { lat: number; lon: number }): number => {
    const w = input.places.indexOf(p);
    let l = local.get(w);
    if (l === undefined) {
      l = weekIdx.length;
      weekIdx.push(w);
      local.set(w, l);
    }
    return l;
  };
  const runIdx = new Map(input.runs.map((r, i) => [runKey(r.vehicle.id, r.part), i]));
  // A journey anchored in the morning but planned in the afternoon (other hours that weekday) still prefers its van.
  const vanIdx = new Map(input.runs.map((r, i) => [r.vehicle.id, i]));
  // Attributes another part attached to this week's vehicles (escorts aboard: run-attributes.ts).
  const attrs = runAttributesOf(input.runs);
  const extras = attrs && input.runs.length ? attrs.forRuns(input.date, input.runs[0]!.part, input.runs) : [];
  const vehicles: VehicleSpec[] = input.runs.map((run, i) => {
    const depot = loc(run.vehicle.depot);
    const extra = extras[i];
    const features = [...(run.vehicle.features.lift ? ['lift'] : []), ...(extra?.features ?? [])];
    return {
      id: `${run.vehicle.id}:${run.part}`,
      capacity: [
        run.vehicle.capacity.seats - (extra?.seatsTaken ?? 0),
        run.vehicle.capacity.wheelchairs,
        run.vehicle.features.childSeats,
      ],
      features,
      startLoc: depot,
      endLoc: depot,
      shiftStartS: Math.max(run.shiftStartS, extra?.fromS ?? run.shiftStartS),
      shiftEndS: Math.min(run.shiftEndS, extra?.toS ?? run.shiftEndS),
      maxDurationS: run.maxDurationS,
      fixedCost: 0,
      costPerS: run.vehicle.costPerHour / 3600,
      costPerM: run.vehicle.costPerKm / 1000,
    };
  });
  const requests: RequestSpec[] = input.trips.map((trip) => {
    const pickup = { ...trip.pickup };
    const anchor = input.anchors?.get(trip.key);
    const spec: RequestSpec = {
      id: trip.key,
      pickup: {
        loc: loc(trip.from),
        earliestS: pickup.earliestS,
        latestS: pickup.latestS,
        serviceS: trip.passenger.boardingMin * 60,
      },
      delivery: {
        loc: loc(trip.to),
        earliestS: trip.delivery.earliestS,
        latestS: trip.delivery.latestS,
        serviceS: trip.passenger.alightingMin * 60,
      },
      load: loadOf(trip.passenger),
      maxRideS: trip.maxRideS,
      requires: [...(trip.passenger.mobility === 'wheelchair' ? ['lift'] : []), ...(attrs?.requires(trip) ?? [])],
    };
    if (anchor) {
      const idx = runIdx.get(runKey(anchor.vehicleId, anchor.part)) ?? vanIdx.get(anchor.vehicleId);
      if (idx !== undefined) spec.preferredVehicleIdx = idx;
      spec.targetPickupS = Math.min(Math.max(anchor.pickupS, pickup.earliestS), pickup.latestS);
      if (input.band?.has(trip.key)) {
        const from = Math.max(pickup.earliestS, anchor.pickupS - anchor.toleranceS);
        const to = Math.min(pickup.latestS, anchor.pickupS + anchor.toleranceS);
        if (from <= to) spec.pickup = { ...spec.pickup, earliestS: from, latestS: to };
      }
      if (idx !== undefined && input.lock?.has(trip.key)) spec.lockedVehicleIdx = idx;
    }
    const pin = input.locked?.get(trip.key);
    const pinIdx = pin ? runIdx.get(runKey(pin.vehicleId, pin.part)) : undefined;
    if (pinIdx !== undefined) spec.lockedVehicleIdx = pinIdx;
    return spec;
  });
  return {
    date: input.date,
    instance: darpInstance(
      `prontivia ${input.date}`,
      subMatrix(input.matrix, weekIdx),
      requests,
      vehicles,
      input.weights,
    ),
    trips: input.trips,
    runs: input.runs,
  };
}
