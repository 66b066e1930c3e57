/**
 * A week's entities written straight into a test database, and the plan a killed re-solve must
 * leave alone. The tiny week's hand-placed homes are not all inside the 16 comuni, so its
 * entities are written as they are, without the API's checks (the seed's `loadScenario` checks).
 */
import { expect } from 'vitest';
import type { Scenario } from '../../server/contract/domain.ts';
import { type Plan, PlanSchema } from '../../server/contract/plan.ts';
import type { Db } from '../../server/db/db.ts';
import { writeEntity } from '../../server/entities/store.ts';
import { appendVersion, ensurePlan, readPlan } from '../../server/plan-store/plan-store.ts';
import { planWeek } from '../../server/planning/plan-week.ts';
import { tinyWeek } from '../../server/planning/testing/tiny-week.ts';
import type { PlanJobData } from '../../server/queue/plan-job.ts';
import { planJobId } from '../../server/queue/plan-job.ts';
import type { RoutingProvider } from '../../server/routing/provider.ts';

type WeekEntities = Pick<Scenario, 'services' | 'households' | 'passengers' | 'requests' | 'vehicles' | 'drivers'>;

/** Writes a week's entities in reference order (services first, drivers last), unchecked. */
export async function storeWeek(db: Db, week: WeekEntities): Promise<void> {
  const kinds = [
    ['service', week.services],
    ['household', week.households],
    ['passenger', week.passengers],
    ['request', week.requests],
    ['vehicle', week.vehicles],
    ['driver', week.drivers],
  ] as const;
  for (const [kind, list] of kinds) for (const e of list) await writeEntity(db, kind, e);
}

/** The tiny hand-checkable week as stored entities. */
export const storeTinyWeek = (db: Db): Promise<void> => storeWeek(db, tinyWeek());

/** The tiny week's entities are stored; its plan is solved as version 1 and published as version 2. */
export interface PublishedWeek {
  planId: string;
  published: Plan;
  /** A re-solve from the published version: it writes version 3. */
  resolve: { jobId: string; data: PlanJobData };
}

/** Plans the tiny week of 2026-W49 and publishes it: the plan the drivers already have. */
export async function publishTinyWeek(db: Db, routing: RoutingProvider): Promise<PublishedWeek> {
  const planId = await ensurePlan(db, '2026-W49');
  const first = await planWeek(
    { data: tinyWeek(), week: '2026-W49' },
    { routing, seed: 1, timeLimitMs: 300, now: Date.now },
  );
  await appendVersion(db, planId, { baseVersion: 0, status: 'draft', reason: 'solve', plan: first });
  const published = await appendVersion(db, planId, {
    baseVersion: 1,
    status: 'published',
    reason: 'publish',
    plan: first,
  });
  const data: PlanJobData = { kind: 'plan', planId, week: '2026-W49', baseVersion: 2, seed: 7, timeLimitMs: 3000 };
  return { planId, published, resolve: { jobId: planJobId(planId, 3), data } };
}

/**
 * After the re-solve completed: the published version is exactly what it was, and the new draft
 * is whole and written once, tagged with its job. Returns the draft.
 */
export async function expectDraftWrittenOnce(db: Db, week: PublishedWeek): Promise<Plan> {
  expect(await readPlan(db, week.planId, 2)).toEqual(week.published);
  const draft = PlanSchema.parse(await readPlan(db, week.planId, 3));
  expect(draft).toMatchObject({ version: 3, status: 'draft' });
  const rows = await db.query<{ version: number; job_id: string | null }>(
    'SELECT version, job_id FROM plan_versions WHERE plan_id = $1 ORDER BY version',
    [week.planId],
  );
  expect(rows.rows).toEqual([
    { version: 1, job_id: null },
    { version: 2, job_id: null },
    { version: 3, job_id: week.resolve.jobId },
  ]);
  return draft;
}
