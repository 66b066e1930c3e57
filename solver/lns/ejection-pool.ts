/**
 * Route elimination with an ejection pool (after Nagata & Bräysy 2009, as
 * adapted to pickup and delivery by Nagata & Kobayashi 2010). The requests of
 * the removed route wait in a pool; one at a time (last in, first out) each is
 * put at its cheapest feasible place in a route already in use. When it fits
 * nowhere, its penalty counter grows and it goes in anyway by ejecting one or
 * two requests of some route — those whose counters add up least (requests
 * that keep coming back are ejected last) — and a few random feasible
 * relocations perturb the solution. The route is gone once the pool is empty.
 * Only routes in use are ever touched, so the fleet never grows; every state is
 * feasible. Deterministic: work is counted in pricings, never timed.
 */
import { applyInsertion, bestInsertion, cheapestFeasible, relaxedCandidates } from './insertion.ts';
import type { SearchContext } from '../search/context.ts';
import type { Prepared } from '../model/prepared.ts';
import { Route } from '../search/route.ts';
import { NearbyRoutes } from './nearby-routes.ts';
import { hasRelaxedRoom } from './relaxed-room.ts';
import type { Solution } from '../search/solution.ts';

/** Pricings allowed for one ejection search (bounds the pair enumeration on long routes). */
const EJECTION_PRICINGS = 1500;
/** Pairs of the same counter sum priced after the first that works (the cheapest of them wins). */
const PAIR_TIES = 30;

export interface PoolLimits {
  /** Pool steps (one request taken out of the pool) before the attempt gives up. */
  maxSteps: number;
  /** Random relocations after each forced insertion. */
  perturbMoves: number;
  /** Checked before every step with the steps taken; true ends the attempt (budget used up). */
  stop: (steps: number) => boolean;
}

interface Ejection {
  psum: number;
  cost: number;
  v: number;
  out: number[];
}

/**
 * Empties `sol.bank` into the routes in use of `sol`, ejecting and perturbing as
 * needed. Returns the number of steps taken; the attempt succeeded when the
 * bank is empty afterwards (requests still pooled are left in the bank).
 */
export function emptyPool(ctx: SearchContext, sol: Solution, limits: PoolLimits): number {
  const { p, rng } = ctx;
  const counter = new Int32Array(p.nReq).fill(1);
  const pool = sol.bank;
  sol.bank = [];
  let steps = 0;
  while (pool.length > 0 && steps < limits.maxSteps && !limits.stop(steps)) {
    steps++;
    const r = pool.pop() as number;
    if (insertCheapest(ctx, sol, r)) continue;
    counter[r]++;
    const ej = bestEjection(ctx, sol, r, counter);
    if (!ej) {
      // Nothing can make room for r now: try it again after the others.
      pool.unshift(r);
      perturb(ctx, sol, limits.perturbMoves);
      continue;
    }
    const route = sol.routes[ej.v];
    const gone = new Set(ej.out);
    route.nodes = route.nodes.filter((n) => !gone.has(n >> 1));
    route.update(p, ctx.ws);
    const place = bestInsertion(p, route, r, ctx.ws, ctx.cand);
    if (!place)
      throw new Error(`ejection pool: request ${r} no longer fits vehicle ${ej.v} after its ejection (internal)`);
    applyInsertion(route, r, place.i, place.j);
    route.update(p, ctx.ws);
    // Ejected requests go on top in random order (ties between equal counters are broken randomly).
    for (const out of rng.shuffle(ej.out)) pool.push(out);
    perturb(ctx, sol, limits.perturbMoves);
  }
  sol.bank = pool;
  return steps;
}

/** Routes worth pricing for r: in use, allowed, compatible; near r on large fleets. */
function candidateRoutes(ctx: SearchContext, sol: Solution, r: number): number[] {
  const { p } = ctx;
  const out: number[] = [];
  const near = new Uint8Array(p.nVeh);
  const filtered = new NearbyRoutes(ctx, sol).mark(r, near);
  for (let v = 0; v < p.nVeh; v++) {
    if (sol.disabled[v] || sol.routes[v].nodes.length === 0 || !p.compatible[r * p.nVeh + v]) continue;
    if (filtered && !near[v]) continue;
    out.push(v);
  }
  return out;
}

function insertCheapest(ctx: SearchContext, sol: Solution, r: number): boolean {
  const { p, ws, cand } = ctx;
  let bestV = -1;
  let best = { cost: Infinity, i: 0, j: 0 };
  for (const v of candidateRoutes(ctx, sol, r)) {
    const place = bestInsertion(p, sol.routes[v], r, ws, cand);
    if (place && place.cost < best.cost) {
      best = place;
      bestV = v;
    }
  }
  if (bestV < 0) return false;
  const route = sol.routes[bestV];
  applyInsertion(route, r, best.i, best.j);
  route.update(p, ws);
  return true;
}

/**
 * Scratch routes per vehicle for the relaxed check, kept from call to call (their arrays
 * grow once; a new set per call was an allocation per vehicle and ejection step).
 */
const leanRoutes = new WeakMap<Prepared, Route[]>();

/**
 * The ejection of one or two requests from one route that lets r in with the
 * smallest sum of penalty counters (ties: the cheapest result), or null.
 */
function bestEjection(ctx: SearchContext, sol: Solution, r: number, counter: Int32Array): Ejection | null {
  const { p, ws, cand, rng } = ctx;
  let best: Ejection | null = null;
  let pricings = 0;
  let scratch = leanRoutes.get(p);
  if (!scratch) leanRoutes.set(p, (scratch = []));
  const consider = (v: number, out: number[], psum: number): void => {
    const route = sol.routes[v];
    const a = out[0];
    const b = out.length > 1 ? out[1] : -1;
    pricings++;
    // Most ejections leave no relaxed room for r: rule those out on reused arrays first.
    const lean = scratch[v] ?? (scratch[v] = new Route(v));
    const kept = lean.nodes;
    kept.length = 0;
    for (const n of route.nodes) if (n >> 1 !== a && n >> 1 !== b) kept.push(n);
    lean.updateRelaxed(p, ws);
    if (!hasRelaxedRoom(p, lean, r)) return;
    relaxedCandidates(p, lean, r, cand);
    if (cand.size === 0) return;
    const trial = new Route(v, kept.slice());
    trial.update(p, ws, false);
    if (!trial.feasible) return;
    // The trial has the lean route's order, so the candidates just priced are its own.
    const place = cheapestFeasible(p, trial, r, ws, cand);
    if (!place) return;
    const cost = trial.cost + place.cost - route.cost;
    if (!best || psum < best.psum || (psum === best.psum && cost < best.cost)) best = { psum, cost, v, out };
  };
  const routes = candidateRoutes(ctx, sol, r);
  const members = routes.map((v) => {
    const reqs: number[] = [];
    for (const n of sol.routes[v].nodes) if ((n & 1) === 0 && !p.fixed[n >> 1]) reqs.push(n >> 1);
    return reqs;
  });
  routes.forEach((v, k) => {
    for (const a of members[k]) {
      if (best && counter[a] > best.psum) continue;
      consider(v, [a], counter[a]);
    }
  });
  // Pairs, fewest counters first (random order among equals), until the first that works
  // plus a few more of the same sum (ties go to the cheapest).
  const pairs: Array<[number, number, number, number]> = [];
  const bound = best ? (best as Ejection).psum : Infinity;
  routes.forEach((v, k) => {
    const reqs = members[k];
    for (let x = 0; x < reqs.length; x++) {
      for (let y = x + 1; y < reqs.length; y++) {
        const psum = counter[reqs[x]] + counter[reqs[y]];
        if (psum < bound) pairs.push([psum, v, reqs[x], reqs[y]]);
      }
    }
  });
  rng.shuffle(pairs).sort((a, b) => a[0] - b[0]);
  let extra = -1;
  for (const [psum, v, a, b] of pairs) {
    if (pricings >= EJECTION_PRICINGS || extra === 0) break;
    if (best && psum > (best as Ejection).psum) break;
    consider(v, [a, b], psum);
    if (extra > 0) extra--;
    else if (extra < 0 && best && (best as Ejection).psum === psum) extra = PAIR_TIES;
  }
  return best;
}

/** Random feasible relocations between routes in use (diversification; cost is ignored). */
function perturb(ctx: SearchContext, sol: Solution, moves: number): void {
  const { p, ws, cand, rng } = ctx;
  const used: number[] = [];
  sol.routes.forEach((route, v) => {
    if (!sol.disabled[v] && route.nodes.length > 0) used.push(v);
  });
  if (used.length < 2) return;
  for (let m = 0; m < moves; m++) {
    const from = sol.routes[used[rng.int(0, used.length - 1)]];
    const reqs = from.nodes.filter((n) => (n & 1) === 0 && !p.fixed[n >> 1]);
    if (reqs.length <= 1) continue;
    const r = reqs[rng.int(0, reqs.length - 1)] >> 1;
    const targets = rng.shuffle(candidateRoutes(ctx, sol, r).filter((v) => v !== from.v));
    for (const v of targets.slice(0, 3)) {
      const route = sol.routes[v];
      const place = bestInsertion(p, route, r, ws, cand);
      if (!place) continue;
      const shorter = new Route(
        from.v,
        from.nodes.filter((n) => n >> 1 !== r),
      );
      shorter.update(p, ws);
      // Without the triangle inequality (road matrices) a shorter route can break a window.
      if (!shorter.feasible) break;
      sol.routes[from.v] = shorter;
      applyInsertion(route, r, place.i, place.j);
      route.update(p, ws);
      break;
    }
  }
}
