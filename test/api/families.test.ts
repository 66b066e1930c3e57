/**
 * The families' self-service over HTTP on an injected clock (Wednesday 25 November 2026, so
 * 2026-W49 is next week): the catalogue, booking a new service for three days a week from a date
 * (the programme off: stored at once), cancelling it, an absence over a range, the .ics feed parsed back against the
 * published plan, schedules saved with a broken promise flagged to the coordinator, many services
 * closed at once, why a trip is not there — and bad input refused naming the field with nothing
 * stored changed.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ScenarioSchema, type Scenario } from '../../server/contract/domain.ts';
import type { TestApp, TestSession } from '../helpers/app.ts';
import { icsUtcMs, parseIcsEvents } from '../helpers/ics.ts';
import { startPublishedWeek } from '../helpers/published-week.ts';
import { scheduleWith } from '../../web/views/family/stored-hours.ts';

// The tiny week with the households hh-1 and hh-2 renamed hh-a and hh-b (the test families'), plus an after-school club.
function world(): Scenario {
  const data = ScenarioSchema.parse(
    JSON.parse(readFileSync(new URL('../../fixtures/scenarios/tiny-week.json', import.meta.url), 'utf8')),
  );
  const rename: Record<string, string> = { 'hh-1': 'hh-a', 'hh-2': 'hh-b' };
  for (const h of data.households) h.id = rename[h.id] ?? h.id;
  for (const p of data.passengers) p.householdId = rename[p.householdId] ?? p.householdId;
  const club = structuredClone(data.services[0]);
  club.id = 'svc-club';
  club.name = 'Doposcuola (demo)';
  club.kind = 'other';
  club.hours = Object.fromEntries(
    ['mon', 'tue', 'wed', 'thu', 'fri'].map((d) => [
      d,
      { open: { from: '14:00', to: '18:30' }, activity: { from: '16:30', to: '18:00' } },
    ]),
  );
  data.services.push(club);
  // r-1 (Luca, hh-a) carries a promise booked earlier: Monday pickup 07:25–07:35
  const r1 = data.requests.find((r) => r.id === 'r-1')!;
  r1.promised = { mon: { pickup: { from: '07:25', to: '07:35' } } };
  return data;
}

let t: TestApp;
let f: TestSession;
let c: TestSession;

beforeAll(async () => {
  ({ t } = await startPublishedWeek(world(), new Date('2026-11-25T10:00:00+01:00')));
  f = await t.login('family');
  c = await t.login('coordinator');
}, 60_000);
afterAll(async () => {
  await t?.close();
});

/** Everything stored about the domain, to show a refused request changed nothing. */
async function snapshot(): Promise<string> {
  const { rows } = await t.db.query<{ kind: string; id: string; data: unknown }>(
    'SELECT kind, id, data FROM entities ORDER BY kind, id',
  );
  return JSON.stringify(rows);
}

describe('family self-service over HTTP', () => {
  it('the catalogue lists the services of my ambito with their hours, by kind', async () => {
    const res = await f.fetch('/api/family/catalogue');
    expect(res.status).toBe(200);
    const all = await res.json();
    expect(all.map((s: { id: string }) => s.id).sort()).toEqual(['svc-cdd', 'svc-club', 'svc-school']);
    expect(all.find((s: { id: string }) => s.id === 'svc-club').hours.mon.activity).toEqual({
      from: '16:30',
      to: '18:00',
    });
    const schools = await (await f.fetch('/api/family/catalogue?kind=school')).json();
    expect(schools.map((s: { id: string }) => s.id)).toEqual(['svc-school']);
    const olgiate = await (await f.fetch('/api/family/catalogue?istatCode=012108')).json();
    expect(olgiate.map((s: { id: string; comune: string }) => `${s.id} ${s.comune}`)).toEqual([
      'svc-cdd Olgiate Olona',
    ]);
  });

  // Was: "sees it pending" — with the programme off (no Action A rules) a catalogue booking waited
  // for an approval no screen gave. Now it is stored active at once, like a slot booking under
  // 'off'; under 'approval' it waits on the approval list (test/api/catalogue-approval.test.ts).
  it('books a new service for three days a week from a date (programme off: active at once), cancels it', async () => {
    const res = await f.fetch('/api/family/bookings', {
      method: 'POST',
      json: {
        passengerId: 'p-1',
        serviceId: 'svc-club',
        weekdays: ['mon', 'wed', 'fri'],
        validFrom: '2026-12-07',
        return: true,
        outbound: false,
      },
    });
    expect(res.status).toBe(201);
    const booked = await res.json();
    expect(booked).toMatchObject({ state: 'active', bookingRequest: null });
    expect(booked.request).toMatchObject({
      weekdays: ['mon', 'wed', 'fri'],
      validFrom: '2026-12-07',
      validTo: '2027-12-06',
    });
    // hh-a's stored work hours (back at 17:00) decide the return: home from 17:10
    expect(booked.lines[0]).toMatch(/^mon: home 1[78]:\d\d–\d\d:\d\d$/);

    const listed = await (await f.fetch('/api/family/requests')).json();
    const mine = listed.find((r: { id: string }) => r.id === booked.request.id);
    expect(mine).toMatchObject({ state: 'active', serviceName: 'Doposcuola (demo)', weekdays: ['mon', 'wed', 'fri'] });
    expect(listed.find((r: { id: string }) => r.id === 'r-1').state).toBe('active');

    // stored, so the week's planning takes it: nothing of it waits for approval
    const week = await (await f.fetch('/api/family/week-status?week=2026-W50')).json();
    expect(week.notTravelling.filter((n: { why: string }) => n.why === 'pending_approval')).toEqual([]);

    const cancelled = await f.fetch(`/api/family/bookings/${booked.request.id}/cancel`, { method: 'POST' });
    expect(cancelled.status).toBe(200);
    const after = await (await f.fetch('/api/family/requests')).json();
    expect(after.find((r: { id: string }) => r.id === booked.request.id).state).toBe('cancelled');
    const stored = await (await c.fetch(`/api/requests/${booked.request.id}`)).json();
    expect(stored.status).toBe('cancelled');
    // another family cannot cancel it
    const other = await t.login('family2');
    expect((await other.fetch('/api/family/bookings/r-1/cancel', { method: 'POST' })).status).toBe(403);
  });

  it('bad input gets a 400 naming the field, and nothing stored changes', async () => {
    const before = await snapshot();
    const cases: Array<[string, string, unknown, string]> = [
      [
        'PUT',
        '/api/family/schedules',
        { schedules: [{ adult: 'Anna', weekly: { mon: [{ from: '17:00', to: '08:00' }] } }] },
        'schedules.0.weekly.mon.0.to',
      ],
      [
        'PUT',
        '/api/family/schedules',
        { schedules: [{ adult: 'Anna', rota: { startDate: '2026-11-30', weeks: [] } }] },
        'schedules.0.rota.weeks',
      ],
      [
        'POST',
        '/api/family/bookings',
        {
          passengerId: 'p-1',
          serviceId: 'svc-school',
          weekdays: ['wed'],
          validFrom: '2026-12-07',
          otherAddresses: [
            {
              weekdays: ['wed'],
              place: { lat: 45.4642, lon: 9.19, label: 'Piazza del Duomo, Milano' },
              receivers: [{ adult: 'Nonna' }],
            },
          ],
        },
        'otherAddresses.0.place',
      ],
      [
        'POST',
        '/api/family/bookings',
        {
          passengerId: 'p-1',
          serviceId: 'svc-school',
          weekdays: ['mon'],
          validFrom: '2026-12-07',
          chain: [{ serviceId: 'svc-cdd' }],
        },
        'chain.0.serviceId',
      ],
      [
        'POST',
        '/api/family/bookings',
        { passengerId: 'p-1', serviceId: 'svc-club', weekdays: ['sat'], validFrom: '2026-12-07' },
        'weekdays.0',
      ],
      ['POST', '/api/family/absences/range', { passengerId: 'p-1', from: '2026-12-09', to: '2026-12-07' }, 'to'],
    ];
    for (const [method, path, json, field] of cases) {
      const res = await f.fetch(path, { method, json });
      const body = await res.json();
      expect(res.status, `${path} ${field}: ${JSON.stringify(body)}`).toBe(400);
      expect(
        body.error.details.map((d: { path: string }) => d.path),
        JSON.stringify(body),
      ).toContain(field);
    }
    const chain = await f.fetch('/api/family/bookings', { method: 'POST', json: cases[3][2] });
    expect((await chain.json()).error.message).toMatch(
      /cannot connect on mon: On mon the activity at .* ends at 16:15/,
    );
    expect(await snapshot()).toBe(before);
  });

  it('downloads its .ics: one event per trip of the published plan, with pickup time, address and van; updated on absence; revocable', async () => {
    const created = await f.fetch('/api/family/calendar-feed', { method: 'POST' });
    expect(created.status).toBe(201);
    const { path, url } = await created.json();
    expect(url.endsWith(path)).toBe(true);
    const feed = await fetch(`${t.baseUrl}${path}`); // no session: the token is the key
    expect(feed.status).toBe(200);
    expect(feed.headers.get('content-type')).toMatch(/^text\/calendar/);
    const events = parseIcsEvents(await feed.text());

    const trips = (await (await f.fetch('/api/family/trips?week=2026-W49')).json()).trips as Array<{
      date: string;
      requestId: string;
      direction: string;
      pickup: string;
      dropoff: string;
      pickupLabel: string;
    }>;
    expect(trips.length).toBeGreaterThan(0);
    expect(events).toHaveLength(trips.length);
    for (const trip of trips) {
      const e = events.find((x) => x.UID === `${trip.requestId}-${trip.date}-${trip.direction}@prontivia`);
      expect(e, `${trip.requestId} ${trip.date} ${trip.direction}`).toBeDefined();
      expect(icsUtcMs(e!.DTSTART)).toBe(new Date(trip.pickup).getTime());
      expect(icsUtcMs(e!.DTEND)).toBe(new Date(trip.dropoff).getTime());
      expect(e!.LOCATION).toBe(trip.pickupLabel);
      expect(e!.DESCRIPTION).toMatch(new RegExp(`Pickup ${trip.pickup.slice(11, 16)} at .*Van: \\S`));
    }

    // an absence over a range removes those trips from the plan, the week and the feed
    const absence = await f.fetch('/api/family/absences/range', {
      method: 'POST',
      json: { passengerId: 'p-4', from: '2026-12-01', to: '2026-12-03' },
    });
    expect(absence.status).toBe(201);
    const a = await absence.json();
    expect(a.dates).toEqual(['2026-12-01', '2026-12-02', '2026-12-03']);
    expect(a.stopsRemoved).toBeGreaterThan(0);
    const again = parseIcsEvents(await (await fetch(`${t.baseUrl}${path}`)).text());
    const gone = trips.filter((x) => x.requestId === 'r-4' && x.date >= '2026-12-01' && x.date <= '2026-12-03');
    expect(gone.length).toBeGreaterThan(0);
    expect(again).toHaveLength(trips.length - gone.length);
    const week = await (await f.fetch('/api/family/week-status?week=2026-W49')).json();
    const absent = week.notTravelling.filter(
      (n: { requestId: string; why: string }) => n.requestId === 'r-4' && n.why === 'absence',
    );
    expect([...new Set(absent.map((n: { date: string }) => n.date))]).toEqual([
      '2026-12-01',
      '2026-12-02',
      '2026-12-03',
    ]);

    // a new address replaces the old; revoking ends it
    const second = await (await f.fetch('/api/family/calendar-feed', { method: 'POST' })).json();
    expect((await fetch(`${t.baseUrl}${path}`)).status).toBe(404);
    expect((await fetch(`${t.baseUrl}${second.path}`)).status).toBe(200);
    expect((await f.fetch('/api/family/calendar-feed', { method: 'DELETE' })).status).toBe(204);
    expect((await fetch(`${t.baseUrl}${second.path}`)).status).toBe(404);
  });

  it("the slot form's hours are saved to the household first, then the slot query runs on them", async () => {
    const c2 = await t.login('coordinator');
    const household = await (await c2.fetch('/api/households/hh-b')).json();
    const f2 = await t.login('family2');
    const schedules = scheduleWith(household, ['mon', 'wed', 'fri'], '08:40', '18:30');
    const saved = await f2.fetch('/api/family/schedules', { method: 'PUT', json: { schedules } });
    expect(saved.status).toBe(200);
    const stored = await (await c2.fetch('/api/households/hh-b')).json();
    expect(stored.schedules[0].weekly.wed).toEqual([{ from: '08:40', to: '18:30', overnight: false }]);
    const q = await f2.fetch('/api/slots/query', {
      method: 'POST',
      json: {
        week: '2026-W49',
        passengerId: 'p-2',
        serviceId: 'svc-cdd',
        weekdays: ['mon', 'wed', 'fri'],
        workHours: { leaves: '08:40', back: '18:30' },
      },
    });
    expect(q.status).toBe(200);
    expect((await q.json()).days).toHaveLength(3);
  });

  it('saves per-adult schedules; a change that breaks a promised window is flagged to the coordinator, the promise stays hard', async () => {
    // Anna now leaves at 07:30 on Mondays: aboard by 07:18, but Luca was promised a pickup 07:25–07:35
    const res = await f.fetch('/api/family/schedules', {
      method: 'PUT',
      json: {
        schedules: [
          {
            adult: 'Anna',
            weekly: {
              mon: [
                { from: '07:30', to: '12:00' },
                { from: '13:00', to: '16:30' },
              ],
              tue: [{ from: '22:00', to: '06:00', overnight: true }],
            },
          },
        ],
      },
    });
    expect(res.status).toBe(200);
    const saved = await res.json();
    expect(saved.flagged.map((x: { requestId: string }) => x.requestId)).toEqual(['r-1']);
    expect(saved.flagged[0].message).toMatch(/promised for 07:25–07:35 no longer fits/);
    const flags = await (await c.fetch('/api/family-flags')).json();
    expect(flags).toEqual([expect.objectContaining({ householdId: 'hh-a', requestId: 'r-1', kind: 'promise_broken' })]);
    const household = await (await c.fetch('/api/households/hh-a')).json();
    expect(household.schedules[0].weekly.mon).toHaveLength(2);
    const r1 = await (await c.fetch('/api/requests/r-1')).json();
    expect(r1.promised.mon.pickup).toEqual({ from: '07:25', to: '07:35' });
    // the next Monday's outbound is reported as a broken promise, not moved
    const week = await (await f.fetch('/api/family/week-status?week=2026-W50')).json();
    expect(week.notTravelling).toContainEqual(
      expect.objectContaining({ requestId: 'r-1', date: '2026-12-07', direction: 'outbound', why: 'PROMISE_CONFLICT' }),
    );
    // and the family cannot read the coordinator's flags
    expect((await f.fetch('/api/family-flags')).status).toBe(403);
  });

  it('the coordinator closes many services at once; the week says why, with the public holiday of 8 December', async () => {
    const res = await c.fetch('/api/service-closures', {
      method: 'POST',
      json: {
        serviceIds: ['svc-school', 'svc-cdd'],
        from: '2026-12-10',
        to: '2026-12-11',
        note: 'sciopero dei trasporti',
      },
    });
    expect(res.status).toBe(200);
    const week = await (await f.fetch('/api/family/week-status?week=2026-W50')).json();
    const r4 = week.notTravelling.filter(
      (n: { requestId: string; direction: string }) => n.requestId === 'r-4' && n.direction === 'outbound',
    );
    expect(r4.map((n: { date: string; why: string; note: string }) => `${n.date} ${n.why} ${n.note}`)).toEqual([
      '2026-12-08 public_holiday Immacolata Concezione',
      '2026-12-10 service_closed sciopero dei trasporti',
      '2026-12-11 service_closed sciopero dei trasporti',
    ]);
    const bad = await c.fetch('/api/service-closures', {
      method: 'POST',
      json: { serviceIds: ['svc-school', 'nope'], from: '2026-12-14', to: '2026-12-14', note: 'x' },
    });
    expect(bad.status).toBe(400);
    const school = await (await c.fetch('/api/services/svc-school')).json();
    expect(school.dateHours.map((d: { date: string }) => d.date)).toEqual(['2026-12-10', '2026-12-11']);
  });
});
