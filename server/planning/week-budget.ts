/**
 * Step 2 of planning a week: the budget split. A time limit is for the whole week, wall clock.
 * Each (date, part) search gets its share of the time still left, in proportion to its number
 * of trips (the master week's counting MASTER_WEIGHT times: every date follows it), less
 * SEARCH_SHARE's complement kept for what the solver does after its search (reasons for unserved
 * trips) and for the conversion. The split also decides whether a part can afford continuity
 * holds (see solve-part.ts).
 */
import { MASTER, type WeekOrder } from './master-week.ts';

/** Share of the remaining time a part's search may use; the rest covers the solver's and our own work after it. */
export const SEARCH_SHARE = 0.85;
/** Search time per trip below which anchored trips are not held hard (see solve-part.ts). */
export const HOLD_MIN_MS_PER_TRIP = 10;
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
 * Whether a part's anchored trips are held hard: always when re-planning a published plan or
 * searching a fixed number of iterations, otherwise when the search has at least
 * HOLD_MIN_MS_PER_TRIP per trip (with less, the search cannot work around the holds).
 */
export function holdsAffordable(opts: {
  republishing: boolean;
  fixedIterations: boolean;
  budgetMs: number;
  trips: number;
}): boolean {
  return opts.republishing || opts.fixedIterations || opts.budgetMs / opts.trips >= HOLD_MIN_MS_PER_TRIP;
}
