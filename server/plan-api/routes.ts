/**
 * /api/plans: plan a week (a job), read a plan (JSON and GeoJSON), edit it (move, lock,
 * re-optimise) with the version check, validate, publish, and what changed since the last
 * publication. Coordinators only: drivers and families read published plans through their
 * own endpoints. Handlers are thin; the use cases are in plan-edit/ and plan-store/.
 */
import { randomUUID } from 'node:crypto';
import { Router } from 'express';
import type { RouterDeps } from '../app-deps.ts';
import { audit } from '../audit/audit.ts';
import { plansContract as c } from '../contract/plans.ts';
import { isoWeekDates } from '../domain/calendar.ts';
import { invalid } from '../errors/app-error.ts';
import { defineRoute } from '../http/define-route.ts';
import { planDiff } from '../plan-edit/diff.ts';
import { applyLock, applyMove, planAtVersion, publishPlan, violationsOf, type EditDeps } from '../plan-edit/edits.ts';
import { planGeoJson } from '../plan-edit/geojson.ts';
import {
  ensurePlan,
  listPlans,
  readPlan,
  requirePlan,
  requirePlanInfo,
  resolveVersion,
} from '../plan-store/plan-store.ts';
import { requireQueue } from '../queue/job-queue.ts';
import { planJobId, type PlanJobData } from '../queue/plan-job.ts';
import { loadQueueConfig } from '../queue/queue-config.ts';
import { etagOf, versionFrom } from './plan-request.ts';

type Deps = RouterDeps;

export function plansRouter(deps: Deps): Router {
  const { db, clock, registry } = deps;
  const router = Router();
  const queueConfig = loadQueueConfig();
  const { routing } = deps;
  const edit: EditDeps = { db, routing };
  // The body cache is shared by the whole process; this app's database is one of possibly several (tests).
  const cacheScope = randomUUID();
  const queue = () => requireQueue(deps.queue);
  const enqueue = async (
    kind: PlanJobData['kind'],
    planId: string,
    week: string,
    baseVersion: number,
    opts: { timeLimitMs?: number; seed?: number },
    actor: string,
  ) => {
    const version = baseVersion + 1;
    const data: PlanJobData = {
      kind,
      planId,
      week,
      baseVersion,
      seed: opts.seed ?? 1,
      timeLimitMs: opts.timeLimitMs ?? queueConfig.SOLVE_TIME_LIMIT_MS,
      actor,
      // PLAN_FLOW=1: a fresh solve runs as the week flow on every worker (a re-optimisation, with its locks, as one job).
      ...(kind === 'plan' && deps.config.PLAN_FLOW ? { flow: true } : {}),
    };
    const job = await queue().add(kind, data, { jobId: planJobId(planId, version) });
    return { status: 202, body: { planId, jobId: job.id, version }, headers: { Location: `/api/jobs/${job.id}` } };
  };

  defineRoute(router, registry, c.create, async ({ body, user }) => {
    const planId = await ensurePlan(db, body.week);
    const info = await requirePlanInfo(db, planId);
    const reply = await enqueue('plan', planId, body.week, info.version, body, user.username);
    await audit(db, clock, user, 'plan', 'plan', planId, { details: { ...body } });
    return reply;
  });

  defineRoute(router, registry, c.list, async ({ query }) => ({
    body: await listPlans(db, query.week ? { week: query.week } : {}),
  }));

  defineRoute(router, registry, c.get, async ({ params, query, user }) => {
    // A version never changes once written: only its number is looked up per request; the
    // body (a week is ~1 MB of JSON) is read, serialized and compressed (Brotli and gzip) once per version.
    const which = query.version ?? 'current';
    // No such version: requirePlan throws the 404 that says why.
    const version =
      (await resolveVersion(db, params.planId, which)) ?? (await requirePlan(db, params.planId, which)).version;
    await audit(db, clock, user, 'read', 'plan', `${params.planId}/v${version}`);
    return {
      cached: {
        key: `plan:${cacheScope}:${params.planId}.v${version}`,
        etag: etagOf(version),
        body: () => requirePlan(db, params.planId, version),
      },
      headers: { 'Cache-Control': 'private, no-cache' },
    };
  });

  defineRoute(router, registry, c.geojson, async ({ params, query, user }) => {
    const plan = await requirePlan(db, params.planId, query.version ?? 'current');
    if (!isoWeekDates(plan.week).includes(query.date)) {
      throw invalid('date', `not in week ${plan.week}`, query.date);
    }
    await audit(db, clock, user, 'read', 'plan', `${plan.id}/v${plan.version}/${query.date}`);
    return {
      body: await planGeoJson(plan, query.date, routing),
      headers: { ETag: etagOf(plan.version), 'Content-Type': 'application/geo+json' },
    };
  });

  defineRoute(router, registry, c.move, async ({ params, body, req, user }) => {
    const { version: _v, ...move } = body;
    const result = await applyMove(edit, params.planId, versionFrom(req, body.version), move, user.username);
    await audit(db, clock, user, 'update', 'plan', `${params.planId}/v${result.plan.version}`);
    return { body: result, headers: { ETag: etagOf(result.plan.version) } };
  });

  defineRoute(router, registry, c.lock, async ({ params, body, req, user }) => {
    const plan = await applyLock(edit, params.planId, versionFrom(req, body.version), body, user.username);
    await audit(db, clock, user, 'update', 'plan', `${params.planId}/v${plan.version}`);
    return { body: plan, headers: { ETag: etagOf(plan.version) } };
  });

  defineRoute(router, registry, c.reoptimize, async ({ params, body, req, user }) => {
    const version = versionFrom(req, body.version);
    const plan = await planAtVersion(db, params.planId, version);
    const reply = await enqueue('reoptimize', params.planId, plan.week, version, body, user.username);
    await audit(db, clock, user, 'reoptimize', 'plan', `${params.planId}/v${version}`, { details: { ...body } });
    return reply;
  });

  defineRoute(router, registry, c.violations, async ({ params, query }) => {
    const plan = await requirePlan(db, params.planId, query.version ?? 'current');
    return { body: await violationsOf(edit, plan, query.date), headers: { ETag: etagOf(plan.version) } };
  });

  defineRoute(router, registry, c.publish, async ({ params, body, req, user }) => {
    const plan = await publishPlan(edit, params.planId, versionFrom(req, body.version), user.username);
    await audit(db, clock, user, 'publish', 'plan', `${params.planId}/v${plan.version}`);
    return { body: plan, headers: { ETag: etagOf(plan.version) } };
  });

  defineRoute(router, registry, c.diff, async ({ params, query }) => {
    const current = await requirePlan(db, params.planId, query.version ?? 'current');
    const published = await readPlan(db, params.planId, 'published');
    return { body: planDiff(published && published.version <= current.version ? published : undefined, current) };
  });

  return router;
}
