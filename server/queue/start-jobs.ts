/**
 * Picks the queue for the API process: BullMQ when REDIS_URL is set (solves then run in
 * `npm run worker` processes), otherwise the embedded queue, kept in the app's database (so its
 * jobs survive a restart), with its consumer started here. The embedded queue is single-owner per
 * database and queue name: if another process runs it, start-up fails here (queue-owner.ts).
 */
import type { Db } from '../db/db.ts';
import type { RoutingProvider } from '../routing/provider.ts';
import { BullJobQueue } from './bullmq-queue.ts';
import type { JobConsumer, JobQueue } from './job-queue.ts';
import { EmbeddedQueue } from './embedded-queue.ts';
import { planJobHandler } from './plan-job.ts';
import type { QueueConfig } from './queue-config.ts';

export interface Jobs {
  queue: JobQueue;
  close(): Promise<void>;
}

export async function startJobs(opts: {
  redisUrl?: string;
  queue: QueueConfig;
  db: Db;
  routing: RoutingProvider;
}): Promise<Jobs> {
  if (opts.redisUrl) {
    const queue = new BullJobQueue({
      redisUrl: opts.redisUrl,
      queueName: opts.queue.QUEUE_NAME,
      attempts: opts.queue.QUEUE_ATTEMPTS,
      backoffMs: opts.queue.QUEUE_BACKOFF_MS,
    });
    return { queue, close: () => queue.close() };
  }
  const queue = new EmbeddedQueue({
    db: opts.db,
    name: opts.queue.QUEUE_NAME,
    attempts: opts.queue.QUEUE_ATTEMPTS,
    backoffMs: opts.queue.QUEUE_BACKOFF_MS,
  });
  const consumer: JobConsumer = queue.consume(planJobHandler({ db: opts.db, routing: opts.routing }), {
    concurrency: opts.queue.WORKER_CONCURRENCY,
  });
  try {
    await queue.started();
  } catch (e) {
    await consumer.close();
    await queue.close();
    throw e;
  }
  return {
    queue,
    close: async () => {
      await consumer.close();
      await queue.close();
    },
  };
}
