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
import { planWeekWithEscorts } from './escort-planner.ts';

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
