/**
 * PLAN_FLOW=1: POST /api/plans plans the week through the week flow (server/queue/plan-via-flow.ts)
 * on real Redis: the plan job the API answers with is the one the web follows (state, progress,
 * result), its week runs as the flow's jobs on an in-process flow worker, and the plan is stored
 * as the single job stores it (next draft version, tagged with the job; audit as before). The
 * flow plans with the same run as the single job (server/queue/plan-run.ts): providers
 * accredited for the nursery only leave the day centre's trips unserved as NO_ACCREDITED_PROVIDER,
 * exactly the trips the single job leaves so. The tiny week, a capped search: a few seconds.
 */
import { randomUUID } from 'node:crypto';
import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Plan, PlanSchema } from '../../server/contract/plan.ts';
import type { Provider } from '../../server/contract/programme.ts';
import { writeEntity } from '../../server/entities/store.ts';
import { tinyWeek } from '../../server/planning/testing/tiny-week.ts';
import { startBullConsumer } from '../../server/queue/bullmq-consumer.ts';
import { BullJobQueue } from '../../server/queue/bullmq-queue.ts';
import type { JobConsumer } from '../../server/queue/job-queue.ts';
import { planJobHandler } from '../../server/queue/plan-job.ts';
import { redisOptions } from '../../server/queue/redis-options.ts';
import { startWeekFlowWorker, weekFlowQueueName } from '../../server/queue/week-flow.ts';
import { parseRoutingConfig } from '../../server/routing/config.ts';
import { createRoutingProvider } from '../../server/routing/create-routing-provider.ts';
import { startTestApp, type TestApp, type TestSession } from '../helpers/app.ts';
import { storeTinyWeek } from '../helpers/stored-week.ts';
import { redisReachable } from '../integration/queue-suite.ts';
import { waitForJob } from './plans-harness.ts';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const run = process.env.CI === 'true' || (await redisReachable());
const WEEK = tinyWeek().week;
const ITERATIONS = 100;

describe.runIf(run)('POST /api/plans with PLAN_FLOW=1: the week planned through the week flow', () => {
  const queueName = `test-plans-flow-${randomUUID()}`;
  const routing = createRoutingProvider(parseRoutingConfig({}));
  const flow = { redisUrl: REDIS_URL, queueName, attempts: 2, backoffMs: 100 };
  let t: TestApp;
  let bull: BullJobQueue;
  let consumer: JobConsumer;
  let flowWorker: { close(): Promise<void> };
  let flowQueue: Queue;
  let coord: TestSession;

  beforeAll(async () => {
    bull = new BullJobQueue({ redisUrl: REDIS_URL, queueName, attempts: 2, backoffMs: 100 });
    t = await startTestApp({ queue: bull, routing, setup: storeTinyWeek, env: { REDIS_URL, PLAN_FLOW: '1' } });
    consumer = await startBullConsumer({
      redisUrl: REDIS_URL,
      queueName,
      handler: planJobHandler({ db: t.db, routing, maxIterationsPerDay: ITERATIONS, flow }),
      cancelPollMs: 100,
    });
    flowWorker = await startWeekFlowWorker({ ...flow, routing, concurrency: 2 });
    flowQueue = new Queue(weekFlowQueueName(queueName), { connection: redisOptions(REDIS_URL), prefix: 'prontivia' });
    coord = await t.login('coordinator');
  }, 30_000);
  afterAll(async () => {
    await consumer?.close();
    await flowWorker?.close();
    await flowQueue?.obliterate({ force: true }).catch(() => undefined);
    await flowQueue?.close();
    await bull?.obliterate().catch(() => undefined);
    await bull?.close();
    await t?.close();
  });

  /** POSTs the week, waits for its job through /api/jobs, and reads the plan it wrote through the API. */
  async function planThroughApi(): Promise<{ jobId: string; plan: Plan; job: Record<string, unknown> }> {
    const res = await coord.fetch('/api/plans', { method: 'POST', json: { week: WEEK, timeLimitMs: 5000 } });
    expect(res.status).toBe(202);
    const { planId, jobId, version } = (await res.json()) as { planId: string; jobId: string; version: number };
    expect(res.headers.get('location')).toBe(`/api/jobs/${jobId}`);
    const done = await waitForJob(coord, jobId, 60_000);
    expect(done, JSON.stringify(done)).toMatchObject({ state: 'completed', result: { planId, version } });
    // The week ran as the flow's jobs, under the plan job's id.
    expect(await flowQueue.getJobState(jobId)).toBe('completed');
    expect(await flowQueue.getJobState(`${jobId}.master`)).toBe('completed');
    const read = await coord.fetch(`/api/plans/${planId}`);
    expect(read.status).toBe(200);
    expect(read.headers.get('etag')).toBe(`"v${version}"`);
    return { jobId, plan: PlanSchema.parse(await read.json()), job: done as Record<string, unknown> };
  }

  it('plans the week end to end: the job completes with its progress, the plan is stored and readable as a draft, the request audited', {
    timeout: 60_000,
  }, async () => {
    const { jobId, plan, job } = await planThroughApi();
    expect(plan).toMatchObject({ week: WEEK, version: 1, status: 'draft' });
    expect(plan.days.map((d) => d.date)).toHaveLength(5);
    expect(plan.days.every((d) => d.routes.length > 0)).toBe(true);
    expect(job.progress).toMatchObject({ days: 5, daysDone: 5 });
    const stored = await t.db.query<{ job_id: string; reason: string }>(
      'SELECT job_id, reason FROM plan_versions WHERE plan_id = $1',
      [plan.id],
    );
    expect(stored.rows).toEqual([{ job_id: jobId, reason: 'solve' }]);
    const audited = await t.db.query<{ action: string }>(
      "SELECT action FROM audit_log WHERE entity = 'plan' AND entity_id LIKE $1 ORDER BY id",
      [`${plan.id}%`],
    );
    expect(audited.rows.map((r) => r.action)).toEqual(['plan', 'read']);
  });

  it("a flow-planned week keeps the providers' accreditation: the same trips left unserved as NO_ACCREDITED_PROVIDER as the single job", {
    timeout: 60_000,
  }, async () => {
    // Both vans belong to providers accredited for the nursery only: no van may carry the day centre.
    const provider = (id: string, vehicleId: string): Provider => ({
      id,
      name: id,
      tariff: { unit: 'trip', centsPerUnit: 500, coPaymentBands: [] },
      vehicleIds: [vehicleId],
      driverIds: [],
      comuni: [],
      serviceIds: ['nido'],
    });
    await writeEntity(t.db, 'provider', provider('coop-a', 'v1'));
    await writeEntity(t.db, 'provider', provider('coop-b', 'v2'));
    const { plan: viaFlow } = await planThroughApi();

    // The single job on the same data, from the version the flow wrote.
    const single = planJobHandler({ db: t.db, routing, maxIterationsPerDay: ITERATIONS });
    const data = {
      kind: 'plan',
      planId: viaFlow.id,
      week: WEEK,
      baseVersion: viaFlow.version,
      seed: 1,
      timeLimitMs: 5000,
    };
    const ctx = { signal: new AbortController().signal, reportProgress: async () => undefined };
    const written = (await single({ id: `single-${randomUUID()}`, name: 'plan', data, attempt: 1 }, ctx)) as {
      version: number;
    };
    const viaOneJob = PlanSchema.parse(
      await (await coord.fetch(`/api/plans/${viaFlow.id}?version=${written.version}`)).json(),
    );

    const serviceOf = new Map(tinyWeek().requests.map((r) => [r.id, r.serviceId]));
    const unaccredited = (p: Plan) =>
      p.unserved
        .filter((u) => u.reason === 'NO_ACCREDITED_PROVIDER')
        .map((u) => `${u.date} ${u.requestId} ${u.direction}`)
        .sort();
    const cddTrips = tinyWeek()
      .requests.filter((r) => r.serviceId === 'cdd')
      .reduce((n, r) => n + r.weekdays.length * 2, 0);
    expect(unaccredited(viaFlow)).toHaveLength(cddTrips);
    expect(unaccredited(viaFlow)).toEqual(unaccredited(viaOneJob));
    const boardsCdd = (p: Plan) =>
      p.days.some((d) =>
        d.routes.some((r) => r.stops.some((s) => s.boards.some((b) => serviceOf.get(b.requestId) === 'cdd'))),
      );
    expect(boardsCdd(viaFlow)).toBe(false);
  });

  // Last: it stops the flow worker, so that the week waits in the flow when it is cancelled.
  it('cancelling the plan job cancels its week in the flow and writes no version', { timeout: 30_000 }, async () => {
    await flowWorker.close();
    flowWorker = { close: async () => undefined };
    const plans = await coord.fetch('/api/plans');
    const before = ((await plans.json()) as Array<{ version: number }>)[0]!.version;
    const res = await coord.fetch('/api/plans', { method: 'POST', json: { week: WEEK, timeLimitMs: 5000 } });
    const { jobId } = (await res.json()) as { jobId: string };
    for (let i = 0; i < 100 && (await flowQueue.getJobState(jobId)) === 'unknown'; i++)
      await new Promise((r) => setTimeout(r, 50));
    expect(await flowQueue.getJobState(jobId)).toBe('waiting');
    const cancel = await coord.fetch(`/api/jobs/${jobId}`, { method: 'DELETE' });
    expect(((await cancel.json()) as { cancelled: boolean }).cancelled).toBe(true);
    expect(await waitForJob(coord, jobId, 10_000)).toMatchObject({ state: 'cancelled' });
    expect(await flowQueue.getJobState(jobId)).toBe('unknown');
    const after = await coord.fetch('/api/plans');
    expect(((await after.json()) as Array<{ version: number }>)[0]!.version).toBe(before);
  });
});
