/**
 * Step 4 of planning a week: the continuity repair over the solved (date, part) routes
 * (continuity-repair.ts), and the dates' results rebuilt from what it changed. Not when
 * re-planning a published plan: there the published runs are the reference, and moving towards
 * another van would move people.
 */
import type { Driver } from '../contract/domain.ts';
import { repairContinuity, type RepairReport, type SolvedPart } from './continuity-repair.ts';
import { type DayResult, toDayResult } from './day-result.ts';
import { journeyOf } from './master-week.ts';
import { combineParts } from './plan-date.ts';

/**
 * Driving cost (euro cents) the continuity repair may add per trip it brings to its journey's van:
 * 30 € (about 50 minutes of a van). Measured with the repair's first version on the scale week, one
 * unrepaired plan at 54.5 % same van: a bound of 1,500 gave 72.7 % for +594 km, 3,000 gave 75.4 % for +1,287 km, 10,000 (the
 * objective's vehicle-change price) 76.2 % for +2,232 km — the last points cost the most driving.
 */
export const REPAIR_MAX_COST_PER_TRIP = 3_000;
/**
 * The repair runs whatever the week's budget (issue 13 item 1): it stops at the week's limit
 * only after this long (it takes 0.1–1.5 s on the demo week and 1–4 s on the 1,000-passenger one).
 */
export const REPAIR_MIN_MS = 30_000;

export interface RepairStepResult {
  /** The dates' results after the repair. */
  results: DayResult[];
  parts: SolvedPart[];
  report: RepairReport & { elapsedMs: number };
}

export function repairStep(
  solved: SolvedPart[],
  results: DayResult[],
  opts: { drivers: Driver[]; now: () => number; outOfTime: () => boolean },
): RepairStepResult {
  const started = opts.now();
  const { parts, report } = repairContinuity(solved, {
    drivers: opts.drivers,
    journeyOf,
    maxCostIncrease: REPAIR_MAX_COST_PER_TRIP,
    outOfTime: opts.outOfTime,
  });
  return {
    parts,
    report: { ...report, elapsedMs: Math.round(opts.now() - started) },
    results: results.map((r) =>
      combineParts(
        r.date,
        parts.filter((p) => p.instance.date === r.date).map((p) => toDayResult(p.instance, p.solution)),
      ),
    ),
  };
}
