/**
 * Turns raw benchmark data into a solver instance: one matrix location per file node
 * (location index = node id), Euclidean distance as both travel time and cost, and the
 * published objective expressed through weights.
 *
 * DARP (Cordeau): minimise distance with at most K vehicles; every request must be served
 * (a huge unserved penalty). The unconstrained side of each request ([0, 1440]) is
 * tightened using L, the direct travel time and the depot windows — the usual valid
 * preprocessing, which removes no feasible schedule. Li & Lim: fewest vehicles, then
 * distance (a per-vehicle cost larger than any route set's total distance).
 */
import type { DarpInstance, RequestSpec, VehicleSpec } from '../model/instance.ts';
import { euclidean, type BenchmarkData } from './benchmark-data.ts';

const powerOfTenAbove = (x: number): number => 10 ** Math.ceil(Math.log10(Math.max(x, 1) + 1));

export const toInstance = (data: BenchmarkData): DarpInstance => {
  const { nodes } = data;
  const size = nodes.length;
  const distance = new Float64Array(size * size);
  for (let i = 0; i < size; i++) {
    for (let j = 0; j < size; j++) distance[i * size + j] = euclidean(nodes[i], nodes[j]);
  }
  const t = (i: number, j: number) => distance[i * size + j];
  const start = nodes[data.startDepot];
  const end = nodes[data.endDepot];
  const horizonS = end.latestS - start.earliestS;
  const maxRideS = Number.isFinite(data.maxRideS) ? data.maxRideS : horizonS;
  const tighten = data.format !== 'lilim';

  const requests: RequestSpec[] = data.pairs.map(({ pickup, delivery }) => {
    const p = nodes[pickup];
    const d = nodes[delivery];
    const direct = t(pickup, delivery);
    let pE = p.earliestS;
    let pL = p.latestS;
    let dE = d.earliestS;
    let dL = d.latestS;
    if (tighten) {
      pE = Math.max(pE, d.earliestS - maxRideS - p.serviceS, start.earliestS + t(data.startDepot, pickup));
      pL = Math.min(pL, d.latestS - direct - p.serviceS);
      dE = Math.max(dE, pE + p.serviceS + direct);
      dL = Math.min(dL, pL + p.serviceS + maxRideS, end.latestS - d.serviceS - t(delivery, data.endDepot));
    }
    return {
      id: String(pickup),
      pickup: { loc: pickup, earliestS: pE, latestS: pL, serviceS: p.serviceS },
      delivery: { loc: delivery, earliestS: dE, latestS: dL, serviceS: d.serviceS },
      load: [p.demand],
      maxRideS,
      requires: [],
    };
  });

  // Distance of serving every request with its own vehicle: no sensible solution costs more.
  const trivialBound = data.pairs.reduce(
    (sum, { pickup, delivery }) => sum + t(data.startDepot, pickup) + t(pickup, delivery) + t(delivery, data.endDepot),
    0,
  );
  const vehicleCost = data.format === 'lilim' ? Math.max(10_000, powerOfTenAbove(trivialBound)) : 0;
  const unservedPenalty = 100 * Math.max(vehicleCost, powerOfTenAbove(trivialBound));

  const vehicles: VehicleSpec[] = Array.from({ length: data.fleetSize }, (_, k) => ({
    id: `v${k}`,
    capacity: [data.capacity],
    features: [],
    startLoc: data.startDepot,
    endLoc: data.endDepot,
    shiftStartS: start.earliestS,
    shiftEndS: end.latestS,
    maxDurationS: Number.isFinite(data.maxRouteDurationS) ? data.maxRouteDurationS : horizonS,
    fixedCost: 0,
    costPerS: 0,
    costPerM: 1,
  }));

  return {
    name: data.name,
    dims: ['load'],
    matrix: { size, durationS: distance, distanceM: distance },
    requests,
    vehicles,
    objective: {
      unservedPenalty,
      vehicleCost,
      travel: 1,
      excessRidePerS: 0,
      waitAboardPerS: 0,
      vehicleChangePenalty: 0,
      timeDeviationPerS: 0,
    },
  };
};
