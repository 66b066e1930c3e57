/**
 * The CPU-heavy steps of a week's flow (week-flow.ts), each run in a worker thread
 * (run-in-thread.ts) so that the BullMQ worker keeps renewing its job lock: the master week, one
 * (date, part), the continuity repair, and the assembly with its check. Each takes plain data and
 * returns plain data (a job's result in Redis); each re-derives the week's context (trips,
 * places, matrix) from the scenario, which is cheap next to a search.
 *
 * A week submitted by a plan job (plan-via-flow.ts) carries the same run as the single job
 * (plan-run.ts): the providers' accreditation and the escorts attach to its vehicles in every
 * task, and a published plan it re-plans around anchors it (then, as in one job, there is no
 * master week and no continuity repair). An escort's weekly hours are split like the drivers'
 * (week-split.ts): each date may give them 1/n of their week, its afternoon what its morning left.
 */
import type { Plan } from '../contract/plan.ts';
import { attachEscorts, type EscortHeld, explainEscorts } from '../escorts/escort-planner.ts';
import { assemblePlan } from '../planning/assemble-plan.ts';
import { continuityReport } from '../planning/continuity.ts';
import { emptyRepairReport, type RepairReport } from '../planning/continuity-repair.ts';
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
import { copyVehicles } from '../planning/run-attributes.ts';
import { assignEscorts } from '../escorts/escort-planner.ts';
import { explainRun, type PlanRunRules, withAccreditation } from './plan-run.ts';
import type { ThreadContext } from './thread-task.ts';

export interface FlowWeek extends PlanRunRules {
  data: PlanningData;
  week: string;
  seed: number;
  /** The search budget of the whole week; each part gets its share (by trips) of it. */
  timeLimitMs: number;
  /** Iterations per (date, part) search (the master's three times), for reproducible runs. */
  maxIterationsPerDay?: number;
  routingName: ProviderName;
  /** The published plan re-planned around (stable re-planning), and how far its pickups may move. */
  previous?: Plan;
  maxShiftMin?: number;
  /** The plan and version the assembled plan is (a plan job's). */
  planId?: string;
  version?: number;
}

const TOLERANCE_S = 5 * 60;

/**
 * The escorts' hours an escort holds outside a (date, part) in the flow: the other dates' shares
 * of their week, and on an afternoon what the same date's morning gave them.
 */
const heldInFlow =
  (t: FlowWeek, dates: () => number): EscortHeld =>
  (date, part, byPart) => {
    const held = new Map(
      (t.escorts?.list ?? []).map((e) => [e.id, e.maxHoursPerWeek * 3600 * (1 - 1 / Math.max(1, dates()))]),
    );
    if (part === 'pm')
      for (const a of byPart.get(`${date}|am`) ?? [])
        held.set(a.escortId, (held.get(a.escortId) ?? 0) + a.toS - a.fromS);
    return held;
  };

async function prepared(t: FlowWeek, ctx: ThreadContext, mornings: PartOutcome[] = []) {
  const routing: RoutingProvider = {
    name: t.routingName,
    matrix: (places, options) =>
      ctx.call('routing', 'matrix', [places, options]) as ReturnType<RoutingProvider['matrix']>,
    shape: (places) => ctx.call('routing', 'shape', [places]) as ReturnType<RoutingProvider['shape']>,
    snap: (place) => ctx.call('routing', 'snap', [place]) as ReturnType<RoutingProvider['snap']>,
  };
  // The run's rules on copies of the week's vehicles (plan-run.ts); none → the data as it is.
  const data = withAccreditation(t.data, t);
  let dates = 1;
  const escorts = t.escorts
    ? (() => {
        const vehicles = data === t.data ? copyVehicles(t.data.vehicles) : data.vehicles;
        const held = heldInFlow(t, () => dates);
        const byPart = attachEscorts(vehicles, t.escorts.list, t.escorts.rules, held);
        // A morning planned by another job: its escorts, as that job assigned them.
        for (const m of mornings.filter((o) => o.part === 'am'))
          byPart.set(`${m.date}|am`, assignEscorts(t.escorts.list, m.date, 'am', m.runs, held(m.date, 'am', byPart)));
        return { vehicles, byPart };
      })()
    : undefined;
  const planning = escorts ? { ...data, vehicles: escorts.vehicles } : data;
  const p = await prepareWeek(
    {
      data: planning,
      week: t.week,
      ...(t.previous ? { previous: t.previous } : {}),
      ...(t.maxShiftMin !== undefined ? { maxShiftMin: t.maxShiftMin } : {}),
    },
    {
      routing,
      seed: t.seed,
      timeLimitMs: t.timeLimitMs,
      ...(t.maxIterationsPerDay !== undefined ? { maxIterationsPerDay: t.maxIterationsPerDay } : {}),
      now: () => Date.now(),
      signal: ctx.signal,
    },
  );
  dates = p.ctx.week.order.filter((d) => d !== MASTER).length;
  return { ...p, byPart: escorts?.byPart };
}

/** A part's runs on this task's vehicles (a job's result holds copies, without the run's rules). */
const rebound = (w: WeekContext, o: PartOutcome): PartOutcome => {
  const byId = new Map(w.data.vehicles.map((v) => [v.id, v]));
  return { ...o, runs: o.runs.map((r) => ({ ...r, vehicle: byId.get(r.vehicle.id) ?? r.vehicle })) };
};

const context = async (t: FlowWeek, ctx: ThreadContext, mornings?: PartOutcome[]): Promise<WeekContext> =>
  (await prepared(t, ctx, mornings)).ctx;

export async function masterTask(t: FlowWeek, ctx: ThreadContext): Promise<ReferenceSnapshot> {
  return planMasterWeek(await context(t, ctx), TOLERANCE_S);
}

export async function partTask(
  input: { week: FlowWeek; master: ReferenceSnapshot; date: string; part: RunPart; morning?: PartOutcome | null },
  ctx: ThreadContext,
): Promise<PartOutcome | null> {
  const w = await context(input.week, ctx, input.morning ? [input.morning] : []);
  return planDatePart(w, dateState(w, input.master, TOLERANCE_S), input.date, input.part, input.morning);
}

export interface RepairOutcome {
  outcomes: PartOutcome[];
  report: RepairReport & { elapsedMs: number };
}

const noRepair: RepairOutcome['report'] = { ...emptyRepairReport(), elapsedMs: 0 };

export async function repairTask(
  input: { week: FlowWeek; master: ReferenceSnapshot; outcomes: PartOutcome[] },
  ctx: ThreadContext,
): Promise<RepairOutcome> {
  // Re-planned around a published plan, a week keeps its times: no repair (as in planWeekDetailed).
  if (input.week.previous) return { outcomes: input.outcomes, report: noRepair };
  const w = await context(input.week, ctx);
  const state = dateState(w, input.master, TOLERANCE_S);
  const parts = input.outcomes.map((o) => rebuildPart(w, state, rebound(w, o)));
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
  const { ctx: w, expanded, byPart } = await prepared(input.week, ctx);
  const state = dateState(w, input.master, TOLERANCE_S);
  // Mornings before afternoons: each afternoon's escorts count its morning's (heldInFlow).
  const order = (o: PartOutcome) => `${o.date}|${o.part}`;
  const parts = [...input.outcomes]
    .sort((a, b) => order(a).localeCompare(order(b)))
    .map((o) => rebuildPart(w, state, rebound(w, o)));
  const t = input.week;
  const assembled = assemblePlan({
    data: t.data,
    week: t.week,
    ...(t.planId !== undefined ? { planId: t.planId } : {}),
    ...(t.version !== undefined ? { version: t.version } : {}),
    provider: input.week.routingName,
    createdAtMs: Date.now(),
    infeasible: expanded.infeasible,
    results: dateResults(parts),
  });
  // What the single job says of its unserved trips: no escort, no accredited provider (plan-run.ts).
  const escorted =
    t.escorts && byPart
      ? explainEscorts(assembled, expanded.trips, t.data, t.escorts.list, t.escorts.rules, byPart).plan
      : assembled;
  const plan = explainRun(escorted, t.data, t);
  const { passengers: _p, ...continuity } = continuityReport(plan);
  return { plan, violations: verifyDays(parts), continuity };
}

/** The week's dates with trips (the (date, part) jobs to add). */
export async function datesTask(t: FlowWeek, ctx: ThreadContext): Promise<string[]> {
  const { week } = await context(t, ctx);
  return week.order.filter((d) => d !== MASTER);
}
