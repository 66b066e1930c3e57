/**
 * solveParallel: the two-core search. This thread and a worker thread run the
 * same search with different seeds, trade their best solutions at checkpoints
 * (shared-best.ts) and the better final result wins. It stays synchronous for
 * its callers (the solve CLI, the bench, the server's solve thread): the worker's
 * answer is collected with Atomics.wait (helper.ts). With an iteration budget the
 * result is deterministic; with one thread (`threads: 1`, or a time budget
 * under 3 s when `threads` is not given) it is exactly `solve`.
 */
import type { DarpInstance, DarpSolution, SolveOptions } from '../model/instance.ts';
import { searchWith, type Partner } from '../solve.ts';
import { Route } from '../search/route.ts';
import { Solution } from '../search/solution.ts';
import type { SearchContext } from '../search/context.ts';
import { Helper, type WorkerResult } from './helper.ts';
import { SharedBest, sharedBestBytes } from './shared-best.ts';

export interface ParallelSolveOptions extends SolveOptions {
  /** Search threads (1 = `solve` on this thread); default 2 when the time budget is ≥ 3 s, else 1. */
  threads?: number;
}

/** Below this budget a second thread costs more to start than it gives. */
const THREADS_FROM_MS = 3000;
/** The worker's seed is the caller's plus this prime. */
const WORKER_SEED_OFFSET = 7919;

export function solveParallel(instance: DarpInstance, options: ParallelSolveOptions): DarpSolution {
  return searchWith(instance, options, (ctx, budget) => {
    const threads = options.threads ?? (budget.timeLimit !== undefined && budget.timeLimit >= THREADS_FROM_MS ? 2 : 1);
    if (threads < 2) return null;
    const { nReq, nVeh } = ctx.p;
    const buffer = new SharedArrayBuffer(sharedBestBytes(nReq, nVeh));
    SharedBest.reset(buffer, nReq, nVeh);
    const finite = Number.isFinite(budget.maxIter);
    const worker = new Helper(instance, options.seed + WORKER_SEED_OFFSET, budget.maxIter, options.initial, buffer);
    const board = new SharedBest(ctx, buffer, 0, finite, () => budget.overBudget() || worker.gone());
    const partner: Partner = {
      progress: (f) => worker.publishFraction(f),
      exchange: (f, best) => board.exchange(f, best),
      finish: (best) => {
        board.finish(best);
        // With an iteration budget the worker finishes its own iterations (determinism); with a
        // time budget this thread only stops when the time is up or nothing improves, so the worker stops too.
        const other = worker.collect(finite ? budget.overBudget : () => true);
        return other ? { best: fromWorker(ctx, other), iterations: other.iterations } : null;
      },
    };
    return partner;
  });
}

function fromWorker(ctx: SearchContext, w: WorkerResult): Solution {
  const routes = w.routes.map((nodes, v) => {
    const route = new Route(v, nodes);
    route.update(ctx.p, ctx.ws);
    return route;
  });
  return new Solution(routes, w.bank, Uint8Array.from(w.disabled));
}
