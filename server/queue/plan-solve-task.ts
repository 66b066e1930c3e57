/**
 * The CPU-heavy half of a plan job, run inside a worker thread (run-in-thread.ts): the
 * planning use case on data already loaded by the parent. Routing calls go back to the parent,
 * where the provider and its database cache live.
 */
import type { Plan } from '../contract/plan.ts';
import { planWeekWithEscorts } from '../escorts/escort-planner.ts';
import { planWeek, type PlanProgress, type PlanWeekInput } from '../planning/plan-week.ts';
import type { ProviderName, RoutingProvider } from '../routing/provider.ts';
import { explainRun, type PlanRunRules, withAccreditation } from './plan-run.ts';
import type { ThreadContext } from './thread-task.ts';

/** The run: the planner's input, its budget, and the rules of plan-run.ts (escorts, providers). */
export interface PlanSolveInput extends PlanRunRules {
  input: PlanWeekInput;
  routingName: ProviderName;
  seed: number;
  timeLimitMs: number;
  maxIterationsPerDay?: number;
}

export async function planSolveTask(task: PlanSolveInput, ctx: ThreadContext): Promise<Plan> {
  const routing: RoutingProvider = {
    name: task.routingName,
    matrix: (places, options) =>
      ctx.call('routing', 'matrix', [places, options]) as ReturnType<RoutingProvider['matrix']>,
    shape: (places) => ctx.call('routing', 'shape', [places]) as ReturnType<RoutingProvider['shape']>,
    snap: (place) => ctx.call('routing', 'snap', [place]) as ReturnType<RoutingProvider['snap']>,
  };
  const deps = {
    routing,
    seed: task.seed,
    timeLimitMs: task.timeLimitMs,
    ...(task.maxIterationsPerDay !== undefined ? { maxIterationsPerDay: task.maxIterationsPerDay } : {}),
    now: () => Date.now(),
    signal: ctx.signal,
    onProgress: (p: PlanProgress) => ctx.onProgress(p),
  };
  // Providers' accreditation and escorts attach to the runs (plan-run.ts, server/escorts/);
  // with neither, planning as before.
  const input = { ...task.input, data: withAccreditation(task.input.data, task) };
  const plan = task.escorts
    ? (await planWeekWithEscorts(input, deps, task.escorts.list, task.escorts.rules)).plan
    : await planWeek(input, deps);
  return explainRun(plan, task.input.data, task);
}
