/**
 * The planning use case: a domain week in, a draft Plan out. It expands the standing requests
 * into the week's trips, asks the routing provider for one matrix, and plans the days busiest
 * first, each day as a morning and an afternoon instance (see runs.ts). Before the days comes the
 * master week, as a coordinator draws up a timetable for standing orders: every passenger's
 * journey once (windows from the first date it travels), planned on the busiest date's runs.
 * It is the reference: on every date each passenger's trip is anchored to the run and pickup
 * time it has in the master (continuity) — soft terms in the objective, plus hard holds
 * (that run, ±continuityMin around that time) released step by step for trips that cannot be
 * served so, and dropped when the search has too little time per trip to work around them.
 * Once every date is planned, the continuity repair (continuity-repair.ts) brings each journey's
 * trips to the van it rides most often and its pickups into one 10-minute band, without
 * unserving anyone. With a previous published plan, that plan's runs and times are the anchors instead, held within
 * ±maxShiftMin (stable re-planning). Promised windows are always hard (they are in the windows).
 */
import type { Plan } from '../contract/plan.ts';
import type { Direction } from '../contract/domain.ts';
import type { RoutingProvider } from '../routing/provider.ts';
import type { DarpSolution, ObjectiveWeights } from '../../solver/index.ts';
import { assemblePlan } from './assemble-plan.ts';
import type { RepairReport } from './continuity-repair.ts';
import type { DayInstance } from './day-instance.ts';
import type { DayResult } from './day-result.ts';
import { datesBusiestFirst, MASTER, withMasterWeek } from './master-week.ts';
import { PLANNING_WEIGHTS } from './objective.ts';
import { planEntry, recordEntry, staffEntry, throwAborted, type WeekContext, type WeekState } from './plan-date.ts';
import { type PlacePoint, weekPlaces } from './places.ts';
import type { PlanningData } from './planning-data.ts';
import { REPAIR_MIN_MS, repairStep } from './repair-step.ts';
import type { RunPart } from './runs.ts';
import type { PlanTrip } from './trip.ts';
import { WeekBudget } from './week-budget.ts';
import { WeekReference } from './week-reference.ts';
import { expandTrips, lookupOf, type WeekTrips } from './week-trips.ts';
import { tripKey } from '../contract/trip-key.ts';

export type { PlanningData } from './planning-data.ts';

export interface PlanWeekInput {
  data: PlanningData;
  week: string;
  /** The published plan this one re-plans: its times become anchors (stable re-planning). */
  previous?: Plan;
  /** Hard limit on how far a published pickup may move, in minutes (default 15). */
  maxShiftMin?: number;
  /**
   * Plan only these dates (re-planning one day after a change, replan-day.ts); the plan then
   * holds only them. Default: every date of the week.
   */
  dates?: string[];
  /** Run the continuity repair after the searches (default true; see continuity-repair.ts). */
  continuityRepair?: boolean;
  /** Band around the reference day's pickup time held while feasible, in minutes (default 5: a spread ≤ 10). */
  continuityMin?: number;
  planId?: string;
  version?: number;
  weights?: ObjectiveWeights;
  /**
   * Requests the coordinator locked (per date and direction) on a vehicle's run: a hard
   * constraint in the solve (`RequestSpec.lockedVehicleIdx`), never released. With `previous`
   * holding the locked stops, their pickups are also held near their times, which keeps their order.
   */
  locks?: RequestLock[];
}

export interface RequestLock {
  date: string;
  requestId: string;
  direction: Direction;
  vehicleId: string;
  part: RunPart;
}

export interface PlanProgress {
  date: string;
  daysDone: number;
  days: number;
  elapsedMs: number;
  bestCost: number;
  /** 0..1: share of the (date, morning/afternoon) parts done. */
  fraction: number;
}

export interface PlanWeekDeps {
  routing: RoutingProvider;
  seed: number;
  /** Budget for the whole week; shared among the days by their number of trips. */
  timeLimitMs: number;
  /**
   * Stop each (day, part) search after this many iterations too. Set, the search runs on one
   * thread unless `threads` says otherwise, so that the same seed gives the same plan.
   */
  maxIterationsPerDay?: number;
  /** Solver threads per search (default: the solver's choice, or 1 with maxIterationsPerDay). */
  threads?: number;
  now: () => number;
  onProgress?: (p: PlanProgress) => void;
  signal?: AbortSignal;
}

/** Everything planWeek learned on the way, for the CLI, the checker and the slot service. */
export interface PlanWeekResult {
  plan: Plan;
  trips: PlanTrip[];
  days: Array<{ instance: DayInstance; solution: DarpSolution }>;
  /** What the continuity repair after the search changed (absent when re-planning a published plan). */
  repair?: RepairReport & { elapsedMs: number };
}

/** The week's trips, places and matrix, its order (master week first) and its budget: everything the steps share. */
export async function prepareWeek(
  input: PlanWeekInput,
  deps: PlanWeekDeps,
): Promise<{ ctx: WeekContext; expanded: WeekTrips; startedMs: number }> {
  const startedMs = deps.now();
  const lookup = lookupOf(input.data);
  const { places, matrix } = await weekPlaces(input.data, lookup, deps.routing);
  if (deps.signal?.aborted) throwAborted(deps.signal);
  const between = (a: PlacePoint, b: PlacePoint) => matrix.durationsS[places.indexOf(a)][places.indexOf(b)];
  const all = expandTrips(input.data, input.week, between);
  const only = input.dates ? new Set(input.dates) : undefined;
  const expanded = only
    ? { trips: all.trips.filter((t) => only.has(t.date)), infeasible: all.infeasible.filter((t) => only.has(t.date)) }
    : all;
  const dates = datesBusiestFirst(expanded.trips);
  const week = input.previous ? dates : withMasterWeek(dates);
  const ctx: WeekContext = {
    data: input.data,
    week,
    places,
    matrix,
    weights: input.weights ?? PLANNING_WEIGHTS,
    directS: (t: PlanTrip) => between(t.from, t.to),
    locked: new Map(
      (input.locks ?? []).map((l) => [
        tripKey(l.date, l.requestId, l.direction),
        { vehicleId: l.vehicleId, part: l.part },
      ]),
    ),
    ...(input.previous ? { previous: input.previous } : {}),
    maxShiftS: (input.maxShiftMin ?? 15) * 60,
    budget: WeekBudget.forWeek(week, startedMs, deps.timeLimitMs),
    search: {
      seed: deps.seed,
      ...(deps.maxIterationsPerDay !== undefined ? { maxIterationsPerDay: deps.maxIterationsPerDay } : {}),
      ...(deps.threads !== undefined ? { threads: deps.threads } : {}),
      now: deps.now,
      ...(deps.signal ? { signal: deps.signal } : {}),
    },
  };
  return { ctx, expanded, startedMs };
}

/**
 * The week in named steps: master week (master-week.ts) → budget split (week-budget.ts) → per
 * (date, part) solve with holds and their release (plan-date.ts, solve-part.ts) → continuity
 * repair (repair-step.ts) → assemble (assemble-plan.ts; callers verify with verifyDays).
 */
export async function planWeekDetailed(input: PlanWeekInput, deps: PlanWeekDeps): Promise<PlanWeekResult> {
  const { ctx, expanded, startedMs: started } = await prepareWeek(input, deps);
  const { week } = ctx;
  const continuityS = (input.continuityMin ?? 5) * 60;
  const state: WeekState = { ledger: { weekHours: new Map() }, reference: new WeekReference(continuityS) };

  const results: DayResult[] = [];
  const solved: PlanWeekResult['days'] = [];
  const offset = week.order[0] === MASTER ? 1 : 0;
  const progress = { step: 0, steps: week.order.length * 2, days: week.order.length - offset, bestCost: 0 };
  for (const [i, entry] of week.order.entries()) {
    const staffed = staffEntry(ctx, state, entry, i);
    const report = (daysDone: number, bestCost: number) =>
      deps.onProgress?.({
        date: staffed.date,
        daysDone,
        days: progress.days,
        elapsedMs: deps.now() - started,
        bestCost,
        fraction: progress.step / progress.steps,
      });
    const { result } = planEntry(ctx, state, staffed, {
      beforePart: () => {
        progress.step++;
      },
      afterPart: (_part, p) => {
        if (staffed.master) return;
        solved.push({ instance: p.day, solution: p.solution });
        progress.bestCost += p.solution.cost;
      },
      onProgress: (cost) => report(Math.max(0, i - offset), progress.bestCost + cost),
    });
    if (!staffed.master) results.push(result);
    recordEntry(state, staffed, result);
    report(i + 1 - offset, progress.bestCost);
  }

  let final = results;
  let parts = solved;
  let repair: PlanWeekResult['repair'];
  if (!input.previous && input.continuityRepair !== false && solved.length > 0) {
    const repairStarted = deps.now();
    const repaired = repairStep(solved, results, {
      drivers: input.data.drivers,
      now: deps.now,
      outOfTime: () => ctx.budget.outOfTime(deps.now()) && deps.now() > repairStarted + REPAIR_MIN_MS,
    });
    ({ results: final, parts, report: repair } = repaired);
  }

  const plan = assemblePlan({
    data: input.data,
    week: input.week,
    ...(input.planId !== undefined ? { planId: input.planId } : {}),
    ...(input.version !== undefined ? { version: input.version } : {}),
    provider: deps.routing.name,
    createdAtMs: deps.now(),
    infeasible: expanded.infeasible,
    results: final,
  });
  return { plan, trips: expanded.trips, days: parts, ...(repair ? { repair } : {}) };
}

/** Plans a week; see planWeekDetailed for what else is returned. */
export async function planWeek(input: PlanWeekInput, deps: PlanWeekDeps): Promise<Plan> {
  return (await planWeekDetailed(input, deps)).plan;
}
