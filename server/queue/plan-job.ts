/**
 * The plan job processor: what a worker does with a "plan" or "reoptimize" job. It loads the
 * week's run from the database (plan-run.ts), runs the planning use case in a worker thread — or,
 * for a job submitted with `flow` (PLAN_FLOW=1), hands the week to the week flow and waits for its
 * plan (plan-via-flow.ts) — and writes the result as ONE new draft version in one transaction — the published version is never touched,
 * and a job killed half-way leaves nothing written. A retried job that already wrote its
 * version (killed after the commit) finds it and does not write twice.
 */
import { z } from 'zod';
import type { Plan } from '../contract/plan.ts';
import type { Db } from '../db/db.ts';
import { AppError } from '../errors/app-error.ts';
import type { PlanProgress } from '../planning/plan-week.ts';
import { appendVersion, versionWrittenBy } from '../plan-store/plan-store.ts';
import { retimeRoutes } from '../plan-edit/edits.ts';
import { restoreLocks } from '../plan-edit/restore-locks.ts';
import type { RoutingProvider } from '../routing/provider.ts';
import { PermanentJobError, type JobHandler, type Json } from './job-queue.ts';
import { planRunInput } from './plan-run.ts';
import type { PlanSolveInput } from './plan-solve-task.ts';
import { planViaFlow } from './plan-via-flow.ts';
import { runInThread } from './run-in-thread.ts';
import type { WeekFlowOptions } from './week-flow.ts';

export const PlanJobDataSchema = z.object({
  kind: z.enum(['plan', 'reoptimize']),
  planId: z.string(),
  week: z.string(),
  /** The version this job starts from (0 for a plan never solved); it writes baseVersion + 1. */
  baseVersion: z.number().int().min(0),
  seed: z.number().int(),
  timeLimitMs: z.number().int().positive(),
  actor: z.string().optional(),
  /** Plan the week through the week flow (PLAN_FLOW=1, plan-via-flow.ts) instead of in this job's thread; fresh solves only. */
  flow: z.boolean().optional(),
});
export type PlanJobData = z.infer<typeof PlanJobDataSchema>;

/** The job id is the version it will write: resubmitting the same change is the same job. */
export const planJobId = (planId: string, version: number): string => `${planId}.v${version}`;

export interface PlanJobProgress {
  date: string | null;
  daysDone: number;
  days: number;
  elapsedMs: number;
  bestCost: number | null;
  /** Best cost over time, [elapsedMs, bestCost] pairs (at most HISTORY_MAX, evenly thinned). */
  history: Array<[number, number]>;
}

export interface PlanJobResult {
  planId: string;
  version: number;
}

const HISTORY_MAX = 200;
const PROGRESS_EVERY_MS = 250;
const TASK = new URL('./plan-solve-task.ts', import.meta.url);

export interface PlanJobDeps {
  db: Db;
  routing: RoutingProvider;
  /** Per-day iteration cap, for deterministic tests. */
  maxIterationsPerDay?: number;
  /** The week flow's queue (REDIS_URL and QUEUE_NAME), for jobs submitted with `flow` (PLAN_FLOW=1). */
  flow?: WeekFlowOptions;
}

export function planJobHandler(deps: PlanJobDeps): JobHandler {
  return async (job, ctx) => {
    const parsed = PlanJobDataSchema.safeParse(job.data);
    if (!parsed.success) throw new PermanentJobError(`job ${job.id}: bad data: ${parsed.error.issues[0]?.message}`);
    const data = parsed.data;
    const written = await versionWrittenBy(deps.db, job.id);
    if (written !== undefined) return { planId: data.planId, version: written } satisfies PlanJobResult;

    // The week, the published plan or the locks, the escorts and the providers (plan-run.ts).
    const { input, base, ...rules } = await planRunInput(deps.db, data);
    const task: PlanSolveInput = {
      input,
      routingName: deps.routing.name,
      seed: data.seed,
      timeLimitMs: data.timeLimitMs,
      ...(deps.maxIterationsPerDay !== undefined ? { maxIterationsPerDay: deps.maxIterationsPerDay } : {}),
      ...rules,
    };
    const viaFlow = data.flow === true && data.kind === 'plan';
    if (viaFlow && !deps.flow)
      throw new PermanentJobError(
        `job ${job.id}: submitted for the week flow (PLAN_FLOW=1), but this worker has no flow queue (REDIS_URL)`,
      );

    const progress: PlanJobProgress = { date: null, daysDone: 0, days: 0, elapsedMs: 0, bestCost: null, history: [] };
    let lastSent = 0;
    const onProgress = (raw: unknown): void => {
      const p = raw as PlanProgress;
      Object.assign(progress, {
        date: p.date,
        daysDone: p.daysDone,
        days: p.days,
        elapsedMs: p.elapsedMs,
        bestCost: p.bestCost,
      });
      progress.history.push([Math.round(p.elapsedMs), p.bestCost]);
      if (progress.history.length > HISTORY_MAX) progress.history = progress.history.filter((_, i) => i % 2 === 0);
      const now = Date.now();
      if (now - lastSent >= PROGRESS_EVERY_MS || p.daysDone === p.days) {
        lastSent = now;
        void ctx.reportProgress(progress as unknown as Json).catch(() => undefined);
      }
    };
    const plan =
      viaFlow && deps.flow
        ? await planViaFlow(deps.flow, job.id, task, ctx, onProgress)
        : await runInThread<Plan>(TASK, 'planSolveTask', task, {
            signal: ctx.signal,
            onProgress,
            services: { routing: deps.routing },
          });
    if (ctx.signal.aborted) throw new Error('cancelled');
    await ctx.reportProgress(progress as unknown as Json).catch(() => undefined);

    try {
      const saved = await appendVersion(deps.db, data.planId, {
        baseVersion: data.baseVersion,
        status: 'draft',
        reason: data.kind === 'reoptimize' ? 'reoptimize' : 'solve',
        jobId: job.id,
        ...(data.actor ? { actor: data.actor } : {}),
        plan: data.kind === 'reoptimize' && base ? await keepLocks(deps, plan, base) : plan,
      });
      return { planId: data.planId, version: saved.version } satisfies PlanJobResult;
    } catch (e) {
      if (e instanceof AppError && e.code === 'PLAN_CONFLICT') {
        throw new PermanentJobError(`the plan changed while it was being optimised (${e.message}); submit again`);
      }
      throw e;
    }
  };
}

/**
 * The re-optimised plan keeps the coordinator's locks: the flags, and every locked stop on the
 * route it was locked on, in its order (put back and re-timed if the planner moved it).
 */
async function keepLocks(deps: PlanJobDeps, plan: Plan, base: Plan): Promise<Plan> {
  const locked = new Set<string>();
  for (const day of base.days) for (const r of day.routes) for (const s of r.stops) if (s.locked) locked.add(s.id);
  const flagged: Plan = {
    ...plan,
    days: plan.days.map((day) => ({
      ...day,
      routes: day.routes.map((r) => ({ ...r, stops: r.stops.map((s) => ({ ...s, locked: locked.has(s.id) })) })),
    })),
  };
  const { plan: restored, touched } = restoreLocks(flagged, base);
  return touched.size > 0 ? retimeRoutes({ db: deps.db, routing: deps.routing }, restored, touched) : restored;
}
