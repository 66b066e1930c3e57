import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Scenario } from '../../server/contract/domain.ts';
import { writeEntity } from '../../server/entities/store.ts';
import { appendVersion, ensurePlan, readPlan } from '../../server/plan-store/plan-store.ts';
import { planWeek } from '../../server/planning/plan-week.ts';
import { tinyWeek } from '../../server/planning/testing/tiny-week.ts';
import { EstimateProvider } from '../../server/routing/estimate/estimate-provider.ts';
import { startTestApp, type TestApp } from '../helpers/app.ts';

// The tiny week, with the Bianchi household as the test family "hh-a" and the Rossi as "hh-b";
// Nina Bianchi (p6) has no trips yet.
function world(): Scenario {
  const data = tinyWeek();
  const rename: Record<string, string> = { h2: 'hh-a', h1: 'hh-b' };
  for (const h of data.households) h.id = rename[h.id] ?? h.id;
  for (const p of data.passengers) p.householdId = rename[p.householdId] ?? p.householdId;
  data.passengers.push({ ...data.passengers[1], id: 'p6', name: 'Nina B.' });
  return data;
}

const routing = new EstimateProvider({ detourFactor: 1.3, urbanKmh: 25, extraUrbanKmh: 55, urbanM: 3000 });
let t: TestApp;
let planId: string;
beforeAll(async () => {
  const data = world();
  t = await startTestApp({ routing, clock: { now: () => new Date('2026-11-23T18:00:00+01:00') } });
  for (const s of data.services) await writeEntity(t.db, 'service', s);
  for (const h of data.households) await writeEntity(t.db, 'household', h);
  for (const p of data.passengers) await writeEntity(t.db, 'passenger', p);
  for (const r of data.requests) await writeEntity(t.db, 'request', r);
  for (const v of data.vehicles) await writeEntity(t.db, 'vehicle', v);
  for (const d of data.drivers) await writeEntity(t.db, 'driver', d);
  planId = await ensurePlan(t.db, data.week);
  const plan = await planWeek(
    { data, week: data.week },
    { routing, seed: 1, timeLimitMs: 5000, maxIterationsPerDay: 300, now: () => performance.now() },
  );
  await appendVersion(t.db, planId, { baseVersion: 0, status: 'published', reason: 'publish', plan });
}, 30_000);
afterAll(async () => {
  await t?.close();
});

const query = { week: '2026-W49', passengerId: 'p6', serviceId: 'nido', weekdays: ['mon', 'tue', 'wed', 'thu', 'fri'] };

describe('slots over HTTP', () => {
  it('a family asks for a slot for its own child and gets a window per weekday', async () => {
    const f = await t.login('family');
    const res = await f.fetch('/api/slots/query', { method: 'POST', json: query });
    expect(res.status).toBe(200);
    const a = await res.json();
    expect(a.feasible).toBe(true);
    expect(a.days).toHaveLength(5);
    expect(a.lines[0]).toMatch(/^Mon.*collected \d\d:\d\d–\d\d:\d\d, arrives/);
  });

  it("a family cannot ask for another household's passenger, and a driver cannot ask at all", async () => {
    const f = await t.login('family');
    expect((await f.fetch('/api/slots/query', { method: 'POST', json: { ...query, passengerId: 'p1' } })).status).toBe(
      403,
    );
    const d = await t.login('driver');
    expect((await d.fetch('/api/slots/query', { method: 'POST', json: query })).status).toBe(403);
  });

  it('bad input names the field', async () => {
    const c = await t.login('coordinator');
    const res = await c.fetch('/api/slots/query', { method: 'POST', json: { ...query, weekdays: ['someday'] } });
    expect(res.status).toBe(400);
    expect(JSON.stringify(await res.json())).toContain('weekdays');
  });

  it('booking stores the request with its promised windows and publishes the plan with the trips in it', async () => {
    const f = await t.login('family');
    const res = await f.fetch('/api/slots/book', {
      method: 'POST',
      json: { query, validFrom: '2026-11-23', validTo: '2027-06-30' },
    });
    expect(res.status).toBe(201);
    const b = await res.json();
    expect(Object.keys(b.request.promised)).toEqual(['mon', 'tue', 'wed', 'thu', 'fri']);
    expect(b.planVersion).toBe(2);
    const published = (await readPlan(t.db, planId, 'published'))!;
    expect(published.version).toBe(2);
    const nina = published.days
      .flatMap((d) => d.routes.flatMap((r) => r.stops))
      .filter((s) => s.requestId === b.request.id);
    expect(nina).toHaveLength(20);
    const c = await t.login('coordinator');
    const stored = await (await c.fetch(`/api/requests/${b.request.id}`)).json();
    expect(stored.promised.mon.pickup).toEqual(b.request.promised.mon.pickup);
  });
});
