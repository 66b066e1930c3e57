import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ScenarioSchema } from '../../server/contract/domain.ts';
import { PlanSchema } from '../../server/contract/plan.ts';
import { PLAN_BUDGET_MIN_MS } from '../../server/contract/plans.ts';
import { continuityReport } from '../../server/planning/continuity.ts';
import type { TestSession } from '../helpers/app.ts';
import { storeWeek } from '../helpers/stored-week.ts';
import { type PlansApp, startPlansApp, waitForJob } from './plans-harness.ts';

// Issue 13 item 1: continuity at any budget. The demo week planned through the API with the
// smallest budget it accepts keeps ≥ 90 % of multi-day passengers on one van and ≥ 90 % of
// pickups within 10 minutes: the master week, the warm start from it, the holds and the
// continuity repair run whatever the budget.
const demo = ScenarioSchema.parse(JSON.parse(readFileSync('fixtures/scenarios/demo-week.json', 'utf8')));

let t: PlansApp;
let coord: TestSession;
beforeAll(async () => {
  t = await startPlansApp((db) => storeWeek(db, demo));
  coord = await t.login('coordinator');
}, 60_000);
afterAll(async () => {
  await t?.close();
});

describe('continuity at any budget', () => {
  it('a budget below the documented minimum is refused with 400 naming timeLimitMs', async () => {
    const res = await coord.fetch('/api/plans', {
      method: 'POST',
      json: { week: demo.week, timeLimitMs: PLAN_BUDGET_MIN_MS - 1 },
    });
    expect(res.status).toBe(400);
    expect(JSON.stringify(await res.json())).toContain('timeLimitMs');
  });

  it('the demo week planned with the smallest accepted budget keeps ≥ 90 % on one van and ≥ 90 % within 10 minutes', async () => {
    const res = await coord.fetch('/api/plans', {
      method: 'POST',
      json: { week: demo.week, timeLimitMs: PLAN_BUDGET_MIN_MS, seed: 1 },
    });
    expect(res.status).toBe(202);
    const { jobId, planId } = await res.json();
    const job = await waitForJob(coord, jobId, 240_000);
    expect(job.state).toBe('completed');
    const plan = PlanSchema.parse(await (await coord.fetch(`/api/plans/${planId}`)).json());
    const c = continuityReport(plan);
    expect(c.multiDayPassengers).toBeGreaterThan(100);
    expect(c.sameVehiclePct).toBeGreaterThanOrEqual(90);
    expect(c.pickupSpreadWithin10MinPct).toBeGreaterThanOrEqual(90);
    const violations = await (await coord.fetch(`/api/plans/${planId}/violations`)).json();
    expect(violations).toEqual([]);
  }, 300_000);
});
