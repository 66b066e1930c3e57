/**
 * The `scale` benchmark set: the 1,000-passenger week (`npm run scenario -- --passengers 1000
 * --seed 3`) planned with every domain constraint; the target is the whole week in ≤ 60 s.
 * The planner's wall-clock limit for the week is 5 × --time-limit (default 10 s → 50 s),
 * leaving room for generating the scenario and the two checks. Every day is checked twice: the solver's exact
 * route evaluation and the independent plan checker.
 */
import type { BenchOptions } from './args.ts';
import type { BenchReport } from './report.ts';
import { generateScenario } from '../server/scenarios/generate-scenario.ts';
import { continuityReport } from '../server/planning/continuity.ts';
import { planWeekDetailed } from '../server/planning/plan-week.ts';
import { verifyDays } from '../server/planning/verify-days.ts';
import { parseRoutingConfig } from '../server/routing/config.ts';
import { createRoutingProvider } from '../server/routing/create-routing-provider.ts';
import { checkPlan } from '../test/helpers/plan-checker.ts';

export const SCALE_PASSENGERS = 1000;
export const SCALE_SEED = 3;
const TARGET_S = 60;

export async function scaleSet(options: BenchOptions): Promise<BenchReport> {
  const scenario = generateScenario({ passengers: SCALE_PASSENGERS, seed: SCALE_SEED });
  const routing = createRoutingProvider(parseRoutingConfig(process.env));
  const budgetS = options.timeLimitS * 5;
  const started = performance.now();
  const r = await planWeekDetailed(
    { data: scenario, week: scenario.week },
    { routing, seed: options.seed, timeLimitMs: budgetS * 1000, now: () => performance.now() },
  );
  const seconds = (performance.now() - started) / 1000;
  const violations = [
    ...verifyDays(r.days),
    ...checkPlan(r.plan, { ...scenario, maxRideS: new Map(r.trips.map((t) => [t.key, t.maxRideS])) }).map(
      (v) => `${v.date} ${v.routeId} ${v.code}: ${v.message}`,
    ),
  ];
  const { plan } = r;
  const rows = plan.days.map((d) => {
    const trips = r.trips.filter((t) => t.date === d.date).length;
    const served = d.routes.reduce((n, rt) => n + rt.stops.length / 2, 0);
    return {
      date: d.date,
      trips,
      served,
      unserved: plan.unserved.filter((u) => u.date === d.date).length,
      runs: d.routes.length,
      vehicles: new Set(d.routes.map((rt) => rt.vehicleId)).size,
      km: Math.round(d.routes.reduce((s, rt) => s + rt.distanceM, 0) / 100) / 10,
    };
  });
  const s = plan.summary;
  process.stderr.write(
    `scale: ${scenario.passengers.length} passengers, ${r.trips.length} trips planned in ${seconds.toFixed(1)} s (provider ${plan.provider})\n`,
  );
  for (const v of violations.slice(0, 10)) process.stderr.write(`  ${v}\n`);
  return {
    set: 'scale',
    options,
    columns: ['date', 'trips', 'served', 'unserved', 'runs', 'vehicles', 'km'],
    rows,
    summary: {
      passengers: scenario.passengers.length,
      seconds: Math.round(seconds * 10) / 10,
      budgetS,
      withinTarget: seconds <= TARGET_S,
      feasible: violations.length === 0,
      tripsServed: s.tripsServed,
      tripsUnserved: s.tripsUnserved,
      vehicles: s.vehicles,
      km: s.km,
      drivingHours: s.drivingHours,
      meanRideMin: s.meanRideMin,
      maxRideMin: s.maxRideMin,
      householdsRespectedPct: s.householdsRespectedPct,
      sameVehiclePct: s.continuity.sameVehiclePct,
      sameDriverPct: continuityReport(plan).sameDriverPct,
      pickupSpreadWithin10MinPct: s.continuity.pickupSpreadWithin10MinPct,
      provider: plan.provider,
    },
  };
}
