/**
 * Fleet minimisation (route elimination, as in Ropke & Pisinger's PDPTW stage
 * one and Nagata & Bräysy's route minimisation): take a route with few
 * requests out of service and re-insert its requests with the ejection pool
 * (ejection-pool.ts); when the pool does not empty, an LNS with a moderate
 * per-request penalty gets a turn on what is left. On long routes the requests
 * go back by ruin and recreate with absence counters instead (absence-walk.ts,
 * SISR's fleet stage). Success keeps the smaller fleet; the stage is skipped at
 * a lower bound on the fleet and ends after repeated failures.
 */
import { alns } from './alns.ts';
import { repair } from './repair.ts';
import { emptyPool } from './ejection-pool.ts';
import { absenceWalk } from './absence-walk.ts';
import { relocateDescent } from '../search/relocate.ts';
import type { SearchContext } from '../search/context.ts';
import type { Solution } from '../search/solution.ts';

export interface FleetBudget {
  /** True when the stage must end (time or iteration budget of the stage used up). */
  stop: (iter: number) => boolean;
  fraction: (iter: number) => number;
  /** Iterations granted to one elimination attempt (a pool step counts as one). */
  attemptIterations: number;
  /** Steps for an attempt that starts with the ejection pool or the absence walk (default: attemptIterations). */
  poolSteps?: number;
  onBest?: (best: Solution) => void;
  /**
   * How an attempt re-inserts the requests: ejection pool, penalised LNS, absence walk, or one
   * then the other; 'auto' (default): the pool then the LNS on short routes, the absence walk on
   * long ones.
   */
  strategy?: FleetStrategy;
  /** Offers the best fleet between attempts; a returned (better) solution is adopted. */
  share?: (iter: number, best: Solution) => Solution | null;
  /** Stop once no more than this many vehicles are in use (a fleet reached before: another landing there). */
  floor?: number;
}

export type FleetStrategy = 'pool' | 'lns' | 'abs' | 'pool+lns' | 'lns+pool' | 'lns+abs' | 'auto';

const MAX_FAILURES = 6;
const PERTURB_MOVES = 8;

/**
 * A fleet size no solution can go below. Capacity is freed at each delivery, so
 * the total load over the capacity is *not* a bound for pickup and delivery;
 * what is: a request picked up by the end of its pickup window and delivered
 * no earlier than the start of its delivery window is aboard throughout
 * between them, and at every instant the load that must be aboard, over the
 * largest capacity, needs that many vehicles (per dimension).
 */
export function fleetLowerBound(ctx: SearchContext): number {
  const { p } = ctx;
  let bound = 1;
  const events: Array<[number, number]> = [];
  for (let d = 0; d < p.nDims; d++) {
    let largest = 0;
    for (let v = 0; v < p.nVeh; v++) largest = Math.max(largest, p.cap[v * p.nDims + d]);
    if (largest <= 0) continue;
    events.length = 0;
    for (let r = 0; r < p.nReq; r++) {
      const q = p.load[2 * r * p.nDims + d];
      const aboardFrom = p.late[2 * r] + p.svc[2 * r];
      const aboardTo = p.early[2 * r + 1];
      if (q > 0 && aboardFrom < aboardTo) events.push([aboardFrom, q], [aboardTo, -q]);
    }
    // At equal times the deliveries come first (the seat is free again).
    events.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    let aboard = 0;
    for (const [, q] of events) {
      aboard += q;
      bound = Math.max(bound, Math.ceil(aboard / largest - 1e-9));
    }
  }
  return bound;
}

/**
 * Above this many requests per route in use the pool does not go first: on long routes (Li &
 * Lim lr2/lrc2, 17–35 requests a route) its random moves leave a fleet whose distance the
 * rest of the budget cannot repair (lrc2 mean gap 2.6 % → 5.8 % with the pool first). The
 * absence walk empties routes there that the LNS did not (seed 1: lilim200 at 30 s, lr2_2_6
 * at the best-known 3 vans; lilim400 at 60 s, 6 vans fewer on the 10 long-route instances
 * above the best-known fleet), at a lower mean gap on the lilim200 ones at the same fleet.
 */
const LONG_ROUTE = 15;

export function longRoutes(sol: Solution): boolean {
  let used = 0;
  let visits = 0;
  for (const route of sol.routes) {
    if (route.nodes.length === 0) continue;
    used++;
    visits += route.nodes.length;
  }
  return used > 0 && visits / 2 / used > LONG_ROUTE;
}

export function minimiseFleet(
  ctx: SearchContext,
  start: Solution,
  budget: FleetBudget,
): { best: Solution; iterations: number } {
  const { p, rng } = ctx;
  let best = start;
  let iterations = 0;
  let failures = 0;
  const tried = new Set<number>();
  const strategy = budget.strategy ?? 'auto';
  const absences = new Int32Array(p.nReq);
  const lowerBound = fleetLowerBound(ctx);
  const fullPenalty = ctx.penalty;
  ctx.penalty = 4 * ctx.costScale;
  try {
    while (!budget.stop(iterations) && failures < MAX_FAILURES) {
      const shared = budget.share?.(iterations, best);
      if (shared && shared.bank.length === 0) {
        best = shared;
        tried.clear();
        budget.onBest?.(best);
      }
      const inUse = best.vehiclesInUse();
      if (inUse <= Math.max(lowerBound, budget.floor ?? 0)) break;
      const used = best.routes
        .filter((r) => r.nodes.length > 0 && p.prefix[r.v].length === 0 && !tried.has(r.v))
        .sort((a, b) => a.nodes.length - b.nodes.length);
      if (used.length <= 1) break;
      const victim = used[Math.floor(rng.next() ** 3 * Math.min(used.length, 4))];
      let trial = best.clone();
      const requests = victim.nodes.filter((n) => (n & 1) === 0).map((n) => n >> 1);
      trial.remove(p, ctx.ws, requests);
      trial.disabled[victim.v] = 1;
      // Vehicles out of use stay out during the attempt: moving a route to one of them is no progress.
      const parked: number[] = [];
      trial.routes.forEach((route, v) => {
        if (route.nodes.length === 0 && !trial.disabled[v]) {
          trial.disabled[v] = 1;
          parked.push(v);
        }
      });
      repair(ctx, trial, 2, 0);
      let found = (trial.bank.length === 0 && trial.feasible() ? trial : null) as Solution | null;
      const order = strategy === 'auto' ? (longRoutes(best) ? 'abs' : 'pool+lns') : strategy;
      // The pool's steps are cheap and it often needs thousands of them for the last request or two;
      // the absence walk's steps are small ruins, and it too needs thousands.
      const poolSteps =
        order.startsWith('pool') || order.startsWith('abs')
          ? (budget.poolSteps ?? budget.attemptIterations)
          : budget.attemptIterations;
      const pool = (): void => {
        const done = iterations;
        iterations += emptyPool(ctx, trial, {
          maxSteps: poolSteps,
          perturbMoves: PERTURB_MOVES,
          stop: (steps) => budget.stop(done + steps),
        });
        if (trial.bank.length === 0) {
          // The pool's random moves ignore distance: polish before going on from this fleet.
          relocateDescent(ctx, trial);
          found = trial;
        }
      };
      const lns = (): void => {
        const done = iterations;
        const run = alns(ctx, trial, {
          stop: (it) => it >= budget.attemptIterations || budget.stop(done + it),
          fraction: (it) => it / budget.attemptIterations,
          startWorse: 0.02,
          untilServed: true,
        });
        iterations += run.iterations;
        if (run.best.bank.length === 0) found = run.best;
        // What the LNS left unserved is where the pool goes on from.
        else trial = run.best;
      };
      const abs = (): void => {
        const done = iterations;
        const run = absenceWalk(ctx, trial, absences, {
          maxSteps: poolSteps,
          stop: (steps) => budget.stop(done + steps),
        });
        iterations += run.steps;
        trial = run.best;
        if (trial.bank.length === 0) {
          relocateDescent(ctx, trial);
          found = trial;
        }
      };
      for (const step of order.split('+')) {
        if (found) break;
        if (step === 'pool') pool();
        else if (step === 'abs') abs();
        else lns();
      }
      if (found) {
        for (const v of parked) found.disabled[v] = 0;
        best = found;
        failures = 0;
        tried.clear();
        budget.onBest?.(best);
      } else {
        failures++;
        tried.add(victim.v);
      }
    }
  } finally {
    ctx.penalty = fullPenalty;
  }
  return { best, iterations };
}
