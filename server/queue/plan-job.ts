/**
 * The plan job processor: what a worker does with a "plan" or "reoptimize" job. It loads the
 * week's data from the database, runs the planning use case in a worker thread, and writes the
 * result as ONE new draft version in one transaction — the published version is never touched,
 * and a job killed half-way leaves nothing written. A retried job that already wrote its
 * version (killed after the commit) finds it and does not write twice.
 */
import { z } from 'zod';
import type { Plan } from '../contract/plan.ts';
import type { Provider } from '../contract/programme.ts';
import type { Db } from '../db/db.ts';
import { AppError } from '../errors/app-error.ts';
import { allEntities, loadDomain } from '../entities/store.ts';
import { escortPlanning } from '../escorts/store.ts';
import type { PlanProgress } from '../planning/plan-week.ts';
import { appendVersion, readPlan, versionWrittenBy } from '../plan-store/plan-store.ts';
import { retimeRoutes } from '../plan-edit/edits.ts';
import { lockedOnly, locksOf } from '../plan-edit/locks.ts';
import { restoreLocks } from '../plan-edit/restore-locks.ts';
import { anyRestriction } from '../providers/accreditation-planning.ts';
import type { RoutingProvider } from '../routing/provider.ts';
import { PermanentJobError, type JobHandler, type Json } from './job-queue.ts';
import type { PlanSolveInput } from './plan-solve-task.ts';
import { runInThread } from './run-in-thread.ts';

export const PlanJobDataSchema = z.object({
  kind: z.enum(['plan', 'reoptimize']),
  planId: z.string(),
  week: z.string(),
  /** The version this job starts from (0 for a plan never solved); it writes baseVersion + 1. */
  baseVersion: z.number().int().min(0),
  seed: z.number().int(),
  timeLimitMs: z.number().int().positive(),
  actor: z.string().optional(),
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
/** Minutes a locked request's pickup may move when the rest is re-optimised. */
const LOCK_SHIFT_MIN = 2;
const TASK = new URL('./plan-solve-task.ts', import.meta.url);

export interface PlanJobDeps {
  db: Db;
  routing: RoutingProvider;
  /** Per-day iteration cap, for deterministic tests. */
  maxIterationsPerDay?: number;
}

export function planJobHandler(deps: PlanJobDeps): JobHandler {
  return async (job, ctx) => {
    const parsed = PlanJobDataSchema.safeParse(job.data);
    if (!parsed.success) throw new PermanentJobError(`job ${job.id}: bad data: ${parsed.error.issues[0]?.message}`);
    const data = parsed.data;
    const written = await versionWrittenBy(deps.db, job.id);
    if (written !== undefined) return { planId: data.planId, version: written } satisfies PlanJobResult;

    const domain = await loadDomain(deps.db);
    const base = data.baseVersion > 0 ? await readPlan(deps.db, data.planId, data.baseVersion) : undefined;
    // A fresh solve re-plans around the published times (stable re-planning); a re-optimisation
    // anchors only the locked requests, tightly, pins them to their runs (hard locks) and leaves
    // the rest free.
    const previous: Plan | undefined =
      data.kind === 'reoptimize' && base ? lockedOnly(base) : await readPlan(deps.db, data.planId, 'published');
    const task: PlanSolveInput = {
      input: {
        data: domain,
        week: data.week,
        planId: data.planId,
        version: data.baseVersion + 1,
        ...(previous ? { previous } : {}),
        ...(data.kind === 'reoptimize' ? { maxShiftMin: LOCK_SHIFT_MIN } : {}),
        ...(data.kind === 'reoptimize' && base ? { locks: locksOf(base) } : {}),
      },
      routingName: deps.routing.name,
      seed: data.seed,
      timeLimitMs: data.timeLimitMs,
      ...(deps.maxIterationsPerDay !== undefined ? { maxIterationsPerDay: deps.maxIterationsPerDay } : {}),
    };
    const escorts = await escortPlanning(deps.db);
    if (escorts) task.escorts = escorts;
    const providers = await allEntities<Provider>(deps.db, 'provider');
    if (anyRestriction(providers)) task.providers = providers;

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
    const plan = await runInThread<Plan>(TASK, 'planSolveTask', task, {
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
