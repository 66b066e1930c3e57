/**
 * Everything a search step needs besides the solution: the prepared data,
 * scratch buffers, the seeded generator, vehicle classes (identical empty
 * vehicles are tried once) and per-request neighbour lists for related ruins.
 */
import { Rng } from '../model/rng.ts';
import { deliveryNode, pickupNode, type Prepared } from '../model/prepared.ts';
import { Workspace } from '../eval/schedule.ts';
import { Candidates } from '../lns/insertion.ts';
import type { Route } from './route.ts';

export interface SearchContext {
  p: Prepared;
  ws: Workspace;
  cand: Candidates;
  rng: Rng;
  vehicleClass: Int32Array;
  /** Other requests, closest first (pickup–pickup plus delivery–delivery travel, plus time). */
  neighbours: Int32Array[];
  /** Cost per unserved request used by acceptance. */
  penalty: number;
  /** Largest arc cost seen, the scale for insertion noise. */
  costScale: number;
}

const NEIGHBOURS = 60;

/**
 * True when `route` is empty and an identical empty vehicle was already tried for
 * the current request; `tried` holds the classes tried so far (cleared per request).
 */
export function twinTried(ctx: SearchContext, route: Route, tried: Set<number>): boolean {
  if (route.nodes.length > 0) return false;
  const c = ctx.vehicleClass[route.v];
  if (tried.has(c)) return true;
  tried.add(c);
  return false;
}

export function createContext(p: Prepared, seed: number): SearchContext {
  const classes = new Map<string, number>();
  const vehicleClass = new Int32Array(p.nVeh);
  p.inst.vehicles.forEach((v, k) => {
    const key = JSON.stringify([
      v.capacity,
      [...v.features].sort(),
      v.startLoc,
      v.endLoc,
      v.shiftStartS,
      v.shiftEndS,
      v.maxDurationS,
      v.fixedCost,
      v.costPerS,
      v.costPerM,
      p.prefix[k].length > 0 ? k : -1,
    ]);
    if (!classes.has(key)) classes.set(key, classes.size);
    vehicleClass[k] = classes.get(key)!;
  });
  return {
    p,
    ws: new Workspace(p),
    cand: new Candidates(),
    rng: new Rng(seed),
    vehicleClass,
    neighbours: neighbourLists(p),
    penalty: p.inst.objective.unservedPenalty,
    costScale: costScale(p),
  };
}

/** Other requests, closest first: pickup–pickup plus delivery–delivery travel, plus half the time gap. */
function neighbourLists(p: Prepared): Int32Array[] {
  const { loc, dur, size, early, late } = p;
  const n = p.nReq;
  const keep = Math.min(NEIGHBOURS, n - 1);
  const mid = new Float64Array(2 * n);
  for (let k = 0; k < 2 * n; k++) mid[k] = (early[k] + Math.min(late[k], early[k] + 7200)) / 2;
  const lists: Int32Array[] = [];
  const score = new Float64Array(n);
  const idx = new Int32Array(n);
  for (let a = 0; a < n; a++) {
    const pa = loc[2 * a] * size;
    const da = loc[2 * a + 1] * size;
    for (let b = 0; b < n; b++) {
      idx[b] = b;
      score[b] =
        b === a
          ? Infinity
          : dur[pa + loc[2 * b]] +
            dur[da + loc[2 * b + 1]] +
            0.5 * (Math.abs(mid[2 * a] - mid[2 * b]) + Math.abs(mid[2 * a + 1] - mid[2 * b + 1]));
    }
    idx.sort((x, y) => score[x] - score[y]);
    lists.push(idx.slice(0, keep));
  }
  return lists;
}

function costScale(p: Prepared): number {
  let worst = 0;
  for (let r = 0; r < p.nReq; r++) {
    for (let v = 0; v < p.nVeh; v++) {
      const veh = p.inst.vehicles[v];
      const ab = p.loc[pickupNode(r)] * p.size + p.loc[deliveryNode(r)];
      const c = p.inst.objective.travel * (veh.costPerM * p.dist[ab] + veh.costPerS * p.dur[ab]);
      if (c > worst) worst = c;
    }
  }
  return worst > 0 ? worst : 1;
}
