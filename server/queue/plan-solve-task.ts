/**
 * The CPU-heavy half of a plan job, run inside a worker thread (run-in-thread.ts): the
 * planning use case on data already loaded by the parent. Routing calls go back to the parent,
 * where the provider and its database cache live.
 */
import type { Plan } from '../contract/plan.ts';
import type { Provider } from '../contract/programme.ts';
import type { Escort } from '../contract/safeguarding.ts';
import { planWeekWithEscorts } from '../escorts/escort-planner.ts';
import type { EscortRules } from '../escorts/escort-rules.ts';
import { planWeek, type PlanProgress, type PlanWeekInput } from '../planning/plan-week.ts';
import { attachAccreditation, explainAccreditationGaps } from '../providers/accreditation-planning.ts';
import type { ProviderName, RoutingProvider } from '../routing/provider.ts';
import type { ThreadContext } from './thread-task.ts';

export interface PlanSolveInput {
  input: PlanWeekInput;
  routingName: ProviderName;
  seed: number;
  timeLimitMs: number;
  maxIterationsPerDay?: number;
  /** Escorts and the rule of who travels only with one aboard (escortPlanning in server/escorts/store.ts). */
  escorts?: { list: Escort[]; rules: EscortRules };
  /** Providers restricted to comuni or services: their vans carry only the trips they are accredited for. */
  providers?: Provider[];
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
  // Providers' accreditation and escorts attach to the runs (server/providers/, server/escorts/);
  // with neither, planning as before.
  const accreditation = { data: task.input.data, providers: task.providers ?? [] };
  attachAccreditation(accreditation);
  const plan = task.escorts
    ? (await planWeekWithEscorts(task.input, deps, task.escorts.list, task.escorts.rules)).plan
    : await planWeek(task.input, deps);
  return explainAccreditationGaps(plan, accreditation);
}
