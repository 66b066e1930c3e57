/**
 * The contract every JobQueue implementation passes (queue-memory.test.ts, queue-bullmq.test.ts).
 * Jobs run a real CPU-bound task in a worker thread, as solve jobs do.
 */
import { createConnection } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { JobConsumer, JobEvent, JobHandler, JobQueue, JobStatus, Json } from '../../server/queue/job-queue.ts';
import { PermanentJobError } from '../../server/queue/job-queue.ts';
import { runInThread } from '../../server/queue/run-in-thread.ts';

export interface QueueUnderTest {
  queue: JobQueue;
  consume(handler: JobHandler): Promise<JobConsumer>;
  cleanup(): Promise<void>;
  /** Durable queues: closes this queue and its consumers and opens it again on the same storage. */
  restart?(): Promise<QueueUnderTest>;
}

const TASK = new URL('./queue-test-task.ts', import.meta.url);

/** Handler used by the suite: runs the busy task in a thread; `failUntilAttempt` makes early attempts fail. */
export function busyHandler(calls: string[]): JobHandler {
  return async (job, ctx) => {
    calls.push(`${job.id}#${job.attempt}`);
    const data = job.data as { ms: number; failUntilAttempt?: number; permanent?: boolean };
    if (data.permanent) throw new PermanentJobError('the week has no requests');
    if (data.failUntilAttempt && job.attempt <= data.failUntilAttempt) throw new Error(`attempt ${job.attempt} failed`);
    return runInThread<Json>(
      TASK,
      'busySolve',
      { ms: data.ms },
      {
        signal: ctx.signal,
        onProgress: (p) => void ctx.reportProgress(p as Json),
      },
    );
  };
}

/** Polls `probe` every 25 ms until it gives a truthy value, or fails naming `what`. */
export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined | null | false>,
  timeoutMs = 20_000,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

export const finalState = (q: JobQueue, id: string): Promise<JobStatus> =>
  waitFor(`job ${id} to finish`, async () => {
    const s = await q.getJob(id);
    return s && ['completed', 'failed', 'cancelled'].includes(s.state) ? s : null;
  });

export const reportedProgress = (q: JobQueue, id: string): Promise<true> =>
  waitFor(`job ${id} to report progress`, async () => ((await q.getJob(id))?.progress ? true : null));

export function redisReachable(host = '127.0.0.1', port = 6379): Promise<boolean> {
  return new Promise((resolve) => {
    const s = createConnection({ host, port });
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });
}

export function queueContract(
  label: string,
  make: () => Promise<QueueUnderTest>,
  opts: { durable?: boolean } = {},
): void {
  describe(`${label} job queue`, () => {
    let current: QueueUnderTest | null = null;
    const open = async () => (current = await make());
    afterEach(async () => {
      await current?.cleanup();
      current = null;
    });

    it('runs a solve to completion, streaming a falling best cost, and keeps the result', async () => {
      const { queue, consume } = await open();
      const calls: string[] = [];
      const events: JobEvent[] = [];
      const unsubscribe = await queue.subscribe('plan-a.v1', (e) => events.push(e));
      await consume(busyHandler(calls));
      const added = await queue.add('plan', { ms: 600 }, { jobId: 'plan-a.v1' });
      expect(added.state).toBe('waiting');
      const done = await finalState(queue, 'plan-a.v1');
      expect(done.state).toBe('completed');
      expect(done.result).toMatchObject({ stoppedEarly: false });
      await waitFor('the completed event', async () => events.some((e) => e.type === 'completed'));
      unsubscribe();
      const costs = events.flatMap((e) =>
        e.type === 'progress' ? [(e.progress as { bestCost: number }).bestCost] : [],
      );
      expect(costs.length).toBeGreaterThan(3);
      expect(costs).toEqual([...costs].sort((a, b) => b - a));
      expect((done.progress as { bestCost: number }).bestCost).toBe(costs[costs.length - 1]);
      expect(calls).toEqual(['plan-a.v1#1']);
    });

    it('a resubmitted job id is the same job and runs once', async () => {
      const { queue, consume } = await open();
      const calls: string[] = [];
      const first = await queue.add('plan', { ms: 200 }, { jobId: 'plan-b.v2' });
      const again = await queue.add('plan', { ms: 999 }, { jobId: 'plan-b.v2' });
      expect(again.id).toBe(first.id);
      expect(again.data).toEqual({ ms: 200 });
      await consume(busyHandler(calls));
      expect((await finalState(queue, 'plan-b.v2')).state).toBe('completed');
      const afterDone = await queue.add('plan', { ms: 200 }, { jobId: 'plan-b.v2' });
      expect(afterDone.state).toBe('completed');
      await new Promise((r) => setTimeout(r, 200));
      expect(calls).toEqual(['plan-b.v2#1']);
    });

    it('cancelling a running solve reaches its signal and stops it well before its time limit', async () => {
      const { queue, consume } = await open();
      await consume(busyHandler([]));
      const started = Date.now();
      await queue.add('plan', { ms: 8000 }, { jobId: 'plan-c.v1' });
      await waitFor('the solve to report progress', async () =>
        (await queue.getJob('plan-c.v1'))?.progress ? true : null,
      );
      expect(await queue.cancel('plan-c.v1')).toBe(true);
      const done = await finalState(queue, 'plan-c.v1');
      expect(done.state).toBe('cancelled');
      expect(Date.now() - started).toBeLessThan(5000);
      expect(await queue.cancel('plan-c.v1')).toBe(false);
    });

    it('a cancelled waiting job never starts, and resubmitting it runs it', async () => {
      const { queue, consume } = await open();
      const calls: string[] = [];
      await queue.add('plan', { ms: 50 }, { jobId: 'plan-d.v1' });
      expect(await queue.cancel('plan-d.v1')).toBe(true);
      expect((await queue.getJob('plan-d.v1'))?.state).toBe('cancelled');
      await consume(busyHandler(calls));
      await new Promise((r) => setTimeout(r, 300));
      expect(calls).toEqual([]);
      await queue.add('plan', { ms: 50 }, { jobId: 'plan-d.v1' });
      expect((await finalState(queue, 'plan-d.v1')).state).toBe('completed');
      expect(calls).toEqual(['plan-d.v1#1']);
    });

    it('a job that fails is retried and completes on the next attempt', async () => {
      const { queue, consume } = await open();
      const calls: string[] = [];
      await consume(busyHandler(calls));
      await queue.add('plan', { ms: 50, failUntilAttempt: 1 }, { jobId: 'plan-e.v1' });
      const done = await finalState(queue, 'plan-e.v1');
      expect(done.state).toBe('completed');
      expect(done.attemptsMade).toBe(2);
      expect(calls).toEqual(['plan-e.v1#1', 'plan-e.v1#2']);
    });

    it('a job that keeps failing ends failed with its reason; a permanent error is not retried', async () => {
      const { queue, consume } = await open();
      const calls: string[] = [];
      await consume(busyHandler(calls));
      await queue.add('plan', { ms: 50, failUntilAttempt: 99 }, { jobId: 'plan-f.v1' });
      await queue.add('plan', { ms: 50, permanent: true }, { jobId: 'plan-g.v1' });
      const failed = await finalState(queue, 'plan-f.v1');
      expect(failed.state).toBe('failed');
      expect(failed.error).toMatch(/attempt \d failed/);
      const permanent = await finalState(queue, 'plan-g.v1');
      expect(permanent).toMatchObject({ state: 'failed', error: 'the week has no requests' });
      expect(calls.filter((c) => c.startsWith('plan-g'))).toEqual(['plan-g.v1#1']);
      expect(calls.filter((c) => c.startsWith('plan-f')).length).toBeGreaterThan(1);
    });

    it('the process stays responsive while a solve burns CPU', async () => {
      const { queue, consume } = await open();
      await consume(busyHandler([]));
      await queue.add('plan', { ms: 800 }, { jobId: 'plan-h.v1' });
      let worstGapMs = 0;
      let last = Date.now();
      const ticker = setInterval(() => {
        const now = Date.now();
        worstGapMs = Math.max(worstGapMs, now - last);
        last = now;
      }, 10);
      await finalState(queue, 'plan-h.v1');
      clearInterval(ticker);
      // The solve takes 800 ms of CPU: on the main thread the worst gap would be at least that.
      expect(worstGapMs).toBeLessThan(400);
    });

    it('closing the consumer in the middle of a solve loses no job: the next consumer finishes it', async () => {
      const { queue, consume } = await open();
      const calls: string[] = [];
      const first = await consume(busyHandler(calls));
      await queue.add('plan', { ms: 1500 }, { jobId: 'plan-i.v1' });
      await waitFor('the solve to report progress', async () =>
        (await queue.getJob('plan-i.v1'))?.progress ? true : null,
      );
      await first.close();
      await consume(busyHandler(calls));
      const done = await finalState(queue, 'plan-i.v1');
      expect(done.state).toBe('completed');
      // BullMQ lets the running job finish before its worker closes; the embedded queue stops it and runs it again.
      expect(calls.length).toBeGreaterThanOrEqual(1);
      expect(calls.length).toBeLessThanOrEqual(2);
      expect(done.attemptsMade).toBe(calls.length);
    });

    if (opts.durable) {
      it('after a restart, finished jobs keep their state and result, and waiting jobs run', async () => {
        const before = await open();
        const calls: string[] = [];
        const consumer = await before.consume(busyHandler(calls));
        await before.queue.add('plan', { ms: 100 }, { jobId: 'plan-j.v1' });
        await before.queue.add('plan', { ms: 50, permanent: true }, { jobId: 'plan-k.v1' });
        const completed = await finalState(before.queue, 'plan-j.v1');
        const failed = await finalState(before.queue, 'plan-k.v1');
        await consumer.close();
        await before.queue.add('plan', { ms: 100 }, { jobId: 'plan-l.v1' });
        const after = await before.restart!();
        current = after;
        expect((await after.queue.getJob('plan-l.v1'))?.state).toBe('waiting');
        expect(await after.queue.getJob('plan-j.v1')).toEqual(completed);
        expect(await after.queue.getJob('plan-k.v1')).toMatchObject({
          state: 'failed',
          error: 'the week has no requests',
          attemptsMade: 1,
        });
        expect(failed.state).toBe('failed');
        expect((await after.queue.add('plan', { ms: 100 }, { jobId: 'plan-j.v1' })).state).toBe('completed');
        await after.consume(busyHandler(calls));
        expect((await finalState(after.queue, 'plan-l.v1')).state).toBe('completed');
        expect(calls.sort()).toEqual(['plan-j.v1#1', 'plan-k.v1#1', 'plan-l.v1#1']);
      });
    }

    it('an unknown job reads as null and cannot be cancelled', async () => {
      const { queue } = await open();
      expect(await queue.getJob('nope.v1')).toBeNull();
      expect(await queue.cancel('nope.v1')).toBe(false);
    });
  });
}
