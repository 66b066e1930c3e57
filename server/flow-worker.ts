/**
 * `npm run worker:flow`: a worker that takes only the jobs of weeks planned as a BullMQ flow
 * (server/queue/week-flow.ts: master week, (date, part), continuity repair, assembly) from
 * REDIS_URL. It needs no database: a flow's scenario and results live in Redis, so machines
 * added to plan a large week need only Redis and the code. `npm run worker` runs the same
 * consumer beside the plan jobs'; the scale-10k bench starts N of these as child processes.
 */
import { flowWorkerSettings, loadQueueConfig } from './queue/queue-config.ts';
import { startWeekFlowWorker } from './queue/week-flow.ts';
import { parseRoutingConfig } from './routing/config.ts';
import { createRoutingProvider } from './routing/create-routing-provider.ts';

async function main(): Promise<void> {
  const redisUrl = process.env.REDIS_URL;
  if (!redisUrl) throw new Error('REDIS_URL is not set: the flow worker takes its jobs from Redis');
  const queue = loadQueueConfig();
  const routing = createRoutingProvider(parseRoutingConfig(process.env));
  const flow = await startWeekFlowWorker({
    redisUrl,
    routing,
    ...flowWorkerSettings(queue),
    onError: (e) => console.error(`[flow-worker] ${e.message}`),
  });
  console.log(
    `[flow-worker] pid ${process.pid} taking week-flow jobs from ${queue.QUEUE_NAME} (routing ${routing.name})`,
  );
  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    console.log('[flow-worker] stopping after the running job');
    void flow.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
