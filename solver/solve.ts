/**
 * solve: the anytime search on the calling thread — construction, then (when
 * vehicles cost something) fleet minimisation, then ALNS until the time or
 * iteration budget ends or the signal aborts. Pure: clock, seed, budget,
 * progress callback and AbortSignal come from the caller; same seed +
 * maxIterations ⇒ same result. No thread is started and nothing blocks; the
 * two-thread search is `solveParallel` (parallel/solve-parallel.ts), built on
 * `searchWith` below with a partner that trades best solutions.
 */
import type { DarpInstance, DarpSolution, PlannedRoute, SolveOptions, UnservedRequest } from './model/instance.ts';
import { prepare } from './model/prepared.ts';
import { layout } from './eval/schedule.ts';
import { toPlannedRoute } from './eval/planned.ts';
import { createContext, type SearchContext } from './search/context.ts';
import type { Solution } from './search/solution.ts';
import { initialSolution } from './lns/initial.ts';
import { runSearch } from './lns/pipeline.ts';
import { blockingReason } from './insertion-options.ts';

const DEFAULT_ITERATIONS = 2000;

/** The budget of one solve as the search sees it. */
export interface SolveBudget {
  /** Time budget left for the search (the caller's limit minus a reserve to build the result), ms. */
  timeLimit: number | undefined;
  maxIter: number;
  overBudget: () => boolean;
}

/** A second search that trades best solutions with this one (parallel/solve-parallel.ts). */
export interface Partner {
  /** Told the progress fraction at every stop check (the partner never reads a clock). */
  progress(fraction: number): void;
  /** Offers this thread's best at a checkpoint; returns the partner's when it is better. */
  exchange(fraction: number, best: Solution): Solution | null;
  /** After this thread's search: posts its final best and returns the partner's, or null. */
  finish(best: Solution): { best: Solution; iterations: number } | null;
}

export function solve(instance: DarpInstance, options: SolveOptions): DarpSolution {
  return searchWith(instance, options, () => null);
}

/**
 * One search on this thread; `partnerFor` may attach a partner (called once the
 * budget is known, before the search starts). The better of the two final
 * solutions is the result.
 */
export function searchWith(
  instance: DarpInstance,
  options: SolveOptions,
  partnerFor: (ctx: SearchContext, budget: SolveBudget) => Partner | null,
): DarpSolution {
  const started = options.now();
  const p = prepare(instance);
  const ctx = createContext(p, options.seed);
  // Leave time to turn the best solution into the result (schedules, unserved reasons).
  const timeLimit =
    options.timeLimitMs === undefined
      ? undefined
      : options.timeLimitMs - Math.min(0.1 * options.timeLimitMs, 20 + 0.5 * p.nReq);
  const maxIter = options.maxIterations ?? (timeLimit === undefined ? DEFAULT_ITERATIONS : Infinity);
  const elapsed = (): number => options.now() - started;
  const fraction = (iter: number): number =>
    Number.isFinite(maxIter) ? iter / maxIter : Math.min(1, elapsed() / (timeLimit as number));
  const overBudget = (): boolean =>
    options.signal?.aborted === true || (timeLimit !== undefined && elapsed() >= timeLimit);
  const partner = partnerFor(ctx, { timeLimit, maxIter, overBudget });
  let bestCost = Infinity;
  const run = runSearch(ctx, initialSolution(ctx, options.initial), {
    stop: (iter) => {
      partner?.progress(fraction(iter));
      return iter >= maxIter || overBudget();
    },
    fraction,
    onBest: (sol, iter) => {
      bestCost = Math.min(bestCost, sol.cost(ctx.penalty));
      options.onProgress?.({ elapsedMs: elapsed(), iteration: iter, bestCost });
    },
    share: partner
      ? (iter, best) => {
          const theirs = partner.exchange(fraction(iter), best);
          // The partner's better solution is reported too, so the progress curve shows both threads.
          const cost = theirs?.cost(ctx.penalty) ?? Infinity;
          if (cost < bestCost) {
            bestCost = cost;
            options.onProgress?.({ elapsedMs: elapsed(), iteration: iter, bestCost });
          }
          return theirs;
        }
      : undefined,
  });
  let best = run.best;
  let iterations = run.iterations;
  const other = partner?.finish(run.best);
  if (other) {
    iterations += other.iterations;
    if (other.best.feasible() && other.best.cost(ctx.penalty) < best.cost(ctx.penalty) - 1e-9) best = other.best;
  }
  const result = toResult(ctx, best);
  options.onProgress?.({ elapsedMs: elapsed(), iteration: iterations, bestCost: Math.min(bestCost, result.cost) });
  return result;
}

function toResult(ctx: SearchContext, sol: Solution): DarpSolution {
  const { p, ws } = ctx;
  const routes: PlannedRoute[] = [];
  let cost = p.inst.objective.unservedPenalty * sol.bank.length;
  const totals = { distanceM: 0, durationS: 0, vehicles: 0, excessRideS: 0, waitAboardS: 0 };
  for (const route of sol.routes) {
    if (route.nodes.length === 0) continue;
    route.update(p, ws, true);
    cost += route.cost;
    const n = layout(p, route.v, route.nodes, route.nodes.length, ws);
    const planned = toPlannedRoute(p, route.v, ws.nodes, n, route.times);
    routes.push(planned);
    totals.distanceM += planned.distanceM;
    totals.durationS += planned.durationS;
    totals.vehicles++;
    const pickStart = new Map<number, number>();
    planned.visits.forEach((vis, k) => {
      if (k > 0 && vis.startS > vis.arrivalS && planned.visits[k - 1].loadAfter.some((x) => x > 0)) {
        totals.waitAboardS += vis.startS - vis.arrivalS;
      }
      if (vis.kind === 'pickup') pickStart.set(vis.requestIdx, vis.departureS);
      else
        totals.excessRideS += Math.max(
          0,
          vis.startS - (pickStart.get(vis.requestIdx) ?? vis.startS) - p.direct[vis.requestIdx],
        );
    });
  }
  const active = sol.routes.filter((r) => !sol.disabled[r.v] || r.nodes.length > 0);
  const unserved: UnservedRequest[] = sol.bank
    .slice()
    .sort((a, b) => a - b)
    .map((r) => ({ requestIdx: r, ...blockingReason(p, active, r, ws) }));
  return { routes, unserved, cost, totals };
}
