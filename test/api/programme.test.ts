/**
 * Action A over HTTP on the tiny week (published): eligibility (resident or employee of an
 * alliance member, conciliation need, self-declaration, exception), vouchers that refuse a
 * booking they cannot cover with the figures, approval into the published plan and refusal that
 * leaves it alone, the monitoring report's totals, the budget's weeks, and bad input that names
 * the field and changes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Plan } from '../../server/contract/plan.ts';
import { readPlan } from '../../server/plan-store/plan-store.ts';
import { loadProgrammeData, priceTrip, tripsOfPlan } from '../../server/programme/programme-data.ts';
import { recordStopOutcome, writeOutcome } from '../../server/programme/trip-outcomes.ts';
import type { TestApp, TestSession } from '../helpers/app.ts';
import { familiesTinyWeek, startPublishedWeek } from '../helpers/published-week.ts';
import { MILANO } from '../helpers/world.ts';

let t: TestApp;
let c: TestSession;
let planId: string;
const data = familiesTinyWeek();
const NOW = new Date('2026-11-23T18:00:00+01:00');
const query = { week: '2026-W49', passengerId: 'p6', serviceId: 'nido', weekdays: ['mon', 'tue', 'wed', 'thu', 'fri'] };
const book = { query, validFrom: '2026-11-30', validTo: '2026-12-18' };

const json = async (res: Response) => ({ status: res.status, body: await res.json() });
const published = async (): Promise<Plan> => (await readPlan(t.db, planId, 'published'))!;

beforeAll(async () => {
  ({ t, planId } = await startPublishedWeek(data, NOW));
  c = await t.login('coordinator');
  const ok = async (path: string, method: string, body: unknown, status = 201) => {
    const r = await c.fetch(path, { method, json: body });
    if (r.status !== status) throw new Error(`${method} ${path}: ${r.status} ${await r.text()}`);
  };
  await ok('/api/organisations', 'POST', {
    id: 'org-castellanza',
    name: 'Comune di Castellanza',
    kind: 'comune',
    comune: 'Castellanza',
    ambito: 'Castellanza',
  });
  await ok('/api/providers', 'POST', {
    id: 'prov-coop',
    name: 'Cooperativa (test)',
    tariff: { unit: 'trip', centsPerUnit: 500, coPaymentBands: [{ band: 'B', centsPerTrip: 100 }] },
    vehicleIds: ['v1'],
  });
  await ok('/api/providers', 'POST', {
    id: 'prov-comune',
    name: 'Servizio comunale (test)',
    tariff: { unit: 'km', centsPerUnit: 80 },
    vehicleIds: ['v2'],
  });
  for (const h of data.households)
    await ok(
      `/api/programme/households/${h.id}/enrolment`,
      'PUT',
      // The tiny week's Bianchi (hh-a) live just outside the 16 comuni: eligible as employees.
      { employerIds: ['org-castellanza'], notOtherwiseSupported: true, declaredOn: '2026-11-02' },
      200,
    );
  await ok('/api/programme/settings', 'PUT', { mode: 'approval' }, 200);
}, 60_000);
afterAll(async () => {
  await t?.close();
});

describe('eligibility', () => {
  it('an employer-only household outside the 16 comuni is eligible; without the employer its home is refused', async () => {
    const household = {
      id: 'hh-milano',
      name: 'Verdi (employee)',
      home: { ...MILANO, label: 'via Torino 1, Milano' },
      adults: [{ name: 'Anna Verdi', phone: '' }],
      workHours: { mon: { leaves: '07:30', back: '18:00' } },
    };
    const refused = await json(await c.fetch('/api/households', { method: 'POST', json: household }));
    expect(refused.status).toBe(400);
    expect(refused.body.error.details[0].path).toBe('home');
    expect((await c.fetch('/api/households/hh-milano')).status).toBe(404);

    const enrol = await c.fetch('/api/programme/households/hh-milano/enrolment', {
      method: 'PUT',
      json: { employerIds: ['org-castellanza'], notOtherwiseSupported: true, declaredOn: '2026-11-10' },
    });
    expect(enrol.status).toBe(200);
    expect((await c.fetch('/api/households', { method: 'POST', json: household })).status).toBe(201);
    const e = await json(await c.fetch('/api/programme/households/hh-milano/eligibility'));
    expect(e.body.eligible).toBe(true);
    expect(e.body.grounds.join(' ')).toMatch(/works for Comune di Castellanza/);
    expect(e.body.grounds.join(' ')).not.toMatch(/resident/);
    expect(e.body.grounds.join(' ')).toMatch(/declared not supported by another public measure on 2026-11-10/);
  });

  it('a household with no working adult is not eligible, unless the coordinator records an exception', async () => {
    // hh-b (tiny week h1) — its work hours removed: nobody works.
    const hh = await json(await c.fetch('/api/households/hh-b'));
    const nobodyWorks = { ...hh.body, workHours: {} };
    expect((await c.fetch('/api/households/hh-b', { method: 'PUT', json: nobodyWorks })).status).toBe(200);
    const before = await json(await c.fetch('/api/programme/households/hh-b/eligibility'));
    expect(before.body.eligible).toBe(false);
    expect(before.body.reasons.map((r: { code: string }) => r.code)).toEqual(['NO_CONCILIATION_NEED']);

    const put = await c.fetch('/api/programme/households/hh-b/enrolment', {
      method: 'PUT',
      json: {
        employerIds: ['org-castellanza'],
        notOtherwiseSupported: true,
        declaredOn: '2026-11-02',
        exceptionReason: 'grandmother caring alone for a disabled adult',
      },
    });
    expect(put.status).toBe(200);
    const after = await json(await c.fetch('/api/programme/households/hh-b/eligibility'));
    expect(after.body.eligible).toBe(true);
    expect(after.body.enrolment.exceptionBy).toBe('coordinator');
    // Re-checked on every change: the household gets its work hours back, the exception no longer needed.
    expect((await c.fetch('/api/households/hh-b', { method: 'PUT', json: hh.body })).status).toBe(200);
    expect((await json(await c.fetch('/api/programme/households/hh-b/eligibility'))).body.grounds.join()).toMatch(
      /a working adult with declared work hours/,
    );
  });

  it('an ineligible household cannot book and is told why', async () => {
    await c.fetch('/api/programme/households/hh-a/enrolment', {
      method: 'PUT',
      json: { employerIds: ['org-castellanza'], notOtherwiseSupported: false },
    });
    const f = await t.login('family');
    const res = await json(await f.fetch('/api/slots/book', { method: 'POST', json: book }));
    expect(res.status).toBe(403);
    expect(res.body.error.message).toMatch(
      /not eligible for Action A: .*not already supported by another public measure/,
    );
    const me = await json(await f.fetch('/api/programme/me'));
    expect(me.body.eligibility.eligible).toBe(false);
    await c.fetch('/api/programme/households/hh-a/enrolment', {
      method: 'PUT',
      json: { employerIds: ['org-castellanza'], notOtherwiseSupported: true, declaredOn: '2026-11-02' },
    });
  });
});

describe('vouchers and approval', () => {
  it('a booking beyond the voucher balance is refused with the figures; nothing is stored', async () => {
    const g = await c.fetch('/api/programme/grants', {
      method: 'POST',
      json: {
        id: 'g-a',
        householdId: 'hh-a',
        amountCents: 1000,
        validFrom: '2026-11-01',
        validTo: '2027-02-28',
        fundingLine: 'regional',
        ambito: 'Castellanza',
      },
    });
    expect(g.status).toBe(201);
    const version = (await published()).version;
    const f = await t.login('family');
    const res = await json(await f.fetch('/api/slots/book', { method: 'POST', json: book }));
    expect(res.status, JSON.stringify(res.body)).toBe(409);
    const figures = res.body.error.details[0].value;
    expect(res.body.error.details[0].path).toBe('voucher');
    expect(figures.bookingCents).toBeGreaterThan(figures.remainingCents);
    expect(figures.amountCents).toBe(1000);
    expect(figures.remainingCents).toBe(1000 - figures.spentCents - figures.committedCents);
    expect(res.body.error.message).toMatch(
      /the booking costs € [\d.,]+ .* the voucher has € -?[\d.,]+ left: € 10,00 granted/,
    );
    expect((await published()).version).toBe(version);
    expect((await json(await c.fetch('/api/programme/requests'))).body.items).toHaveLength(0);
  });

  it('refusal leaves the plan alone and the family sees the reason; approval puts the trips into the published plan', async () => {
    const put = await c.fetch('/api/programme/grants/g-a', {
      method: 'PUT',
      json: {
        id: 'g-a',
        householdId: 'hh-a',
        amountCents: 500_000,
        validFrom: '2026-11-01',
        validTo: '2027-02-28',
        fundingLine: 'regional',
        ambito: 'Castellanza',
      },
    });
    expect(put.status).toBe(200);
    const f = await t.login('family');
    const v0 = (await published()).version;

    const first = await json(await f.fetch('/api/slots/book', { method: 'POST', json: book }));
    expect(first.status).toBe(202);
    expect(first.body.status).toBe('pending');
    expect(first.body.estimateCents).toBeGreaterThan(0);
    expect((await published()).version).toBe(v0);
    const pending = (await json(await c.fetch('/api/programme/requests?status=pending'))).body.items;
    expect(pending).toHaveLength(1);
    expect(pending[0].eligibility.eligible).toBe(true);
    expect(pending[0].voucher.remainingCents).toBeGreaterThan(0);
    expect(pending[0].slot[0]).toMatch(/collected/);

    const refused = await c.fetch(`/api/programme/requests/${first.body.id}/refuse`, {
      method: 'POST',
      json: { reason: 'the nursery has no place before January' },
    });
    expect(refused.status).toBe(200);
    expect((await published()).version).toBe(v0);
    expect(
      (await published()).days
        .flatMap((d) => d.routes)
        .some((r) => r.stops.some((s) => s.boards.some((b) => b.passengerId === 'p6'))),
    ).toBe(false);

    const second = await json(await f.fetch('/api/slots/book', { method: 'POST', json: book }));
    expect(second.status).toBe(202);
    const approved = await json(await c.fetch(`/api/programme/requests/${second.body.id}/approve`, { method: 'POST' }));
    expect(approved.status).toBe(200);
    expect(approved.body.status).toBe('approved');
    const after = await published();
    expect(after.version).toBe(v0 + 1);
    const p6Stops = after.days.flatMap((d) =>
      d.routes.flatMap((r) => r.stops.filter((s) => s.boards.some((b) => b.passengerId === 'p6'))),
    );
    expect(p6Stops.length).toBeGreaterThanOrEqual(5);
    const request = await json(await c.fetch(`/api/requests/${approved.body.requestId}`));
    expect(Object.keys(request.body.promised).sort()).toEqual(['fri', 'mon', 'thu', 'tue', 'wed']);
    expect((await c.fetch(`/api/programme/requests/${second.body.id}/approve`, { method: 'POST' })).status).toBe(409);

    const me = await json(await f.fetch('/api/programme/me'));
    const states = me.body.requests.map((r: { status: string; reason: string | null }) => [r.status, r.reason]);
    expect(states).toContainEqual(['refused', 'the nursery has no place before January']);
    expect(states).toContainEqual(['approved', null]);
    // The approved trips are now committed against the voucher.
    expect(me.body.voucher.committedCents).toBeGreaterThan(0);
    expect(me.body.voucher.remainingCents).toBe(500_000 - me.body.voucher.spentCents - me.body.voucher.committedCents);
  });

  it('a drop-off marked by the driver delivers the trip and spends the voucher at the tariff', async () => {
    const plan = await published();
    const date = '2026-11-30';
    const trip = tripsOfPlan(plan, date, date).find((x) => x.passengerId === 'p6')!;
    const stop = plan.days
      .find((d) => d.date === date)!
      .routes.flatMap((r) => r.stops)
      .find((s) => s.alights.some((p) => p.passengerId === 'p6' && p.direction === trip.direction))!;
    const before = (await json(await c.fetch('/api/programme/households/hh-a/voucher'))).body;
    const n = await recordStopOutcome(t.db, plan, date, stop, { type: 'dropped_off', passengerId: 'p6' }, NOW);
    expect(n).toBe(1);
    const after = (await json(await c.fetch('/api/programme/households/hh-a/voucher'))).body;
    const priced = priceTrip(await loadProgrammeData(t.db), trip);
    expect(after.spentCents - before.spentCents).toBe(priced.costCents - priced.coPaymentCents);
    expect(after.deliveredTrips).toBe(before.deliveredTrips + 1);
  });
});

describe('providers', () => {
  it("each run of the plan shows its provider; the provider's month lists the delivered trips and amounts", async () => {
    const runs = (await json(await c.fetch('/api/programme/plans/2026-W49/providers'))).body.runs as {
      vehicleId: string;
      providerId: string | null;
      trips: number;
    }[];
    expect(runs.length).toBeGreaterThan(0);
    for (const r of runs) expect(r.providerId).toBe(r.vehicleId === 'v1' ? 'prov-coop' : 'prov-comune');
    const delivered = (await json(await c.fetch('/api/programme/households/hh-a/voucher'))).body.deliveredTrips;
    expect(delivered).toBeGreaterThan(0);
    const both = [];
    for (const id of ['prov-coop', 'prov-comune']) {
      const st = (await json(await c.fetch(`/api/programme/providers/${id}/statement?month=2026-11`))).body;
      expect(st.voucherCents).toBe(st.costCents - st.coPaymentCents);
      expect(st.costCents).toBe(st.lines.reduce((a: number, l: { costCents: number }) => a + l.costCents, 0));
      both.push(st);
    }
    expect(both.reduce((a, st) => a + st.delivered, 0)).toBeGreaterThanOrEqual(1);
    await expect400Month();
  });
});

async function expect400Month(): Promise<void> {
  const res = await c.fetch('/api/programme/providers/prov-coop/statement?month=2026-13');
  expect(res.status).toBe(400);
  expect((await res.json()).error.details[0].path).toMatch(/(^|\.)month$/);
}

describe('monitoring and budget', () => {
  it('the totals equal the sum of their rows, per Ambito, per month, and in the CSV', async () => {
    const pd = await loadProgrammeData(t.db);
    const plan = await published();
    const trips = tripsOfPlan(plan, '2026-11-30', '2026-12-06').map((x) => priceTrip(pd, x));
    // Recorded outcomes in two months: the plan's trips moved back four weeks (October/November), some no-shows.
    let i = 0;
    for (const tr of trips) {
      for (const shift of ['2026-10-26', '2026-11-02']) {
        const d = new Date(`${tr.date}T12:00:00Z`);
        d.setUTCDate(
          d.getUTCDate() + (Date.parse(`${shift}T12:00:00Z`) - Date.parse('2026-11-30T12:00:00Z')) / 86_400_000,
        );
        const date = d.toISOString().slice(0, 10);
        await writeOutcome(t.db, { ...tr, date, status: i++ % 7 === 0 ? 'no_show' : 'delivered', source: 'test' }, NOW);
      }
    }
    const r = (await json(await c.fetch('/api/reports/monitoring?from=2026-10-01&to=2026-12-31'))).body;
    expect(r.rows.length).toBeGreaterThan(1);
    expect(new Set(r.rows.map((x: { month: string }) => x.month))).toEqual(new Set(['2026-10', '2026-11', '2026-12']));
    const fields = [
      'people',
      'households',
      'tripsPlanned',
      'tripsDelivered',
      'tripsNoShow',
      'kmM',
      'vehicleS',
      'costCents',
      'regionalCents',
      'cofundingCents',
      'ungrantedCents',
      'conciliationMin',
    ];
    for (const f of fields) {
      const sum = r.rows.reduce((s: number, x: Record<string, number>) => s + x[f]!, 0);
      expect(r.total[f], f).toBe(sum);
      expect(
        r.byAmbito.reduce((s: number, x: Record<string, number>) => s + x[f]!, 0),
        f,
      ).toBe(sum);
      expect(
        r.byMonth.reduce((s: number, x: Record<string, number>) => s + x[f]!, 0),
        f,
      ).toBe(sum);
      expect(
        r.byComune.reduce((s: number, x: Record<string, number>) => s + x[f]!, 0),
        f,
      ).toBe(sum);
    }
    expect(r.total.costCents).toBe(
      Object.values(r.total.byProvider as Record<string, number>).reduce((a, b) => a + b, 0),
    );
    expect(r.total.tripsDelivered).toBeGreaterThan(0);
    expect(r.total.conciliationMin).toBeGreaterThan(0);
    expect(r.formula).toMatch(/round\(2 × direct drive time/);

    const csv = await c.fetch('/api/reports/monitoring.csv?from=2026-10-01&to=2026-12-31');
    expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
    const lines = (await csv.text()).trim().split('\r\n');
    expect(lines[0]).toMatch(/^month,istat_code,comune,ambito,.*trips_delivered.*,euro,.*conciliation_hours$/);
    expect(lines).toHaveLength(r.rows.length + 1);
    const header = lines[0]!.split(',');
    const col = (name: string) => lines.slice(1).reduce((s, l) => s + Number(l.split(',')[header.indexOf(name)]), 0);
    expect(col('trips_delivered')).toBe(r.total.tripsDelivered);
    expect(Math.round(col('euro') * 100)).toBe(r.total.costCents);

    const one = (await json(await c.fetch('/api/reports/monitoring?from=2026-10-01&to=2026-12-31&comune=Castellanza')))
      .body;
    expect(one.rows.every((x: { comune: string }) => x.comune === 'Castellanza')).toBe(true);
  });

  it('the budget says how many weeks of the current plan the remaining budget covers', async () => {
    const cost = (await json(await c.fetch('/api/programme/plans/2026-W49/cost'))).body;
    expect(cost.status).toBe('published');
    const weekly = cost.byFundingLine.regional as number;
    expect(weekly).toBeGreaterThan(0);
    const first = (await json(await c.fetch('/api/programme/budget'))).body;
    expect(first.weeksCovered).toBe(null);
    const set = async (amountCents: number) =>
      c.fetch('/api/programme/budget/regional', {
        method: 'PUT',
        json: { amountCents, periodFrom: '2026-09-01', periodTo: '2027-06-30', note: 'test share' },
      });
    // Spent and committed so far, then three and a half weeks more.
    expect((await set(1_000_000)).status).toBe(200);
    const probe = (await json(await c.fetch('/api/programme/budget'))).body;
    const line = probe.lines[0];
    expect(line.weeklyCents).toBe(weekly);
    expect(probe.rateWeek).toBe('2026-W49');
    await set(line.spentCents + line.committedCents + Math.round(3.5 * weekly));
    const b = (await json(await c.fetch('/api/programme/budget'))).body;
    expect(b.weeksCovered).toBe(3);
    expect(b.lines[0].projectedCents).toBeGreaterThan(b.lines[0].spentCents + b.lines[0].committedCents);
  });
});

describe('bad input gets a 400 naming the field, and nothing changes', () => {
  const expect400 = async (res: Response, path: string) => {
    const body = await res.json();
    expect(res.status, JSON.stringify(body)).toBe(400);
    expect(body.error.details.map((d: { path: string }) => d.path)).toContain(path);
  };
  const grant = {
    id: 'g-b',
    householdId: 'hh-b',
    amountCents: 20_000,
    validFrom: '2026-11-01',
    validTo: '2026-12-31',
    fundingLine: 'cofunding',
    ambito: 'Castellanza',
  };

  it('unknown comune', async () => {
    await expect400(
      await c.fetch('/api/organisations', {
        method: 'POST',
        json: { id: 'org-x', name: 'X', kind: 'partner', comune: 'Gallarate', ambito: 'Castellanza' },
      }),
      'comune',
    );
    expect((await c.fetch('/api/organisations/org-x')).status).toBe(404);
    await expect400(await c.fetch('/api/reports/monitoring?from=2026-11-01&to=2026-11-30&comune=Varese'), 'comune');
    await expect400(
      await c.fetch('/api/providers/prov-coop', {
        method: 'PUT',
        json: { id: 'prov-coop', name: 'C', tariff: { unit: 'trip', centsPerUnit: 1 }, comuni: ['Atlantide'] },
      }),
      'comuni.0',
    );
    expect((await json(await c.fetch('/api/providers/prov-coop'))).body.tariff.centsPerUnit).toBe(500);
  });

  it('negative amounts and an overlapping grant period', async () => {
    await expect400(
      await c.fetch('/api/programme/grants', { method: 'POST', json: { ...grant, amountCents: -5 } }),
      'amountCents',
    );
    expect((await c.fetch('/api/programme/grants', { method: 'POST', json: grant })).status).toBe(201);
    await expect400(
      await c.fetch('/api/programme/grants', {
        method: 'POST',
        json: { ...grant, id: 'g-b2', validFrom: '2026-12-15', validTo: '2027-03-31', amountCents: 99 },
      }),
      'validFrom',
    );
    await expect400(
      await c.fetch('/api/programme/budget/regional', {
        method: 'PUT',
        json: { amountCents: -1, periodFrom: '2026-09-01', periodTo: '2027-06-30' },
      }),
      'amountCents',
    );
    const grants = (await json(await c.fetch('/api/programme/grants?householdId=hh-b'))).body;
    expect(grants).toEqual([grant]);
  });

  it('a tariff in the wrong unit', async () => {
    const provider = { id: 'prov-x', name: 'X', vehicleIds: [] };
    await expect400(
      await c.fetch('/api/providers', {
        method: 'POST',
        json: { ...provider, tariff: { unit: 'euro', centsPerUnit: 500 } },
      }),
      'tariff.unit',
    );
    await expect400(
      await c.fetch('/api/providers', {
        method: 'POST',
        json: { ...provider, tariff: { unit: 'km', centsPerUnit: 0.8 } },
      }),
      'tariff.centsPerUnit',
    );
    await expect400(
      await c.fetch('/api/providers', {
        method: 'POST',
        json: { ...provider, tariff: { unit: 'trip', centsPerUnit: 500 }, vehicleIds: ['v1'] },
      }),
      'vehicleIds.0',
    );
    expect((await c.fetch('/api/providers/prov-x')).status).toBe(404);
  });

  it('an unknown employer and a declaration without its date', async () => {
    const before = (await json(await c.fetch('/api/programme/households/hh-b/eligibility'))).body.enrolment;
    await expect400(
      await c.fetch('/api/programme/households/hh-b/enrolment', { method: 'PUT', json: { employerIds: ['org-none'] } }),
      'employerIds.0',
    );
    await expect400(
      await c.fetch('/api/programme/households/hh-b/enrolment', {
        method: 'PUT',
        json: { notOtherwiseSupported: true },
      }),
      'declaredOn',
    );
    expect((await json(await c.fetch('/api/programme/households/hh-b/eligibility'))).body.enrolment).toEqual(before);
  });

  it('families and drivers cannot reach the coordinator endpoints; a family cannot read another household', async () => {
    const f = await t.login('family');
    expect((await f.fetch('/api/programme/requests')).status).toBe(403);
    expect((await f.fetch('/api/reports/monitoring?from=2026-11-01&to=2026-11-30')).status).toBe(403);
    expect((await f.fetch('/api/programme/households/hh-b/voucher')).status).toBe(403);
    const d = await t.login('driver');
    expect((await d.fetch('/api/programme/budget')).status).toBe(403);
  });
});
