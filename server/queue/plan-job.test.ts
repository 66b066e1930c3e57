import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/db.ts';
import { migrate } from '../db/migrate.ts';
import { openPgliteDb } from '../db/pglite-db.ts';
import { appendVersion, ensurePlan, readPlan } from '../plan-store/plan-store.ts';
import { planWeek } from '../planning/plan-week.ts';
import { tinyWeek } from '../planning/testing/tiny-week.ts';
import { parseRoutingConfig } from '../routing/config.ts';
import { createRoutingProvider } from '../routing/create-routing-provider.ts';
import { storeTinyWeek } from '../../test/helpers/stored-week.ts';
import { PermanentJobError } from './job-queue.ts';
import { planJobHandler, planJobId, type PlanJobData } from './plan-job.ts';

const routing = createRoutingProvider(parseRoutingConfig({}));
let db: Db;
let planId: string;
const ctx = { signal: new AbortController().signal, reportProgress: async () => undefined };
const versions = async () =>
  (
    await db.query<{ version: number }>('SELECT version FROM plan_versions WHERE plan_id = $1 ORDER BY version', [
      planId,
    ])
  ).rows.map((r) => r.version);

beforeAll(async () => {
  db = await openPgliteDb();
  await migrate(db);
  await storeTinyWeek(db);
  planId = await ensurePlan(db, '2026-W49');
});
afterAll(async () => {
  await db?.close();
});

describe('the plan job', () => {
  it('a retried job that had already written its version (killed after the commit) does not write it twice', async () => {
    const plan = await planWeek(
      { data: tinyWeek(), week: '2026-W49' },
      { routing, seed: 1, timeLimitMs: 200, maxIterationsPerDay: 100, now: Date.now },
    );
    const jobId = planJobId(planId, 1);
    await appendVersion(db, planId, { baseVersion: 0, status: 'draft', reason: 'solve', jobId, plan });
    const data: PlanJobData = { kind: 'plan', planId, week: '2026-W49', baseVersion: 0, seed: 1, timeLimitMs: 200 };
    const result = await planJobHandler({ db, routing })({ id: jobId, name: 'plan', data, attempt: 2 }, ctx);
    expect(result).toEqual({ planId, version: 1 });
    expect(await versions()).toEqual([1]);
  });

  it('a solve that finishes after someone edited the plan fails for good instead of overwriting the edit', async () => {
    const data: PlanJobData = { kind: 'plan', planId, week: '2026-W49', baseVersion: 0, seed: 2, timeLimitMs: 200 };
    const run = planJobHandler({ db, routing, maxIterationsPerDay: 100 })(
      { id: `${planId}.v1-again`, name: 'plan', data, attempt: 1 },
      ctx,
    );
    await expect(run).rejects.toBeInstanceOf(PermanentJobError);
    await expect(run).rejects.toThrow(/changed while it was being optimised/);
    expect(await versions()).toEqual([1]);
  });

  it('a solve from the current version writes the next draft, tagged with its job', async () => {
    const data: PlanJobData = { kind: 'plan', planId, week: '2026-W49', baseVersion: 1, seed: 3, timeLimitMs: 200 };
    const jobId = planJobId(planId, 2);
    const progress: unknown[] = [];
    const result = await planJobHandler({ db, routing, maxIterationsPerDay: 100 })(
      { id: jobId, name: 'plan', data, attempt: 1 },
      { signal: new AbortController().signal, reportProgress: async (p) => void progress.push(p) },
    );
    expect(result).toEqual({ planId, version: 2 });
    expect(await readPlan(db, planId, 2)).toMatchObject({ version: 2, status: 'draft' });
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.at(-1)).toMatchObject({ days: 5, daysDone: 5 });
  });

  it('a job submitted for the week flow (PLAN_FLOW=1) fails for good on a worker without the flow queue', async () => {
    const data: PlanJobData = {
      kind: 'plan',
      planId,
      week: '2026-W49',
      baseVersion: 2,
      seed: 1,
      timeLimitMs: 200,
      flow: true,
    };
    const run = planJobHandler({ db, routing })({ id: `${planId}.v3`, name: 'plan', data, attempt: 1 }, ctx);
    await expect(run).rejects.toBeInstanceOf(PermanentJobError);
    await expect(run).rejects.toThrow(/no flow queue/);
  });

  it('bad job data fails for good, naming the problem', async () => {
    const run = planJobHandler({ db, routing })({ id: 'x.v1', name: 'plan', data: { kind: 'plan' }, attempt: 1 }, ctx);
    await expect(run).rejects.toBeInstanceOf(PermanentJobError);
  });
});
