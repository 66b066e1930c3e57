/**
 * What createApp and every router are built from. Apart from app.ts so that routers can name
 * these types without importing the app that imports them.
 */
import type { Clock } from './clock.ts';
import type { Config } from './config.ts';
import type { Db } from './db/db.ts';
import type { OperationRegistry } from './openapi/registry.ts';
import type { PublishedPlans } from './plan-store/published-port.ts';
import type { JobQueue } from './queue/job-queue.ts';
import type { RoutingProvider } from './routing/provider.ts';

export interface AppDeps {
  config: Config;
  db: Db;
  clock: Clock;
  /** BullMQ on Redis or the in-process queue; absent when no one solves (e.g. a read-only test). */
  queue?: JobQueue;
  /** OSRM (with the matrix cache) or the estimate; absent → the estimate with its defaults. */
  routing?: RoutingProvider;
  /** The published-plan store read by the driver and family endpoints. */
  plans?: PublishedPlans;
  /** Collects every operation for /api/openapi.json; created here when not given. */
  registry?: OperationRegistry;
}

/** What every router gets: the app's deps with the registry and the routing provider resolved once. */
export type RouterDeps = AppDeps & { registry: OperationRegistry; routing: RoutingProvider };
