/**
 * Adaptive large neighbourhood search (Ropke & Pisinger 2006): ruin q requests,
 * repair them, accept by simulated annealing, and adapt the operator weights to
 * what produced improvements. The temperature follows the caller's progress
 * fraction (iterations or time), so a run is deterministic for a seed and an
 * iteration budget.
 *
 * With a fixed fleet (Li & Lim's hierarchical objective, where one more vehicle
 * outweighs any distance) the walk may leave requests unserved for a while: on
 * tight long routes most ruins cannot be repaired into the same vehicles, and
 * rejecting them all freezes the search. The bank is then priced by a penalty
 * that starts at the scale of one arc and grows while the current solution
 * leaves someone out; a walk that stays incomplete too long goes back to the
 * best. Only complete solutions become the best.
 *
 * A walk that finds no new best for a while goes back to the best and the
 * cooling starts again from a warmer temperature over what is left of the
 * budget: the same seed otherwise often ends in a basin several per cent
 * above another seed's result (Li & Lim 200, same fleet).
 */
import { repair } from './repair.ts';
import { repairSequential } from './repair-sequential.ts';
import { relocateDescent } from '../search/relocate.ts';
import { blockExchangeDescent } from '../search/block-exchange.ts';
import type { Ruin } from './ruin.ts';
import { randomRuin } from './ruin-random.ts';
import { worstRuin } from './ruin-worst.ts';
import { relatedRuin } from './ruin-related.ts';
import { stringRuin } from './ruin-string.ts';
import { routeRuin } from './ruin-route.ts';
import type { SearchContext } from '../search/context.ts';
import type { Solution } from '../search/solution.ts';

export interface AlnsBudget {
  /** True when the search must stop before iteration `iter`. */
  stop: (iter: number) => boolean;
  /** Progress in [0, 1] for the cooling schedule. */
  fraction: (iter: number) => number;
  /** Called with every new best solution. */
  onBest?: (best: Solution, cost: number, iter: number) => void;
  /** Start temperature as a fraction of the start cost (5% worse accepted with p = 0.5 at 0.05). */
  startWorse?: number;
  /** Stop after this many iterations without a new best (tiny instances need no full budget). */
  patience?: number;
  /** Stop early once the bank is empty (fleet minimisation). */
  untilServed?: boolean;
  /** Offers the best each iteration; a returned (better) solution becomes the current and best one. */
  share?: (iter: number, best: Solution) => Solution | null;
  /** Keep the fleet of the start solution (its empty vehicles stay out of use); see above. */
  fixedFleet?: boolean;
  /** Iterations without a new best after which the walk restarts from the best, warmer (none by default). */
  restartAfter?: number;
}

/** Share of the start temperature a restart warms back up to. */
const RESTART_WARMTH = 0.5;

/**
 * Simulated annealing temperature at progress `fraction`: exponential cooling from `t0` to
 * `tEnd`, restarted at `restartedAt` (a fraction) from `warm` over the rest of the budget.
 */
export function temperature(t0: number, tEnd: number, fraction: number, restartedAt = 0, warm = t0): number {
  const f = Math.min(1, Math.max(0, fraction));
  if (restartedAt >= 1) return tEnd;
  const along = Math.min(1, Math.max(0, (f - restartedAt) / (1 - restartedAt)));
  return warm * (tEnd / warm) ** along;
}

interface Operator<T> {
  op: T;
  weight: number;
  score: number;
  uses: number;
}

const RUINS: Ruin[] = [randomRuin, worstRuin, relatedRuin, stringRuin, routeRuin];
/** [mode, noise]: mode 0 = sequential, 1 = greedy, k ≥ 2 = regret-k. */
const REPAIRS: Array<[number, number]> = [
  [0, 0],
  [0, 0.05],
  [1, 0],
  [1, 0.05],
  [2, 0],
  [2, 0.05],
  [3, 0],
];

/** Most requests removed by one ruin (small ruins, many iterations, as in SISR). */
const MAX_REMOVED = 25;
/** Unserved requests re-tried per iteration. */
const BANK_RETRY = 8;
/** Up to this many requests, a new best gets a full relocate pass; above, only the ruined ones. */
const RELOCATE_ALL = 300;
/**
 * A step that serves everyone and costs less than the current solution plus this fraction of
 * the starting travel gets one pass of block exchanges before the acceptance test: a step a
 * little worse often becomes better than the current one. Eight largest Cordeau a/b instances,
 * 10 s, 32 runs each (slack relative to the current cost there): improving steps only 0.36 %
 * mean gap, 1 % 0.31 %, 2 % 0.27 %, 4 % 0.18 %, 8 % 0.23 %, every step 0.22 %.
 */
const BLOCK_PASS_SLACK = 0.04;
/** Fixed fleet: per-iteration growth of the bank penalty while the current solution leaves someone out. */
const PENALTY_GROWTH = 1.05;
/** Fixed fleet: iterations a walk may leave someone out before it goes back to the best. */
const BACK_TO_BEST = 300;

function roulette<T>(ctx: SearchContext, ops: Operator<T>[]): Operator<T> {
  let total = 0;
  for (const o of ops) total += o.weight;
  let x = ctx.rng.next() * total;
  for (const o of ops) {
    x -= o.weight;
    if (x <= 0) return o;
  }
  return ops[ops.length - 1];
}

export function alns(
  ctx: SearchContext,
  start: Solution,
  budget: AlnsBudget,
): { best: Solution; iterations: number; restarts: number } {
  const { rng } = ctx;
  const fixedFleet = budget.fixedFleet === true;
  // With a fixed fleet the bank penalty starts at one arc's cost (the caller's is far above it).
  const basePenalty = fixedFleet ? ctx.costScale : ctx.penalty;
  let penalty = basePenalty;
  if (fixedFleet) parkEmpty(start);
  let current = start;
  let currentCost = current.cost(penalty);
  let best = current;
  let bestCost = currentCost;
  const ruins = RUINS.map((op) => ({ op, weight: 1, score: 0, uses: 0 }));
  const repairs = REPAIRS.map((op) => ({ op, weight: 1, score: 0, uses: 0 }));
  // The temperature scales with what the search trades (travel and comfort), not with the
  // fixed cost of the vehicles in use: on Li & Lim that cost is ≥ 10,000 per vehicle.
  let fixed = 0;
  for (const route of current.routes) {
    if (route.nodes.length > 0) fixed += ctx.p.inst.objective.vehicleCost + ctx.p.inst.vehicles[route.v].fixedCost;
  }
  const travel = Math.max(1e-9, currentCost - penalty * current.bank.length - fixed);
  const t0 = ((budget.startWorse ?? 0.02) * travel) / Math.LN2;
  const tEnd = t0 * 0.002;
  const blockSlack = BLOCK_PASS_SLACK * travel;
  let iter = 0;
  let lastBest = 0;
  let lastComplete = 0;
  const patience = budget.patience ?? Infinity;
  const restartAfter = budget.restartAfter ?? Infinity;
  let restarts = 0;
  let restartedIter = 0;
  let restartedAt = 0;
  let warm = t0;
  for (; !budget.stop(iter) && iter - lastBest <= patience; iter++) {
    const shared = budget.share?.(iter, best);
    if (shared) {
      if (fixedFleet) parkEmpty(shared);
      best = current = shared;
      bestCost = currentCost = shared.cost(penalty);
      lastBest = iter;
      budget.onBest?.(best, bestCost, iter);
    }
    if (fixedFleet) {
      if (current.bank.length === 0) lastComplete = iter;
      else if (iter - lastComplete > BACK_TO_BEST) {
        current = best;
        lastComplete = iter;
      }
      penalty = current.bank.length > 0 ? penalty * PENALTY_GROWTH : Math.max(basePenalty, penalty / PENALTY_GROWTH);
      currentCost = current.cost(penalty);
    }
    if (iter - Math.max(lastBest, restartedIter) > restartAfter) {
      restarts++;
      restartedIter = iter;
      restartedAt = Math.min(1, budget.fraction(iter));
      warm = RESTART_WARMTH * t0;
      current = best;
      currentCost = current.cost(penalty);
    }
    const temp = temperature(t0, tEnd, budget.fraction(iter), restartedAt, warm);
    const ruin = roulette(ctx, ruins);
    const rep = roulette(ctx, repairs);
    const cand = current.clone();
    let movable = 0;
    for (const route of cand.routes) movable += route.nodes.length >> 1;
    const qMax = Math.max(2, Math.min(movable, MAX_REMOVED, Math.round(0.35 * movable)));
    const q = rng.int(Math.min(2, qMax), qMax);
    // Retry only a few of the long-unserved requests each time: on an overloaded day
    // re-pricing hundreds of them every iteration would stall the search.
    const parked = cand.bank.length > BANK_RETRY ? rng.shuffle(cand.bank).splice(BANK_RETRY) : [];
    const ruined = ruin.op(ctx, cand, q);
    cand.remove(ctx.p, ctx.ws, ruined);
    if (rep.op[0] === 0) repairSequential(ctx, cand, rep.op[1]);
    else repair(ctx, cand, rep.op[0], rep.op[1]);
    for (const r of parked) cand.bank.push(r);
    ruin.uses++;
    rep.uses++;
    if (!cand.feasible()) continue;
    let cost = cand.cost(penalty);
    if (budget.untilServed && cand.bank.length === 0) {
      best = cand;
      break;
    }
    let gain = 0;
    const complete = !fixedFleet || cand.bank.length === 0;
    // A step that improves on the current solution, or nearly, also gets one pass of block
    // exchanges (search/block-exchange.ts): the moves ruin-and-repair cannot make by single
    // requests. Only once everyone is served: while fleet minimisation empties a route it
    // would be polishing solutions that are thrown away.
    const allServed = cand.bank.length === 0;
    if (allServed && cost < currentCost + blockSlack - 1e-9 && blockExchangeDescent(ctx, cand, 1)) {
      cost = cand.cost(penalty);
    }
    if (complete && cost < bestCost - 1e-9) {
      const only = movable <= RELOCATE_ALL ? undefined : ruined;
      relocateDescent(ctx, cand, only);
      if (allServed && blockExchangeDescent(ctx, cand)) relocateDescent(ctx, cand, only);
      cost = cand.cost(penalty);
    }
    if (complete && cost < bestCost - 1e-9) {
      best = cand;
      bestCost = cost;
      lastBest = iter;
      gain = 33;
      budget.onBest?.(best, bestCost, iter);
    }
    if (cost < currentCost - 1e-9) {
      if (gain === 0) gain = 9;
      current = cand;
      currentCost = cost;
    } else if (cost > currentCost + 1e-9 && rng.next() < Math.exp((currentCost - cost) / temp)) {
      gain = 13;
      current = cand;
      currentCost = cost;
    } else if (cost <= currentCost + 1e-9) {
      current = cand;
      currentCost = cost;
    }
    ruin.score += gain;
    rep.score += gain;
    if ((iter + 1) % 100 === 0) {
      for (const o of [...ruins, ...repairs] as Operator<unknown>[]) {
        if (o.uses > 0) o.weight = Math.max(0.05, 0.9 * o.weight + 0.1 * (o.score / o.uses));
        o.score = 0;
        o.uses = 0;
      }
    }
  }
  return { best, iterations: iter, restarts };
}

/** Takes the empty vehicles of `sol` out of use (fixed fleet). */
function parkEmpty(sol: Solution): void {
  sol.routes.forEach((route, v) => {
    if (route.nodes.length === 0) sol.disabled[v] = 1;
  });
}
