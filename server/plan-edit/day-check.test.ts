import { beforeAll, describe, expect, it } from 'vitest';
import type { Vehicle } from '../contract/domain.ts';
import type { Plan } from '../contract/plan.ts';
import { planWeek } from '../planning/plan-week.ts';
import { tinyWeek } from '../planning/testing/tiny-week.ts';
import { parseRoutingConfig } from '../routing/config.ts';
import { createRoutingProvider } from '../routing/create-routing-provider.ts';
import { buildDayCheck, dayViolations, retimedRoute } from './day-check.ts';

const routing = createRoutingProvider(parseRoutingConfig({}));
const vehicles = new Map<string, Vehicle>(tinyWeek().vehicles.map((v) => [v.id, v]));
let plan: Plan;
let date: string;
beforeAll(async () => {
  plan = await planWeek(
    { data: tinyWeek(), week: '2026-W49' },
    { routing, seed: 3, timeLimitMs: 300, maxIterationsPerDay: 200, now: Date.now },
  );
  date = plan.days.find((d) => d.routes.length > 0)!.date;
});

const withRoute = (p: Plan, edit: (r: Plan['days'][0]['routes'][0]) => Plan['days'][0]['routes'][0]): Plan => ({
  ...p,
  days: p.days.map((d) => (d.date === date ? { ...d, routes: d.routes.map((r, k) => (k === 0 ? edit(r) : r)) } : d)),
});

describe('validating a stored plan with the solver', () => {
  it('the planned day, re-derived from the stored plan, has no violations', async () => {
    expect(dayViolations(await buildDayCheck(plan, date, vehicles, routing))).toEqual([]);
  });

  it('a route driven backwards breaks precedence, and says which stop', async () => {
    const broken = withRoute(plan, (r) => ({ ...r, stops: [...r.stops].reverse() }));
    const v = dayViolations(await buildDayCheck(broken, date, vehicles, routing));
    expect(v.some((x) => x.code === 'PRECEDENCE' && x.stopId !== undefined)).toBe(true);
  });

  it('a window nobody can meet is a TIME_WINDOW violation; a route without a driver is a DRIVER one', async () => {
    const broken = withRoute(plan, (r) => ({
      ...r,
      driverId: null,
      stops: r.stops.map((s, k) =>
        k === 0 ? { ...s, window: { from: `${date}T05:00:00+01:00`, to: `${date}T05:01:00+01:00` } } : s,
      ),
    }));
    const codes = dayViolations(await buildDayCheck(broken, date, vehicles, routing)).map((x) => x.code);
    expect(codes).toContain('TIME_WINDOW');
    expect(codes).toContain('DRIVER');
  });

  it('re-timing a valid route gives times inside every window, in route order', async () => {
    const check = await buildDayCheck(plan, date, vehicles, routing);
    const route = retimedRoute(check, 0);
    for (const s of route.stops) expect(s.window.from <= s.start && s.start <= s.window.to).toBe(true);
    const starts = route.stops.map((s) => s.start);
    expect(starts).toEqual([...starts].sort());
  });
});
