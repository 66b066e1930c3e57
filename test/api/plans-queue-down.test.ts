import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BullJobQueue } from '../../server/queue/bullmq-queue.ts';
import { startTestApp, type TestApp } from '../helpers/app.ts';

// Redis down (nothing listens on port 1): planning is refused fast with 503 and a Retry-After,
// never a hang and never a 500; reading plans keeps working.
let t: TestApp;
let queue: BullJobQueue;
beforeAll(async () => {
  queue = new BullJobQueue({ redisUrl: 'redis://127.0.0.1:1', queueName: `down-${randomUUID()}`, timeoutMs: 500 });
  t = await startTestApp({ queue });
});
afterAll(async () => {
  await t?.close();
  await queue?.close();
});

describe('when Redis is down', () => {
  it('POST /api/plans answers 503 QUEUE_UNAVAILABLE with Retry-After, within a second', async () => {
    const coord = await t.login('coordinator');
    const started = Date.now();
    const res = await coord.fetch('/api/plans', { method: 'POST', json: { week: '2026-W49' } });
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('5');
    expect((await res.json()).error.code).toBe('QUEUE_UNAVAILABLE');
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it('job status and cancellation answer 503 too; the plan list still answers', async () => {
    const coord = await t.login('coordinator');
    const status = await coord.fetch('/api/jobs/plan-2026-W49.v1');
    expect(status.status).toBe(503);
    expect(status.headers.get('retry-after')).toBe('5');
    expect((await coord.fetch('/api/jobs/plan-2026-W49.v1', { method: 'DELETE' })).status).toBe(503);
    expect((await coord.fetch('/api/plans')).status).toBe(200);
  });
});
