/**
 * Step 3 of planning a week: one (date, part) solved with continuity holds and their release.
 * Anchored trips are held on their anchored run and within ±tolerance of their anchored time
 * (hard); those the solve leaves unserved so are freed in two steps — first from the run, then
 * from the time — and the part re-planned from the routes found so far. A coordinator's lock is
 * never released. A time-limited search starts from the reference routes (or the published
 * plan's), so it begins where the passengers were (see week-budget.ts `continuityPolicy`).
 */
import type { PlanRoute } from '../contract/plan.ts';
import { solveParallel } from '../../solver/index.ts';
import type { DarpSolution, ParallelSolveOptions } from '../../solver/index.ts';
import { buildDayInstance, type DayInstance, type DayProblem } from './day-instance.ts';
import { toDayResult } from './day-result.ts';
import type { Anchor } from './trip.ts';
import { warmStart } from './warm-start.ts';
import { journeyKey } from '../contract/trip-key.ts';

/** Shares of a part's budget: the held solve, the solve after releasing runs, after releasing times. */
export const HELD_SHARE = 0.6;
export const RELEASE_SHARES = [0.25, 0.15] as const;

export interface PartProblem extends DayProblem {
  /** Where each trip should be, by trip key. */
  anchors: Map<string, Anchor>;
  /** Coordinator's locks by trip key: hard and never released (not pinned in the master week, only kept held). */
  locked: Map<string, { vehicleId: string; part: string }>;
  /** The master week: the coordinator's locks are not pinned in its instance. */
  master: boolean;
  /** Hold anchored trips hard (see week-budget.ts `continuityPolicy`). */
  hold: boolean;
  /** Start the search from these routes (a time-limited search, or re-planning a published plan). */
  warmFrom?: PlanRoute[];
}

export interface PartSearch {
  seed: number;
  budgetMs: number;
  /** Iterations per search, when the week runs a fixed number (then on one thread unless `threads`). */
  maxIterations?: number;
  threads?: number;
  now: () => number;
  signal?: AbortSignal;
  onProgress?: (bestCost: number) => void;
}

export interface SolvedPartWithHolds {
  day: DayInstance;
  solution: DarpSolution;
  /** Trip keys still held within their time band, and on their run, in the final solve. */
  band: Set<string>;
  lock: Set<string>;
}

/**
 * The master week's search time whatever the week's budget: every date is warm-started from it
 * and held to it, so a starved master week (a 100 ms budget on a loaded machine) is what breaks
 * continuity; a couple of seconds of it is cheap next to a week's search (issue 13 item 1).
 */
export const MASTER_MIN_MS = 2_000;

/** One solve of the part with the given holds, warm-started from `initialFrom` when the problem says so. */
export function solveOnce(
  problem: PartProblem,
  search: PartSearch,
  holds: { band: Set<string>; lock: Set<string> },
  initialFrom: PlanRoute[],
  ms: number,
): { day: DayInstance; solution: DarpSolution } {
  const { locked, ...day0 } = problem;
  const day = buildDayInstance({ ...day0, ...holds, ...(problem.master ? {} : { locked }) });
  const options: ParallelSolveOptions = {
    seed: search.seed,
    timeLimitMs: Math.max(problem.master && search.maxIterations === undefined ? MASTER_MIN_MS : 50, ms),
    ...(search.maxIterations !== undefined
      ? { maxIterations: search.maxIterations, threads: search.threads ?? 1 }
      : {}),
    ...(search.threads !== undefined ? { threads: search.threads } : {}),
    now: search.now,
    signal: search.signal,
    onProgress: (p) => search.onProgress?.(p.bestCost),
  };
  const initial = problem.warmFrom && initialFrom.length ? warmStart(day, initialFrom, journeyKey) : [];
  if (initial.length) options.initial = initial;
  return { day, solution: solveParallel(day.instance, options) };
}

/** Solves the part with its anchored trips held, releasing the holds of the trips they leave unserved. */
export function solvePartWithHolds(problem: PartProblem, search: PartSearch): SolvedPartWithHolds {
  const held = new Set(problem.hold ? problem.trips.map((t) => t.key).filter((k) => problem.anchors.has(k)) : []);
  const band = new Set(held);
  const lock = new Set(held);
  let { day, solution } = solveOnce(
    problem,
    search,
    { band, lock },
    problem.warmFrom ?? [],
    held.size ? search.budgetMs * HELD_SHARE : search.budgetMs,
  );
  for (const [release, share] of [
    [lock, RELEASE_SHARES[0]],
    [band, RELEASE_SHARES[1]],
  ] as const) {
    const blocked = solution.unserved
      .map((u) => day.trips[u.requestIdx].key)
      .filter((k) => release.has(k) && !problem.locked.has(k));
    if (blocked.length === 0) break;
    for (const k of blocked) {
      release.delete(k);
      if (release === band) lock.delete(k);
    }
    ({ day, solution } = solveOnce(
      problem,
      search,
      { band, lock },
      toDayResult(day, solution).routes,
      search.budgetMs * share,
    ));
  }
  return { day, solution, band, lock };
}
