/**
 * The `replan` benchmark set (issue 15 item 4): the demo week planned and published (1,000
 * iterations per part, --seed), then 5 requests change on its busiest date — 2 passengers are
 * absent, 3 standing requests gain that weekday — and that one date is re-planned
 * (`replanDay`, time limit --time-limit seconds, default 1 s here when the bench's default 10
 * is given) against the published plan. Reports the wall time of the re-plan (target ≤ 2 s), how
 * far the other passengers' pickups moved (target: none more than 10 minutes), the trips added
 * and removed, and the exact route check.
 */
import { readFileSync } from 'node:fs';
import type { BenchOptions } from './args.ts';
import type { BenchReport } from './report.ts';
import { ScenarioSchema, type Weekday } from '../server/contract/domain.ts';
import { weekdayOf } from '../server/domain/calendar.ts';
import { planWeekDetailed } from '../server/planning/plan-week.ts';
import { replanDay } from '../server/planning/replan-day.ts';
import { parseRoutingConfig } from '../server/routing/config.ts';
import { createRoutingProvider } from '../server/routing/create-routing-provider.ts';
import { DEMO_WEEK_FILE } from './demo-week.ts';

const TARGET_MS = 2000;

export async function replanSet(options: BenchOptions): Promise<BenchReport> {
  const data = ScenarioSchema.parse(JSON.parse(readFileSync(DEMO_WEEK_FILE, 'utf8')));
  const routing = createRoutingProvider(parseRoutingConfig(process.env));
  const { plan } = await planWeekDetailed(
    { data, week: data.week },
    { routing, seed: options.seed, timeLimitMs: 900_000, maxIterationsPerDay: 1000, now: () => performance.now() },
  );
  const published = { ...plan, status: 'published' as const };
  const busiest = [...published.days].sort(
    (a, b) => b.routes.reduce((n, r) => n + r.stops.length, 0) - a.routes.reduce((n, r) => n + r.stops.length, 0),
  )[0].date;
  const wd = weekdayOf(busiest) as Weekday;
  const travelling = data.requests.filter((r) => r.weekdays.includes(wd)).slice(0, 2);
  const extra = data.requests.filter((r) => !r.weekdays.includes(wd)).slice(0, 3);
  const changedIds = new Set([...travelling, ...extra].map((r) => r.id));
  const changed = {
    ...data,
    requests: data.requests.map((r) =>
      travelling.includes(r)
        ? { ...r, exceptions: [...r.exceptions, busiest] }
        : extra.includes(r)
          ? { ...r, weekdays: [...r.weekdays, wd] }
          : r,
    ),
  };
  const limitS = options.timeLimitS === 10 ? 1 : options.timeLimitS;
  const started = performance.now();
  const r = await replanDay(
    { data: changed, published, date: busiest },
    { routing, seed: options.seed, timeLimitMs: limitS * 1000, now: () => performance.now() },
  );
  const ms = performance.now() - started;
  const others = [...r.shifts].filter(([k]) => !changedIds.has(k.split('|')[0]));
  const maxShift = Math.max(0, ...others.map(([, m]) => m));
  const over10 = others.filter(([, m]) => m > 10).length;
  const servedOn = (p: typeof plan) =>
    p.days
      .find((d) => d.date === busiest)!
      .routes.reduce((n, rt) => n + rt.stops.filter((s) => s.kind === 'pickup').length, 0);
  return {
    set: 'replan',
    options,
    columns: ['request', 'change'],
    rows: [
      ...travelling.map((x) => ({ request: x.id, change: `absent on ${busiest}` })),
      ...extra.map((x) => ({ request: x.id, change: `now also on ${wd}` })),
    ],
    summary: {
      date: busiest,
      timeLimitS: limitS,
      replanMs: Math.round(ms),
      withinTarget: ms <= TARGET_MS,
      otherTrips: others.length,
      maxShiftMin: Math.round(maxShift * 10) / 10,
      otherTripsMovedOver10Min: over10,
      tripsAdded: r.added.length,
      tripsRemoved: r.removed.length,
      otherTripsNoLongerServed: r.removed.filter((k) => !changedIds.has(k.split('|')[0])).length,
      pickupStopsBefore: servedOn(published),
      pickupStopsAfter: servedOn(r.plan),
      violations: r.violations.length,
    },
  };
}
