/**
 * The independent plan checker must catch what it claims to: each test breaks a feasible plan
 * of the tiny week in one way and expects exactly that kind of violation.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Plan } from '../../server/contract/plan.ts';
import { planWeekDetailed } from '../../server/planning/plan-week.ts';
import { tinyWeek } from '../../server/planning/testing/tiny-week.ts';
import { EstimateProvider } from '../../server/routing/estimate/estimate-provider.ts';
import { checkPlan, type PlanCheckContext } from '../helpers/plan-checker.ts';
import { tripKeyOf } from '../../server/contract/trip-key.ts';

const routing = new EstimateProvider({ detourFactor: 1.3, urbanKmh: 25, extraUrbanKmh: 55, urbanM: 3000 });
const data = tinyWeek();
let plan: Plan;
let ctx: PlanCheckContext;
beforeAll(async () => {
  const r = await planWeekDetailed(
    { data, week: data.week },
    { routing, seed: 1, timeLimitMs: 10_000, maxIterationsPerDay: 200, now: () => performance.now() },
  );
  plan = r.plan;
  ctx = { ...data, maxRideS: new Map(r.trips.map((t) => [tripKeyOf(t), t.maxRideS])) };
});
const copy = (): Plan => structuredClone(plan);
const codes = (p: Plan) => [...new Set(checkPlan(p, ctx).map((v) => v.code))];

describe('the independent plan checker', () => {
  it('accepts the planned week', () => {
    expect(checkPlan(plan, ctx)).toEqual([]);
  });

  it('catches a wheelchair user in a van without a lift', () => {
    const p = copy();
    const route = p.days[0].routes.find((r) => r.stops.some((s) => s.boards.some((b) => b.passengerId === 'p4')))!;
    route.vehicleId = 'v1';
    route.driverId = 'd1';
    expect(codes(p)).toContain('LIFT_REQUIRED');
  });

  it('catches a pickup outside its window', () => {
    const p = copy();
    const route = p.days[0].routes[0];
    const pickup = route.stops.find((s) => s.kind === 'pickup')!;
    pickup.window.from = pickup.window.to = route.return; // the window now opens after the pickup
    expect(codes(p)).toEqual(['TIME_WINDOW']);
  });

  it('catches a ride longer than its limit', () => {
    const strict = { ...ctx, maxRideS: new Map([...ctx.maxRideS!.keys()].map((k) => [k, 60])) };
    expect(new Set(checkPlan(plan, strict).map((v) => v.code))).toEqual(new Set(['RIDE_TIME']));
  });

  it('catches a passenger dropped off who never boarded', () => {
    const p = copy();
    const route = p.days[0].routes[0];
    route.stops = route.stops.filter(
      (s) =>
        s.kind !== 'pickup' ||
        s.boards[0].passengerId !== route.stops.find((x) => x.kind === 'delivery')!.alights[0].passengerId,
    );
    expect(codes(p)).toContain('PRECEDENCE');
  });

  it('catches more seats taken than the van has, and a driver over their daily hours', () => {
    const small = { ...ctx, vehicles: ctx.vehicles.map((v) => ({ ...v, capacity: { seats: 0, wheelchairs: 0 } })) };
    expect(new Set(checkPlan(plan, small).map((v) => v.code))).toContain('CAPACITY');
    const tired = { ...ctx, drivers: ctx.drivers.map((d) => ({ ...d, maxHoursPerDay: 0.1 })) };
    expect(checkPlan(plan, tired).some((v) => v.code === 'DRIVER' && /a day/.test(v.message))).toBe(true);
  });

  it('catches one van on two runs at the same time', () => {
    const p = copy();
    const [a, b] = p.days[0].routes.filter((r) => r.id.endsWith('.am'));
    b.vehicleId = a.vehicleId;
    b.departure = a.departure;
    expect(checkPlan(p, ctx).some((v) => v.code === 'SHIFT' && /same time/.test(v.message))).toBe(true);
  });
});
