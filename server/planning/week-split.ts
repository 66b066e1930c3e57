/**
 * Planning a week as independent (date, part) jobs (server/queue/week-flow.ts): after the master
 * week, every date is planned on its own — on another machine, at the same time as the others —
 * so nothing may pass from one date to the next. What the sequential planner carries from date
 * to date is fixed up front instead:
 * - the reference is the master week's (no later date adds to it);
 * - each driver's weekly hours are split evenly over the week's dates (`weekHoursSplit`): a
 *   date may use 1/n of them (and the day's own limit), so the dates together stay within the week;
 * - a date's afternoon still follows its morning (the afternoon job is the morning job's parent).
 * The parts' results are plain data (`PartOutcome`) from which the day instance is rebuilt
 * exactly (`rebuildPart`) for the continuity repair and the final check.
 */
import type { DarpSolution } from '../../solver/index.ts';
import { buildDayInstance } from './day-instance.ts';
import type { DayResult } from './day-result.ts';
import { toDayResult } from './day-result.ts';
import { MASTER } from './master-week.ts';
import {
  combineParts,
  partTrips,
  planEntry,
  planPart,
  recordEntry,
  staffEntry,
  type WeekContext,
  type WeekState,
} from './plan-date.ts';
import type { Run, RunPart } from './runs.ts';
import type { SolvedPart } from './continuity-repair.ts';
import { type ReferenceSnapshot, WeekReference } from './week-reference.ts';

/** One solved (date, part), as plain data. */
export interface PartOutcome {
  date: string;
  part: RunPart;
  runs: Run[];
  band: string[];
  lock: string[];
  solution: DarpSolution;
  /** Seconds each driver drove in this part. */
  driverSeconds: Array<[string, number]>;
}

/** The dates' driver ledger: each driver may use 1/n of their weekly hours on each of the n dates. */
export function weekHoursSplit(ctx: WeekContext): WeekState['ledger'] {
  const dates = ctx.week.order.filter((d) => d !== MASTER).length;
  return {
    weekHours: new Map(ctx.data.drivers.map((d) => [d.id, d.maxHoursPerWeek - d.maxHoursPerWeek / Math.max(1, dates)])),
  };
}

/** Plans the master week and returns the reference every date is anchored to. */
export function planMasterWeek(ctx: WeekContext, toleranceS: number): ReferenceSnapshot {
  const state: WeekState = { ledger: { weekHours: new Map() }, reference: new WeekReference(toleranceS) };
  if (ctx.week.order[0] !== MASTER) return state.reference.snapshot();
  const s = staffEntry(ctx, state, MASTER, 0);
  recordEntry(state, s, planEntry(ctx, state, s).result);
  return state.reference.snapshot();
}

/** The state a date's job plans in: the master's reference, the split weekly hours. */
export function dateState(ctx: WeekContext, master: ReferenceSnapshot, toleranceS: number): WeekState {
  return { ledger: weekHoursSplit(ctx), reference: WeekReference.from(master, toleranceS) };
}

/** Plans one part of a date; the afternoon gets the morning's outcome (its drivers' hours). */
export function planDatePart(
  ctx: WeekContext,
  state: WeekState,
  date: string,
  part: RunPart,
  morning?: PartOutcome | null,
): PartOutcome | null {
  const s = staffEntry(ctx, state, date, ctx.week.order.indexOf(date));
  const p = planPart(ctx, state, s, part, new Map(morning?.driverSeconds ?? []));
  if (!p) return null;
  return {
    date,
    part,
    runs: p.day.runs,
    band: [...p.band],
    lock: [...p.lock],
    solution: p.solution,
    driverSeconds: [...toDayResult(p.day, p.solution).driverSeconds],
  };
}

/** The day instance a part outcome was solved on, rebuilt from the week and the outcome. */
export function rebuildPart(ctx: WeekContext, state: WeekState, o: PartOutcome): SolvedPart {
  const s = staffEntry(ctx, state, o.date, ctx.week.order.indexOf(o.date));
  const instance = buildDayInstance({
    date: o.date,
    trips: partTrips(ctx, s, o.part),
    runs: o.runs,
    places: ctx.places,
    matrix: ctx.matrix,
    weights: ctx.weights,
    anchors: s.anchors,
    band: new Set(o.band),
    lock: new Set(o.lock),
    locked: ctx.locked,
  });
  return { instance, solution: o.solution };
}

/** Each date's result from its parts (in date order). */
export function dateResults(parts: SolvedPart[]): DayResult[] {
  const dates = [...new Set(parts.map((p) => p.instance.date))].sort();
  return dates.map((d) =>
    combineParts(
      d,
      parts.filter((p) => p.instance.date === d).map((p) => toDayResult(p.instance, p.solution)),
    ),
  );
}
