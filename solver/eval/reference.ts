/**
 * The slow, obviously-correct route check the fast evaluation is tested against.
 * It works on the raw instance (original windows, no tightening) and states the
 * schedule as a system of difference constraints x_b − x_a ≤ w, feasible iff
 * the constraint graph has no negative cycle (Bellman–Ford from a virtual
 * source). Capacity, precedence, features and locks are checked by plain loops.
 */
import type { DarpInstance, VisitRef } from '../model/instance.ts';

const TOL = 1e-6;

export function referenceFeasible(inst: DarpInstance, vehicleIdx: number, visits: VisitRef[]): boolean {
  const veh = inst.vehicles[vehicleIdx];
  const m = inst.matrix;
  const t = (a: number, b: number): number => m.durationS[a * m.size + b];
  // Structure: every request once picked up, then delivered, on a vehicle that may carry it.
  const seen = new Map<string, number>();
  visits.forEach((v, k) => seen.set(`${v.requestIdx}:${v.kind}`, k));
  if (seen.size !== visits.length) return false;
  for (const v of visits) {
    const p = seen.get(`${v.requestIdx}:pickup`);
    const d = seen.get(`${v.requestIdx}:delivery`);
    if (p === undefined || d === undefined || p > d) return false;
    const req = inst.requests[v.requestIdx];
    if (!req.requires.every((f) => veh.features.includes(f))) return false;
    if (req.lockedVehicleIdx !== undefined && req.lockedVehicleIdx !== vehicleIdx) return false;
  }
  const prefix = veh.lockedPrefix ?? [];
  for (let k = 0; k < prefix.length; k++) {
    if (visits[k]?.requestIdx !== prefix[k].requestIdx || visits[k]?.kind !== prefix[k].kind) return false;
  }
  const load = new Array<number>(inst.dims.length).fill(0);
  for (const v of visits) {
    const q = inst.requests[v.requestIdx].load;
    for (let d = 0; d < load.length; d++) {
      load[d] += v.kind === 'pickup' ? q[d] : -q[d];
      if (load[d] > veh.capacity[d] + TOL) return false;
    }
  }
  // Variables: 0 = start depot, 1..n = visits, n+1 = end depot, n+2 = time zero.
  const n = visits.length;
  const zero = n + 2;
  const edges: Array<[number, number, number]> = [];
  const upTo = (x: number, bound: number): void => void edges.push([zero, x, bound]);
  const atLeast = (x: number, bound: number): void => void edges.push([x, zero, -bound]);
  /** x_b − x_a ≤ w */
  const diff = (a: number, b: number, w: number): void => void edges.push([a, b, w]);
  const spec = (v: VisitRef) =>
    v.kind === 'pickup' ? inst.requests[v.requestIdx].pickup : inst.requests[v.requestIdx].delivery;
  const locOf = (k: number): number => (k === 0 ? veh.startLoc : k === n + 1 ? veh.endLoc : spec(visits[k - 1]).loc);
  const serviceOf = (k: number): number => (k === 0 || k === n + 1 ? 0 : spec(visits[k - 1]).serviceS);
  atLeast(0, veh.shiftStartS);
  upTo(n + 1, veh.shiftEndS);
  upTo(0, veh.shiftEndS);
  atLeast(n + 1, veh.shiftStartS);
  for (let k = 1; k <= n; k++) {
    atLeast(k, spec(visits[k - 1]).earliestS);
    upTo(k, spec(visits[k - 1]).latestS);
  }
  for (let k = 1; k <= n + 1; k++) diff(k, k - 1, -(serviceOf(k - 1) + t(locOf(k - 1), locOf(k))));
  visits.forEach((v, k) => {
    if (v.kind !== 'delivery') return;
    const p = seen.get(`${v.requestIdx}:pickup`)! + 1;
    const req = inst.requests[v.requestIdx];
    diff(p, k + 1, req.pickup.serviceS + req.maxRideS);
  });
  diff(0, n + 1, veh.maxDurationS);
  const dist = new Array<number>(n + 3).fill(0);
  for (let round = 0; round < n + 3; round++) {
    let changed = false;
    for (const [a, b, w] of edges) {
      if (dist[a] + w < dist[b] - TOL) {
        dist[b] = dist[a] + w;
        changed = true;
      }
    }
    if (!changed) return true;
  }
  return false;
}
