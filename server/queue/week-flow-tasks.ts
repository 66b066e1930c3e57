/**
 * The CPU-heavy steps of a week's flow (week-flow.ts), each run in a worker thread
 * (run-in-thread.ts) so that the BullMQ worker keeps renewing its job lock: the master week, one
 * (date, part), the continuity repair, and the assembly with its check. Each takes plain data and
 * returns plain data (a job's result in Redis); each re-derives the week's context (trips,
 * places, matrix) from the scenario, which is cheap next to a search.
 */
import type { Plan } from '../contract/plan.ts';
import { assemblePlan } from '../planning/assemble-plan.ts';
import { continuityReport } from '../planning/continuity.ts';
import type { RepairReport } from '../planning/continuity-repair.ts';
import type { WeekContext } from '../planning/plan-date.ts';
import { prepareWeek, type PlanningData } from '../planning/plan-week.ts';
import { repairStep } from '../planning/repair-step.ts';
import type { RunPart } from '../planning/runs.ts';
import { verifyDays } from '../planning/verify-days.ts';
import type { ReferenceSnapshot } from '../planning/week-reference.ts';
import {
  dateResults,
  dateState,
  type PartOutcome,
  planDatePart,
  planMasterWeek,
  rebuildPart,
} from '../planning/week-split.ts';
import type { ProviderName, RoutingProvider } from '../routing/provider.ts';
import { MASTER } from '../planning/master-week.ts';
import type { ThreadContext } from './thread-task.ts';

export interface FlowWeek {
  data: PlanningData;
  week: string;
  seed: number;
  /** The search budget of the whole week; each part gets its share (by trips) of it. */
  timeLimitMs: number;
  /** Iterations per (date, part) search (the master's three times), for reproducible runs. */
  maxIterationsPerDay?: number;
  routingName: ProviderName;
}

const TOLERANCE_S = 5 * 60;

async function prepared(t: FlowWeek, ctx: ThreadContext) {
  const routing: RoutingProvider = {
    name: t.routingName,
    matrix: (places, options) =>
      ctx.call('routing', 'matrix', [places, options]) as ReturnType<RoutingProvider['matrix']>,
    shape: (places) => ctx.call('routing', 'shape', [places]) as ReturnType<RoutingProvider['shape']>,
    snap: (place) => ctx.call('routing', 'snap', [place]) as ReturnType<RoutingProvider['snap']>,
  };
  return prepareWeek(
    { data: t.data, week: t.week },
    {
      routing,
      seed: t.seed,
      timeLimitMs: t.timeLimitMs,
      ...(t.maxIterationsPerDay !== undefined ? { maxIterationsPerDay: t.maxIterationsPerDay } : {}),
      now: () => Date.now(),
      signal: ctx.signal,
    },
  );
}

const context = async (t: FlowWeek, ctx: ThreadContext): Promise<WeekContext> => (await prepared(t, ctx)).ctx;

export async function masterTask(t: FlowWeek, ctx: ThreadContext): Promise<ReferenceSnapshot> {
  return planMasterWeek(await context(t, ctx), TOLERANCE_S);
}

export async function partTask(
  input: { week: FlowWeek; master: ReferenceSnapshot; date: string; part: RunPart; morning?: PartOutcome | null },
  ctx: ThreadContext,
): Promise<PartOutcome | null> {
  const w = await context(input.week, ctx);
  return planDatePart(w, dateState(w, input.master, TOLERANCE_S), input.date, input.part, input.morning);
}

export interface RepairOutcome {
  outcomes: PartOutcome[];
  report: RepairReport & { elapsedMs: number };
}

export async function repairTask(
  input: { week: FlowWeek; master: ReferenceSnapshot; outcomes: PartOutcome[] },
  ctx: ThreadContext,
): Promise<RepairOutcome> {
  const w = await context(input.week, ctx);
  const state = dateState(w, input.master, TOLERANCE_S);
  const parts = input.outcomes.map((o) => rebuildPart(w, state, o));
  const repaired = repairStep(parts, dateResults(parts), {
    drivers: w.data.drivers,
    now: () => Date.now(),
    outOfTime: () => false,
  });
  return {
    outcomes: input.outcomes.map((o, i) => ({ ...o, solution: repaired.parts[i].solution })),
    report: repaired.report,
  };
}

export interface WeekOutcome {
  plan: Plan;
  violations: string[];
  continuity: Omit<ReturnType<typeof continuityReport>, 'passengers'>;
  /** What the continuity repair did (added by the week job). */
  repair?: RepairOutcome['report'];
}

export async function assembleTask(
  input: { week: FlowWeek; master: ReferenceSnapshot; outcomes: PartOutcome[] },
  ctx: ThreadContext,
): Promise<WeekOutcome> {
  const { ctx: w, expanded } = await prepared(input.week, ctx);
  const state = dateState(w, input.master, TOLERANCE_S);
  const parts = input.outcomes.map((o) => rebuildPart(w, state, o));
  const plan = assemblePlan({
    data: input.week.data,
    week: input.week.week,
    provider: input.week.routingName,
    createdAtMs: Date.now(),
    infeasible: expanded.infeasible,
    results: dateResults(parts),
  });
  const { passengers: _p, ...continuity } = continuityReport(plan);
  return { plan, violations: verifyDays(parts), continuity };
}

/** The week's dates with trips (the (date, part) jobs to add). */
export async function datesTask(t: FlowWeek, ctx: ThreadContext): Promise<string[]> {
  const { week } = await context(t, ctx);
  return week.order.filter((d) => d !== MASTER);
}
