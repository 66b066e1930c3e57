/**
 * A test app for the plan endpoints with a real queue and a real consumer: the embedded queue by
 * default, kept in the test app's database as `npm start` keeps it (durable, single-owner), or
 * BullMQ on Redis under CI=true or TEST_QUEUE=redis; a fresh queue name either way. The tiny hand-checkable week (or what `load` writes) is loaded into the database.
 */
import { randomUUID } from 'node:crypto';
import { startBullConsumer } from '../../server/queue/bullmq-consumer.ts';
import { BullJobQueue } from '../../server/queue/bullmq-queue.ts';
import type { JobConsumer, JobQueue } from '../../server/queue/job-queue.ts';
import { EmbeddedQueue } from '../../server/queue/embedded-queue.ts';
import { planJobHandler } from '../../server/queue/plan-job.ts';
import { parseRoutingConfig } from '../../server/routing/config.ts';
import { createRoutingProvider } from '../../server/routing/create-routing-provider.ts';
import type { Db } from '../../server/db/db.ts';
import { startTestApp, type TestApp, type TestSession } from '../helpers/app.ts';
import { storeTinyWeek } from '../helpers/stored-week.ts';

export const useRedis = (): boolean => process.env.CI === 'true' || process.env.TEST_QUEUE === 'redis';
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

export interface PlansApp extends TestApp {
  queue: JobQueue;
}

export async function startPlansApp(load: (db: Db) => Promise<void> = storeTinyWeek): Promise<PlansApp> {
  const routing = createRoutingProvider(parseRoutingConfig({}));
  let queue: JobQueue;
  let consumer: JobConsumer | undefined;
  let stopQueue: () => Promise<void>;
  let t: TestApp | undefined;
  if (useRedis()) {
    const queueName = `test-plans-${randomUUID()}`;
    const bull = new BullJobQueue({ redisUrl: REDIS_URL, queueName, attempts: 2, backoffMs: 100 });
    queue = bull;
    t = await startTestApp({ queue, routing, setup: load });
    consumer = await startBullConsumer({
      redisUrl: REDIS_URL,
      queueName,
      handler: planJobHandler({ db: t.db, routing }),
      cancelPollMs: 100,
    });
    stopQueue = async () => {
      await consumer?.close();
      await bull.obliterate();
      await bull.close();
    };
  } else {
    // The queue lives in the app's database, so it is made in setup, once that database exists,
    // and handed to createApp through the same overrides object.
    let memory: EmbeddedQueue | undefined;
    const overrides: NonNullable<Parameters<typeof startTestApp>[0]> = {
      routing,
      setup: async (db) => {
        await load(db);
        memory = new EmbeddedQueue({ db, name: `test-plans-${randomUUID()}`, attempts: 2, backoffMs: 100 });
        await memory.started();
        overrides.queue = memory;
      },
    };
    t = await startTestApp(overrides);
    const durable = memory!;
    queue = durable;
    consumer = durable.consume(planJobHandler({ db: t.db, routing }));
    stopQueue = async () => {
      await consumer?.close();
      await durable.close();
    };
  }
  const app = t;
  return {
    ...app,
    queue,
    close: async () => {
      await stopQueue();
      await app.close();
    },
  };
}

export async function waitForJob(
  s: TestSession,
  jobId: string,
  timeoutMs = 15_000,
): Promise<{ state: string; result?: { version: number }; error?: string }> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const job = await (await s.fetch(`/api/jobs/${jobId}`)).json();
    if (['completed', 'failed', 'cancelled'].includes(job.state)) return job;
    if (Date.now() > until) throw new Error(`job ${jobId} still ${job.state} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Reads a Server-Sent Events stream to its end: [event, data] pairs. */
export async function readEvents(res: Response): Promise<Array<[string, unknown]>> {
  const text = await res.text();
  return text
    .split('\n\n')
    .filter((block) => block.startsWith('event:'))
    .map((block) => {
      const [eventLine, dataLine] = block.split('\n');
      return [eventLine.slice('event: '.length), JSON.parse(dataLine.slice('data: '.length))];
    });
}
