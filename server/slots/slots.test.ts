import { beforeAll, describe, expect, it } from 'vitest';
import type { Scenario } from '../contract/domain.ts';
import type { Plan } from '../contract/plan.ts';
import { fromIsoRome, weekdayOf } from '../domain/calendar.ts';
import { EstimateProvider } from '../routing/estimate/estimate-provider.ts';
import { toSeconds } from '../windows/time-of-day.ts';
import { checkPlan } from '../../test/helpers/plan-checker.ts';
import { planWeekDetailed } from '../planning/plan-week.ts';
import { tinyWeek } from '../planning/testing/tiny-week.ts';
import { bookSlot } from './book-slot.ts';
import { querySlots } from './query-slots.ts';
import { buildSlotContext } from './slot-context.ts';
import { SlotBookSchema, SlotQuerySchema, type SlotQuery } from './slot-schemas.ts';

const routing = new EstimateProvider({ detourFactor: 1.3, urbanKmh: 25, extraUrbanKmh: 55, urbanM: 3000 });
const deps = { routing, seed: 1, timeLimitMs: 5000, maxIterationsPerDay: 300, now: () => performance.now() };

async function published(data: Scenario): Promise<Plan> {
  const { plan } = await planWeekDetailed({ data, week: data.week }, deps);
  return { ...plan, status: 'published' };
}
const ask = async (plan: Plan, data: Scenario, q: SlotQuery) =>
  querySlots(await buildSlotContext(plan, data, routing), SlotQuerySchema.parse(q));

/** The tiny week plus Nina, Marco's sister, who has no trips yet. */
function withNina(): Scenario {
  const data = tinyWeek();
  data.passengers.push({ ...data.passengers[1], id: 'p6', name: 'Nina B.' });
  return data;
}

describe('slot offering and booking', () => {
  let plan: Plan;
  beforeAll(async () => {
    plan = await published(withNina());
  });

  it('offers per weekday a 10-minute pickup window that fits the adult’s work hours', async () => {
    const a = await ask(plan, withNina(), {
      passengerId: 'p6',
      serviceId: 'nido',
      weekdays: ['mon', 'tue', 'wed', 'thu', 'fri'],
    });
    expect(a.feasible).toBe(true);
    expect(a.days).toHaveLength(5);
    for (const d of a.days) {
      const o = d.outbound!.options[0];
      expect(toSeconds(o.promise.to) - toSeconds(o.promise.from)).toBeLessThanOrEqual(600);
      expect(toSeconds(o.pickupAt)).toBeLessThanOrEqual(toSeconds('08:30') - 10 * 60); // Luca leaves at 08:30
      expect(toSeconds(d.return!.options[0].arriveAt)).toBeGreaterThanOrEqual(toSeconds('16:15') + 10 * 60); // and is back at 16:15
      expect(d.outbound!.options.map((x) => x.addedCost)).toEqual(
        [...d.outbound!.options.map((x) => x.addedCost)].sort((x, y) => x - y),
      );
    }
    expect(a.lines.join('\n')).toMatch(/collected \d\d:\d\d–\d\d:\d\d, arrives \d\d:\d\d/);
  });

  it('a query whose work hours cannot be met returns the reason and the nearest feasible alternative', async () => {
    const a = await ask(plan, withNina(), {
      passengerId: 'p6',
      serviceId: 'cdd',
      weekdays: ['mon'],
      workHours: { leaves: '07:30', back: '16:15' },
    });
    expect(a.feasible).toBe(false);
    const out = a.days[0].outbound!;
    expect(out.reason).toBe('OUTBOUND_AFTER_ADULT_LEAVES');
    expect(out.message).toMatch(/leaves for work at 07:30/);
    expect(out.fix).toMatch(/another adult/i);
    expect(out.nearest).toBeDefined();
    expect(toSeconds(out.nearest!.pickupAt)).toBeGreaterThan(toSeconds('07:20'));
    expect(out.nearest!.note).toMatch(/collected at \d\d:\d\d/);
  });

  it('a booked slot is honoured by the next full re-optimisation', async () => {
    const data = withNina();
    const ctx = await buildSlotContext(plan, data, routing);
    const booking = await bookSlot(
      ctx,
      SlotBookSchema.parse({
        query: { passengerId: 'p6', serviceId: 'nido', weekdays: ['mon', 'tue', 'wed', 'thu', 'fri'] },
        validFrom: '2026-11-01',
        validTo: '2027-06-30',
      }),
      '2026-11-23T18:00:00+01:00',
    );
    expect(booking.plan.version).toBe(plan.version + 1);
    expect(checkPlan(booking.plan, data)).toEqual([]);
    const promised = booking.request.promised!;
    expect(Object.keys(promised)).toEqual(['mon', 'tue', 'wed', 'thu', 'fri']);

    data.requests.push(booking.request);
    const again = await planWeekDetailed({ data, week: data.week }, { ...deps, seed: 7 });
    expect(checkPlan(again.plan, data)).toEqual([]);
    const ninaStops = again.plan.days.flatMap((d) =>
      d.routes.flatMap((r) => r.stops.filter((s) => [...s.boards, ...s.alights].some((p) => p.passengerId === 'p6'))),
    );
    expect(ninaStops).toHaveLength(20);
    for (const s of ninaStops) {
      const weekday = (['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const)[
        new Date(s.start.slice(0, 10)).getUTCDay()
      ];
      const at = fromIsoRome(s.start).secondsOfDay;
      const home =
        s.kind === 'pickup'
          ? s.boards[0].direction === 'outbound'
            ? promised[weekday]!.pickup
            : undefined
          : s.alights[0].direction === 'return'
            ? promised[weekday]!.dropoff
            : undefined;
      if (!home) continue;
      expect(at).toBeGreaterThanOrEqual(toSeconds(home.from));
      expect(at).toBeLessThanOrEqual(toSeconds(home.to) + 59);
    }
  });
});

describe('an absence frees the seat', () => {
  /** One lift van with one wheelchair place; the day centre takes arrivals only from 08:50 to 08:55. */
  function tight(): Scenario {
    const data = tinyWeek();
    data.services[1].hours.mon = { open: { from: '08:50', to: '17:00' }, activity: { from: '09:00', to: '16:00' } };
    data.passengers.push({
      ...data.passengers[3],
      id: 'p7',
      name: 'Ugo N.',
      home: { lat: 45.5955, lon: 8.8905, label: 'Via Carducci 6' },
    });
    return data;
  }

  it('no wheelchair place while Franco travels; after his absence the same query finds one', async () => {
    const data = tight();
    const plan = await published(data);
    const q: SlotQuery = { passengerId: 'p7', serviceId: 'cdd', weekdays: ['mon'], return: false };
    const before = await ask(plan, data, q);
    expect(before.days[0].outbound!.options).toEqual([]);
    expect(before.days[0].outbound!.message).toMatch(/wheelchair place|lift/);

    data.requests[3].exceptions = ['2026-11-30']; // Franco is away on Monday
    const after = await ask(plan, data, q);
    expect(after.days[0].outbound!.options.length).toBeGreaterThan(0);
    expect(after.days[0].outbound!.options[0].vehicleId).toBe('v2');
  });
});

describe('booking outbound trips only does not drop the return trips (data loss on re-booking)', () => {
  const stopsOf = (p: Plan, passengerId: string) =>
    p.days.flatMap((d) =>
      d.routes.flatMap((r) =>
        r.stops.flatMap((s) =>
          [...s.boards, ...s.alights]
            .filter((x) => x.passengerId === passengerId && s.requestId === x.requestId)
            .map((x) => ({ date: d.date, kind: s.kind, direction: x.direction, requestId: x.requestId })),
        ),
      ),
    );
  const weekdays = ['mon', 'tue', 'wed'] as const;
  const datesOf = (p: Plan, passengerId: string, direction: string, kind: string) =>
    stopsOf(p, passengerId)
      .filter((s) => s.direction === direction && s.kind === kind)
      .map((s) => s.date)
      .sort();
  // Anna (p1) travels to the nursery and back Monday to Friday (r1); her mother now leaves at 08:40 on Mon–Wed.
  const book = async (plan: Plan, data: Scenario, validFrom: string, validTo: string) =>
    bookSlot(
      await buildSlotContext(plan, data, routing),
      SlotBookSchema.parse({
        query: {
          passengerId: 'p1',
          serviceId: 'nido',
          weekdays,
          return: false,
          workHours: { leaves: '08:40', back: '17:00' },
        },
        validFrom,
        validTo,
      }),
      '2026-11-23T18:00:00+01:00',
    );
  const stored = (data: Scenario, b: Awaited<ReturnType<typeof book>>) => [
    ...data.requests.filter(
      (r) =>
        r.id !== b.request.id && !b.removedRequestIds.includes(r.id) && !b.updatedRequests.some((u) => u.id === r.id),
    ),
    ...b.updatedRequests,
    b.request,
  ];

  let plan: Plan;
  beforeAll(async () => {
    plan = await published(tinyWeek());
  });

  for (const [story, validFrom] of [
    ['over the same period: the existing request is tightened', '2026-09-01'],
    ['from another date: the booked part becomes a request of its own', '2026-11-01'],
  ] as const) {
    it(`outbound Mon–Wed with new times keeps the return Mon–Fri and outbound Thu–Fri, planned and stored (${story})`, async () => {
      const data = tinyWeek();
      const before = {
        out: datesOf(plan, 'p1', 'outbound', 'pickup'),
        back: datesOf(plan, 'p1', 'return', 'delivery'),
      };
      expect(before.out).toHaveLength(5);
      expect(before.back).toHaveLength(5);
      const b = await book(plan, data, validFrom, '2027-06-30');
      expect(b.answer.feasible).toBe(true);
      expect(b.removedRequestIds).toEqual([]);
      if (validFrom === '2026-09-01') expect(b.request.id).toBe('r1');
      else {
        expect(b.request.id).not.toBe('r1');
        // Before the booking is valid, Anna's outbound Mon–Wed trips stay as they were.
        expect(b.updatedRequests.find((r) => r.validTo === '2026-10-31')).toMatchObject({
          weekdays: [...weekdays],
          outbound: true,
          return: false,
          validFrom: '2026-09-01',
        });
      }

      // The plan after booking: every trip of Anna is still there, once.
      expect(datesOf(b.plan, 'p1', 'outbound', 'pickup')).toEqual(before.out);
      expect(datesOf(b.plan, 'p1', 'return', 'delivery')).toEqual(before.back);
      const requests = stored(data, b);
      expect(checkPlan(b.plan, data)).toEqual([]);
      // Each planned trip names a stored request that asks for it.
      for (const t of stopsOf(b.plan, 'p1')) {
        const r = requests.find((x) => x.id === t.requestId);
        expect(r?.weekdays, `${t.date} ${t.direction} → ${t.requestId}`).toContain(weekdayOf(t.date));
        expect(r?.[t.direction]).toBe(true);
      }

      // The stored requests still ask for all ten trips, each exactly once.
      const asked = requests
        .filter((r) => r.passengerId === 'p1' && r.validFrom <= '2026-11-30' && r.validTo >= '2026-12-06')
        .flatMap((r) =>
          r.weekdays.flatMap((d) => (['outbound', 'return'] as const).filter((x) => r[x]).map((x) => `${d}|${x}`)),
        )
        .sort();
      expect(asked).toEqual(
        ['mon', 'tue', 'wed', 'thu', 'fri'].flatMap((d) => [`${d}|outbound`, `${d}|return`]).sort(),
      );
      // The booked days carry the new pickup promise, and only those.
      for (const d of b.answer.days)
        expect(b.request.promised![d.weekday]!.pickup).toEqual(d.outbound!.options[0].promise);
      expect(b.request.promised?.thu?.pickup).toBeUndefined();
      expect(Object.values(b.request.promised!).some((p) => p.dropoff)).toBe(false);

      // And the next full re-optimisation from the stored requests plans them all.
      const again = await planWeekDetailed({ data: { ...data, requests }, week: data.week }, { ...deps, seed: 3 });
      expect(datesOf(again.plan, 'p1', 'outbound', 'pickup')).toEqual(before.out);
      expect(datesOf(again.plan, 'p1', 'return', 'delivery')).toEqual(before.back);
    });
  }
});
