/**
 * Fleet minimisation (route elimination, as in Ropke & Pisinger's PDPTW stage
 * one): take the route with the fewest requests out of service, bank its
 * requests and run the LNS with a moderate per-request penalty until the bank
 * is empty. Success keeps the smaller fleet; repeated failures end the stage.
 */
import { alns } from './driver.ts';
import { repair } from './repair.ts';
import type { SearchContext } from '../search/context.ts';
import type { Solution } from '../search/solution.ts';

export interface FleetBudget {
  /** True when the stage must end (time or iteration budget of the stage used up). */
  stop: (iter: number) => boolean;
  fraction: (iter: number) => number;
  /** Iterations granted to one elimination attempt. */
  attemptIterations: number;
  onBest?: (best: Solution) => void;
}

export function minimiseFleet(ctx: SearchContext, start: Solution, budget: FleetBudget): { best: Solution; iterations: number } {
  const { p, rng } = ctx;
  let best = start;
  let iterations = 0;
  let failures = 0;
  const tried = new Set<number>();
  const fullPenalty = ctx.penalty;
  ctx.penalty = 4 * ctx.costScale;
  try {
    while (!budget.stop(iterations) && failures < 6) {
      const used = best.routes
        .filter((r) => r.nodes.length > 0 && p.prefix[r.v].length === 0 && !tried.has(r.v))
        .sort((a, b) => a.nodes.length - b.nodes.length);
      if (used.length <= 1) break;
      const victim = used[Math.floor(Math.pow(rng.next(), 3) * Math.min(used.length, 4))];
      const trial = best.clone();
      const requests = victim.nodes.filter((n) => (n & 1) === 0).map((n) => n >> 1);
      trial.remove(p, ctx.ws, requests);
      trial.disabled[victim.v] = 1;
      repair(ctx, trial, 2, 0);
      let found: Solution | null = trial.bank.length === 0 && trial.feasible() ? trial : null;
      if (!found) {
        const done = iterations;
        const run = alns(ctx, trial, {
          stop: (it) => it >= budget.attemptIterations || budget.stop(done + it),
          fraction: (it) => it / budget.attemptIterations,
          startWorse: 0.02,
          untilServed: true,
        });
        iterations += run.iterations;
        if (run.best.bank.length === 0) found = run.best;
      }
      if (found) {
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
