/**
 * A plan job planned through the week flow (PLAN_FLOW=1, week-flow.ts): the plan job stays the
 * job the API and the web know — its id, state, progress, cancellation and the plan version it
 * writes (plan-job.ts) — but instead of solving in its own thread it hands the week to the flow,
 * where the master week, every (date, part) and the repair run on any flow worker, and waits for
 * the assembled plan. Progress is read from the flow while it runs: days done are the dates whose
 * afternoon job (the parent of its morning) completed, the best cost the sum of their parts'.
 *
 * The flow's week id is the plan job's id, so a plan job retried after its worker died waits for
 * the same flow instead of starting another; after a flow that failed (or was cancelled) the job
 * submitted again gets a new one (`<job id>-2`, …). Cancelling the plan job cancels the week
 * (cancelWeek): the flow's job running then finishes, the rest fail at once.
 */
import { Queue } from 'bullmq';
import type { Plan } from '../contract/plan.ts';
import type { PlanProgress } from '../planning/plan-week.ts';
import { CANCELLED_MESSAGE, type JobContext, PermanentJobError } from './job-queue.ts';
import type { PlanSolveInput } from './plan-solve-task.ts';
import { DEFAULT_PREFIX, redisOptions } from './redis-options.ts';
import { cancelWeek, submitWeek, type WeekFlowOptions, weekFlowQueueName } from './week-flow.ts';
import type { FlowWeek, WeekOutcome } from './week-flow-tasks.ts';

const POLL_MS = 250;

/** The flow's scenario for a plan job's run: the same input and rules the single job plans with. */
export function flowWeekOf(task: PlanSolveInput): FlowWeek {
  const { input } = task;
  if (input.locks?.length || input.dates)
    throw new Error('the week flow plans whole weeks without locks: a re-optimisation runs as one job');
  return {
    data: input.data,
    week: input.week,
    seed: task.seed,
    timeLimitMs: task.timeLimitMs,
    ...(task.maxIterationsPerDay !== undefined ? { maxIterationsPerDay: task.maxIterationsPerDay } : {}),
    routingName: task.routingName,
    ...(input.previous ? { previous: input.previous } : {}),
    ...(input.maxShiftMin !== undefined ? { maxShiftMin: input.maxShiftMin } : {}),
    ...(input.planId !== undefined ? { planId: input.planId } : {}),
    ...(input.version !== undefined ? { version: input.version } : {}),
    ...(task.escorts ? { escorts: task.escorts } : {}),
    ...(task.providers ? { providers: task.providers } : {}),
  };
}

/** Plans the job's week through the flow and returns its plan; reports progress as the dates finish. */
export async function planViaFlow(
  flow: WeekFlowOptions,
  jobId: string,
  task: PlanSolveInput,
  ctx: Pick<JobContext, 'signal'>,
  onProgress: (p: PlanProgress) => void,
): Promise<Plan> {
  const queue = new Queue(weekFlowQueueName(flow.queueName), {
    connection: redisOptions(flow.redisUrl),
    prefix: flow.prefix ?? DEFAULT_PREFIX,
  });
  queue.on('error', () => undefined);
  try {
    // The first week of this job not failed (a cancelled or failed run is not run again).
    let weekId = jobId;
    let existing = await queue.getJobState(weekId);
    for (let n = 2; existing === 'failed'; n++) {
      weekId = `${jobId}-${n}`;
      existing = await queue.getJobState(weekId);
    }
    if (existing === 'unknown') await submitWeek(flow, weekId, flowWeekOf(task));
    const started = Date.now();
    const costs = new Map<string, number>();
    let reported = -1;
    for (;;) {
      if (ctx.signal.aborted) {
        await cancelWeek(flow, weekId).catch(() => undefined);
        throw new Error(CANCELLED_MESSAGE);
      }
      const read = await queue.getJob(weekId);
      if (!read) throw new Error(`the week flow's job ${weekId} is gone`);
      const state = await read.getState();
      // Read again once finished: the first read may predate its result.
      const week = state === 'completed' || state === 'failed' ? ((await queue.getJob(weekId)) ?? read) : read;
      if (state === 'failed') throw new PermanentJobError(`the week flow failed: ${week.failedReason}`);
      const dates = (week.data as { dates?: string[] }).dates ?? [];
      for (const d of dates) {
        if (costs.has(d)) continue;
        const pm = await queue.getJob(`${weekId}.${d}.pm`);
        if (!pm || (await pm.getState()) !== 'completed') continue;
        const v = pm.returnvalue as {
          am: { solution: { cost: number } } | null;
          pm: { solution: { cost: number } } | null;
        };
        costs.set(d, (v.am?.solution.cost ?? 0) + (v.pm?.solution.cost ?? 0));
      }
      if (dates.length > 0 && (costs.size > reported || reported < 0)) {
        reported = costs.size;
        onProgress({
          date: [...costs.keys()].at(-1) ?? dates[0]!,
          daysDone: costs.size,
          days: dates.length,
          elapsedMs: Date.now() - started,
          bestCost: [...costs.values()].reduce((x, y) => x + y, 0),
          fraction: costs.size / dates.length,
        });
      }
      if (state === 'completed') return (week.returnvalue as WeekOutcome).plan;
      await new Promise((r) => setTimeout(r, POLL_MS));
    }
  } finally {
    await queue.close();
  }
}
