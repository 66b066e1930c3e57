import { describe, expect, it } from 'vitest';
import { PlanSchema, type Plan } from '../contract/plan.ts';
import { EstimateProvider } from '../routing/estimate/estimate-provider.ts';
import { checkPlan } from '../../test/helpers/plan-checker.ts';
import { continuityReport } from './continuity.ts';
import { lockedOnly, locksOf, setLock } from '../plan-edit/locks.ts';
import { planMoves } from './moves.ts';
import { planWeekDetailed, type PlanWeekInput } from './plan-week.ts';
import { tinyWeek } from './testing/tiny-week.ts';
import { verifyDays } from './verify-days.ts';
import { tripKeyOf } from '../contract/trip-key.ts';

const routing = new EstimateProvider({ detourFactor: 1.3, urbanKmh: 25, extraUrbanKmh: 55, urbanM: 3000 });
const deps = { routing, seed: 1, timeLimitMs: 5000, maxIterationsPerDay: 300, now: () => performance.now() };
const plan = (input: PlanWeekInput) => planWeekDetailed(input, deps);
const rideLimits = (trips: Awaited<ReturnType<typeof plan>>['trips']) =>
  new Map(trips.map((t) => [tripKeyOf(t), t.maxRideS]));

describe('planning a week', () => {
  it('every planned day passes the exact route check and the independent plan checker', async () => {
    const data = tinyWeek();
    const r = await plan({ data, week: data.week });
    expect(PlanSchema.parse(r.plan)).toBeTruthy();
    expect(r.plan.status).toBe('draft');
    expect(r.plan.provider).toBe('estimate');
    expect(verifyDays(r.days)).toEqual([]);
    expect(checkPlan(r.plan, { ...data, maxRideS: rideLimits(r.trips) })).toEqual([]);
    expect(r.plan.summary.tripsServed).toBe(r.trips.length);
  });

  it('a wheelchair user rides only the lift van, and drivers drive only vans they may drive', async () => {
    const data = tinyWeek();
    const { plan: p } = await plan({ data, week: data.week });
    const franco = p.days
      .flatMap((d) => d.routes)
      .filter((r) => r.stops.some((s) => s.boards.some((b) => b.passengerId === 'p4')));
    expect(franco.length).toBe(10);
    expect(new Set(franco.map((r) => r.vehicleId))).toEqual(new Set(['v2']));
    expect(
      p.days
        .flatMap((d) => d.routes)
        .filter((r) => r.vehicleId === 'v1')
        .map((r) => r.driverId),
    ).not.toContain('d2');
  });

  it('a trip whose work hours cannot be met is listed as unserved with its reason, never dropped', async () => {
    const data = tinyWeek();
    const { plan: p } = await plan({ data, week: data.week });
    const luisa = p.unserved.filter((u) => u.passengerId === 'p5');
    expect(luisa.map((u) => `${u.date} ${u.direction} ${u.reason}`)).toEqual([
      '2026-12-01 outbound OUTBOUND_AFTER_ADULT_LEAVES',
      '2026-12-03 outbound OUTBOUND_AFTER_ADULT_LEAVES',
    ]);
    expect(luisa[0].message).toMatch(/leaves for work at 07:30/);
    expect(p.summary.householdsRespectedPct).toBe(80);
  });

  it('passengers keep their van and a pickup time within 10 minutes across the days they travel', async () => {
    const data = tinyWeek();
    const { plan: p } = await plan({ data, week: data.week });
    const c = continuityReport(p);
    expect(c.multiDayPassengers).toBe(5);
    expect(c.sameVehiclePct).toBeGreaterThanOrEqual(90);
    expect(c.pickupSpreadWithin10MinPct).toBeGreaterThanOrEqual(90);
    expect(p.summary.continuity).toEqual({
      sameVehiclePct: c.sameVehiclePct,
      pickupSpreadWithin10MinPct: c.pickupSpreadWithin10MinPct,
    });
  });

  it('re-planning after an absence and a new request moves nobody else beyond the limit', async () => {
    const data = tinyWeek();
    const first = await plan({ data, week: data.week });
    const published: Plan = { ...first.plan, status: 'published' };
    data.requests[1].exceptions = ['2026-12-02']; // Marco is absent on Wednesday
    data.passengers.push({ ...data.passengers[1], id: 'p6', name: 'Nina B.' });
    data.requests.push({ ...data.requests[1], id: 'r6', passengerId: 'p6', weekdays: ['wed'], exceptions: [] });
    const second = await plan({ data, week: data.week, previous: published, maxShiftMin: 10, version: 2 });
    expect(checkPlan(second.plan, { ...data, maxRideS: rideLimits(second.trips) })).toEqual([]);
    const moves = planMoves(published, second.plan);
    expect(moves.moves.filter((m) => m.kind === 'no-longer-served').map((m) => `${m.passengerId} ${m.date}`)).toEqual([
      'p2 2026-12-02',
      'p2 2026-12-02',
    ]);
    expect(moves.moves.filter((m) => m.kind === 'newly-served').map((m) => m.passengerId)).toEqual(['p6', 'p6']);
    for (const m of moves.moves.filter((x) => x.kind === 'moved')) expect(Math.abs(m.shiftMin)).toBeLessThanOrEqual(10);
  });

  it('a request the coordinator locked on another van is planned on that van', async () => {
    const data = tinyWeek();
    const date = '2026-12-02';
    const { plan: free } = await plan({ data, week: data.week });
    const vanOf = (p: Plan) =>
      p.days
        .find((d) => d.date === date)!
        .routes.find((r) =>
          r.stops.some((s) => s.requestId === 'r2' && s.kind === 'pickup' && s.boards[0].direction === 'outbound'),
        )!;
    const was = vanOf(free);
    const other = was.vehicleId === 'v1' ? 'v2' : 'v1';
    const part = was.id.endsWith('.pm') ? 'pm' : 'am';
    const { plan: pinned } = await plan({
      data,
      week: data.week,
      locks: [{ date, requestId: 'r2', direction: 'outbound', vehicleId: other, part }],
    });
    expect(vanOf(pinned).vehicleId).toBe(other);
  });

  it('re-optimising keeps each locked request on its run and the locked stops in their order', async () => {
    const data = tinyWeek();
    const date = '2026-12-02';
    const first = await plan({ data, week: data.week });
    let base = first.plan;
    for (const requestId of ['r1', 'r2', 'r4']) base = setLock(base, date, requestId, true);
    const lockedStops = (p: Plan) =>
      p.days
        .find((d) => d.date === date)!
        .routes.map(
          (r) =>
            `${r.id}: ${r.stops
              .filter((s) => ['r1', 'r2', 'r4'].includes(s.requestId))
              .map((s) => `${s.requestId}.${s.kind}`)
              .join(' ')}`,
        );
    const again = await planWeekDetailed(
      { data, week: data.week, previous: lockedOnly(base), maxShiftMin: 2, locks: locksOf(base), version: 2 },
      { ...deps, seed: 7 },
    );
    expect(verifyDays(again.days)).toEqual([]);
    expect(lockedStops(again.plan)).toEqual(lockedStops(base));
  });
});
