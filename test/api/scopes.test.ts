import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { PLAN_DATE, memoryPublishedPlans, seedWorld, worldPlan } from '../helpers/world.ts';
import { StopEventSchema } from '../../server/contract/driver.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({
    setup: seedWorld,
    plans: memoryPublishedPlans(worldPlan()),
    clock: { now: () => new Date('2026-11-25T09:00:00+01:00') },
  });
});
afterAll(async () => {
  await t?.close();
});

describe('what a driver sees', () => {
  it('a driver reads only their own route, with only what each trip needs about the passenger', async () => {
    const a = await t.login('driver');
    const run = await (await a.fetch(`/api/driver/runs/${PLAN_DATE}`)).json();
    expect(run.routes.map((r: { id: string }) => r.id)).toEqual(['r-a']);
    expect(run.route.vehicleLabel).toBe('Minibus 1');
    const homeDrop = run.route.stops[3].alights[0];
    expect(homeDrop).toEqual({
      passengerId: 'pa-1',
      requestId: 'rq-pa-1',
      name: 'Giulia R.',
      mobility: 'wheelchair',
      needsEscort: true,
      direction: 'return',
      notesForDriver: 'ring twice',
      receivingAdult: { name: 'Maria Rossi', phone: '+39 333 1111111' },
    });
    expect(run.route.stops[0].boards[0].receivingAdult).toBeNull();
    expect(JSON.stringify(run)).not.toMatch(/workHours|leaves|Marco|pb-1|r-b/);
  });

  it("a driver cannot read another driver's run: the other driver's stops never appear and cannot be written to", async () => {
    const b = await t.login('driver2');
    const run = await (await b.fetch(`/api/driver/runs/${PLAN_DATE}`)).json();
    expect(run.routes.map((r: { id: string }) => r.id)).toEqual(['r-b']);
    expect(JSON.stringify(run)).not.toMatch(/pa-1|Giulia|s-a/);
    const res = await b.fetch('/api/driver/stops/s-a1/events', {
      method: 'POST',
      json: { type: 'arrived', at: `${PLAN_DATE}T08:00:00+01:00`, clientEventId: 'evt-b-steals-a' },
    });
    expect(res.status).toBe(404);
  });

  it('a driver cannot call coordinator or family endpoints', async () => {
    const a = await t.login('driver');
    expect((await a.fetch('/api/passengers')).status).toBe(403);
    expect((await a.fetch('/api/family/household')).status).toBe(403);
  });

  it('a retried stop event creates no duplicate and returns the same event', async () => {
    const a = await t.login('driver');
    const event = {
      type: 'boarded',
      at: `${PLAN_DATE}T08:01:00+01:00`,
      clientEventId: 'phone-a-0001',
      passengerId: 'pa-1',
    };
    const first = await a.fetch('/api/driver/stops/s-a1/events', { method: 'POST', json: event });
    expect(first.status).toBe(201);
    // The phone checks the answer against the contract: a recorded event must not read as refused.
    expect(StopEventSchema.safeParse(await first.clone().json()).error).toBeUndefined();
    const again = await a.fetch('/api/driver/stops/s-a1/events', { method: 'POST', json: event });
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual(await first.json());
    const { rows } = await t.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM stop_events WHERE stop_id = 's-a1'",
      [],
    );
    expect(rows[0]!.n).toBe(1);
    const reused = await a.fetch('/api/driver/stops/s-a1/events', {
      method: 'POST',
      json: { ...event, type: 'no_show' },
    });
    expect(reused.status).toBe(409);
    // A run shown ahead of its day (a demo, a rehearsal) names its date explicitly.
    const early = { type: 'arrived', at: '2026-11-25T09:00:00+01:00', clientEventId: 'phone-a-0002' };
    expect((await a.fetch('/api/driver/stops/s-a1/events', { method: 'POST', json: early })).status).toBe(404);
    expect(
      (await a.fetch('/api/driver/stops/s-a1/events', { method: 'POST', json: { ...early, date: PLAN_DATE } })).status,
    ).toBe(201);
  });
});

describe('what a family sees', () => {
  it("a family sees its own household and its passengers' trips, nobody else's", async () => {
    const f = await t.login('family');
    const hh = await (await f.fetch('/api/family/household')).json();
    expect(hh.household.id).toBe('hh-a');
    expect(hh.passengers.map((p: { id: string }) => p.id)).toEqual(['pa-1']);
    const trips = await (await f.fetch('/api/family/trips?week=2026-W49')).json();
    expect(
      trips.trips.map((x: { passengerId: string; direction: string }) => `${x.passengerId}/${x.direction}`),
    ).toEqual(['pa-1/outbound', 'pa-1/return']);
    expect(JSON.stringify(trips)).not.toMatch(/pb-1|Marco/);
  });

  it('a family cannot read another household, nor report an absence for its passenger', async () => {
    const f = await t.login('family');
    expect((await f.fetch('/api/households/hh-b')).status).toBe(403);
    const res = await f.fetch('/api/family/absences', {
      method: 'POST',
      json: { passengerId: 'pb-1', date: PLAN_DATE },
    });
    expect(res.status).toBe(403);
  });

  it('a family cannot call coordinator endpoints', async () => {
    const f = await t.login('family');
    for (const [method, path] of [
      ['GET', '/api/passengers'],
      ['GET', '/api/drivers'],
      ['GET', '/api/passengers.csv'],
      ['DELETE', '/api/passengers/pa-1'],
      ['GET', `/api/driver/runs/${PLAN_DATE}`],
    ]) {
      expect((await f.fetch(path!, { method })).status, `${method} ${path}`).toBe(403);
    }
  });

  it('an absence removes that day from the standing request and the passenger from the published plan', async () => {
    const f = await t.login('family');
    const res = await f.fetch('/api/family/absences', {
      method: 'POST',
      json: { passengerId: 'pa-1', date: PLAN_DATE },
    });
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({ requestIds: ['rq-pa-1'], stopsRemoved: 4 });
    const coord = await t.login('coordinator');
    expect((await (await coord.fetch('/api/requests/rq-pa-1')).json()).exceptions).toEqual([PLAN_DATE]);
    const a = await t.login('driver');
    expect((await (await a.fetch(`/api/driver/runs/${PLAN_DATE}`)).json()).route.stops).toEqual([]);
    const past = await f.fetch('/api/family/absences', {
      method: 'POST',
      json: { passengerId: 'pa-1', date: '2026-11-01' },
    });
    expect(past.status).toBe(400);
  });
});
