/**
 * Must show: kill the worker process in the middle of a solve — the job is retried and
 * completes, and the published plan is never partly overwritten. Real Redis, real PostgreSQL,
 * real `server/worker.ts` processes (node with the tsx loader, so SIGKILL hits the worker
 * itself, not a wrapper).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PlanSchema, type Plan } from '../../server/contract/plan.ts';
import type { Db } from '../../server/db/db.ts';
import { migrate } from '../../server/db/migrate.ts';
import { openPgDb } from '../../server/db/pg-db.ts';
import { writeEntity } from '../../server/entities/store.ts';
import { getPublishedPlanForDate } from '../../server/plan-store/published.ts';
import { appendVersion, ensurePlan, readPlan } from '../../server/plan-store/plan-store.ts';
import { planWeek } from '../../server/planning/plan-week.ts';
import { tinyWeek } from '../../server/planning/testing/tiny-week.ts';
import { BullJobQueue } from '../../server/queue/bullmq-queue.ts';
import { planJobId, type PlanJobData } from '../../server/queue/plan-job.ts';
import { parseRoutingConfig } from '../../server/routing/config.ts';
import { createRoutingProvider } from '../../server/routing/create-routing-provider.ts';
import { redisReachable } from './queue-suite.ts';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const PG_URL = process.env.DATABASE_URL_TEST ?? 'postgres://postgres@127.0.0.1:5432/test';
const pgReachable = async (): Promise<boolean> => {
  try {
    const db = await openPgDb({ connectionString: PG_URL, max: 1 });
    await db.close();
    return true;
  } catch {
    return false;
  }
};
// Under CI a missing Redis or PostgreSQL fails this test; elsewhere it is skipped without them.
const run = process.env.CI === 'true' || ((await redisReachable()) && (await pgReachable()));

const TSX_LOADER = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

function startWorker(env: Record<string, string>, log: string[]): ChildProcess {
  const child = spawn(process.execPath, ['--import', TSX_LOADER, 'server/worker.ts'], {
    cwd: new URL('../..', import.meta.url).pathname,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d: Buffer) => log.push(d.toString()));
  child.stderr!.on('data', (d: Buffer) => log.push(d.toString()));
  return child;
}

async function until<T>(
  what: string,
  probe: () => Promise<T | undefined | null | false>,
  timeoutMs: number,
  log: string[],
): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}; worker output:\n${log.join('')}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe.runIf(run)('a worker killed in the middle of a solve', () => {
  const dbName = `kill_${randomBytes(5).toString('hex')}`;
  const queueName = `test-kill-${randomBytes(5).toString('hex')}`;
  let admin: Db;
  let db: Db;
  let queue: BullJobQueue;
  const children: ChildProcess[] = [];
  const log: string[] = [];

  beforeAll(async () => {
    admin = await openPgDb({ connectionString: PG_URL, max: 1 });
    await admin.query(`CREATE DATABASE ${dbName}`);
    db = await openPgDb({ connectionString: PG_URL.replace(/\/[^/]*$/, `/${dbName}`), max: 4 });
    await migrate(db);
    const w = tinyWeek();
    const kinds = [
      ['service', w.services],
      ['household', w.households],
      ['passenger', w.passengers],
      ['request', w.requests],
      ['vehicle', w.vehicles],
      ['driver', w.drivers],
    ] as const;
    for (const [kind, list] of kinds) for (const e of list) await writeEntity(db, kind, e);
    queue = new BullJobQueue({ redisUrl: REDIS_URL, queueName, attempts: 3 });
  });

  afterAll(async () => {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    await queue?.obliterate().catch(() => undefined);
    await queue?.close();
    await db?.close();
    await admin?.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await admin?.close();
  });

  it('is retried by another worker, completes, and the published version is untouched', {
    timeout: 60_000,
  }, async () => {
    // A published plan the drivers already have.
    const planId = await ensurePlan(db, '2026-W49');
    const routing = createRoutingProvider(parseRoutingConfig({}));
    const first = await planWeek(
      { data: tinyWeek(), week: '2026-W49' },
      { routing, seed: 1, timeLimitMs: 300, now: Date.now },
    );
    await appendVersion(db, planId, { baseVersion: 0, status: 'draft', reason: 'solve', plan: first });
    const published: Plan = await appendVersion(db, planId, {
      baseVersion: 1,
      status: 'published',
      reason: 'publish',
      plan: first,
    });

    const jobId = planJobId(planId, 3);
    const data: PlanJobData = { kind: 'plan', planId, week: '2026-W49', baseVersion: 2, seed: 7, timeLimitMs: 3000 };
    await queue.add('plan', data, { jobId });

    const env = {
      REDIS_URL,
      DATABASE_URL: PG_URL.replace(/\/[^/]*$/, `/${dbName}`),
      QUEUE_NAME: queueName,
      QUEUE_LOCK_MS: '3000',
      QUEUE_STALLED_MS: '1000',
      SEED_DEMO: 'false',
      OSRM_URL: '',
    };
    const doomed = startWorker(env, log);
    children.push(doomed);
    // Mid-solve: the job is running and has reported a best cost.
    await until(
      'the first worker to report progress',
      async () => {
        const s = await queue.getJob(jobId);
        return s?.state === 'active' && s.progress !== null;
      },
      20_000,
      log,
    );
    doomed.kill('SIGKILL');
    await new Promise((r) => doomed.once('exit', r));
    expect(doomed.signalCode).toBe('SIGKILL');
    expect((await queue.getJob(jobId))?.state).not.toBe('completed');
    expect(await readPlan(db, planId, 3)).toBeUndefined();

    const killedAt = Date.now();
    children.push(startWorker(env, log));
    const done = await until(
      'the job to complete on the second worker',
      async () => {
        const s = await queue.getJob(jobId);
        return s && ['completed', 'failed'].includes(s.state) ? s : null;
      },
      25_000,
      log,
    );
    expect(done, `job ended ${done.state}: ${done.error}; worker output:\n${log.join('')}`).toMatchObject({
      state: 'completed',
      result: { planId, version: 3 },
    });
    expect(done.attemptsMade).toBeGreaterThanOrEqual(2);
    console.log(
      `[worker-kill] job completed ${Date.now() - killedAt} ms after the kill, attempts started: ${done.attemptsMade}`,
    );

    // The published version is exactly what it was; the new draft is complete and written once.
    expect(await readPlan(db, planId, 2)).toEqual(published);
    expect((await getPublishedPlanForDate(db, published.days[0].date))?.version).toBe(2);
    const draft = PlanSchema.parse(await readPlan(db, planId, 3));
    expect(draft).toMatchObject({ version: 3, status: 'draft' });
    expect(draft.days.flatMap((d) => d.routes).length).toBeGreaterThan(0);
    const rows = await db.query<{ version: number; job_id: string | null }>(
      'SELECT version, job_id FROM plan_versions WHERE plan_id = $1 ORDER BY version',
      [planId],
    );
    expect(rows.rows).toEqual([
      { version: 1, job_id: null },
      { version: 2, job_id: null },
      { version: 3, job_id: jobId },
    ]);
  });
});
