/**
 * Builds the application's dependencies from the configuration: database (migrated, demo data
 * seeded on embedded defaults), routing provider, published-plan store, clock. Shared by main.ts and the API
 * benchmark so both run exactly the same wiring.
 */
import type { AppDeps } from './app-deps.ts';
import { systemClock } from './clock.ts';
import type { Config } from './config.ts';
import { migrate } from './db/migrate.ts';
import { openDb } from './db/open.ts';
import { publishedPlans } from './plan-store/published.ts';
import { cachedPublishedPlans } from './plan-store/cached-published-plans.ts';
import { loadQueueConfig } from './queue/queue-config.ts';
import { startJobs } from './queue/start-jobs.ts';
import { createRoutingProvider } from './routing/create-routing-provider.ts';
import { seedDemo, shouldSeed, type SeedResult } from './seed/demo.ts';
import { comingWeek } from './seed/shift-week.ts';

export interface Wired {
  deps: AppDeps;
  migrations: string[];
  seeded?: SeedResult;
  close(): Promise<void>;
}

export async function wire(config: Config): Promise<Wired> {
  const db = await openDb(config);
  const migrations = await migrate(db);
  const seeded = shouldSeed(config) ? await seedDemo(db, { week: comingWeek(systemClock.now()) }) : undefined;
  const routing = createRoutingProvider(config, db);
  const jobs = await startJobs({ redisUrl: config.REDIS_URL, queue: loadQueueConfig(), db, routing });
  return {
    deps: {
      config,
      db,
      clock: systemClock,
      routing,
      plans: cachedPublishedPlans(publishedPlans(db), systemClock),
      queue: jobs.queue,
    },
    migrations,
    seeded,
    close: async () => {
      await jobs.close();
      await db.close();
    },
  };
}
