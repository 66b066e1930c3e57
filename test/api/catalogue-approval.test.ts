/**
 * A catalogue booking goes through Action A's one approval (on an injected clock, Wednesday 25
 * November 2026): priced at the tariff of the providers accredited for it, checked against the
 * voucher, on the coordinator's approval list beside the slot bookings, one state machine
 * (pending → approved | refused | cancelled), and the programme's mode honoured (off and auto:
 * stored at once; approval: waits). Hand-checked figures: Giulia's sister Sara (pa-2, Castellanza)
 * booked to the CDD on Monday, Wednesday and Friday from 7 to 18 December 2026 makes 6 days × 2
 * trips = 12 trips; the one provider accredited for Castellanza and the CDD charges € 5.00 a trip,
 * so the booking costs € 60.00 (the dearer providers are restricted to another comune or service).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Passenger } from '../../server/contract/domain.ts';
import { writeEntity } from '../../server/entities/store.ts';
import { startTestApp, type TestApp, type TestSession } from '../helpers/app.ts';
import { passengers, seedWorld } from '../helpers/world.ts';

let t: TestApp;
let c: TestSession;
let f: TestSession;
const NOW = new Date('2026-11-25T10:00:00+01:00');
const booking = {
  passengerId: 'pa-2',
  serviceId: 'svc-cdd',
  weekdays: ['mon', 'wed', 'fri'],
  validFrom: '2026-12-07',
  validTo: '2026-12-18',
};
const json = async (res: Response) => ({ status: res.status, body: await res.json() });
const setMode = async (mode: string) =>
  expect((await c.fetch('/api/programme/settings', { method: 'PUT', json: { mode } })).status).toBe(200);
const grant = (amountCents: number) =>
  c.fetch('/api/programme/grants/g-a', {
    method: 'PUT',
    json: {
      id: 'g-a',
      householdId: 'hh-a',
      amountCents,
      validFrom: '2026-11-01',
      validTo: '2027-06-30',
      fundingLine: 'regional',
      ambito: 'Castellanza',
    },
  });
const storedRequests = async () =>
  (await t.db.query<{ id: string }>("SELECT id FROM entities WHERE kind = 'request' ORDER BY id", [])).rows.map(
    (r) => r.id,
  );

beforeAll(async () => {
  t = await startTestApp({ clock: { now: () => new Date(NOW) } });
  await seedWorld(t.db);
  const sara: Passenger = { ...passengers[0]!, id: 'pa-2', name: 'Sara R.', mobility: 'walks', needsEscort: false };
  await writeEntity(t.db, 'passenger', sara);
  c = await t.login('coordinator');
  f = await t.login('family');
  const ok = async (path: string, method: string, body: unknown, status = 201) => {
    const r = await c.fetch(path, { method, json: body });
    if (r.status !== status) throw new Error(`${method} ${path}: ${r.status} ${await r.text()}`);
  };
  await ok('/api/providers', 'POST', {
    id: 'prov-castellanza',
    name: 'Cooperativa Castellanza (test)',
    tariff: { unit: 'trip', centsPerUnit: 500, coPaymentBands: [] },
    vehicleIds: ['veh-1'],
  });
  await ok('/api/providers', 'POST', {
    id: 'prov-olgiate',
    name: 'Taxi sociale Olgiate (test)',
    tariff: { unit: 'trip', centsPerUnit: 2000, coPaymentBands: [] },
    vehicleIds: ['veh-2'],
    comuni: ['Olgiate Olona'],
  });
  await ok(
    '/api/programme/households/hh-a/enrolment',
    'PUT',
    { notOtherwiseSupported: true, declaredOn: '2026-11-02' },
    200,
  );
  await ok(
    '/api/programme/grants',
    'POST',
    {
      id: 'g-a',
      householdId: 'hh-a',
      amountCents: 100_000,
      validFrom: '2026-11-01',
      validTo: '2027-06-30',
      fundingLine: 'regional',
      ambito: 'Castellanza',
    },
    201,
  );
  await setMode('approval');
}, 60_000);
afterAll(async () => {
  await t?.close();
});

describe('a catalogue booking under approval', () => {
  it('waits on the approval list priced at the accredited tariff; approval stores its standing request', async () => {
    const before = await storedRequests();
    const res = await json(await f.fetch('/api/family/bookings', { method: 'POST', json: booking }));
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.state).toBe('pending');
    expect(res.body.bookingRequest).toMatchObject({
      kind: 'catalogue',
      status: 'pending',
      passengerId: 'pa-2',
      serviceId: 'svc-cdd',
      weekdays: ['mon', 'wed', 'fri'],
      validFrom: '2026-12-07',
      validTo: '2026-12-18',
      estimateCents: 12 * 500,
    });
    expect(res.body.request.status).toBeUndefined();
    // nothing is a standing request yet: the one pending state is the booking request
    expect(await storedRequests()).toEqual(before);
    const id = res.body.bookingRequest.id as string;

    const pending = (await json(await c.fetch('/api/programme/requests?status=pending'))).body.items;
    expect(pending.map((r: { id: string }) => r.id)).toEqual([id]);
    expect(pending[0].eligibility.eligible).toBe(true);
    expect(pending[0].voucher.remainingCents).toBe(100_000);
    expect(pending[0].slot[0]).toMatch(/^mon: pickup \d\d:\d\d–\d\d:\d\d; home \d\d:\d\d–\d\d:\d\d$/);

    const mine = (await json(await f.fetch('/api/family/requests'))).body;
    expect(mine.find((r: { id: string }) => r.id === id)).toMatchObject({
      state: 'pending',
      serviceName: 'CDD Castellanza',
    });
    const week = (await json(await f.fetch('/api/family/week-status?week=2026-W50'))).body;
    expect(
      week.notTravelling
        .filter((n: { why: string }) => n.why === 'pending_approval')
        .map((n: { date: string }) => n.date),
    ).toEqual(['2026-12-07', '2026-12-07', '2026-12-09', '2026-12-09', '2026-12-11', '2026-12-11']);

    const approved = await json(await c.fetch(`/api/programme/requests/${id}/approve`, { method: 'POST' }));
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    expect(approved.body).toMatchObject({ status: 'approved', requestId: res.body.request.id });
    const stored = await json(await c.fetch(`/api/requests/${approved.body.requestId}`));
    expect(stored.status).toBe(200);
    expect(stored.body).toMatchObject({ passengerId: 'pa-2', weekdays: ['mon', 'wed', 'fri'] });
    expect(stored.body.status).toBeUndefined();
    const after = (await json(await f.fetch('/api/family/requests'))).body;
    expect(after.find((r: { id: string }) => r.id === approved.body.requestId).state).toBe('active');
    expect(after.some((r: { id: string }) => r.id === id)).toBe(false);
    expect((await c.fetch(`/api/programme/requests/${id}/approve`, { method: 'POST' })).status).toBe(409);

    const audited = (
      await t.db.query<{ action: string; entity: string; actor_username: string }>(
        'SELECT action, entity, actor_username FROM audit_log WHERE entity_id = $1 ORDER BY id',
        [id],
      )
    ).rows.map((r) => `${r.actor_username} ${r.action} ${r.entity}`);
    expect(audited).toEqual(['family create booking_request', 'coordinator update booking_request']);
  });

  it('refused: the family reads the reason; cancelled by the family: the coordinator can no longer decide it', async () => {
    const one = (await json(await f.fetch('/api/family/bookings', { method: 'POST', json: booking }))).body;
    const refused = await c.fetch(`/api/programme/requests/${one.bookingRequest.id}/refuse`, {
      method: 'POST',
      json: { reason: 'il CDD non ha posti il lunedì' },
    });
    expect(refused.status).toBe(200);
    const mine = (await json(await f.fetch('/api/family/requests'))).body;
    expect(mine.find((r: { id: string }) => r.id === one.bookingRequest.id)).toMatchObject({
      state: 'refused',
      reason: 'il CDD non ha posti il lunedì',
    });

    const two = (await json(await f.fetch('/api/family/bookings', { method: 'POST', json: booking }))).body;
    expect(two.request.id).not.toBe(one.request.id);
    const other = await t.login('family2');
    expect((await other.fetch(`/api/family/bookings/${two.bookingRequest.id}/cancel`, { method: 'POST' })).status).toBe(
      403,
    );
    const cancelled = await json(
      await f.fetch(`/api/family/bookings/${two.bookingRequest.id}/cancel`, { method: 'POST' }),
    );
    expect(cancelled).toMatchObject({ status: 200, body: { id: two.bookingRequest.id, status: 'cancelled' } });
    expect((await c.fetch(`/api/programme/requests/${two.bookingRequest.id}/approve`, { method: 'POST' })).status).toBe(
      409,
    );
    expect((await json(await c.fetch('/api/programme/requests?status=pending'))).body.items).toEqual([]);
    expect((await json(await c.fetch('/api/programme/requests?status=cancelled'))).body.items).toHaveLength(1);
  });

  it('a booking beyond the voucher is 409 with the figures and nothing is stored; an ineligible household is 403', async () => {
    expect((await grant(5000)).status).toBe(200);
    const requests = await storedRequests();
    const listed = (await json(await c.fetch('/api/programme/requests'))).body.items.length;
    const res = await json(await f.fetch('/api/family/bookings', { method: 'POST', json: booking }));
    expect(res.status).toBe(409);
    expect(res.body.error.details[0].value).toMatchObject({ bookingCents: 6000, weekCents: 3000, trips: 6 });
    expect(res.body.error.message).toMatch(/^the booking costs € 60,00 \(€ 30,00 a week/);
    expect(await storedRequests()).toEqual(requests);
    expect((await json(await c.fetch('/api/programme/requests'))).body.items).toHaveLength(listed);
    expect((await grant(100_000)).status).toBe(200);

    const b = await t.login('family2');
    const refused = await json(
      await b.fetch('/api/family/bookings', { method: 'POST', json: { ...booking, passengerId: 'pb-1' } }),
    );
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toMatch(/not eligible for Action A/);
  });
});

describe("the programme's mode", () => {
  it('auto: an eligible, funded booking is stored active at once; off: stored without the checks', async () => {
    await setMode('auto');
    const auto = await json(await f.fetch('/api/family/bookings', { method: 'POST', json: booking }));
    expect(auto.status, JSON.stringify(auto.body)).toBe(201);
    expect(auto.body).toMatchObject({ state: 'active', bookingRequest: null });
    expect(await storedRequests()).toContain(auto.body.request.id);

    await setMode('off');
    const b = await t.login('family2');
    const off = await json(
      await b.fetch('/api/family/bookings', { method: 'POST', json: { ...booking, passengerId: 'pb-1' } }),
    );
    expect(off.status).toBe(201);
    expect(off.body).toMatchObject({ state: 'active', bookingRequest: null });
    expect(await storedRequests()).toContain(off.body.request.id);
    await setMode('approval');
  });
});
