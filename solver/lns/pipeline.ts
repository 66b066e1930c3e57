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

export interface SearchBudget {
  stop: (iter: number) => boolean;
  fraction: (iter: number) => number;
  onBest?: (best: Solution, iter: number) => void;
  /** Offers the best solution at global iteration `iter`; returns a better one (the other thread's) to go on from, or null. */
  share?: (iter: number, best: Solution) => Solution | null;
  /** Give fleet minimisation the long share on short routes (the worker thread's role). */
  longFleetStage?: boolean;
}

export function runSearch(
  ctx: SearchContext,
  start: Solution,
  budget: SearchBudget,
): { best: Solution; iterations: number } {
  const { p } = ctx;
  const { stop, fraction } = budget;
  let sol = start;
  construct(ctx, sol);
  const movable = sol.routes.reduce((n, r) => n + r.nodes.length, 0) / 2 + sol.bank.length;
  if (movable === 0) return { best: sol, iterations: 0 };
  budget.onBest?.(sol, 0);
  let done = 0;
  const fleetCosts = p.inst.objective.vehicleCost > 0 || p.inst.vehicles.some((v) => v.fixedCost > 0);
  if (fleetCosts && sol.bank.length === 0 && !stop(0)) {
    const share = budget.longFleetStage && !longRoutes(sol) ? LONG_FLEET_SHARE : FLEET_SHARE;
    const stage = minimiseFleet(ctx, sol, {
      stop: (it) => stop(done + it) || fraction(done + it) >= share,
      fraction: (it) => fraction(done + it),
      attemptIterations: Math.max(500, Math.min(3000, 30 * p.nReq)),
      poolSteps: Math.max(500, Math.min(20000, 100 * p.nReq)),
      onBest: (best) => budget.onBest?.(best, done),
      share: budget.share && ((it, best) => budget.share!(done + it, best)),
    });
    sol = stage.best;
    done += stage.iterations;
  }
  // When one more vehicle outweighs the whole travel cost, the ALNS keeps the fleet and may
  // walk through incomplete solutions (alns.ts); the vehicles it leaves out come back after.
  const fixedFleet = fleetCosts && sol.bank.length === 0 && vehicleOutweighsTravel(ctx, sol);
  const from = fraction(done);
  const startAt = done;
  const run = alns(ctx, sol, {
    stop: (it) => stop(startAt + it),
    fraction: (it) => (fraction(startAt + it) - from) / Math.max(1e-9, 1 - from),
    onBest: (best, _cost, it) => budget.onBest?.(best, startAt + it),
    share: budget.share && ((it, best) => budget.share!(startAt + it, best)),
    patience: Math.max(MIN_PATIENCE, PATIENCE_PER_REQUEST * p.nReq),
    fixedFleet,
    restartAfter: RESTART_PER_REQUEST * p.nReq,
  });
  // Complete solutions only: the parked vehicles matter no more (they only explain unserved requests).
  if (fixedFleet) run.best.disabled.fill(0);
  return { best: run.best, iterations: done + run.iterations };
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
