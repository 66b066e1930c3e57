/**
 * `npm run worker`: a solve worker. It takes plan jobs from BullMQ on REDIS_URL and writes the
 * plans to DATABASE_URL. Start as many as there are cores to spare, on as many machines as
 * reach the same Redis and PostgreSQL. A worker that dies mid-solve loses nothing: its job's
 * lock expires and another worker runs it again.
 */
import { loadConfig } from './config.ts';
import { migrate } from './db/migrate.ts';
import { openDb } from './db/open.ts';
import { startBullConsumer } from './queue/bullmq-consumer.ts';
import { planJobHandler } from './queue/plan-job.ts';
import { flowWorkerSettings, loadQueueConfig } from './queue/queue-config.ts';
import { createRoutingProvider } from './routing/create-routing-provider.ts';
import { startWeekFlowWorker } from './queue/week-flow.ts';

async function main(): Promise<void> {
  const config = loadConfig();
  const queue = loadQueueConfig();
  if (!config.REDIS_URL) {
    throw new Error(
      'REDIS_URL is not set: without Redis the API runs solve jobs itself (npm start), no worker is needed',
    );
  }
  const db = await openDb(config);
  await migrate(db);
  const routing = createRoutingProvider(config, db);
  const consumer = await startBullConsumer({
    redisUrl: config.REDIS_URL,
    queueName: queue.QUEUE_NAME,
    // Plan jobs submitted with PLAN_FLOW=1 hand their week to the flow below and wait for its plan.
    handler: planJobHandler({ db, routing, flow: { redisUrl: config.REDIS_URL, ...flowWorkerSettings(queue) } }),
    concurrency: queue.WORKER_CONCURRENCY,
    lockDurationMs: queue.QUEUE_LOCK_MS,
    stalledIntervalMs: queue.QUEUE_STALLED_MS,
    onError: (e) => console.error(`[worker] ${e.message}`),
  });
  // The jobs of weeks planned by several workers (week-flow.ts): master, (date, part), repair, week.
  const flow = await startWeekFlowWorker({
    redisUrl: config.REDIS_URL,
    routing,
    ...flowWorkerSettings(queue),
    onError: (e) => console.error(`[worker] ${e.message}`),
  });
  console.log(
    `[worker] pid ${process.pid} taking jobs from ${queue.QUEUE_NAME} (db ${db.kind}, routing ${routing.name})`,
  );
  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    console.log('[worker] stopping after the running job');
    void consumer
      .close()
      .then(() => flow.close())
      .then(() => db.close())
      .then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
