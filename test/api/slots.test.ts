import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readPlan } from '../../server/plan-store/plan-store.ts';
import type { TestApp } from '../helpers/app.ts';
import { familiesTinyWeek, startPublishedWeek } from '../helpers/published-week.ts';

let t: TestApp;
let planId: string;
beforeAll(async () => {
  ({ t, planId } = await startPublishedWeek(familiesTinyWeek(), new Date('2026-11-23T18:00:00+01:00')));
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
