/**
 * insertionOptions: every feasible way to add one request to fixed routes (the
 * other visits keep their order), cheapest first, each with its exact schedule;
 * when there is none, the constraint that blocks it. Slot offering calls this
 * with ~100 planned requests and needs an answer in milliseconds: candidates
 * are filtered with the O(1) relaxed check before any exact schedule is built.
 */
import type {
  DarpInstance,
  InsertionOption,
  InsertionOptionsResult,
  UnservedReason,
  VisitRef,
} from './model/instance.ts';
import { preparedFor, type Prepared } from './model/prepared.ts';
import { layout, workspaceFor, type Workspace } from './eval/schedule.ts';
import { toPlannedRoute } from './eval/planned.ts';
import { applyInsertion, Candidates, insertionFeasible, layoutInsert, relaxedCandidates } from './lns/insertion.ts';
import { Route } from './search/route.ts';
import { evaluateRoute } from './evaluate-route.ts';

/** Positions examined when explaining why a request fits nowhere. */
const DIAGNOSE_LIMIT = 40;

export interface InsertionOptionsOpts {
  /** Keep only the cheapest N options (default: all). */
  maxOptions?: number;
}

export function insertionOptions(
  instance: DarpInstance,
  routes: Array<{ vehicleIdx: number; visits: VisitRef[] }>,
  requestIdx: number,
  opts: InsertionOptionsOpts = {},
): InsertionOptionsResult {
  const p = preparedFor(instance);
  if (!(Number.isInteger(requestIdx) && requestIdx >= 0 && requestIdx < p.nReq)) {
    throw new Error(`insertionOptions: requestIdx = ${requestIdx}: must be a request index in [0, ${p.nReq})`);
  }
  const ws = workspaceFor(p);
  const cand = new Candidates();
  const options: InsertionOption[] = [];
  const working = routes.map((r, k) => {
    if (!(Number.isInteger(r.vehicleIdx) && r.vehicleIdx >= 0 && r.vehicleIdx < p.nVeh)) {
      throw new Error(
        `insertionOptions: routes[${k}].vehicleIdx = ${r.vehicleIdx}: must be a vehicle index in [0, ${p.nVeh})`,
      );
    }
    const nodes = r.visits
      .filter((v) => v.requestIdx !== requestIdx)
      .map((v) => 2 * v.requestIdx + (v.kind === 'delivery' ? 1 : 0));
    const route = new Route(r.vehicleIdx, nodes);
    route.update(p, ws, true);
    return route;
  });
  for (const route of working) {
    if (!route.feasible) continue;
    relaxedCandidates(p, route, requestIdx, cand);
    for (let c = 0; c < cand.size; c++) {
      const i = cand.i[c];
      const j = cand.j[c];
      if (!insertionFeasible(p, route, requestIdx, i, j, ws)) continue;
      const next = new Route(route.v, route.nodes.slice());
      applyInsertion(next, requestIdx, i, j);
      next.update(p, ws, true);
      if (!next.feasible) continue;
      const n = layout(p, next.v, next.nodes, next.nodes.length, ws);
      options.push({
        vehicleIdx: route.v,
        pickupPos: i,
        deliveryPos: j + 1,
        addedCost: next.cost - route.cost,
        pickupStartS: next.times[i + 1],
        deliveryStartS: next.times[j + 2],
        route: toPlannedRoute(p, next.v, ws.nodes, n, next.times),
      });
    }
  }
  options.sort((a, b) => a.addedCost - b.addedCost || a.vehicleIdx - b.vehicleIdx || a.pickupPos - b.pickupPos);
  if (opts.maxOptions !== undefined) options.length = Math.min(options.length, opts.maxOptions);
  if (options.length > 0) return { options };
  return { options, ...blockingReason(p, working, requestIdx, ws) };
}

/** Why request r fits in none of the routes: the first rule that rejects it. */
export function blockingReason(
  p: Prepared,
  routes: Route[],
  r: number,
  ws: Workspace,
): { reason: UnservedReason; message: string } {
  const inst = p.inst;
  const req = inst.requests[r];
  const vehicles = routes.map((route) => route.v);
  const names = (list: number[]): string => list.map((v) => inst.vehicles[v].id).join(', ');
  if (vehicles.length === 0) return { reason: 'NO_ROOM', message: `no vehicle is available for request ${req.id}` };
  const withFeatures = vehicles.filter((v) => req.requires.every((f) => inst.vehicles[v].features.includes(f)));
  if (withFeatures.length === 0) {
    return {
      reason: 'NO_COMPATIBLE_VEHICLE',
      message: `request ${req.id} needs ${req.requires.join(', ')}; none of the vehicles (${names(vehicles)}) has it`,
    };
  }
  const withRoom = withFeatures.filter((v) => req.load.every((q, d) => q <= inst.vehicles[v].capacity[d]));
  if (withRoom.length === 0) {
    return {
      reason: 'CAPACITY',
      message: `request ${req.id} needs ${req.load.map((q, d) => `${q} ${inst.dims[d]}`).join(', ')}; no suitable vehicle is that large`,
    };
  }
  const allowed = withRoom.filter((v) => p.compatible[r * p.nVeh + v]);
  if (allowed.length === 0) {
    const to =
      req.lockedVehicleIdx !== undefined ? inst.vehicles[req.lockedVehicleIdx].id : 'a vehicle not offered here';
    return { reason: 'LOCK', message: `request ${req.id} is locked to ${to}` };
  }
  // Alone on an empty vehicle (after its locked visits)?
  const counts = new Map<UnservedReason, { n: number; message: string }>();
  const note = (code: string, message: string): void => {
    const reason = (code === 'PRECEDENCE' ? 'NO_ROOM' : code) as UnservedReason;
    const c = counts.get(reason);
    if (c) c.n++;
    else counts.set(reason, { n: 1, message });
  };
  let aloneFits = false;
  const triedAlone = new Set<string>();
  for (const v of allowed) {
    const veh = inst.vehicles[v];
    const key = JSON.stringify([
      veh.capacity,
      veh.startLoc,
      veh.endLoc,
      veh.shiftStartS,
      veh.shiftEndS,
      veh.maxDurationS,
      p.prefix[v],
    ]);
    if (triedAlone.has(key)) continue;
    triedAlone.add(key);
    const prefix = p.prefix[v].map((node) => ({
      requestIdx: node >> 1,
      kind: (node & 1) === 0 ? ('pickup' as const) : ('delivery' as const),
    }));
    const alone = evaluateRoute(inst, v, [
      ...prefix,
      { requestIdx: r, kind: 'pickup' },
      { requestIdx: r, kind: 'delivery' },
    ]);
    if (alone.feasible) {
      aloneFits = true;
      break;
    }
    note(alone.violations[0].code, alone.violations[0].message);
  }
  if (!aloneFits) {
    const [reason, c] = [...counts.entries()].sort((a, b) => b[1].n - a[1].n)[0];
    return { reason, message: `request ${req.id} cannot be served even alone: ${c.message}` };
  }
  // It fits alone, so the other passengers are in the way: name the rule they break most.
  counts.clear();
  // Sample the places near the request's pickup time in each route (bounded work).
  let tried = 0;
  const pickupEarly = p.early[2 * r];
  for (const route of routes) {
    if (!allowed.includes(route.v) || tried >= DIAGNOSE_LIMIT) continue;
    const len = route.nodes.length;
    let from = p.prefix[route.v].length;
    while (from < len && route.earliest[from + 1] < pickupEarly) from++;
    for (let i = Math.max(p.prefix[route.v].length, from - 2); i <= Math.min(len, from + 2); i++) {
      for (let j = i; j <= Math.min(len, i + 4) && tried < DIAGNOSE_LIMIT; j++) {
        tried++;
        const n = layoutInsert(p, route, r, i, j, ws);
        const visits = Array.from(ws.nodes.subarray(1, n - 1), (node) => ({
          requestIdx: node >> 1,
          kind: (node & 1) === 0 ? ('pickup' as const) : ('delivery' as const),
        }));
        const ev = evaluateRoute(inst, route.v, visits);
        if (!ev.feasible && ev.violations.length > 0) note(ev.violations[0].code, ev.violations[0].message);
      }
    }
  }
  const top = [...counts.entries()].sort((a, b) => b[1].n - a[1].n)[0];
  if (!top) return { reason: 'NO_ROOM', message: `no vehicle has room for request ${req.id}` };
  return {
    reason: top[0],
    message: `no vehicle has room for request ${req.id} at that time; typically: ${top[1].message}`,
  };
}
