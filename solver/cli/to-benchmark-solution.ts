/**
 * Maps a solver result back to the benchmark file's ids: the CLI JSON shape, with the
 * depots included and only the vehicles that carry someone.
 */
import type { BenchmarkInstance, BenchmarkSolution } from '../io/index.ts';
import type { DarpSolution } from '../model/instance.ts';

export const toBenchmarkSolution = (
  read: BenchmarkInstance,
  solution: DarpSolution,
  seconds: number,
): BenchmarkSolution => {
  const { instance, nodeIds } = read;
  return {
    cost: solution.totals.distanceM,
    routes: solution.routes
      .filter((route) => route.visits.length > 0)
      .map((route) => {
        const vehicle = instance.vehicles[route.vehicleIdx];
        return {
          vehicle: route.vehicleIdx,
          stops: [
            { node: nodeIds[vehicle.startLoc], start: route.departureS },
            ...route.visits.map((v) => ({ node: nodeIds[v.loc], start: v.startS })),
            { node: nodeIds[vehicle.endLoc], start: route.returnS },
          ],
        };
      }),
    unserved: solution.unserved.map((u) => nodeIds[instance.requests[u.requestIdx].pickup.loc]),
    seconds,
  };
};
