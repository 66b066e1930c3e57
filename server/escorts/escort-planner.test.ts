/**
 * Escorts are scarce in the tiny week: one escort, Elisa, works Monday, Tuesday, Thursday and
 * Friday mornings only. Children (and anyone flagged as needing assistance) travel only with an
 * escort aboard. They ride only on Elisa's runs; their afternoon trips and Wednesday's are
 * reported unserved with the reason; the independent plan checker confirms nobody who needs an
 * escort rides without one, and that the escort's seat and shift hold.
 */
import { describe, expect, it } from 'vitest';
import { checkPlan } from '../../test/helpers/plan-checker.ts';
import type { Escort } from '../contract/safeguarding.ts';
import { planWeekDetailed } from '../planning/plan-week.ts';
import { tinyWeek } from '../planning/testing/tiny-week.ts';
import { EstimateProvider } from '../routing/estimate/estimate-provider.ts';
import { type EscortRules, needsEscortAboard } from './escort-rules.ts';
import type { Run } from '../planning/runs.ts';
import { assignEscorts, planWeekWithEscorts } from './escort-planner.ts';

const routing = new EstimateProvider({ detourFactor: 1.3, urbanKmh: 25, extraUrbanKmh: 55, urbanM: 3000 });
const deps = { routing, seed: 1, timeLimitMs: 10_000, maxIterationsPerDay: 300, now: () => performance.now() };
const morning = { from: '07:00', to: '10:30' };
const escorts: Escort[] = [
  {
    id: 'esc-elisa',
    name: 'Elisa',
    phone: '',
    qualifications: ['first aid'],
    shifts: { mon: morning, tue: morning, thu: morning, fri: morning },
    maxHoursPerWeek: 20,
  },
];
const rules: EscortRules = { assistanceFlag: true, ageGroups: ['child'] };
const CHILDREN = ['p1', 'p2', 'p3'];

describe('escorts as a scheduled resource', () => {
  it('a week with scarce escorts serves those who need one only on runs with an escort, and says why the others are not', async () => {
    const data = tinyWeek();
    const r = await planWeekWithEscorts({ data, week: data.week }, deps, escorts, rules);
    const routes = r.plan.days.flatMap((d) => d.routes.map((route) => ({ date: d.date, route })));
    const childRides = routes.filter(({ route }) =>
      route.stops.some((s) => s.boards.some((b) => CHILDREN.includes(b.passengerId))),
    );
    expect(childRides.length).toBeGreaterThan(0);
    for (const { route } of childRides) expect(route.escortId).toBe('esc-elisa');
    // Every served child trip is an outbound morning trip on Mon, Tue, Thu or Fri.
    const served = childRides.flatMap(({ date, route }) =>
      route.stops.flatMap((s) =>
        s.boards.filter((b) => CHILDREN.includes(b.passengerId)).map((b) => `${date} ${b.direction}`),
      ),
    );
    expect(new Set(served)).toEqual(
      new Set(['2026-11-30 outbound', '2026-12-01 outbound', '2026-12-03 outbound', '2026-12-04 outbound']),
    );

    const missing = r.plan.unserved.filter((u) => u.reason === 'ESCORT_MISSING');
    expect(missing.every((u) => CHILDREN.includes(u.passengerId))).toBe(true);
    // The afternoon of every day, and Wednesday entirely, have no escort.
    expect(missing.filter((u) => u.direction === 'return').length).toBe(
      r.trips.filter((t) => CHILDREN.includes(t.passenger.id) && t.direction === 'return').length,
    );
    const wednesday = missing.filter((u) => u.date === '2026-12-02' && u.direction === 'outbound');
    expect(wednesday.map((u) => u.passengerId).sort()).toEqual(['p1', 'p2', 'p3']);
    expect(wednesday[0]!.message).toMatch(/no escort is on duty on 2026-12-02/);
    // Every child trip is either served on an escort's run or reported with the reason.
    const childTrips = r.trips.filter((t) => CHILDREN.includes(t.passenger.id));
    expect(served.length + missing.length).toBe(childTrips.length);
    // Passengers who need no escort are served as before (Franco in his lift van every day).
    expect(r.plan.unserved.filter((u) => u.passengerId === 'p4')).toEqual([]);

    const ctx = {
      ...data,
      escorts: {
        list: escorts,
        needsEscortAboard: (p: (typeof data.passengers)[number], date: string) => needsEscortAboard(p, rules, date),
      },
    };
    expect(checkPlan(r.plan, ctx)).toEqual([]);
  });

  it('the checker catches a child on a run without an escort, an escort outside their shift or on two runs at once', async () => {
    const data = tinyWeek();
    const ctx = {
      ...data,
      escorts: {
        list: escorts,
        needsEscortAboard: (p: (typeof data.passengers)[number], date: string) => needsEscortAboard(p, rules, date),
      },
    };
    // Planned without escorts, children ride runs with nobody aboard to look after them.
    const plain = await planWeekDetailed({ data, week: data.week }, deps);
    const codes = checkPlan(plain.plan, ctx).map((v) => v.code);
    expect(codes).toContain('ESCORT');

    const r = await planWeekWithEscorts({ data, week: data.week }, deps, escorts, rules);
    const monday = r.plan.days.find((d) => d.date === '2026-11-30')!;
    const withEscort = monday.routes.find((route) => route.escortId)!;
    withEscort.escortId = null;
    expect(checkPlan(r.plan, ctx).some((v) => v.code === 'ESCORT' && /has none/.test(v.message))).toBe(true);
    withEscort.escortId = 'esc-elisa';
    const shortShift = [{ ...escorts[0]!, shifts: { ...escorts[0]!.shifts, mon: { from: '07:00', to: '07:30' } } }];
    expect(
      checkPlan(r.plan, { ...ctx, escorts: { ...ctx.escorts, list: shortShift } }).some((v) =>
        /works 07:00–07:30/.test(v.message),
      ),
    ).toBe(true);
    // The same escort on a second van at the same time.
    monday.routes.push({ ...withEscort, id: `${withEscort.id}-twin`, vehicleId: 'v2', driverId: 'd2' });
    expect(
      checkPlan(r.plan, ctx).some(
        (v) => v.code === 'ESCORT' && /escort esc-elisa is on .* at the same time/.test(v.message),
      ),
    ).toBe(true);
  });
});

describe("an escort's weekly hours", () => {
  it('assignEscorts gives an escort no more than what is left of the week, and nobody with less than an hour left', () => {
    const elisa = { ...escorts[0]!, maxHoursPerWeek: 5 };
    const run = { vehicle: { id: 'v1' }, shiftStartS: 7 * 3600, shiftEndS: 12 * 3600 } as unknown as Run;
    // 07:00–10:30 on Monday's morning run: 3.5 h of her 5
    expect(assignEscorts([elisa], '2026-11-30', 'am', [run])).toMatchObject([{ fromS: 7 * 3600, toS: 10.5 * 3600 }]);
    // with 3.5 h held elsewhere, 1.5 h are left: the window is shortened to 07:00–08:30
    expect(assignEscorts([elisa], '2026-12-01', 'am', [run], new Map([['esc-elisa', 3.5 * 3600]]))).toMatchObject([
      { fromS: 7 * 3600, toS: 8.5 * 3600 },
    ]);
    // with 4.5 h held, half an hour is left: not assigned
    expect(assignEscorts([elisa], '2026-12-03', 'am', [run], new Map([['esc-elisa', 4.5 * 3600]]))).toEqual([]);
  });

  it('a week planned with a 7-hour escort never rides her beyond 7 hours; the children left without her are ESCORT_MISSING and say why', async () => {
    const data = tinyWeek();
    const short = [{ ...escorts[0]!, maxHoursPerWeek: 7 }];
    const r = await planWeekWithEscorts({ data, week: data.week }, deps, short, rules);
    // Independent of the planner: the escort's routes, first departure to return, add up to at most 7 h.
    const ridden = r.plan.days.flatMap((d) => d.routes.filter((x) => x.escortId === 'esc-elisa' && x.stops.length > 0));
    const hours = ridden.reduce((s, x) => s + (Date.parse(x.return) - Date.parse(x.departure)) / 3_600_000, 0);
    expect(ridden.length).toBeGreaterThan(0);
    expect(hours).toBeLessThanOrEqual(7);
    const held = r.assignments.reduce((s, a) => s + (a.toS - a.fromS), 0);
    expect(held).toBeLessThanOrEqual(7 * 3600);
    // Her shifts cover four mornings of 3.5 h (14 h): at most two of them fit in 7 h.
    const days = new Set(r.assignments.map((a) => a.date));
    expect(days.size).toBeLessThanOrEqual(2);
    const withoutHer = ['2026-11-30', '2026-12-01', '2026-12-03', '2026-12-04'].filter((d) => !days.has(d));
    expect(withoutHer.length).toBeGreaterThanOrEqual(2);
    for (const date of withoutHer) {
      const children = r.trips.filter(
        (t) => t.date === date && t.direction === 'outbound' && CHILDREN.includes(t.passenger.id),
      );
      const missing = r.plan.unserved.filter(
        (u) => u.date === date && u.direction === 'outbound' && CHILDREN.includes(u.passengerId),
      );
      expect(children.length).toBeGreaterThan(0);
      expect(missing.map((u) => u.passengerId).sort()).toEqual(children.map((t) => t.passenger.id).sort());
      for (const u of missing) {
        expect(u.reason).toBe('ESCORT_MISSING');
        expect(u.message).toMatch(/esc-elisa: \d+(\.\d)? of 7 h a week\) have no weekly hours left/);
      }
    }
    const ctx = {
      ...data,
      escorts: {
        list: short,
        needsEscortAboard: (p: (typeof data.passengers)[number], date: string) => needsEscortAboard(p, rules, date),
      },
    };
    expect(checkPlan(r.plan, ctx)).toEqual([]);
  });
});
