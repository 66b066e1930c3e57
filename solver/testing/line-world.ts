/**
 * Tiny hand-checkable instances for tests: places on a straight road, one
 * minute per kilometre. Place 0 is the depot. Used only by tests.
 */
import type { DarpInstance, ObjectiveWeights, RequestSpec, VehicleSpec } from '../model/instance.ts';

export const MIN = 60;

export const realWeights: ObjectiveWeights = {
  unservedPenalty: 1e6,
  vehicleCost: 1000,
  travel: 1,
  excessRidePerS: 0.01,
  waitAboardPerS: 0.05,
  vehicleChangePenalty: 50,
  timeDeviationPerS: 0.01,
};

export interface TripSpec {
  from: number;
  to: number;
  /** Pickup window [from, to] in minutes (default: all day). */
  pickupMin?: [number, number];
  deliveryMin?: [number, number];
  load?: number[];
  maxRideMin?: number;
  requires?: string[];
  lockedVehicleIdx?: number;
  serviceMin?: number;
}

export function lineWorld(
  kmOfPlace: number[],
  trips: TripSpec[],
  vehicles: Array<Partial<VehicleSpec>>,
  opts: { dims?: string[]; objective?: Partial<ObjectiveWeights> } = {},
): DarpInstance {
  const size = kmOfPlace.length;
  const durationS = new Float64Array(size * size);
  const distanceM = new Float64Array(size * size);
  for (let a = 0; a < size; a++) {
    for (let b = 0; b < size; b++) {
      const km = Math.abs(kmOfPlace[a] - kmOfPlace[b]);
      durationS[a * size + b] = km * MIN;
      distanceM[a * size + b] = km * 1000;
    }
  }
  const dims = opts.dims ?? ['seats'];
  const day: [number, number] = [0, 24 * 60];
  const requests: RequestSpec[] = trips.map((t, k) => {
    const [pe, pl] = t.pickupMin ?? day;
    const [de, dl] = t.deliveryMin ?? day;
    const service = (t.serviceMin ?? 0) * MIN;
    return {
      id: `r${k}`,
      pickup: { loc: t.from, earliestS: pe * MIN, latestS: pl * MIN, serviceS: service },
      delivery: { loc: t.to, earliestS: de * MIN, latestS: dl * MIN, serviceS: service },
      load: t.load ?? dims.map((_, d) => (d === 0 ? 1 : 0)),
      maxRideS: (t.maxRideMin ?? 24 * 60) * MIN,
      requires: t.requires ?? [],
      lockedVehicleIdx: t.lockedVehicleIdx,
    };
  });
  return {
    name: 'line-world',
    dims,
    matrix: { size, durationS, distanceM },
    requests,
    vehicles: vehicles.map((v, k) => ({
      id: `v${k}`,
      capacity: dims.map(() => 4),
      features: [],
      startLoc: 0,
      endLoc: 0,
      shiftStartS: 0,
      shiftEndS: 24 * 3600,
      maxDurationS: 24 * 3600,
      fixedCost: 0,
      costPerS: 0,
      costPerM: 0.001,
      ...v,
    })),
    objective: { ...realWeights, ...opts.objective },
  };
}

export const fixedClock = (): (() => number) => {
  let t = 0;
  return () => (t += 1);
};
