/**
 * Step 3 of planning a week, per order entry (a date, or the master week on the busiest date):
 * staff the runs, anchor the trips, then solve the morning and the afternoon with holds
 * (solve-part.ts). The afternoon runs get what their drivers have left of the day after the
 * morning; the week's driver ledger and the reference learn from the date once it is planned.
 */
import type { Plan } from '../contract/plan.ts';
import { weekdayOf } from '../domain/calendar.ts';
import type { ObjectiveWeights } from '../../solver/index.ts';
import type { DayResult } from './day-result.ts';
import { toDayResult } from './day-result.ts';
import { chooseSplit, fitsMorning } from './day-split.ts';
import { dateOf, MASTER, type WeekOrder } from './master-week.ts';
import type { PlaceIndex, WeekMatrix } from './places.ts';
import type { PlanningData } from './planning-data.ts';
import { type DriverLedger, hoursLeftS, type Run, type RunPart, staffRuns } from './runs.ts';
import { type PartSearch, type SolvedPartWithHolds, solvePartWithHolds } from './solve-part.ts';
import type { Anchor, PlanTrip } from './trip.ts';
import { entryWeight, continuityPolicy, MASTER_WEIGHT, type WeekBudget } from './week-budget.ts';
import { anchorsFrom, type WeekReference } from './week-reference.ts';
import { tripKey } from '../contract/trip-key.ts';

export const PARTS: readonly RunPart[] = ['am', 'pm'];

/** What every entry of one week shares. */
export interface WeekContext {
  data: PlanningData;
  week: WeekOrder;
  places: PlaceIndex;
  matrix: WeekMatrix;
  weights: ObjectiveWeights;
  directS: (t: PlanTrip) => number;
  /** The coordinator's locks by trip key. */
  locked: Map<string, { vehicleId: string; part: RunPart }>;
  /** The published plan being re-planned (its routes are the anchors). */
  previous?: Plan;
  maxShiftS: number;
  budget: WeekBudget;
  search: {
    seed: number;
    maxIterationsPerDay?: number;
    threads?: number;
    now: () => number;
    signal?: AbortSignal;
  };
}

/** What the week carries from entry to entry. */
export interface WeekState {
  ledger: DriverLedger;
  reference: WeekReference;
}

/** An entry with its runs staffed and its trips anchored, ready for its parts' solves. */
export interface StaffedEntry {
  entry: string;
  /** Position in the week's order (the master week is 0): the seed offset. */
  index: number;
  date: string;
  master: boolean;
  trips: PlanTrip[];
  splitS: number;
  runs: Run[];
  anchors: Map<string, Anchor>;
  /** The published plan's routes of this date, when re-planning one. */
  published?: Plan['days'][number]['routes'];
}

/** Staffs an entry's runs (the master week on an empty ledger) and anchors its trips. */
export function staffEntry(ctx: WeekContext, state: WeekState, entry: string, index: number): StaffedEntry {
  const trips = ctx.week.byDate.get(entry)!;
  const master = entry === MASTER;
  const date = dateOf(ctx.week, entry);
  const splitS = chooseSplit(trips, ctx.directS);
  const runs = staffRuns(
    weekdayOf(date),
    splitS,
    ctx.data.vehicles,
    ctx.data.drivers,
    master ? { weekHours: new Map() } : state.ledger,
    state.reference.preferredDrivers,
  );
  const published = ctx.previous?.days.find((d) => d.date === date)?.routes;
  const anchors = published
    ? anchorsFrom(published, ctx.maxShiftS, (r, dir) => tripKey(date, r, dir))
    : state.reference.anchorsFor(trips);
  return { entry, index, date, master, trips, splitS, runs, anchors, ...(published ? { published } : {}) };
}

/** The trips of an entry that belong to one part of its day. */
export const partTrips = (ctx: WeekContext, s: StaffedEntry, part: RunPart): PlanTrip[] =>
  s.trips.filter((t) => (fitsMorning(t, s.splitS, ctx.directS) ? 'am' : 'pm') === part);

/** A part's runs, each limited to what its driver has left today (`dayHoursS`: seconds already driven) and this week. */
export function partRuns(
  ctx: WeekContext,
  state: WeekState,
  s: StaffedEntry,
  part: RunPart,
  dayHoursS: Map<string, number>,
): Run[] {
  const driversById = new Map(ctx.data.drivers.map((d) => [d.id, d]));
  return s.runs
    .filter((r) => r.part === part)
    .map((r) => ({
      ...r,
      maxDurationS: Math.min(
        r.maxDurationS,
        hoursLeftS(driversById.get(r.driverId)!, state.ledger, dayHoursS.get(r.driverId) ?? 0),
      ),
    }))
    .filter((r) => r.maxDurationS > 0);
}

/**
 * Solves one part of a staffed entry within its share of the week's budget (taken from
 * `ctx.budget` now); null when the part has no trips.
 */
export function planPart(
  ctx: WeekContext,
  state: WeekState,
  s: StaffedEntry,
  part: RunPart,
  dayHoursS: Map<string, number>,
  onProgress?: (bestCost: number) => void,
): SolvedPartWithHolds | null {
  const trips = partTrips(ctx, s, part);
  const runs = partRuns(ctx, state, s, part, dayHoursS);
  if (trips.length === 0) return null;
  // The master week is weighted by its date's trip count here, as the week's budget was first written.
  const partWeight = (entryWeight(ctx.week, s.date) * trips.length) / s.trips.length;
  const budgetMs = ctx.budget.take(partWeight, ctx.search.now());
  const { hold, warm } = continuityPolicy({
    republishing: s.published !== undefined,
    fixedIterations: ctx.search.maxIterationsPerDay !== undefined,
  });
  const search: PartSearch = {
    seed: ctx.search.seed + s.index,
    budgetMs,
    ...(ctx.search.maxIterationsPerDay !== undefined
      ? { maxIterations: ctx.search.maxIterationsPerDay * (s.master ? MASTER_WEIGHT : 1) }
      : {}),
    ...(ctx.search.threads !== undefined ? { threads: ctx.search.threads } : {}),
    now: ctx.search.now,
    ...(ctx.search.signal ? { signal: ctx.search.signal } : {}),
    ...(onProgress ? { onProgress } : {}),
  };
  return solvePartWithHolds(
    {
      date: s.date,
      trips,
      runs,
      places: ctx.places,
      matrix: ctx.matrix,
      weights: ctx.weights,
      anchors: s.anchors,
      locked: ctx.locked,
      master: s.master,
      hold,
      ...(warm ? { warmFrom: s.published ?? state.reference.routes } : {}),
    },
    search,
  );
}

/** A date's result from its morning and afternoon results. */
export function combineParts(date: string, parts: DayResult[]): DayResult {
  const driverSeconds = new Map<string, number>();
  for (const p of parts)
    for (const [driverId, sec] of p.driverSeconds)
      driverSeconds.set(driverId, (driverSeconds.get(driverId) ?? 0) + sec);
  const routes = parts.flatMap((r) => r.routes);
  routes.sort((a, b) => a.departure.localeCompare(b.departure) || a.vehicleId.localeCompare(b.vehicleId));
  return { date, routes, unserved: parts.flatMap((r) => r.unserved), driverSeconds };
}

/** After an entry is planned: its drivers' hours go into the week's ledger (not the master's), and the reference learns from it. */
export function recordEntry(state: WeekState, s: StaffedEntry, result: DayResult): void {
  if (!s.master)
    for (const [driverId, sec] of result.driverSeconds)
      state.ledger.weekHours.set(driverId, (state.ledger.weekHours.get(driverId) ?? 0) + sec / 3600);
  state.reference.learn(result);
}

export interface EntryHooks {
  /** Before each part (with or without trips). */
  beforePart?: (part: RunPart) => void;
  /** After each part with trips was solved. */
  afterPart?: (part: RunPart, solved: SolvedPartWithHolds) => void;
  /** The best cost of the running search. */
  onProgress?: (bestCost: number) => void;
}

/** Plans both parts of an entry, the morning first; the afternoon's drivers get what the morning left them. */
export function planEntry(
  ctx: WeekContext,
  state: WeekState,
  s: StaffedEntry,
  hooks: EntryHooks = {},
): { result: DayResult; solved: SolvedPartWithHolds[] } {
  const dayHoursS = new Map<string, number>();
  const solved: SolvedPartWithHolds[] = [];
  const results: DayResult[] = [];
  for (const part of PARTS) {
    if (ctx.search.signal?.aborted) throwAborted(ctx.search.signal);
    hooks.beforePart?.(part);
    const p = planPart(ctx, state, s, part, dayHoursS, hooks.onProgress);
    if (!p) continue;
    const result = toDayResult(p.day, p.solution);
    results.push(result);
    solved.push(p);
    hooks.afterPart?.(part, p);
    for (const [driverId, sec] of result.driverSeconds) dayHoursS.set(driverId, (dayHoursS.get(driverId) ?? 0) + sec);
  }
  return { result: combineParts(s.date, results), solved };
}

export function throwAborted(signal: AbortSignal): never {
  throw signal.reason instanceof Error ? signal.reason : new Error('planning was cancelled');
}
