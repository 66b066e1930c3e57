/**
 * Must show: kill the worker process in the middle of a solve — the job is retried and
 * completes, and the published plan is never partly overwritten. Real Redis, real PostgreSQL,
 * real `server/worker.ts` processes (node with the tsx loader, so SIGKILL hits the worker
 * itself, not a wrapper).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../server/db/db.ts';
import { migrate } from '../../server/db/migrate.ts';
import { openPgDb } from '../../server/db/pg-db.ts';
import { getPublishedPlanForDate } from '../../server/plan-store/published.ts';
import { readPlan } from '../../server/plan-store/plan-store.ts';
import { BullJobQueue } from '../../server/queue/bullmq-queue.ts';
import { parseRoutingConfig } from '../../server/routing/config.ts';
import { createRoutingProvider } from '../../server/routing/create-routing-provider.ts';
import { expectDraftWrittenOnce, publishTinyWeek, storeTinyWeek } from '../helpers/stored-week.ts';
import { REDIS_URL, Workers, workerServicesUp } from '../helpers/worker-process.ts';

const run = await workerServicesUp();

describe.runIf(run)('a worker killed in the middle of a solve', () => {
  const workers = new Workers('kill');
  let db: Db;
  let queue: BullJobQueue;

  beforeAll(async () => {
    await workers.createDatabase();
    db = await openPgDb({ connectionString: workers.databaseUrl, max: 4 });
    await migrate(db);
    await storeTinyWeek(db);
    queue = new BullJobQueue({ redisUrl: REDIS_URL, queueName: workers.queueName, attempts: 3 });
  });

  afterAll(async () => {
    workers.killAll();
    await queue?.obliterate().catch(() => undefined);
    await queue?.close();
    await db?.close();
    await workers.dropDatabase();
  });

  it('is retried by another worker, completes, and the published version is untouched', {
    timeout: 60_000,
  }, async () => {
    // A published plan the drivers already have.
    const week = await publishTinyWeek(db, createRoutingProvider(parseRoutingConfig({})));
    const { planId, published } = week;
    const { jobId, data } = week.resolve;
    await queue.add('plan', data, { jobId });

    const doomed = workers.start();
    // Mid-solve: the job is running and has reported a best cost.
    await workers.until(
      'the first worker to report progress',
      async () => {
        const s = await queue.getJob(jobId);
        return s?.state === 'active' && s.progress !== null;
      },
      20_000,
    );
    await workers.kill(doomed);
    expect(doomed.signalCode).toBe('SIGKILL');
    expect((await queue.getJob(jobId))?.state).not.toBe('completed');
    expect(await readPlan(db, planId, 3)).toBeUndefined();

    const killedAt = Date.now();
    workers.start();
    const done = await workers.until(
      'the job to complete on the second worker',
      async () => {
        const s = await queue.getJob(jobId);
        return s && ['completed', 'failed'].includes(s.state) ? s : null;
      },
      25_000,
    );
    expect(done, `job ended ${done.state}: ${done.error}; worker output:\n${workers.log.join('')}`).toMatchObject({
      state: 'completed',
      result: { planId, version: 3 },
    });
    expect(done.attemptsMade).toBeGreaterThanOrEqual(2);
    console.log(
      `[worker-kill] job completed ${Date.now() - killedAt} ms after the kill, attempts started: ${done.attemptsMade}`,
    );

    // The published version is exactly what it was; the new draft is complete and written once.
    const draft = await expectDraftWrittenOnce(db, week);
    expect((await getPublishedPlanForDate(db, published.days[0].date))?.version).toBe(2);
    expect(draft.days.flatMap((d) => d.routes).length).toBeGreaterThan(0);
  });
});
