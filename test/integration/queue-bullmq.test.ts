import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { startBullConsumer } from '../../server/queue/bullmq-consumer.ts';
import { BullJobQueue } from '../../server/queue/bullmq-queue.ts';
import type { JobConsumer } from '../../server/queue/job-queue.ts';
import { queueContract, redisReachable, type QueueUnderTest } from './queue-suite.ts';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
// Under CI a missing Redis must fail the suite, never skip it.
const run = process.env.CI === 'true' || (await redisReachable());

function onRedis(queueName: string): QueueUnderTest {
  const queue = new BullJobQueue({ redisUrl: REDIS_URL, queueName, attempts: 2, backoffMs: 50 });
  const consumers: JobConsumer[] = [];
  return {
    queue,
    consume: async (handler) => {
      const c = await startBullConsumer({ redisUrl: REDIS_URL, queueName, handler, cancelPollMs: 50 });
      consumers.push(c);
      return c;
    },
    cleanup: async () => {
      for (const c of consumers) await c.close();
      await queue.obliterate();
      await queue.close();
    },
    restart: async () => {
      for (const c of consumers) await c.close();
      await queue.close();
      return onRedis(queueName);
    },
  };
}

describe.runIf(run)('BullMQ on Redis', () => {
  queueContract('BullMQ', async () => onRedis(`test-${randomUUID()}`), { durable: true });

  it('several workers share one Redis: each job runs exactly once, and the work is spread over them', async () => {
    const queueName = `test-${randomUUID()}`;
    const queue = new BullJobQueue({ redisUrl: REDIS_URL, queueName });
    const ran: string[] = [];
    const worker = (name: string) =>
      startBullConsumer({
        redisUrl: REDIS_URL,
        queueName,
        handler: async (job) => {
          ran.push(`${job.id}@${name}`);
          await new Promise((r) => setTimeout(r, 150));
          return name;
        },
      });
    const workers = [await worker('w1'), await worker('w2')];
    try {
      const ids = ['plan-a.v1', 'plan-b.v1', 'plan-c.v1', 'plan-d.v1'];
      for (const id of ids) await queue.add('plan', {}, { jobId: id });
      const until = Date.now() + 10_000;
      while (
        (await Promise.all(ids.map((id) => queue.getJob(id)))).some((j) => j?.state !== 'completed') &&
        Date.now() < until
      ) {
        await new Promise((r) => setTimeout(r, 50));
      }
      expect(ran.map((r) => r.split('@')[0]).sort()).toEqual(ids);
      expect(new Set(ran.map((r) => r.split('@')[1])).size).toBe(2);
    } finally {
      for (const w of workers) await w.close();
      await queue.obliterate();
      await queue.close();
    }
  });

  it('answers QUEUE_UNAVAILABLE with a Retry-After when Redis cannot be reached', async () => {
    const queue = new BullJobQueue({
      redisUrl: 'redis://127.0.0.1:1',
      queueName: `test-${randomUUID()}`,
      timeoutMs: 500,
    });
    await expect(queue.add('plan', {}, { jobId: 'plan-x.v1' })).rejects.toMatchObject({
      code: 'QUEUE_UNAVAILABLE',
      retryAfterS: 5,
    });
    await expect(queue.getJob('plan-x.v1')).rejects.toMatchObject({ code: 'QUEUE_UNAVAILABLE' });
    await queue.close();
  });
});
