/**
 * `npm run --silent plan -- FILE [--seed N] [--time-limit S | --iterations N] [--json]`: plans
 * the week of a scenario file (fixtures/scenarios/demo-week.json) with every constraint of the
 * domain and prints its key figures — human-readable by default, one JSON object with --json.
 * Without --time-limit each (day, part) search runs a fixed number of iterations (default
 * 1000) on one thread, so the same file and seed print the same plan on any machine. Every
 * planned day is checked with the solver's exact route evaluation before it is printed.
 */
import { readFileSync } from 'node:fs';
import { ScenarioSchema, type Scenario } from '../contract/domain.ts';
import { createRoutingProvider } from '../routing/create-routing-provider.ts';
import { parseRoutingConfig } from '../routing/config.ts';
import { continuityReport } from './continuity.ts';
import { planWeekDetailed } from './plan-week.ts';
import { verifyDays } from './verify-days.ts';

interface Args {
  file: string;
  seed: number;
  /** Wall-clock limit for the week; when absent, `iterations` per (day, part) search. */
  timeLimitS?: number;
  iterations: number;
  json: boolean;
}

const DEFAULT_ITERATIONS = 1000;
/** A safety net in iteration mode. */
const ITERATION_MODE_LIMIT_S = 900;

function fail(message: string): never {
  process.stderr.write(`plan: ${message}\n`);
  process.exit(2);
}

function parseArgs(argv: string[]): Args {
  const args: Partial<Args> = { seed: 1, iterations: DEFAULT_ITERATIONS, json: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const num = (name: string) => {
      const v = Number(argv[++i]);
      if (!Number.isFinite(v) || v < 0) fail(`${name}: expected a non-negative number, got "${argv[i] ?? ''}"`);
      return v;
    };
    if (a === '--seed') args.seed = Math.floor(num('--seed'));
    else if (a === '--time-limit') args.timeLimitS = num('--time-limit');
    else if (a === '--iterations') args.iterations = Math.max(1, Math.floor(num('--iterations')));
    else if (a === '--json') args.json = true;
    else if (a.startsWith('--')) fail(`unknown option ${a} (use --seed N, --time-limit S, --iterations N, --json)`);
    else if (args.file) fail(`one scenario file only, got "${args.file}" and "${a}"`);
    else args.file = a;
  }
  if (!args.file) fail('usage: npm run --silent plan -- FILE [--seed N] [--time-limit S | --iterations N] [--json]');
  return args as Args;
}

export function readScenario(file: string): Scenario {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    fail(`${file}: ${(e as Error).message}`);
  }
  const parsed = ScenarioSchema.safeParse(raw);
  if (!parsed.success) {
    const lines = parsed.error.issues.slice(0, 10).map((i) => `  ${i.path.join('.')}: ${i.message}`);
    fail(`${file} is not a valid scenario:\n${lines.join('\n')}`);
  }
  return parsed.data;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const scenario = readScenario(args.file);
  const routing = createRoutingProvider(parseRoutingConfig(process.env));
  const started = performance.now();
  const result = await planWeekDetailed(
    { data: scenario, week: scenario.week },
    args.timeLimitS !== undefined
      ? { routing, seed: args.seed, timeLimitMs: args.timeLimitS * 1000, now: () => performance.now() }
      : {
          routing,
          seed: args.seed,
          timeLimitMs: ITERATION_MODE_LIMIT_S * 1000,
          maxIterationsPerDay: args.iterations,
          now: () => performance.now(),
        },
  );
  const seconds = (performance.now() - started) / 1000;
  const violations = verifyDays(result.days);
  const { plan } = result;
  const continuity = continuityReport(plan);
  if (args.json) {
    process.stdout.write(
      `${JSON.stringify({ week: plan.week, provider: plan.provider, seconds: Math.round(seconds * 10) / 10, summary: plan.summary, continuity: { ...continuity, passengers: undefined }, repair: result.repair, unserved: plan.unserved, violations, days: plan.days.map((d) => ({ date: d.date, routes: d.routes.length, stops: d.routes.reduce((s, r) => s + r.stops.length, 0) })) })}\n`,
    );
  } else {
    const s = plan.summary;
    const out = [
      `${scenario.name} — week ${plan.week}, travel times: ${plan.provider}${plan.provider === 'estimate' ? ' (estimated, no OSRM)' : ''}, planned in ${seconds.toFixed(1)} s (${args.timeLimitS !== undefined ? `time limit ${args.timeLimitS} s` : `${args.iterations} iterations per day and part`}, seed ${args.seed})`,
      `trips served ${s.tripsServed}, unserved ${s.tripsUnserved}`,
      `vehicles (most on one day) ${s.vehicles}, ${s.km} km, ${s.drivingHours} h on the road`,
      `ride time mean ${s.meanRideMin} min, max ${s.maxRideMin} min`,
      `stops within window ${s.stopsWithinWindowPct}%, households whose work hours are respected ${s.householdsRespectedPct}%`,
      `continuity (${continuity.multiDayPassengers} passengers on several days): same vehicle ${continuity.sameVehiclePct}%, same driver ${continuity.sameDriverPct}%; of the ${continuity.oneTimePassengers} whose windows allow one pickup time all week: pickup spread ≤ 10 min ${continuity.pickupSpreadWithin10MinPct}%, same vehicle and spread ≤ 10 min ${continuity.stablePct}%`,
      ...(result.repair
        ? [
            `continuity repair after the search (${(result.repair.elapsedMs / 1000).toFixed(1)} s): ${result.repair.journeysRepaired} journeys brought onto one van (${result.repair.moved} trips moved, ${result.repair.exchanged} exchanged), ${result.repair.journeysLeftMixed} left on several; ${result.repair.timesAligned} pickups moved into their journey's 10-minute band; ${result.repair.newlyServed} trips newly served; driving cost +${(result.repair.costIncrease / 100).toFixed(0)} €`,
          ]
        : []),
      ...plan.days.map(
        (d) => `  ${d.date}: ${d.routes.length} runs, ${d.routes.reduce((n, r) => n + r.stops.length / 2, 0)} trips`,
      ),
      violations.length ? `VIOLATIONS (${violations.length}):` : 'every planned day passes the exact route check',
      ...violations.slice(0, 20).map((v) => `  ${v}`),
      ...(plan.unserved.length ? ['unserved:'] : []),
      ...plan.unserved.map((u) => `  ${u.date} ${u.direction} ${u.requestId} [${u.reason}] ${u.message}`),
    ];
    process.stdout.write(`${out.join('\n')}\n`);
  }
  if (violations.length) process.exitCode = 1;
}

main().catch((e: unknown) => fail(e instanceof Error ? e.message : String(e)));
