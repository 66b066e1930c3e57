/**
 * The demo week as the coordinator gets it: every day feasible (solver's exact check and the
 * independent plan checker), every trip either served or reported with a reason, and the
 * continuity the families were promised — measured on the plan itself.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ScenarioSchema } from '../../server/contract/domain.ts';
import { continuityReport } from '../../server/planning/continuity.ts';
import { planWeekDetailed } from '../../server/planning/plan-week.ts';
import { verifyDays } from '../../server/planning/verify-days.ts';
import { parseRoutingConfig } from '../../server/routing/config.ts';
import { createRoutingProvider } from '../../server/routing/create-routing-provider.ts';
import { checkPlan } from '../helpers/plan-checker.ts';
import { tripKey, tripKeyOf } from '../../server/contract/trip-key.ts';

const demo = ScenarioSchema.parse(
  JSON.parse(readFileSync(new URL('../../fixtures/scenarios/demo-week.json', import.meta.url), 'utf8')),
);
/** The estimate with its documented defaults, as `npm run plan` uses it without OSRM_URL. */
const routing = createRoutingProvider(parseRoutingConfig({}));

describe('the demo week', () => {
  it('as npm run plan prints it: at least 90% of repeat passengers keep one van and pickups within 10 minutes, every day feasible', async () => {
    const r = await planWeekDetailed(
      { data: demo, week: demo.week },
      { routing, seed: 1, timeLimitMs: 600_000, maxIterationsPerDay: 1000, now: () => performance.now() },
    );
    const { plan } = r;
    expect(verifyDays(r.days)).toEqual([]);
    const maxRideS = new Map(r.trips.map((t) => [tripKeyOf(t), t.maxRideS]));
    expect(checkPlan(plan, { ...demo, maxRideS })).toEqual([]);

    const planned = plan.days.flatMap((d) =>
      d.routes.flatMap((rt) =>
        rt.stops.filter((s) => s.kind === 'pickup').map((s) => tripKey(d.date, s.requestId, s.boards[0].direction)),
      ),
    );
    const unserved = plan.unserved.map(tripKeyOf);
    expect(new Set([...planned, ...unserved]).size).toBe(planned.length + unserved.length);
    for (const t of r.trips) expect(planned.includes(t.key) || unserved.includes(t.key)).toBe(true);

    const c = continuityReport(plan);
    expect(c.multiDayPassengers).toBeGreaterThan(100);
    expect(c.stablePct).toBeGreaterThanOrEqual(90);
    expect(plan.summary.continuity.sameVehiclePct).toBeGreaterThanOrEqual(90);
    expect(plan.summary.continuity.pickupSpreadWithin10MinPct).toBeGreaterThanOrEqual(90);
  }, 120_000);
});
