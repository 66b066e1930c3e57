import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/db.ts';
import { migrate } from '../db/migrate.ts';
import { openPgliteDb } from '../db/pglite-db.ts';
import { twoVans } from '../plan-edit/testing/two-vans.ts';
import { appendVersion, ensurePlan, listPlans, planInfo, readPlan } from './plan-store.ts';
import { getPublishedPlanForDate, removePassengerFromDate } from './published.ts';

let db: Db;
beforeAll(async () => {
  db = await openPgliteDb();
  await migrate(db);
});
afterAll(async () => {
  await db?.close();
});

describe('plan versions', () => {
  it('each write appends a version; the current and the published one are tracked apart', async () => {
    const planId = await ensurePlan(db, '2026-W49');
    expect(await ensurePlan(db, '2026-W49')).toBe(planId);
    expect(await planInfo(db, planId)).toMatchObject({ version: 0, status: null, publishedVersion: null });
    await appendVersion(db, planId, { baseVersion: 0, status: 'draft', reason: 'solve', plan: twoVans() });
    await appendVersion(db, planId, { baseVersion: 1, status: 'published', reason: 'publish', plan: twoVans() });
    await appendVersion(db, planId, { baseVersion: 2, status: 'draft', reason: 'move', plan: twoVans() });
    expect(await planInfo(db, planId)).toMatchObject({ version: 3, status: 'draft', publishedVersion: 2 });
    expect((await readPlan(db, planId, 'published'))?.version).toBe(2);
    expect((await getPublishedPlanForDate(db, '2026-12-03'))?.version).toBe(2);
    expect(await getPublishedPlanForDate(db, '2026-12-10')).toBeUndefined();
    expect((await listPlans(db, { week: '2026-W49' })).map((p) => p.id)).toEqual([planId]);
  });

  it('a write from a stale version is a PLAN_CONFLICT and writes nothing; of two writers from one version, one wins', async () => {
    const planId = await ensurePlan(db, '2026-W50');
    await appendVersion(db, planId, { baseVersion: 0, status: 'draft', reason: 'solve', plan: twoVans() });
    const results = await Promise.allSettled([
      appendVersion(db, planId, { baseVersion: 1, status: 'draft', reason: 'move', actor: 'anna', plan: twoVans() }),
      appendVersion(db, planId, { baseVersion: 1, status: 'draft', reason: 'lock', actor: 'bruno', plan: twoVans() }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect((results.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason).toMatchObject({
      code: 'PLAN_CONFLICT',
    });
    expect((await planInfo(db, planId))?.version).toBe(2);
  });

  it('the database refuses to change a stored version', async () => {
    await expect(db.query("UPDATE plan_versions SET status = 'draft' WHERE status = 'published'")).rejects.toThrow(
      /immutable/,
    );
  });

  it('an absence appends a published and a draft version without the passenger; the old versions keep them', async () => {
    const planId = await ensurePlan(db, '2026-W49');
    const removed = await db.transaction((tx) => removePassengerFromDate(tx, 'anna', '2026-12-01'));
    expect(removed).toBe(4);
    expect(await planInfo(db, planId)).toMatchObject({ version: 5, status: 'draft', publishedVersion: 4 });
    for (const v of [4, 5]) expect(JSON.stringify(await readPlan(db, planId, v))).not.toContain('"anna"');
    expect(JSON.stringify(await readPlan(db, planId, 2))).toContain('"anna"');
  });
});
