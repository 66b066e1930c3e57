/**
 * evaluateRoute: the exact schedule of one vehicle's fixed visit order and the
 * list of every rule it breaks. Plan editing uses it to show a coordinator why a
 * dragged stop does not fit; it always returns a best-effort schedule.
 */
import type { DarpInstance, RouteEvaluation, RouteViolation, VisitRef } from './model/instance.ts';
import { endNode, preparedFor, startNode, type Prepared } from './model/prepared.ts';
import { delayLoadedBlocks, earliestSchedule, workspaceFor } from './eval/schedule.ts';
import { toPlannedRoute } from './eval/planned.ts';

const EPS = 1e-6;
const fmt = (s: number): string => `${Math.floor(s / 3600)}:${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}`;

export function evaluateRoute(instance: DarpInstance, vehicleIdx: number, visits: VisitRef[]): RouteEvaluation {
  const p = preparedFor(instance);
  if (!(Number.isInteger(vehicleIdx) && vehicleIdx >= 0 && vehicleIdx < p.nVeh)) {
    throw new Error(`evaluateRoute: vehicleIdx = ${vehicleIdx}: must be a vehicle index in [0, ${p.nVeh})`);
  }
  visits.forEach((vis, k) => {
    if (!(Number.isInteger(vis.requestIdx) && vis.requestIdx >= 0 && vis.requestIdx < p.nReq)) {
      throw new Error(
        `evaluateRoute: visits[${k}].requestIdx = ${vis.requestIdx}: must be a request index in [0, ${p.nReq})`,
      );
    }
  });
  const ws = workspaceFor(p);
  const violations: RouteViolation[] = [];
  const seq = visits.map((vis) => 2 * vis.requestIdx + (vis.kind === 'delivery' ? 1 : 0));
  checkStructure(p, vehicleIdx, seq, violations);
  const n = seq.length + 2;
  const nodes = new Int32Array(n);
  nodes[0] = startNode(p, vehicleIdx);
  seq.forEach((node, k) => (nodes[k + 1] = node));
  nodes[n - 1] = endNode(p, vehicleIdx);
  const structural = violations.some((v) => v.code === 'PRECEDENCE');
  const B = new Float64Array(n);
  if (!structural && seq.length <= 2 * p.nReq) {
    ws.nodes.set(nodes);
    if (earliestSchedule(p, vehicleIdx, n, ws, B)) {
      delayLoadedBlocks(p, n, ws, B);
      return { feasible: violations.length === 0, violations, route: toPlannedRoute(p, vehicleIdx, nodes, n, B) };
    }
  }
  forwardSchedule(p, nodes, n, B);
  const before = violations.length;
  timeViolations(p, vehicleIdx, nodes, n, B, violations);
  if (!structural && violations.length === before) {
    violations.push({
      code: 'TIME_WINDOW',
      message: 'no schedule meets every time window, ride-time limit and the shift together',
    });
  }
  return { feasible: false, violations, route: toPlannedRoute(p, vehicleIdx, nodes, n, B) };
}

function checkStructure(p: Prepared, v: number, seq: number[], out: RouteViolation[]): void {
  const inst = p.inst;
  const veh = inst.vehicles[v];
  const seen = new Map<number, number>();
  seq.forEach((node, k) => {
    const r = node >> 1;
    const what = (node & 1) === 0 ? 'pickup' : 'delivery';
    if (seen.has(node))
      out.push({
        code: 'PRECEDENCE',
        requestIdx: r,
        message: `the ${what} of request ${inst.requests[r].id} appears twice`,
      });
    seen.set(node, k);
    if ((node & 1) === 1 && !seen.has(node - 1)) {
      out.push({
        code: 'PRECEDENCE',
        requestIdx: r,
        message: `request ${inst.requests[r].id} is delivered before (or without) its pickup`,
      });
    }
  });
  for (const node of seen.keys()) {
    if ((node & 1) === 0 && !seen.has(node + 1)) {
      out.push({
        code: 'PRECEDENCE',
        requestIdx: node >> 1,
        message: `request ${inst.requests[node >> 1].id} is picked up but never delivered`,
      });
    }
  }
  const prefix = p.prefix[v];
  if (prefix.some((node, k) => seq[k] !== node)) {
    out.push({
      code: 'LOCK',
      message: `vehicle ${veh.id} must start with its ${prefix.length} locked visits in order`,
    });
  }
  for (const node of seen.keys()) {
    if ((node & 1) === 1) continue;
    const r = node >> 1;
    const req = inst.requests[r];
    const missing = req.requires.filter((f) => !veh.features.includes(f));
    if (missing.length > 0) {
      out.push({
        code: 'NO_COMPATIBLE_VEHICLE',
        requestIdx: r,
        message: `request ${req.id} needs ${missing.join(', ')}, which vehicle ${veh.id} lacks`,
      });
    }
    if (req.lockedVehicleIdx !== undefined && req.lockedVehicleIdx !== v) {
      out.push({
        code: 'LOCK',
        requestIdx: r,
        message: `request ${req.id} is locked to vehicle ${inst.vehicles[req.lockedVehicleIdx].id}`,
      });
    }
    const owner = p.prefixOwner[r];
    if (owner >= 0 && owner !== v) {
      out.push({
        code: 'LOCK',
        requestIdx: r,
        message: `request ${req.id} is in the locked prefix of vehicle ${inst.vehicles[owner].id}`,
      });
    }
  }
  const onBoard = new Array<number>(p.nDims).fill(0);
  const reported = new Set<number>();
  for (const node of seq) {
    for (let d = 0; d < p.nDims; d++) {
      onBoard[d] += p.load[node * p.nDims + d];
      if (onBoard[d] > veh.capacity[d] + EPS && !reported.has(d)) {
        reported.add(d);
        out.push({
          code: 'CAPACITY',
          requestIdx: node >> 1,
          message: `${onBoard[d]} ${inst.dims[d]} aboard after picking up request ${inst.requests[node >> 1].id}; vehicle ${veh.id} has ${veh.capacity[d]}`,
        });
      }
    }
  }
}

/** Earliest times ignoring ride and duration limits, leaving the depot just in time. */
function forwardSchedule(p: Prepared, nodes: Int32Array, n: number, B: Float64Array): void {
  const { loc, svc, dur, size } = p;
  const inst = p.inst;
  const originalEarly = (node: number): number => {
    if (node >= 2 * p.nReq) return p.early[node];
    const req = inst.requests[node >> 1];
    return (node & 1) === 0 ? req.pickup.earliestS : req.delivery.earliestS;
  };
  B[0] = p.early[nodes[0]];
  for (let k = 1; k < n; k++) {
    const a = B[k - 1] + svc[nodes[k - 1]] + dur[loc[nodes[k - 1]] * size + loc[nodes[k]]];
    B[k] = Math.max(a, originalEarly(nodes[k]));
  }
  if (n > 2) B[0] = Math.max(B[0], B[1] - svc[nodes[0]] - dur[loc[nodes[0]] * size + loc[nodes[1]]]);
}

function timeViolations(
  p: Prepared,
  v: number,
  nodes: Int32Array,
  n: number,
  B: Float64Array,
  out: RouteViolation[],
): void {
  const inst = p.inst;
  const veh = inst.vehicles[v];
  const pickAt = new Map<number, number>();
  for (let k = 1; k < n - 1; k++) {
    const node = nodes[k];
    const r = node >> 1;
    const req = inst.requests[r];
    const spec = (node & 1) === 0 ? req.pickup : req.delivery;
    const what = (node & 1) === 0 ? 'pickup' : 'delivery';
    if (B[k] > spec.latestS + EPS) {
      out.push({
        code: 'TIME_WINDOW',
        requestIdx: r,
        message: `${what} of request ${req.id} starts at ${fmt(B[k])}, after its window closes at ${fmt(spec.latestS)}`,
      });
    }
    if ((node & 1) === 0) pickAt.set(r, B[k]);
    else if (pickAt.has(r)) {
      const ride = B[k] - pickAt.get(r)! - req.pickup.serviceS;
      if (ride > req.maxRideS + EPS) {
        out.push({
          code: 'RIDE_TIME',
          requestIdx: r,
          message: `request ${req.id} rides ${Math.round(ride / 60)} min, more than its ${Math.round(req.maxRideS / 60)} min limit`,
        });
      }
    }
  }
  if (B[n - 1] - B[0] > veh.maxDurationS + EPS) {
    out.push({
      code: 'ROUTE_DURATION',
      message: `vehicle ${veh.id} would be out ${Math.round((B[n - 1] - B[0]) / 60)} min, more than ${Math.round(veh.maxDurationS / 60)} min`,
    });
  }
  if (B[n - 1] > veh.shiftEndS + EPS) {
    out.push({
      code: 'SHIFT',
      message: `vehicle ${veh.id} returns at ${fmt(B[n - 1])}, after its shift ends at ${fmt(veh.shiftEndS)}`,
    });
  }
}
