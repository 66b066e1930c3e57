/**
 * Route elimination by ruin and recreate with absence counters (the fleet
 * minimisation of SISR, Christiaens & Vanden Berghe 2020). Each step ruins a
 * few requests (strings or related ones) and re-inserts what it can; the step
 * is kept when it leaves fewer requests out, or requests that were left out
 * less often so far. Every request left out counts one more absence, so the
 * walk turns to the requests that keep coming back. Distance is ignored, as in
 * the ejection pool; every kept state is feasible.
 */
import { repairSequential } from './repair-sequential.ts';
import { relatedRuin } from './ruin-related.ts';
import { stringRuin } from './ruin-string.ts';
import type { SearchContext } from '../search/context.ts';
import type { Solution } from '../search/solution.ts';

/** Most requests one step ruins (SISR's fleet stage removes about ten on average). */
const MAX_RUINED = 20;

export interface AbsenceLimits {
  maxSteps: number;
  stop: (steps: number) => boolean;
}

/**
 * Walks from `start` (requests in its bank) until the bank is empty or the limits end it.
 * `absences` counts per request how often it was left out; the caller keeps it across attempts.
 */
export function absenceWalk(
  ctx: SearchContext,
  start: Solution,
  absences: Int32Array,
  limits: AbsenceLimits,
): { best: Solution; steps: number } {
  const { p, ws, rng } = ctx;
  const weight = (sol: Solution): number => {
    let w = 0;
    for (const r of sol.bank) w += absences[r];
    return w;
  };
  let current = start;
  let steps = 0;
  while (current.bank.length > 0 && steps < limits.maxSteps && !limits.stop(steps)) {
    steps++;
    const cand = current.clone();
    let movable = 0;
    for (const route of cand.routes) movable += route.nodes.length >> 1;
    const qMax = Math.max(1, Math.min(MAX_RUINED, movable));
    const q = rng.int(1, qMax);
    const ruin = rng.next() < 0.5 ? stringRuin : relatedRuin;
    cand.remove(p, ws, ruin(ctx, cand, q));
    repairSequential(ctx, cand, rng.next() < 0.5 ? 0 : 0.1);
    if (!cand.feasible()) continue;
    const better = cand.bank.length < current.bank.length || weight(cand) < weight(current);
    for (const r of cand.bank) absences[r]++;
    if (better) current = cand;
  }
  return { best: current, steps };
}
