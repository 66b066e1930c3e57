/**
 * The `demo-week` benchmark set: the demo week (fixtures/scenarios/demo-week.json) planned as
 * `npm run --silent plan` plans it — 1,000 iterations per (day, part) search on one thread, the
 * bench's --seed — with its key figures and a SHA-256 fingerprint of the plan (every day, route,
 * stop and unserved trip; the creation time left out). The same code, seed and iterations give
 * the same fingerprint on any machine, so a refactoring that claims no behaviour change shows
 * the same line before and after. `--scenario FILE` is not an option: the demo week is the set.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { BenchOptions } from './args.ts';
import type { BenchReport } from './report.ts';
import { ScenarioSchema } from '../server/contract/domain.ts';
import { continuityReport } from '../server/planning/continuity.ts';
import { planWeekDetailed } from '../server/planning/plan-week.ts';
import { verifyDays } from '../server/planning/verify-days.ts';
import { parseRoutingConfig } from '../server/routing/config.ts';
import { createRoutingProvider } from '../server/routing/create-routing-provider.ts';

export const DEMO_WEEK_FILE = process.env.DEMO_WEEK_FILE ?? 'fixtures/scenarios/demo-week.json';
const ITERATIONS = 1000;

export async function demoWeekSet(options: BenchOptions): Promise<BenchReport> {
  const scenario = ScenarioSchema.parse(JSON.parse(readFileSync(DEMO_WEEK_FILE, 'utf8')));
  const routing = createRoutingProvider(parseRoutingConfig(process.env));
  const started = performance.now();
  const r = await planWeekDetailed(
    { data: scenario, week: scenario.week },
    {
      routing,
      seed: options.seed,
      timeLimitMs: 900_000,
      maxIterationsPerDay: ITERATIONS,
      now: () => performance.now(),
    },
  );
  const seconds = (performance.now() - started) / 1000;
  const { createdAt: _createdAt, ...plan } = r.plan;
  const fingerprint = createHash('sha256').update(JSON.stringify(plan)).digest('hex');
  const c = continuityReport(r.plan);
  const s = r.plan.summary;
  return {
    set: 'demo-week',
    options,
    columns: ['date', 'runs', 'trips'],
    rows: r.plan.days.map((d) => ({
      date: d.date,
      runs: d.routes.length,
      trips: d.routes.reduce((n, rt) => n + rt.stops.length / 2, 0),
    })),
    summary: {
      file: DEMO_WEEK_FILE,
      week: r.plan.week,
      iterationsPerPart: ITERATIONS,
      seconds: Math.round(seconds * 10) / 10,
      tripsServed: s.tripsServed,
      tripsUnserved: s.tripsUnserved,
      vehicles: s.vehicles,
      km: s.km,
      drivingHours: s.drivingHours,
      meanRideMin: s.meanRideMin,
      maxRideMin: s.maxRideMin,
      stopsWithinWindowPct: s.stopsWithinWindowPct,
      householdsRespectedPct: s.householdsRespectedPct,
      sameVehiclePct: c.sameVehiclePct,
      sameDriverPct: c.sameDriverPct,
      pickupSpreadWithin10MinPct: c.pickupSpreadWithin10MinPct,
      repairNewlyServed: r.repair?.newlyServed ?? null,
      repairTimesAligned: r.repair?.timesAligned ?? null,
      repairCostIncrease: r.repair?.costIncrease ?? null,
      violations: verifyDays(r.days).length,
      fingerprint,
    },
  };
}
