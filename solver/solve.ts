/**
 * solve: the anytime search. Construction, then (when vehicles cost something)
 * fleet minimisation, then ALNS until the time or iteration budget ends or the
 * signal aborts; with two threads a worker runs the same search with another
 * seed, the two trade their best solutions at checkpoints and the better
 * result wins. Pure: clock, seed, budget, progress
 * callback and AbortSignal come from the caller; same seed + maxIterations ⇒
 * same result.
 */
import type { DarpInstance, DarpSolution, PlannedRoute, SolveOptions, UnservedRequest } from './model/instance.ts';
import { prepare } from './model/prepared.ts';
import { layout } from './eval/schedule.ts';
import { toPlannedRoute } from './eval/planned.ts';
import { createContext, type SearchContext } from './search/context.ts';
import { Route } from './search/route.ts';
import { Solution } from './search/solution.ts';
import { initialSolution } from './lns/initial.ts';
import { runSearch } from './lns/pipeline.ts';
import { Helper, type WorkerResult } from './parallel/parallel-search.ts';
import { SharedBest, sharedBestBytes } from './parallel/shared-best.ts';
import { blockingReason } from './insertion-options.ts';

const DEFAULT_ITERATIONS = 2000;
/** Below this budget a second thread costs more to start than it gives. */
const THREADS_FROM_MS = 3000;

export function solve(instance: DarpInstance, options: SolveOptions): DarpSolution {
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
  const threads = options.threads ?? (timeLimit !== undefined && timeLimit >= THREADS_FROM_MS ? 2 : 1);
  let helper: Helper | null = null;
  let board: SharedBest | null = null;
  if (threads >= 2) {
    const buffer = new SharedArrayBuffer(sharedBestBytes(p.nReq, p.nVeh));
    SharedBest.reset(buffer, p.nReq, p.nVeh);
    const worker = new Helper(instance, options.seed + 7919, maxIter, options.initial, buffer);
    helper = worker;
    board = new SharedBest(ctx, buffer, 0, Number.isFinite(maxIter), () => overBudget() || worker.gone());
  }
  let bestCost = Infinity;
  const run = runSearch(ctx, initialSolution(ctx, options.initial), {
    stop: (iter) => {
      helper?.publishFraction(fraction(iter));
      return iter >= maxIter || overBudget();
    },
    fraction,
    onBest: (sol, iter) => {
      bestCost = Math.min(bestCost, sol.cost(ctx.penalty));
      options.onProgress?.({ elapsedMs: elapsed(), iteration: iter, bestCost });
    },
    share: board ? (iter, best) => (board as SharedBest).exchange(fraction(iter), best) : undefined,
  });
  board?.finish(run.best);
  let best = run.best;
  let iterations = run.iterations;
  // With an iteration budget the worker finishes its own iterations (determinism);
  // with a time budget this thread only stops when the time is up or nothing improves, so the worker stops too.
  const other = helper?.collect(Number.isFinite(maxIter) ? overBudget : () => true);
  if (other) {
    const theirs = fromWorker(ctx, other);
    iterations += other.iterations;
    if (theirs.feasible() && theirs.cost(ctx.penalty) < best.cost(ctx.penalty) - 1e-9) best = theirs;
  }
  const result = toResult(ctx, best);
  options.onProgress?.({ elapsedMs: elapsed(), iteration: iterations, bestCost: Math.min(bestCost, result.cost) });
  return result;
}

function fromWorker(ctx: SearchContext, w: WorkerResult): Solution {
  const routes = w.routes.map((nodes, v) => {
    const route = new Route(v, nodes);
    route.update(ctx.p, ctx.ws);
    return route;
  });
  return new Solution(routes, w.bank, Uint8Array.from(w.disabled));
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
