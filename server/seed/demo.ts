/**
 * Demo data for the embedded default: one account per role (printed at start and listed in
 * docs/server.md) and, when fixtures/scenarios/demo-week.json exists and the database holds no
 * entities yet, the demo week. Never runs against a configured PostgreSQL unless SEED_DEMO=true.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createAccount, findAccountByUsername } from '../accounts/accounts.ts';
import type { Config } from '../config.ts';
import { ScenarioSchema, type Scenario } from '../contract/domain.ts';
import type { Db } from '../db/db.ts';
import { AppError } from '../errors/app-error.ts';
import type { Kind } from '../entities/kinds.ts';
import { checkEntity } from '../entities/rules.ts';
import { writeEntity } from '../entities/store.ts';
import { type ProgrammeDemoResult, seedProgrammeDemo } from './programme-demo.ts';
import { withFamilyStories } from './family-stories.ts';
import { scenarioForWeek } from './shift-week.ts';

export const DEMO_WEEK_PATH = new URL('../../fixtures/scenarios/demo-week.json', import.meta.url);

export const DEMO_PASSWORDS = {
  coordinator: { username: 'coordinatore', password: 'demo-coordinatore' },
  driver: { username: 'autista', password: 'demo-autista' },
  family: { username: 'famiglia', password: 'demo-famiglia' },
} as const;

export function shouldSeed(config: Pick<Config, 'SEED_DEMO' | 'DATABASE_URL'>): boolean {
  return config.SEED_DEMO === 'true' || (config.SEED_DEMO === 'auto' && !config.DATABASE_URL);
}

/** Writes a scenario's entities in reference order, each checked by the same rules as the API. */
export async function loadScenario(db: Db, scenario: Scenario): Promise<void> {
  const order: [Kind, { id: string }[]][] = [
    ['service', scenario.services],
    ['household', scenario.households],
    ['passenger', scenario.passengers],
    ['request', scenario.requests],
    ['vehicle', scenario.vehicles],
    ['driver', scenario.drivers],
  ];
  await db.transaction(async (tx) => {
    for (const [kind, list] of order) {
      for (const e of list) {
        try {
          await writeEntity(tx, kind, await checkEntity(tx, kind, e as { id: string }));
        } catch (err) {
          if (err instanceof AppError) throw new Error(`scenario ${scenario.name}: ${kind} ${e.id}: ${err.message}`);
          throw err;
        }
      }
    }
  });
}

export interface SeedResult {
  accounts: { role: string; username: string; password: string }[];
  scenario?: string;
  /** Action A's demo data (server/seed/programme-demo.ts). */
  programme?: ProgrammeDemoResult;
}

/**
 * Seeds the demo accounts and, into an empty database, the demo week — moved to `week` when
 * given (the wiring passes the coming ISO week, so the demo never goes stale).
 */
export async function seedDemo(db: Db, opts: { path?: URL; week?: string; now?: Date } = {}): Promise<SeedResult> {
  const path = opts.path ?? DEMO_WEEK_PATH;
  const result: SeedResult = { accounts: [] };
  let scenario: Scenario | undefined;
  const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM entities', []);
  if (existsSync(path)) {
    const parsed = ScenarioSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
    if (!parsed.success) {
      const i = parsed.error.issues[0]!;
      throw new Error(`${path.pathname}: ${i.path.join('.')}: ${i.message}`);
    }
    // the family stories of issue 11 (split shifts, night shift, rota, grandparents, chain, summer camp)
    scenario = withFamilyStories(opts.week ? scenarioForWeek(parsed.data, opts.week) : parsed.data);
    if (rows[0]!.n === 0) {
      await loadScenario(db, scenario);
      result.scenario = `${scenario.name} (${scenario.week})`;
      result.programme = await seedProgrammeDemo(db, scenario, opts.now ?? new Date());
    }
  }
  const driverId = scenario?.drivers[0]?.id ?? 'demo-driver';
  const requested = new Set(scenario?.requests.map((r) => r.passengerId) ?? []);
  const household =
    scenario?.passengers.find((p) => requested.has(p.id))?.householdId ??
    scenario?.households[0]?.id ??
    'demo-household';
  const links = { coordinator: {}, driver: { driverId }, family: { householdId: household } };
  for (const role of ['coordinator', 'driver', 'family'] as const) {
    const { username, password } = DEMO_PASSWORDS[role];
    if (await findAccountByUsername(db, username)) continue;
    await createAccount(db, { username, password, role, displayName: username, ...links[role] });
    result.accounts.push({ role, username, password });
  }
  return result;
}
