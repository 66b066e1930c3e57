/**
 * `npm run bench:slots [-- --queries N --seed S --time-limit S]`: plans the demo week, takes it
 * as the published plan, then answers N (default 50) random slot queries — half for existing
 * passengers asking again for their service with other weekdays and work hours, half for new
 * passengers near existing homes asking for a nearby service — and prints the median and p95 latency (target: p95 ≤ 300 ms). The slot context
 * (the week's matrix and trips, built once per published version in the server) is timed apart.
 * Writes bench/results/slots-<timestamp>.json.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { ScenarioSchema, type Weekday } from '../server/contract/domain.ts';
import { planWeek } from '../server/planning/plan-week.ts';
import { parseRoutingConfig } from '../server/routing/config.ts';
import { createRoutingProvider } from '../server/routing/create-routing-provider.ts';
import { createRng } from '../server/scenarios/prng.ts';
import { querySlots } from '../server/slots/query-slots.ts';
import { buildSlotContext } from '../server/slots/slot-context.ts';
import { SlotQuerySchema, type SlotQuery } from '../server/slots/slot-schemas.ts';

const TARGET_P95_MS = 300;

function option(argv: string[], name: string, fallback: number): number {
  const i = argv.indexOf(name);
  if (i < 0) return fallback;
  const v = Number(argv[i + 1]);
  if (!Number.isFinite(v) || v <= 0) throw new Error(`${name}: expected a positive number, got "${argv[i + 1] ?? ''}"`);
  return v;
}

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const n = option(argv, '--queries', 50);
  const seed = option(argv, '--seed', 1);
  const timeLimitS = option(argv, '--time-limit', 20);
  const data = ScenarioSchema.parse(JSON.parse(readFileSync('fixtures/scenarios/demo-week.json', 'utf8')));
  const routing = createRoutingProvider(parseRoutingConfig(process.env));
  process.stderr.write(`planning the demo week (${timeLimitS} s)…\n`);
  const plan = {
    ...(await planWeek(
      { data, week: data.week },
      { routing, seed, timeLimitMs: timeLimitS * 1000, now: () => performance.now() },
    )),
    status: 'published' as const,
  };

  const t0 = performance.now();
  const ctx = await buildSlotContext(plan, data, routing);
  const contextMs = performance.now() - t0;

  const rng = createRng(seed);
  const weekdays: Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri'];
  const hhmm = (min: number): string =>
    `${String(Math.floor(min / 60)).padStart(2, '0')}:${String(min % 60).padStart(2, '0')}`;
  const queries: SlotQuery[] = [];
  const km = (a: { lat: number; lon: number }, b: { lat: number; lon: number }) =>
    Math.hypot((a.lat - b.lat) * 111, (a.lon - b.lon) * 78);
  const open = data.services.filter((s) => s.hours.mon);
  const shifted = (hh: string, min: number) =>
    hhmm(Math.max(0, Math.min(23 * 60 + 59, Number(hh.slice(0, 2)) * 60 + Number(hh.slice(3)) + min)));
  /** A household's work hours, each moved by up to ±15 min (the family asks about a change of shift). */
  const workOf = (householdId: string) => {
    const h = data.households.find((x) => x.id === householdId)!;
    const delta = rng.int(-15, 15);
    return Object.fromEntries(
      Object.entries(h.workHours).map(([d, w]) => [
        d,
        { leaves: shifted(w!.leaves, delta), back: shifted(w!.back, delta) },
      ]),
    );
  };
  for (let i = 0; i < n; i++) {
    const days = weekdays.filter(() => rng.chance(0.7));
    const base = { week: data.week, weekdays: days.length ? days : ['mon' as Weekday] };
    if (i % 2 === 0) {
      // An existing passenger asks again for their own service, with other weekdays and work hours.
      const r = rng.pick(data.requests);
      const p = data.passengers.find((x) => x.id === r.passengerId)!;
      queries.push({ ...base, passengerId: r.passengerId, serviceId: r.serviceId, workHours: workOf(p.householdId) });
    } else {
      // A new passenger near an existing home, with that household's hours, asks for one of the three nearest services.
      const h = rng.pick(data.households);
      const home = {
        lat: h.home.lat + (rng.next() - 0.5) * 0.004,
        lon: h.home.lon + (rng.next() - 0.5) * 0.004,
        label: `near ${h.home.label}`,
      };
      const service = rng.pick([...open].sort((a, b) => km(a.place, home) - km(b.place, home)).slice(0, 3));
      queries.push({
        ...base,
        serviceId: service.id,
        workHours: workOf(h.id),
        passenger: {
          name: `new ${i}`,
          home,
          mobility: rng.pick(['walks', 'walks', 'child_seat', 'wheelchair'] as const),
          needsEscort: rng.chance(0.1),
        },
      });
    }
  }
  const ms: number[] = [];
  let feasible = 0;
  const reasons: Record<string, number> = {};
  for (const q of queries) {
    const started = performance.now();
    const a = await querySlots(ctx, SlotQuerySchema.parse(q));
    ms.push(performance.now() - started);
    if (a.feasible) feasible++;
    for (const d of a.days)
      for (const t of [d.outbound, d.return])
        if (t && t.options.length === 0) reasons[t.reason ?? '?'] = (reasons[t.reason ?? '?'] ?? 0) + 1;
  }
  const sorted = [...ms].sort((a, b) => a - b);
  const result = {
    queries: n,
    feasible,
    contextMs: Math.round(contextMs),
    medianMs: Math.round(quantile(sorted, 0.5) * 10) / 10,
    p95Ms: Math.round(quantile(sorted, 0.95) * 10) / 10,
    maxMs: Math.round(sorted[sorted.length - 1] * 10) / 10,
    targetP95Ms: TARGET_P95_MS,
    withinTarget: quantile(sorted, 0.95) <= TARGET_P95_MS,
    provider: routing.name,
    /** Why the trips without an option had none (per weekday and direction). */
    reasons,
  };
  process.stdout.write(
    `slot queries on the demo week (${result.provider}): ${n} queries, ${feasible} fully feasible\n` +
      `median ${result.medianMs} ms, p95 ${result.p95Ms} ms, max ${result.maxMs} ms (target p95 ≤ ${TARGET_P95_MS} ms: ${result.withinTarget ? 'met' : 'NOT met'})\n` +
      `slot context built once per published version: ${result.contextMs} ms\n` +
      `trips with no slot, by reason: ${JSON.stringify(reasons)}\n`,
  );
  mkdirSync('bench/results', { recursive: true });
  const path = `bench/results/slots-${new Date().toISOString().replace(/[:.]/g, '-')}.json`;
  writeFileSync(
    path,
    `${JSON.stringify({ ...result, latenciesMs: ms.map((x) => Math.round(x * 10) / 10), date: new Date().toISOString() }, null, 2)}\n`,
  );
  process.stdout.write(`written: ${path}\n`);
}

main().catch((e: unknown) => {
  process.stderr.write(`bench:slots: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exitCode = 1;
});
