/**
 * The real app in-process for browser tests: a fresh database with the demo week (or the tiny
 * week when the demo file is absent), the test accounts, and the web built into a temp dir that
 * the app serves on the same origin. Helpers plan and publish through the API, as a coordinator
 * would, so the driver and family tests start from a published plan.
 */
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { createAccount } from '../../server/accounts/accounts.ts';
import { ScenarioSchema, type Scenario } from '../../server/contract/domain.ts';
import { PlanSchema, type Plan } from '../../server/contract/plan.ts';
import { publishedPlans } from '../../server/plan-store/published.ts';
import { loadQueueConfig } from '../../server/queue/queue-config.ts';
import { startJobs, type Jobs } from '../../server/queue/start-jobs.ts';
import { parseRoutingConfig } from '../../server/routing/config.ts';
import { createRoutingProvider } from '../../server/routing/create-routing-provider.ts';
import type { Clock } from '../../server/clock.ts';
import { loadScenario } from '../../server/seed/demo.ts';
import { comingWeek, scenarioForWeek } from '../../server/seed/shift-week.ts';
import { startTestApp, type TestApp, type TestSession } from '../helpers/app.ts';
import { buildWeb, ROOT } from './browser.ts';

/**
 * The instant browser tests run at unless they say otherwise: the Thursday before the demo
 * file's week, so the demo is the coming week as `npm start` would seed it. Tests never read the
 * wall clock; the clock test runs the stories a year later.
 */
export const E2E_NOW = new Date('2026-11-26T09:00:00+01:00');

/** A clock that starts at `start` and advances with real elapsed time (events keep their order). */
export function clockFrom(start: Date): Clock {
  const t0 = performance.now();
  return { now: () => new Date(start.getTime() + Math.round(performance.now() - t0)) };
}

/** The demo scenario (the tiny week when the demo file is absent) moved to the coming week of `now`. */
export function demoScenario(now: Date = E2E_NOW): Scenario {
  const demo = join(ROOT, 'fixtures/scenarios/demo-week.json');
  const path =
    existsSync(demo) && process.env.E2E_SCENARIO !== 'tiny' ? demo : join(ROOT, 'fixtures/scenarios/tiny-week.json');
  return scenarioForWeek(ScenarioSchema.parse(JSON.parse(readFileSync(path, 'utf8'))), comingWeek(now));
}

export interface DemoApp extends TestApp {
  scenario: Scenario;
  /** The server's clock (starts at the `now` the app was started with). */
  clock: Clock;
  /** Adds a login for a driver or a household of the scenario; the password is the username + "-pw". */
  addAccount(
    username: string,
    link: { role: 'driver'; driverId: string } | { role: 'family'; householdId: string },
  ): Promise<void>;
  /** Plans the scenario's week through the API and waits for the job; returns the plan. */
  planWeek(session: TestSession): Promise<Plan>;
  publish(session: TestSession, plan: Plan): Promise<Plan>;
}

/** `web: false` skips building the web client (API-only stories); `transform` changes the data before loading. */
export async function startDemoApp(
  opts: { now?: Date; web?: boolean; transform?: (s: Scenario) => Scenario } = {},
): Promise<DemoApp> {
  const clock = clockFrom(opts.now ?? E2E_NOW);
  const base = demoScenario(opts.now ?? E2E_NOW);
  const scenario = opts.transform ? opts.transform(base) : base;
  // The API reads the default solve budget from the environment; browser tests keep it short.
  process.env.SOLVE_TIME_LIMIT_MS ??= process.env.E2E_SOLVE_MS ?? '2000';
  const building = opts.web === false ? Promise.resolve('no-web') : buildWeb();
  let jobs: Jobs | undefined;
  // The queue, the routing provider and the published-plan store need the test's database, so
  // they are made in setup and put into the deps that createApp receives after it.
  const deps: NonNullable<Parameters<typeof startTestApp>[0]> = {
    env: { WEB_DIST: await building },
    clock,
    setup: async (db) => {
      await loadScenario(db, scenario);
      const routing = createRoutingProvider(parseRoutingConfig({}), db);
      jobs = await startJobs({ queue: loadQueueConfig({ ...process.env, QUEUE_ATTEMPTS: '1' }), db, routing });
      Object.assign(deps, { queue: jobs.queue, routing, plans: publishedPlans(db) });
    },
  };
  const app = await startTestApp(deps);
  const readPlan = async (s: TestSession, planId: string) =>
    PlanSchema.parse(await (await s.fetch(`/api/plans/${planId}`)).json());
  return {
    ...app,
    scenario,
    clock,
    async addAccount(username, link) {
      await createAccount(app.db, { username, password: `${username}-pw`, ...link });
    },
    async planWeek(session) {
      const res = await session.fetch('/api/plans', { method: 'POST', json: { week: scenario.week } });
      if (res.status !== 202) throw new Error(`POST /api/plans: HTTP ${res.status} ${await res.text()}`);
      const { planId, jobId } = (await res.json()) as { planId: string; jobId: string };
      for (let i = 0; i < 600; i++) {
        const job = (await (await session.fetch(`/api/jobs/${jobId}`)).json()) as { state: string };
        if (job.state === 'completed') return readPlan(session, planId);
        if (job.state === 'failed') throw new Error(`job ${jobId} failed: ${JSON.stringify(job)}`);
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error(`job ${jobId} did not finish in 60 s`);
    },
    async publish(session, plan) {
      const res = await session.fetch(`/api/plans/${plan.id}/publish`, {
        method: 'POST',
        json: { version: plan.version },
      });
      if (!res.ok) throw new Error(`publish: HTTP ${res.status} ${await res.text()}`);
      return readPlan(session, plan.id);
    },
    async close() {
      await jobs?.close();
      await app.close();
      if (opts.web !== false) rmSync(deps.env!.WEB_DIST, { recursive: true, force: true });
    },
  };
}
