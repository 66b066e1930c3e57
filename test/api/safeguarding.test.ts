/**
 * Safeguarding over HTTP on the tiny world (drv-a drives Giulia, a child; drv-b drives Marco, an
 * adult, on Tuesday 2026-12-01): who may read authorised persons, which delegates are offered,
 * handovers with the family's code, the nobody-home procedure, and the retention purge.
 * The clock is the test's: "today" is whatever `now` says.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handoverCode } from '../../server/safeguarding/handover-code.ts';
import { startTestApp, type TestApp, type TestSession } from '../helpers/app.ts';
import { PLAN_DATE, memoryPublishedPlans, seedWorld, worldPlan } from '../helpers/world.ts';

let t: TestApp;
let now = new Date(`${PLAN_DATE}T07:00:00+01:00`);
let coordinator: TestSession;
const at = (hhmm: string) => `${PLAN_DATE}T${hhmm}:00+01:00`;
const SECRET = 'prontivia-development-secret-not-for-production';
/** A driver records a handover of Giulia (pa-1) on the plan date, at `hhmm`. */
const handover = (
  driver: TestSession,
  h: { stopId: string; personId: string; hhmm: string; clientEventId: string; code?: string },
  where: { lat?: number; lon?: number } = {},
) =>
  driver.fetch('/api/safeguarding/handovers', {
    method: 'POST',
    json: {
      stopId: h.stopId,
      passengerId: 'pa-1',
      date: PLAN_DATE,
      personId: h.personId,
      code: h.code,
      at: at(h.hhmm),
      clientEventId: h.clientEventId,
      ...where,
    },
  });

beforeAll(async () => {
  t = await startTestApp({
    setup: seedWorld,
    plans: memoryPublishedPlans(worldPlan()),
    clock: { now: () => now },
  });
  coordinator = await t.login('coordinator');
  for (const person of [
    {
      id: 'ap-nonna',
      passengerId: 'pa-1',
      kind: 'delegate',
      name: 'Carla Verdi',
      relationship: 'grandmother',
      phone: '+39 333 5555555',
      idDocument: { type: 'identity_card', lastDigits: '4821' },
      validFrom: '2026-09-01',
      validTo: '2026-11-30',
      points: ['home_pickup', 'home_dropoff'],
    },
    {
      id: 'ap-zia',
      passengerId: 'pa-1',
      kind: 'delegate',
      name: 'Paola Rossi',
      relationship: 'aunt',
      phone: '+39 333 6666666',
      idDocument: { type: 'passport', lastDigits: '77' },
      validFrom: '2026-11-01',
      validTo: '2026-12-31',
      photoRef: 'fascicolo 12/2026',
      points: ['home_dropoff'],
    },
    {
      id: 'ap-educatrice',
      passengerId: 'pa-1',
      kind: 'service_staff',
      name: 'Educatrice di turno',
      staffRole: 'educatrice di turno, CDD',
      points: ['service_dropoff', 'service_pickup'],
    },
  ]) {
    const res = await coordinator.fetch('/api/safeguarding/authorised-persons', { method: 'POST', json: person });
    expect(res.status, await res.clone().text()).toBe(201);
  }
});
afterAll(async () => {
  await t?.close();
});

describe('who may read authorised persons', () => {
  it('the driver of the run reads them today; a driver whose run does not carry the passenger gets 403', async () => {
    now = new Date(`${PLAN_DATE}T07:00:00+01:00`);
    const a = await t.login('driver');
    const mine = await a.fetch('/api/safeguarding/passengers/pa-1/authorised-persons');
    expect(mine.status).toBe(200);
    const body = (await mine.json()) as { persons: { id: string }[] };
    expect(body.persons.map((p) => p.id)).toEqual(['adult:hh-a:1', 'ap-educatrice', 'ap-zia']);

    const b = await t.login('driver2');
    const other = await b.fetch('/api/safeguarding/passengers/pa-1/authorised-persons');
    expect(other.status).toBe(403);
    expect(await other.text()).not.toMatch(/Paola|Carla|6666666/);
    // …and Bruno's own run lists no handover of Giulia (Marco, an adult, needs none).
    const run = await (await b.fetch(`/api/safeguarding/run/${PLAN_DATE}`)).json();
    expect(run.handovers).toEqual([]);
  });

  it("the same driver cannot read them on a day the passenger is not on their run, nor another day's run", async () => {
    now = new Date('2026-12-02T07:00:00+01:00');
    const a = await t.login('driver');
    expect((await a.fetch('/api/safeguarding/passengers/pa-1/authorised-persons')).status).toBe(403);
    expect((await a.fetch(`/api/safeguarding/run/${PLAN_DATE}`)).status).toBe(403);
    now = new Date(`${PLAN_DATE}T07:00:00+01:00`);
    coordinator = await t.login('coordinator');
  });

  it('families and drivers cannot write them; every read is in the audit log', async () => {
    const fam = await t.login('family');
    expect((await fam.fetch('/api/safeguarding/passengers/pa-1/authorised-persons')).status).toBe(403);
    const drv = await t.login('driver');
    const write = await drv.fetch('/api/safeguarding/authorised-persons', {
      method: 'POST',
      json: { passengerId: 'pa-1', kind: 'delegate', name: 'X', points: ['home_dropoff'] },
    });
    expect(write.status).toBe(403);
    const { rows } = await t.db.query<{ actor_username: string; action: string }>(
      `SELECT actor_username, action FROM audit_log WHERE entity = 'authorised_persons' AND entity_id = 'pa-1'`,
      [],
    );
    expect(rows.map((r) => `${r.actor_username}:${r.action}`)).toContain('driver:read');
  });

  it('bad input names the field', async () => {
    const res = await coordinator.fetch('/api/safeguarding/authorised-persons', {
      method: 'POST',
      json: {
        passengerId: 'pa-1',
        kind: 'delegate',
        name: 'Y',
        validFrom: '2026-12-10',
        validTo: '2026-12-01',
        points: ['home_dropoff'],
      },
    });
    expect(res.status).toBe(400);
    expect((await res.json()).error.details[0].path).toBe('validTo');
    const unknown = await coordinator.fetch('/api/safeguarding/authorised-persons', {
      method: 'POST',
      json: { passengerId: 'nobody', kind: 'delegate', name: 'Y', points: ['home_dropoff'] },
    });
    expect((await unknown.json()).error.details[0].path).toBe('passengerId');
  });
});

describe('handovers on the driver run', () => {
  it('a delegate whose validity has ended is not offered, and a handover to them is refused and recorded', async () => {
    now = new Date(`${PLAN_DATE}T07:00:00+01:00`);
    const a = await t.login('driver');
    const run = await (await a.fetch(`/api/safeguarding/run/${PLAN_DATE}`)).json();
    const byStop = Object.fromEntries(
      run.handovers.map((h: { stopId: string; point: string; offered: { id: string }[] }) => [
        h.stopId,
        `${h.point}: ${h.offered.map((p) => p.id).join(' ')}`,
      ]),
    );
    expect(byStop).toEqual({
      's-a1': 'home_pickup: adult:hh-a:1',
      's-a2': 'service_dropoff: ap-educatrice',
      's-a3': 'service_pickup: ap-educatrice',
      's-a4': 'home_dropoff: adult:hh-a:1 ap-zia',
    });
    const res = await handover(a, { stopId: 's-a4', personId: 'ap-nonna', hhmm: '16:40', clientEventId: 'ho-nonna-1' });
    expect(res.status).toBe(400);
    expect((await res.json()).error.details[0].path).toBe('personId');
    const rec = await t.db.query<{ outcome: string }>(
      `SELECT outcome FROM handovers WHERE client_event_id = 'ho-nonna-1'`,
      [],
    );
    expect(rec.rows).toEqual([{ outcome: 'refused' }]);
  });

  it("the family's code confirms a handover to a delegate; a wrong code is refused and the attempt recorded", async () => {
    now = new Date(`${PLAN_DATE}T16:30:00+01:00`);
    coordinator = await t.login('coordinator'); // sessions end after idling: a fresh one at the new time
    const fam = await t.login('family');
    const codes = await (await fam.fetch('/api/safeguarding/family/codes')).json();
    expect(codes).toEqual([
      { passengerId: 'pa-1', name: 'Giulia R.', date: PLAN_DATE, code: handoverCode(SECRET, 'pa-1', PLAN_DATE) },
    ]);
    const code = codes[0].code as string;
    const wrong = String((Number(code) + 1) % 10_000).padStart(4, '0');
    // Another household's family never sees Giulia's code.
    expect(
      JSON.stringify(await (await (await t.login('family2')).fetch('/api/safeguarding/family/codes')).json()),
    ).not.toMatch(/pa-1/);

    const a = await t.login('driver');
    const post = (clientEventId: string, c: string, hhmm: string) =>
      handover(a, { stopId: 's-a4', personId: 'ap-zia', code: c, hhmm, clientEventId }, { lat: 45.61, lon: 8.9 });
    const refused = await post('ho-zia-wrong', wrong, '16:41');
    expect(refused.status).toBe(400);
    const err = (await refused.json()).error;
    expect(err.details[0].path).toBe('code');
    expect(JSON.stringify(err)).not.toContain(code);
    const ok = await post('ho-zia-ok', code, '16:42');
    expect(ok.status).toBe(201);
    expect(await ok.json()).toMatchObject({
      personName: 'Paola Rossi',
      point: 'home_dropoff',
      outcome: 'accepted',
      confirmedBy: 'code',
      lat: 45.61,
    });
    expect((await post('ho-zia-ok', code, '16:42')).status).toBe(200); // a resend from the offline queue

    const records = await (
      await coordinator.fetch(`/api/safeguarding/handovers?date=${PLAN_DATE}&passengerId=pa-1`)
    ).json();
    expect(
      records.map(
        (r: { clientEventId: string; outcome: string; confirmedBy: string }) =>
          `${r.clientEventId} ${r.outcome} ${r.confirmedBy}`,
      ),
    ).toEqual(['ho-nonna-1 refused tap', 'ho-zia-wrong refused code', 'ho-zia-ok accepted code']);
    // The other driver cannot record at Anna's stop.
    const b = await t.login('driver2');
    const steal = await handover(b, { stopId: 's-a4', personId: 'ap-zia', hhmm: '16:41', clientEventId: 'ho-steal-1' });
    expect(steal.status).toBe(404);
  });

  it('a passenger whose profile demands the code cannot be handed over by a tap alone', async () => {
    await coordinator.fetch('/api/safeguarding/profiles/pa-1', {
      method: 'PUT',
      json: { neverAlone: true, codeRequired: true },
    });
    const a = await t.login('driver');
    const res = await handover(a, {
      stopId: 's-a1',
      personId: 'adult:hh-a:1',
      hhmm: '08:00',
      clientEventId: 'ho-tap-only',
    });
    expect(res.status).toBe(400);
    expect((await res.json()).error.details[0].path).toBe('code');
    await coordinator.fetch('/api/safeguarding/profiles/pa-1', {
      method: 'PUT',
      json: { neverAlone: false, codeRequired: false },
    });
  });
});

describe('nobody home', () => {
  it('runs from the wait to the safe place, every step stored in order; coordinator and family see it', async () => {
    now = new Date(`${PLAN_DATE}T16:40:00+01:00`);
    coordinator = await t.login('coordinator'); // sessions end after idling: a fresh one at the new time
    const a = await t.login('driver');
    const open = await a.fetch('/api/safeguarding/nobody-home', {
      method: 'POST',
      json: { caseId: 'case-giulia-1', stopId: 's-a4', passengerId: 'pa-1', date: PLAN_DATE, at: at('16:40') },
    });
    expect(open.status).toBe(201);
    const alerts = await (await coordinator.fetch(`/api/safeguarding/alerts?date=${PLAN_DATE}`)).json();
    expect(alerts.map((c: { id: string; closedAt: string | null }) => [c.id, c.closedAt])).toEqual([
      ['case-giulia-1', null],
    ]);
    const step = (id: string, s: string, detail: string, hhmm: string) =>
      a.fetch('/api/safeguarding/nobody-home/case-giulia-1/steps', {
        method: 'POST',
        json: { clientEventId: id, step: s, detail, at: at(hhmm) },
      });
    expect((await step('st-call-1', 'called', '+39 333 1111111', '16:50')).status).toBe(201);
    expect((await step('st-coord', 'coordinator_notified', '', '16:52')).status).toBe(201);
    const bad = await step('step-bad-place', 'safe_place', 'nowhere', '17:10');
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.details[0].path).toBe('detail');
    const safe = await step('step-safe-place', 'safe_place', 'service', '17:10');
    expect(safe.status, await safe.clone().text()).toBe(201);
    const closed = await (await coordinator.fetch(`/api/safeguarding/alerts?date=${PLAN_DATE}`)).json();
    expect(closed[0]).toMatchObject({
      outcome: 'safe_place',
      safePlace: 'The service the passenger attends',
      passengerName: 'Giulia R.',
    });
    expect(closed[0].steps.map((s: { step: string }) => s.step)).toEqual([
      'wait_started',
      'called',
      'coordinator_notified',
      'safe_place',
    ]);
    const fam = await (
      await (await t.login('family')).fetch(`/api/safeguarding/family/outcomes?date=${PLAN_DATE}`)
    ).json();
    expect(fam.cases[0].outcome).toBe('safe_place');
    const other = await (
      await (await t.login('family2')).fetch(`/api/safeguarding/family/outcomes?date=${PLAN_DATE}`)
    ).json();
    expect(other).toEqual({ handovers: [], cases: [] });
    const b = await t.login('driver2');
    expect(
      (
        await b.fetch('/api/safeguarding/nobody-home/case-giulia-1/steps', {
          method: 'POST',
          json: { clientEventId: 'step-steal-1', step: 'called', at: at('17:00') },
        })
      ).status,
    ).toBe(404);
  });
});

describe('retention', () => {
  it('purge removes records past retention and nothing else', async () => {
    now = new Date('2026-12-15T03:00:00+01:00');
    coordinator = await t.login('coordinator');
    const put = await coordinator.fetch('/api/safeguarding/settings', {
      method: 'PUT',
      json: {
        retentionDays: 30,
        waitMinutes: 10,
        safePlaces: [{ id: 'service', label: 'CDD', phone: '' }],
        extraCallNumbers: [],
      },
    });
    expect(put.status).toBe(200);
    // Cut-off: 30 days before 2026-12-15 = 2026-11-15. Old records sit before it, recent ones on or after it.
    const rec = (id: string, date: string) =>
      t.db.query(
        `INSERT INTO handovers (client_event_id, run_date, stop_id, passenger_id, driver_id, point, person_id, person_name,
           outcome, confirmed_by, at, recorded_at) VALUES ($1, $2, 's-a4', 'pa-1', 'drv-a', 'home_dropoff', 'ap-zia', 'Paola', 'accepted', 'tap', $3, $3)`,
        [id, date, `${date}T16:00:00Z`],
      );
    await rec('ho-old', '2026-11-14');
    await rec('ho-edge', '2026-11-15');
    const kase = (id: string, date: string, closed: boolean) =>
      t.db.query(
        `INSERT INTO nobody_home_cases (id, run_date, stop_id, passenger_id, driver_id, opened_at, closed_at, outcome)
         VALUES ($1, $2, 's-a4', 'pa-1', 'drv-a', $3, $4, $5)`,
        [id, date, `${date}T16:00:00Z`, closed ? `${date}T17:00:00Z` : null, closed ? 'received' : null],
      );
    await kase('case-old-closed', '2026-10-01', true);
    await kase('case-old-open', '2026-10-02', false);
    for (const [id, validTo] of [
      ['ap-gone', '2026-11-14'],
      ['ap-recently-ended', '2026-11-20'],
    ] as const)
      await coordinator.fetch('/api/safeguarding/authorised-persons', {
        method: 'POST',
        json: { id, passengerId: 'pa-1', kind: 'delegate', name: id, validTo, points: ['home_dropoff'] },
      });
    const count = async (sql: string) => (await t.db.query<{ id: string }>(sql, [])).rows.map((r) => r.id).sort();
    const handoversBefore = await count('SELECT client_event_id AS id FROM handovers');
    const casesBefore = await count('SELECT id FROM nobody_home_cases');
    const personsBefore = await count('SELECT id FROM authorised_persons');

    const res = await coordinator.fetch('/api/safeguarding/purge', { method: 'POST' });
    expect(await res.json()).toEqual({ before: '2026-11-15', handovers: 1, cases: 1, authorisedPersons: 1 });
    expect(await count('SELECT client_event_id AS id FROM handovers')).toEqual(
      handoversBefore.filter((i) => i !== 'ho-old'),
    );
    expect(await count('SELECT id FROM nobody_home_cases')).toEqual(casesBefore.filter((i) => i !== 'case-old-closed'));
    expect(await count('SELECT id FROM authorised_persons')).toEqual(personsBefore.filter((i) => i !== 'ap-gone'));
    // The closed case's steps went with it; the open case and everything since the cut-off stay.
    expect(
      await count(`SELECT client_event_id AS id FROM nobody_home_steps WHERE case_id = 'case-giulia-1'`),
    ).toHaveLength(4);
    // Nothing left to purge: a second run removes nothing.
    expect(await (await coordinator.fetch('/api/safeguarding/purge', { method: 'POST' })).json()).toMatchObject({
      handovers: 0,
      cases: 0,
      authorisedPersons: 0,
    });
  });
});
