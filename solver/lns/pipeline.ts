/**
 * The search pipeline shared by the main thread and the worker: construction,
 * fleet minimisation when vehicles cost something, then ALNS to the end of the
 * budget. The budget is abstract (stop rule + progress fraction) so the same
 * code runs against the caller's clock or a shared stop flag.
 */
import type { SearchContext } from '../search/context.ts';
import type { Solution } from '../search/solution.ts';
import { construct } from './construct.ts';
import { alns } from './alns.ts';
import { longRoutes, minimiseFleet } from './fleet.ts';

/** Share of the budget given to fleet minimisation when vehicles have a cost. */
const FLEET_SHARE = 0.4;
/**
 * The worker thread's share on short routes: it keeps eliminating routes while the main
 * thread turns to distance, and hands over any smaller fleet it finds (a vehicle outweighs
 * any distance). On long routes a longer stage gained no vehicle and cost distance.
 */
const LONG_FLEET_SHARE = 0.8;
/** Iterations without a new best before the search gives up early (never reached on the benchmarks). */
const MIN_PATIENCE = 5000;
const PATIENCE_PER_REQUEST = 1000;
/**
 * Iterations without a new best, per request, before the ALNS restarts from its best, warmer.
 * Li & Lim 200 at 30 s, 4 instances far from the best known (lrc1_2_5, lr1_2_7, lr2_2_9,
 * lrc2_2_3), seeds 1–3: mean of the 12 results 3,636 without restarts, 3,581 with (lrc1_2_5 at
 * the best known on all three seeds, was 3,798 on average). Six other instances on seeds 4–5: no
 * difference (a restart fires at most once in such a run, ~10,000 iterations).
 */
const RESTART_PER_REQUEST = 100;

/**
 * Landings on the fleet for the distance search at a fixed fleet (Li & Lim): the basin the
 * route elimination lands in decides the distance, and the ALNS settles in it within seconds
 * (lrc2_2_10, one thread, seed 1: 2,747 after 24 s of a 30 s run, 2,629 after 73 s; five other
 * seeds at 10 s: 2,510–2,776; best known 2,438). lilim200 at 30 s, seed 1: 0.95 % mean gap at
 * the fleet, against 1.36–1.53 % for seeds 1–3 with one landing (docs/solver.md).
 */
const LANDINGS = 3;
/**
 * On short routes, from this many requests: below, one search already covers the basin in the
 * budget (lilim100 at 10 s: 56/56 at the best known with one landing; with three, lc109 on seed 1
 * ends 0.78 % above, 1,008.38 against 1,000.60, on two runs).
 */
const SHORT_ROUTE_LANDINGS_FROM = 80;

export interface SearchResult {
  best: Solution;
  iterations: number;
  /** Each part of the distance stage: the fleet it searched with and the best cost it reached. */
  landings: Array<{ vehicles: number; cost: number }>;
}

export interface SearchBudget {
  stop: (iter: number) => boolean;
  fraction: (iter: number) => number;
  onBest?: (best: Solution, iter: number) => void;
  /** Offers the best solution at global iteration `iter`; returns a better one (the other thread's) to go on from, or null. */
  share?: (iter: number, best: Solution) => Solution | null;
  /** Give fleet minimisation the long share on short routes (the worker thread's role). */
  longFleetStage?: boolean;
}

export function runSearch(ctx: SearchContext, start: Solution, budget: SearchBudget): SearchResult {
  const { p } = ctx;
  const { stop, fraction } = budget;
  // Kept unbuilt: another landing on the fleet starts from it (distanceStage).
  const blank = start.clone();
  let sol = start;
  construct(ctx, sol);
  const movable = sol.routes.reduce((n, r) => n + r.nodes.length, 0) / 2 + sol.bank.length;
  if (movable === 0) return { best: sol, iterations: 0, landings: [] };
  budget.onBest?.(sol, 0);
  let done = 0;
  // The worker's long fleet stage on short routes leaves it no time for more than one landing.
  const fleetShare = budget.longFleetStage && !longRoutes(sol) ? LONG_FLEET_SHARE : FLEET_SHARE;
  const fleetCosts = p.inst.objective.vehicleCost > 0 || p.inst.vehicles.some((v) => v.fixedCost > 0);
  if (fleetCosts && sol.bank.length === 0 && !stop(0)) {
    const stage = minimiseFleet(ctx, sol, {
      ...fleetEffort(p.nReq),
      stop: (it) => stop(done + it) || fraction(done + it) >= fleetShare,
      fraction: (it) => fraction(done + it),
      onBest: (best) => budget.onBest?.(best, done),
      share: budget.share && ((it, best) => budget.share!(done + it, best)),
    });
    sol = stage.best;
    done += stage.iterations;
  }
  // When one more vehicle outweighs the whole travel cost, the ALNS keeps the fleet and may
  // walk through incomplete solutions (alns.ts); the vehicles it leaves out come back after.
  const fixedFleet = fleetCosts && sol.bank.length === 0 && vehicleOutweighsTravel(ctx, sol);
  const landings =
    fixedFleet && fleetShare === FLEET_SHARE && (longRoutes(sol) || p.nReq >= SHORT_ROUTE_LANDINGS_FROM) ? LANDINGS : 1;
  const run = distanceStage(ctx, { sol, blank, done, fixedFleet, landings }, budget);
  // Complete solutions only: the parked vehicles matter no more (they only explain unserved requests).
  if (fixedFleet) run.best.disabled.fill(0);
  return run;
}

/** Fleet-stage effort per elimination attempt: scaled to the instance, bounded both ways. */
function fleetEffort(nReq: number): { attemptIterations: number; poolSteps: number } {
  return {
    attemptIterations: Math.max(500, Math.min(3000, 30 * nReq)),
    poolSteps: Math.max(500, Math.min(20000, 100 * nReq)),
  };
}

interface DistanceStart {
  /** The fleet stage's result: the first landing. */
  sol: Solution;
  /** The unbuilt start, for another landing. */
  blank: Solution;
  /** Iterations used so far. */
  done: number;
  fixedFleet: boolean;
  landings: number;
}

/**
 * The ALNS on distance over the rest of the budget. With several landings, the rest is cut into
 * equal parts: the first goes on from the fleet stage's landing; each later part builds anew,
 * eliminates routes down to the same fleet (never below: that already failed) and searches
 * from there, posting its best to the partner thread and adopting only a smaller fleet (which
 * ends the landings); the last part trades as usual. The best over all parts is the result.
 */
function distanceStage(ctx: SearchContext, start: DistanceStart, budget: SearchBudget): SearchResult {
  const { p } = ctx;
  const { stop, fraction } = budget;
  const { blank, fixedFleet, landings } = start;
  let { sol, done } = start;
  const fleet = sol.vehiclesInUse();
  const from = fraction(done);
  let best: Solution | null = null;
  let bestCost = Infinity;
  const parts: SearchResult['landings'] = [];
  // Set once the partner posts a smaller fleet: the landings end and the search goes on from it.
  let smaller = false;
  // Until the last part a thread posts its best and keeps to its own basin (a smaller fleet excepted).
  const postOnly =
    budget.share &&
    ((it: number, mine: Solution): Solution | null => {
      const theirs = budget.share!(it, best ?? mine);
      if (!theirs || theirs.bank.length > 0 || theirs.vehiclesInUse() >= fleet) return null;
      smaller = true;
      return theirs;
    });
  for (let part = 0; part < landings && !stop(done); part++) {
    const last = part === landings - 1 || smaller;
    const end = last ? 1 : from + ((1 - from) * (part + 1)) / landings;
    if (part > 0 && smaller) sol = (best as Solution).clone();
    else if (part > 0) {
      const landed = blank.clone();
      construct(ctx, landed);
      const at = done;
      const partStart = fraction(done);
      const halfway = partStart + (end - partStart) / 2;
      const stage = minimiseFleet(ctx, landed, {
        ...fleetEffort(p.nReq),
        stop: (it) => stop(at + it) || fraction(at + it) >= halfway,
        fraction: (it) => fraction(at + it),
        share: postOnly && ((it, mine) => postOnly(at + it, mine)),
        floor: fleet,
      });
      done += stage.iterations;
      const reached = stage.best.bank.length === 0 && stage.best.vehiclesInUse() <= fleet;
      // A landing that did not reach the fleet gives its part to the best so far.
      sol = reached ? stage.best : (best as Solution).clone();
    }
    const at = done;
    const partFrom = fraction(done);
    const run = alns(ctx, sol, {
      stop: (it) => stop(at + it) || (!last && fraction(at + it) >= end),
      fraction: (it) => (fraction(at + it) - partFrom) / Math.max(1e-9, end - partFrom),
      onBest: (found, cost, it) => {
        if (cost < bestCost) budget.onBest?.(found, at + it);
      },
      share: last
        ? budget.share && ((it, mine) => budget.share!(at + it, mine))
        : postOnly && ((it, mine) => postOnly(at + it, mine)),
      patience: Math.max(MIN_PATIENCE, PATIENCE_PER_REQUEST * p.nReq),
      fixedFleet,
      restartAfter: RESTART_PER_REQUEST * p.nReq,
    });
    done += run.iterations;
    const cost = run.best.cost(ctx.penalty);
    parts.push({ vehicles: run.best.vehiclesInUse(), cost });
    if (cost < bestCost) {
      best = run.best;
      bestCost = cost;
    }
  }
  return { best: best ?? sol, iterations: done, landings: parts };
}

/** True when the cheapest vehicle costs more than all the travel of `sol` (Li & Lim's objective). */
function vehicleOutweighsTravel(ctx: SearchContext, sol: Solution): boolean {
  const { inst } = ctx.p;
  let cheapest = Infinity;
  for (const v of inst.vehicles) cheapest = Math.min(cheapest, inst.objective.vehicleCost + v.fixedCost);
  let fixed = 0;
  for (const route of sol.routes) {
    if (route.nodes.length > 0) fixed += inst.objective.vehicleCost + inst.vehicles[route.v].fixedCost;
  }
  return cheapest > sol.cost(0) - fixed;
}
