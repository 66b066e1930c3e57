/**
 * Issue 15 item 3, must show: a week planned as a BullMQ flow by several `server/worker.ts`
 * processes (master week first, every (date, part), the continuity repair last) completes when a
 * worker is SIGKILLed in the middle of a job: the job is retried by another worker and nothing is
 * lost. Real Redis, real PostgreSQL (the workers' database), real worker processes.
 */
import { randomBytes } from 'node:crypto';
import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PlanSchema } from '../../server/contract/plan.ts';
import { tinyWeek } from '../../server/planning/testing/tiny-week.ts';
import { redisOptions } from '../../server/queue/redis-options.ts';
import { readWeek, submitWeek, weekFlowQueueName } from '../../server/queue/week-flow.ts';
import { checkPlan } from '../helpers/plan-checker.ts';
import { REDIS_URL, Workers, workerServicesUp } from '../helpers/worker-process.ts';

const run = await workerServicesUp();

describe.runIf(run)('a week planned by several workers as a BullMQ flow', () => {
  const workers = new Workers('flow');
  const opts = { redisUrl: REDIS_URL, queueName: workers.queueName, attempts: 3, backoffMs: 200 };
  let queue: Queue;

  beforeAll(async () => {
    await workers.createDatabase();
    queue = new Queue(weekFlowQueueName(workers.queueName), {
      connection: redisOptions(REDIS_URL),
      prefix: 'prontivia',
    });
  });
  afterAll(async () => {
    workers.killAll();
    await queue?.obliterate({ force: true }).catch(() => undefined);
    await queue?.close();
    await workers.dropDatabase();
  });

  it('completes after a worker is killed mid-job: the job is retried, every date is planned and checked', {
    timeout: 480_000,
  }, async () => {
    const data = tinyWeek();
    const weekId = `tiny-${randomBytes(3).toString('hex')}`;
    await submitWeek(opts, weekId, {
      data,
      week: data.week,
      seed: 1,
      timeLimitMs: 60_000,
      // Long enough that the job seen active is still running when the kill lands (a short one can finish first).
      maxIterationsPerDay: 3000,
      routingName: 'estimate',
    });
    const doomed = workers.start();
    // Kill it while it runs a (date, part) job: the master week is done, the dates have begun.
    const seen = await workers.until(
      'the first worker to run a (date, part) job',
      async () => {
        const active = await queue.getJobs(['active']);
        return active.find((j) => j.name === 'am' || j.name === 'pm')?.id;
      },
      180_000,
    );
    await workers.kill(doomed);
    expect(doomed.signalCode).toBe('SIGKILL');
    // The job the dead worker held stays active until its lock expires: that is the one killed mid-run
    // (the job seen a moment ago, unless it finished just before the kill and the worker took the next).
    const held = (await queue.getJobs(['active'])).map((j) => j.id);
    const killed = held.includes(seen) ? seen : held[0];
    expect(killed, 'a job was running when the worker was killed').toBeDefined();

    workers.start();
    workers.start();
    const done = await workers.until(
      'the week to complete on the other two workers',
      async () => {
        const s = await readWeek(opts, weekId);
        return ['completed', 'failed'].includes(s.state) ? s : null;
      },
      280_000,
    );
    expect(done.state, `${done.failedReason}\n${workers.log.join('')}`).toBe('completed');
    // The killed job ran again (its attempts count the run that was killed).
    expect(done.attempts[killed!]).toBeGreaterThanOrEqual(2);
    expect(Object.keys(done.attempts)).toEqual(
      expect.arrayContaining([`${weekId}.master`, `${weekId}.repair`, killed]),
    );
    const outcome = done.result!;
    expect(outcome.violations).toEqual([]);
    const plan = PlanSchema.parse(outcome.plan);
    expect(plan.days.map((d) => d.date)).toEqual([
      '2026-11-30',
      '2026-12-01',
      '2026-12-02',
      '2026-12-03',
      '2026-12-04',
    ]);
    expect(checkPlan(plan, data)).toEqual([]);
    // Every trip the work-hour rules allow is served (only Luisa's two outbound trips are not).
    expect(plan.unserved.map((u) => u.passengerId)).toEqual(['p5', 'p5']);
    expect(outcome.continuity.sameVehiclePct).toBe(100);
    console.log(`[week-flow-kill] killed ${killed}; attempts ${JSON.stringify(done.attempts)}`);
  });
});
