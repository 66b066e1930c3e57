import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PlanSchema, ViolationSchema, type Plan } from '../../server/contract/plan.ts';
import { readPlan } from '../../server/plan-store/plan-store.ts';
import type { TestSession } from '../helpers/app.ts';
import { readEvents, startPlansApp, useRedis, waitForJob, type PlansApp } from './plans-harness.ts';

// The coordinator's week, over HTTP: plan, read, validate, publish, lock, move, re-optimise,
// diff — with the version check at every edit. One app for the story; steps run in order.
let t: PlansApp;
let coord: TestSession;
let planId: string;
let published: Plan;

beforeAll(async () => {
  t = await startPlansApp();
  coord = await t.login('coordinator');
});
afterAll(async () => {
  await t?.close();
});

const post = (path: string, json: unknown, headers: Record<string, string> = {}) =>
  coord.fetch(path, { method: 'POST', json, headers });

/** The first request with a trip on `date`, and a route of that date it is not on. */
function aTripToMove(plan: Plan): {
  date: string;
  requestId: string;
  direction: 'outbound' | 'return';
  from: string;
  to: string;
} {
  for (const day of plan.days) {
    if (day.routes.length < 2) continue;
    const from = day.routes[0];
    const stop = from.stops.find((s) => s.kind === 'pickup')!;
    const to = day.routes.find((r) => r.id !== from.id)!;
    return { date: day.date, requestId: stop.requestId, direction: stop.boards[0].direction, from: from.id, to: to.id };
  }
  throw new Error('no day with two routes in the tiny week plan');
}

describe(`planning a week over HTTP (${process.env.CI === 'true' || process.env.TEST_QUEUE === 'redis' ? 'BullMQ' : 'embedded queue'})`, () => {
  it('POST /api/plans answers 202 with a job; resubmitting while it runs is the same job; progress streams as SSE', async () => {
    const res = await post('/api/plans', { week: '2026-W49', timeLimitMs: 1500 });
    expect(res.status).toBe(202);
    const body = await res.json();
    expect(body).toMatchObject({ planId: 'plan-2026-W49', jobId: 'plan-2026-W49.v1', version: 1 });
    planId = body.planId;
    const again = await (await post('/api/plans', { week: '2026-W49', timeLimitMs: 1500 })).json();
    expect(again.jobId).toBe(body.jobId);

    const events = await readEvents(await coord.fetch(`/api/jobs/${body.jobId}/events`));
    expect(events[0][0]).toBe('state');
    const progress = events
      .filter(([e]) => e === 'progress')
      .map(([, d]) => d as { bestCost: number; history: unknown[] });
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.at(-1)!.history.length).toBeGreaterThan(0);
    expect(events.at(-1)![0]).toBe('completed');
    expect(events.at(-1)![1]).toEqual({ result: { planId, version: 1 } });

    const job = await (await coord.fetch(`/api/jobs/${body.jobId}`)).json();
    expect(job).toMatchObject({ jobId: body.jobId, state: 'completed', result: { planId, version: 1 } });
    expect(job.progress.bestCost).toBeTypeOf('number');
    if (!useRedis()) {
      // The embedded queue keeps the job in the app's database, as `npm start` does.
      const stored = await t.db.query('SELECT id, state, attempts_made FROM queue_jobs', []);
      expect(stored.rows).toEqual([{ id: body.jobId, state: 'completed', attempts_made: 1 }]);
    }
  });

  it('GET /api/plans/:id is the plan with routes, stops, planned times, windows and passengers; the list shows it', async () => {
    const res = await coord.fetch(`/api/plans/${planId}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('etag')).toBe('"v1"');
    const plan = PlanSchema.parse(await res.json());
    expect(plan).toMatchObject({ id: planId, version: 1, status: 'draft', week: '2026-W49', provider: 'estimate' });
    const stops = plan.days.flatMap((d) => d.routes.flatMap((r) => r.stops));
    expect(stops.length).toBeGreaterThan(10);
    for (const s of stops) expect(s.window.from <= s.start && s.start <= s.window.to).toBe(true);
    expect(stops.some((s) => s.boards.length > 0)).toBe(true);
    const list = await (await coord.fetch('/api/plans?week=2026-W49')).json();
    expect(list).toEqual([
      expect.objectContaining({ id: planId, version: 1, status: 'draft', publishedVersion: null }),
    ]);
  });

  it('a solved plan validates with no violations', async () => {
    const violations = await (await coord.fetch(`/api/plans/${planId}/violations`)).json();
    expect(violations).toEqual([]);
  });

  it('publishing a stale version is refused with 409 PLAN_CONFLICT; the current one becomes an immutable published version', async () => {
    const stale = await post(`/api/plans/${planId}/publish`, { version: 7 });
    expect(stale.status).toBe(409);
    expect((await stale.json()).error.code).toBe('PLAN_CONFLICT');
    const res = await coord.fetch(`/api/plans/${planId}/publish`, { method: 'POST', headers: { 'If-Match': '"v1"' } });
    expect(res.status).toBe(200);
    published = PlanSchema.parse(await res.json());
    expect(published).toMatchObject({ version: 2, status: 'published' });
    const diff = await (await coord.fetch(`/api/plans/${planId}/diff`)).json();
    expect(diff).toMatchObject({
      fromVersion: 2,
      toVersion: 2,
      movedBetweenVehicles: [],
      added: [],
      removed: [],
      passengersAffected: 0,
    });
  });

  it('moving a trip to another vehicle re-times both routes, and the diff shows the passenger changed vehicle', async () => {
    const m = aTripToMove(published);
    const res = await post(`/api/plans/${planId}/moves`, {
      date: m.date,
      requestId: m.requestId,
      direction: m.direction,
      toRouteId: m.to,
      version: 2,
    });
    expect(res.status).toBe(200);
    const { plan, violations } = await res.json();
    expect(plan).toMatchObject({ version: 3, status: 'draft' });
    for (const v of violations) ViolationSchema.parse(v);
    const target = (plan as Plan).days.find((d) => d.date === m.date)!.routes.find((r) => r.id === m.to)!;
    const moved = target.stops.filter((s) => s.requestId === m.requestId);
    expect(moved.map((s) => s.kind)).toEqual(['pickup', 'delivery']);
    expect(moved[0].start < moved[1].start).toBe(true);
    const diff = await (await coord.fetch(`/api/plans/${planId}/diff`)).json();
    expect(diff.fromVersion).toBe(2);
    expect(diff.movedBetweenVehicles).toEqual([
      expect.objectContaining({ requestId: m.requestId, date: m.date, direction: m.direction }),
    ]);
  });

  it('an edit against the version read before someone else changed it gets 409, and changes nothing', async () => {
    const m = aTripToMove(published);
    const res = await post(
      `/api/plans/${planId}/locks`,
      { date: m.date, requestId: m.requestId, locked: true },
      { 'If-Match': '"v2"' },
    );
    expect(res.status).toBe(409);
    const body = await res.json();
    expect(body.error).toMatchObject({ code: 'PLAN_CONFLICT' });
    expect(body.error.message).toMatch(/version 3, not 2/);
    expect((await (await coord.fetch(`/api/plans/${planId}`)).json()).version).toBe(3);
    const missing = await post(`/api/plans/${planId}/locks`, { date: m.date, requestId: m.requestId, locked: true });
    expect(missing.status).toBe(400);
    expect((await missing.json()).error.details[0].path).toBe('version');
  });

  it('a locked request cannot be moved, and re-optimising keeps it on its vehicle', async () => {
    const plan: Plan = await (await coord.fetch(`/api/plans/${planId}`)).json();
    const day = plan.days.find((d) => d.routes.length >= 2)!;
    const route = day.routes[0];
    const requestId = route.stops[0].requestId;
    const lock = await post(`/api/plans/${planId}/locks`, { date: day.date, requestId, locked: true, version: 3 });
    expect(lock.status).toBe(200);
    expect((await lock.json()).version).toBe(4);
    const refused = await post(`/api/plans/${planId}/moves`, {
      date: day.date,
      requestId,
      direction: route.stops[0].boards[0].direction,
      toRouteId: day.routes[1].id,
      version: 4,
    });
    expect(refused.status).toBe(409);
    expect((await refused.json()).error.code).toBe('CONFLICT');

    const re = await post(`/api/plans/${planId}/reoptimize`, { version: 4, timeLimitMs: 1000 });
    expect(re.status).toBe(202);
    const { jobId } = await re.json();
    expect(jobId).toBe(`${planId}.v5`);
    const job = await waitForJob(coord, jobId);
    expect(job).toMatchObject({ state: 'completed', result: { version: 5 } });
    const after: Plan = await (await coord.fetch(`/api/plans/${planId}`)).json();
    expect(after.version).toBe(5);
    const vehiclesOf = (p: Plan) =>
      p.days
        .find((d) => d.date === day.date)!
        .routes.flatMap((r) =>
          r.stops
            .filter((s) => s.requestId === requestId)
            .map((s) => `${s.kind} ${s.boards[0]?.direction ?? s.alights[0]?.direction} on ${r.vehicleId}`),
        )
        .sort();
    expect(vehiclesOf(after)).toEqual(vehiclesOf(plan));
    const lockedAfter = after.days
      .find((d) => d.date === day.date)!
      .routes.flatMap((r) => r.stops.filter((s) => s.requestId === requestId));
    expect(lockedAfter.every((s) => s.locked)).toBe(true);
  });

  it('the published version stayed exactly as it was published through every edit and job', async () => {
    expect(await readPlan(t.db, planId, 2)).toEqual(published);
    expect((await (await coord.fetch(`/api/plans/${planId}?version=published`)).json()).version).toBe(2);
  });

  it('GeoJSON of a date: routes as LineStrings marked estimated without OSRM, stops as Points with their times', async () => {
    const date = published.days[0].date;
    const res = await coord.fetch(`/api/plans/${planId}/geojson?date=${date}`);
    expect(res.status).toBe(200);
    const fc = await res.json();
    expect(fc.type).toBe('FeatureCollection');
    const lines = fc.features.filter((f: { geometry: { type: string } }) => f.geometry.type === 'LineString');
    const points = fc.features.filter((f: { geometry: { type: string } }) => f.geometry.type === 'Point');
    expect(lines.length).toBe(published.days[0].routes.length);
    for (const l of lines) expect(l.properties.estimated).toBe(true);
    expect(points.length).toBe(published.days[0].routes.reduce((n, r) => n + r.stops.length, 0));
    expect(points[0].properties).toMatchObject({
      kind: 'stop',
      routeId: expect.any(String),
      start: expect.any(String),
    });
    expect((await coord.fetch(`/api/plans/${planId}/geojson?date=2027-01-05`)).status).toBe(400);
  });

  it('cancelling a running solve stops it, tells the SSE stream, and writes no version', async () => {
    const res = await post('/api/plans', { week: '2026-W49', timeLimitMs: 20_000 });
    const { jobId } = await res.json();
    expect(jobId).toBe(`${planId}.v6`);
    const until = Date.now() + 10_000;
    while ((await (await coord.fetch(`/api/jobs/${jobId}`)).json()).state !== 'active' && Date.now() < until)
      await new Promise((r) => setTimeout(r, 50));
    const stream = coord.fetch(`/api/jobs/${jobId}/events`).then(readEvents);
    await new Promise((r) => setTimeout(r, 200));
    const del = await coord.fetch(`/api/jobs/${jobId}`, { method: 'DELETE' });
    expect(del.status).toBe(200);
    expect((await del.json()).cancelled).toBe(true);
    expect((await waitForJob(coord, jobId, 8000)).state).toBe('cancelled');
    const events = await stream;
    expect(events[0][0]).toBe('state');
    expect(events.at(-1)![0]).toBe('cancelled');
    expect((await (await coord.fetch(`/api/plans/${planId}`)).json()).version).toBe(5);
  });

  it('reading and changing plans (they name passengers) is in the audit log', async () => {
    const { rows } = await t.db.query<{ action: string; entity_id: string; actor_username: string }>(
      "SELECT action, entity_id, actor_username FROM audit_log WHERE entity = 'plan' ORDER BY id",
      [],
    );
    expect(rows).toContainEqual({ action: 'read', entity_id: `${planId}/v1`, actor_username: 'coordinator' });
    expect(rows).toContainEqual({ action: 'plan', entity_id: planId, actor_username: 'coordinator' });
    expect(rows).toContainEqual({ action: 'publish', entity_id: `${planId}/v2`, actor_username: 'coordinator' });
    expect(rows).toContainEqual({ action: 'update', entity_id: `${planId}/v3`, actor_username: 'coordinator' });
    expect(rows).toContainEqual({ action: 'reoptimize', entity_id: `${planId}/v4`, actor_username: 'coordinator' });
  });

  it('drivers and families cannot plan, read drafts or watch jobs', async () => {
    const family = await t.login('family');
    expect((await family.fetch('/api/plans', { method: 'POST', json: { week: '2026-W49' } })).status).toBe(403);
    const driver = await t.login('driver');
    expect((await driver.fetch(`/api/plans/${planId}`)).status).toBe(403);
    expect((await driver.fetch(`/api/jobs/${planId}.v1`)).status).toBe(403);
    expect((await driver.fetch(`/api/jobs/${planId}.v1/events`)).status).toBe(403);
  });

  it('bad input names the field and the value', async () => {
    const res = await post('/api/plans', { week: '2026-49' });
    expect(res.status).toBe(400);
    expect((await res.json()).error.details[0]).toMatchObject({ path: 'week', value: '2026-49' });
    expect((await coord.fetch('/api/jobs/nope.v1')).status).toBe(404);
    expect((await coord.fetch('/api/plans/plan-2030-W01')).status).toBe(404);
  });
});
