import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readPlan } from '../../server/plan-store/plan-store.ts';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { PLAN_DATE, seedPublishedAndDraft, seedWorld } from '../helpers/world.ts';

// Drivers and families read the plans store's PUBLISHED version, never a newer draft.
let t: TestApp;
let planId: string;
beforeAll(async () => {
  t = await startTestApp({ clock: { now: () => new Date('2026-11-25T09:00:00+01:00') } });
  await seedWorld(t.db);
  planId = await seedPublishedAndDraft(t.db);
});
afterAll(async () => {
  await t?.close();
});

describe('driver and family views of the stored published plan', () => {
  it('a driver sees the published routes, not the newer draft', async () => {
    const a = await t.login('driver');
    const run = await (await a.fetch(`/api/driver/runs/${PLAN_DATE}`)).json();
    expect(run).toMatchObject({ planId, planVersion: 1 });
    expect(run.routes.map((r: { id: string }) => r.id)).toEqual(['r-a']);
    const b = await t.login('driver2');
    expect(
      (await (await b.fetch(`/api/driver/runs/${PLAN_DATE}`)).json()).routes.map((r: { id: string }) => r.id),
    ).toEqual(['r-b']);
  });

  it('a date without a published plan gives an empty run, not an error', async () => {
    const a = await t.login('driver');
    const run = await (await a.fetch('/api/driver/runs/2027-03-02')).json();
    expect(run).toMatchObject({ planId: null, route: null, routes: [] });
  });

  it('an absence writes new published and draft versions without the passenger; the old ones stay', async () => {
    const f = await t.login('family');
    const res = await f.fetch('/api/family/absences', {
      method: 'POST',
      json: { passengerId: 'pa-1', date: PLAN_DATE },
    });
    expect(res.status).toBe(201);
    expect((await res.json()).stopsRemoved).toBe(4);
    const a = await t.login('driver');
    const run = await (await a.fetch(`/api/driver/runs/${PLAN_DATE}`)).json();
    expect(run.planVersion).toBeGreaterThan(2);
    expect(JSON.stringify(run)).not.toContain('pa-1');
    const v1 = await readPlan(t.db, planId, 1);
    expect(JSON.stringify(v1)).toContain('pa-1');
    const trips = await (await f.fetch('/api/family/trips?week=2026-W49')).json();
    expect(trips.trips).toEqual([]);
  });
});
