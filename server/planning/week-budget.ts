/**
 * Step 2 of planning a week: the budget split. A time limit is for the whole week, wall clock.
 * Each (date, part) search gets its share of the time still left, in proportion to its number
 * of trips (the master week's counting MASTER_WEIGHT times: every date follows it), less
 * SEARCH_SHARE's complement kept for what the solver does after its search (reasons for unserved
 * trips) and for the conversion. Continuity does not depend on the split (`continuityPolicy`).
 */
import { MASTER, type WeekOrder } from './master-week.ts';

/** Share of the remaining time a part's search may use; the rest covers the solver's and our own work after it. */
export const SEARCH_SHARE = 0.85;
/** The master week's search effort per trip (time share, or iterations) relative to a date's: every date follows it. */
export const MASTER_WEIGHT = 3;

/** An order entry's weight: its trips, the master week's counting MASTER_WEIGHT times. */
export const entryWeight = (week: WeekOrder, entry: string): number =>
  week.byDate.get(entry)!.length * (entry === MASTER ? MASTER_WEIGHT : 1);

/** The week's time budget, handed out part by part as the parts are planned. */
export class WeekBudget {
  private weightLeft: number;

  constructor(
    readonly startedMs: number,
    readonly limitMs: number,
    totalWeight: number,
  ) {
    this.weightLeft = totalWeight;
  }

  static forWeek(week: WeekOrder, startedMs: number, limitMs: number): WeekBudget {
    return new WeekBudget(
      startedMs,
      limitMs,
      week.order.reduce((s, d) => s + entryWeight(week, d), 0),
    );
  }

  /** Search milliseconds for a part of weight `partWeight`, taken from what is left at `nowMs`. */
  take(partWeight: number, nowMs: number): number {
    const leftMs = this.startedMs + this.limitMs - nowMs;
    const budgetMs = (SEARCH_SHARE * leftMs * partWeight) / this.weightLeft;
    this.weightLeft -= partWeight;
    return budgetMs;
  }

  outOfTime(nowMs: number): boolean {
    return nowMs > this.startedMs + this.limitMs;
  }
}

/**
 * How a part keeps continuity, whatever its budget (issue 13 item 1): its anchored trips are
 * always held hard (released only for trips they leave unserved), and a time-limited search
 * also starts from the reference routes (the master week's), so that even a search of a few
 * milliseconds begins with every passenger where the timetable has them. A fixed number of
 * iterations (the CLI, the tests) starts cold, as it always did: with enough search the cold
 * start served more trips; re-planning a published plan always starts from it.
 */
export function continuityPolicy(opts: { republishing: boolean; fixedIterations: boolean }): {
  hold: boolean;
  warm: boolean;
} {
  return { hold: true, warm: opts.republishing || !opts.fixedIterations };
}
