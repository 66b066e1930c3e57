import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PlanStopSchema, StopPassengerSchema } from '../../server/contract/plan.ts';
import { appendVersion, ensurePlan } from '../../server/plan-store/plan-store.ts';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { PLAN_DATE, seedWorld, worldPlan } from '../helpers/world.ts';

// The web parses every response with the contract's schemas, which drop keys they do not know:
// a driver's run must lose nothing in that parse, or the phone never shows the notes and the
// adult who receives the passenger.
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
  await seedWorld(t.db);
  const planId = await ensurePlan(t.db, '2026-W49');
  await appendVersion(t.db, planId, { baseVersion: 0, status: 'published', reason: 'publish', plan: worldPlan() });
});
afterAll(async () => {
  await t?.close();
});

describe("a driver's run through the contract", () => {
  it('every stop parses with the contract and keeps the notes for the driver and the receiving adult', async () => {
    const run = await (await (await t.login('driver')).fetch(`/api/driver/runs/${PLAN_DATE}`)).json();
    const stops = run.route.stops as unknown[];
    expect(stops.length).toBe(4);
    for (const stop of stops) expect(PlanStopSchema.parse(stop)).toEqual(stop);
    const homeDrop = PlanStopSchema.parse(stops[3]).alights[0]!;
    expect(homeDrop.notesForDriver).toBe('ring twice');
    expect(homeDrop.receivingAdult).toEqual({ name: 'Maria Rossi', phone: '+39 333 1111111' });
    expect(PlanStopSchema.parse(stops[0]).boards[0]).toMatchObject({
      notesForDriver: 'ring twice',
      receivingAdult: null,
    });
  });

  it('a plan stop without them (the coordinator plan, family trips) still parses, and wrong values are refused naming the field', () => {
    const bare = {
      passengerId: 'pa-1',
      requestId: 'rq-pa-1',
      name: 'Giulia R.',
      mobility: 'wheelchair',
      needsEscort: true,
      direction: 'return',
    };
    expect(StopPassengerSchema.parse(bare)).toEqual(bare);
    const bad = StopPassengerSchema.safeParse({ ...bare, receivingAdult: { name: 'Maria Rossi' } });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues[0]!.path).toEqual(['receivingAdult', 'phone']);
  });
});
