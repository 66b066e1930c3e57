/**
 * The embedded queue across restarts, on a PGlite data directory as `npm start` uses it: a
 * process is "killed" by cutting its database off at that instant (nothing it does afterwards is
 * written, as after a SIGKILL), then stopping its threads and closing the files; the next
 * process opens the same directory.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../server/db/db.ts';
import { migrate } from '../../server/db/migrate.ts';
import { openPgliteDb } from '../../server/db/pglite-db.ts';
import { readPlan } from '../../server/plan-store/plan-store.ts';
import type { JobEvent } from '../../server/queue/job-queue.ts';
import { EmbeddedQueue, type EmbeddedQueueOptions } from '../../server/queue/embedded-queue.ts';
import { planJobHandler } from '../../server/queue/plan-job.ts';
import { parseRoutingConfig } from '../../server/routing/config.ts';
import { createRoutingProvider } from '../../server/routing/create-routing-provider.ts';
import { expectDraftWrittenOnce, publishTinyWeek, storeTinyWeek } from '../helpers/stored-week.ts';
import { busyHandler, finalState, reportedProgress, waitFor } from './queue-suite.ts';

const DAY_MS = 24 * 3600 * 1000;

let dir: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'prontivia-queue-restart-'));
  const db = await openPgliteDb(dir);
  await migrate(db);
  await storeTinyWeek(db);
  await db.close();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** One run of the server: the database on the directory and the embedded queue on it. */
interface Proc {
  db: Db;
  /** The same database as this process's code sees it: cut off when the process is killed. */
  appDb: Db;
  queue: EmbeddedQueue;
  /** Queries this process sent to the database. */
  queries: string[];
  writeErrors: string[];
  /** SIGKILL: from now on nothing reaches the database; then the threads stop and the files close. */
  kill(): Promise<void>;
  /** A normal shutdown. */
  stop(): Promise<void>;
}

// One PGlite at a time may hold the directory: a test that fails half-way must not leave it open.
const openDbs = new Set<Db>();
const openQueues = new Set<EmbeddedQueue>();
afterEach(async () => {
  for (const q of openQueues) await q.close().catch(() => undefined);
  for (const db of openDbs) await db.close().catch(() => undefined);
  openQueues.clear();
  openDbs.clear();
});

async function openDir(): Promise<Db> {
  const db = await openPgliteDb(dir);
  openDbs.add(db);
  return db;
}

function start(db: Db, name: string, opts: EmbeddedQueueOptions = {}): Proc {
  let dead = false;
  const queries: string[] = [];
  const cut = (inner: Db): Db => ({
    kind: inner.kind,
    query: async <T>(sql: string, params?: unknown[]) => {
      if (dead) throw new Error('the process was killed');
      queries.push(sql);
      return inner.query<T>(sql, params);
    },
    transaction: (fn) => inner.transaction((tx) => fn(cut(tx))),
    close: () => inner.close(),
    // The queue's lock lives on PGlite's one connection and goes when the database closes.
    hold: () => inner.hold!(),
  });
  const writeErrors: string[] = [];
  const appDb = cut(db);
  const queue = new EmbeddedQueue({
    db: appDb,
    name,
    attempts: 3,
    backoffMs: 50,
    onError: (e) => writeErrors.push(e.message),
    ...opts,
  });
  openQueues.add(queue);
  return {
    db,
    appDb,
    queue,
    queries,
    writeErrors,
    kill: async () => {
      dead = true;
      await queue.close();
      await db.close();
      openQueues.delete(queue);
      openDbs.delete(db);
    },
    stop: async () => {
      await queue.close();
      await db.close();
      openQueues.delete(queue);
      openDbs.delete(db);
    },
  };
}

const row = async (db: Db, queue: string, id: string) =>
  (
    await db.query<{ state: string; attempts_made: number }>(
      'SELECT state, attempts_made FROM queue_jobs WHERE queue = $1 AND id = $2',
      [queue, id],
    )
  ).rows[0];

describe('the embedded queue on a PGlite data directory, across restarts', () => {
  it('a solve running when the process is killed runs again after the restart and completes', async () => {
    const calls: string[] = [];
    const first = start(await openDir(), 'q-crash');
    first.queue.consume(busyHandler(calls));
    await first.queue.add('plan', { ms: 1500 }, { jobId: 'plan-a.v1' });
    await reportedProgress(first.queue, 'plan-a.v1');
    await first.kill();
    expect(first.writeErrors.length).toBeGreaterThan(0);

    const db = await openDir();
    // What the killed process left: the job still marked as running, its first run counted.
    expect(await row(db, 'q-crash', 'plan-a.v1')).toEqual({ state: 'active', attempts_made: 1 });
    const second = start(db, 'q-crash');
    const events: JobEvent[] = [];
    await second.queue.subscribe('plan-a.v1', (e) => events.push(e));
    expect(await second.queue.getJob('plan-a.v1')).toMatchObject({
      state: 'waiting',
      error: 'the process running this job stopped during attempt 1 of 3',
    });
    second.queue.consume(busyHandler(calls));
    const done = await finalState(second.queue, 'plan-a.v1');
    expect(done).toMatchObject({ state: 'completed', attemptsMade: 2, result: { stoppedEarly: false } });
    expect(done.error).toBeUndefined();
    expect(calls).toEqual(['plan-a.v1#1', 'plan-a.v1#2']);
    expect(events.some((e) => e.type === 'progress')).toBe(true);
    expect(events[events.length - 1]).toMatchObject({ type: 'completed', jobId: 'plan-a.v1' });
    expect(await row(db, 'q-crash', 'plan-a.v1')).toEqual({ state: 'completed', attempts_made: 2 });
    await second.stop();
  });

  it("a completed job's state and result survive a restart, and submitting it again does not run it", async () => {
    const calls: string[] = [];
    const first = start(await openDir(), 'q-done');
    first.queue.consume(busyHandler(calls));
    await first.queue.add('plan', { ms: 300 }, { jobId: 'plan-b.v1' });
    const done = await finalState(first.queue, 'plan-b.v1');
    expect(done.state).toBe('completed');
    await first.stop();

    const second = start(await openDir(), 'q-done');
    expect(await second.queue.getJob('plan-b.v1')).toEqual(done);
    second.queue.consume(busyHandler(calls));
    expect(await second.queue.add('plan', { ms: 300 }, { jobId: 'plan-b.v1' })).toEqual(done);
    await new Promise((r) => setTimeout(r, 300));
    expect(calls).toEqual(['plan-b.v1#1']);
    await second.stop();
  });

  it('waiting jobs run after a restart, in the order they were submitted', async () => {
    const calls: string[] = [];
    const first = start(await openDir(), 'q-wait');
    for (const id of ['plan-c.v1', 'plan-d.v1', 'plan-e.v1']) await first.queue.add('plan', { ms: 50 }, { jobId: id });
    expect(await first.queue.cancel('plan-d.v1')).toBe(true);
    await first.stop();

    const second = start(await openDir(), 'q-wait');
    second.queue.consume(busyHandler(calls));
    expect((await finalState(second.queue, 'plan-e.v1')).state).toBe('completed');
    expect((await second.queue.getJob('plan-c.v1'))?.state).toBe('completed');
    expect((await second.queue.getJob('plan-d.v1'))?.state).toBe('cancelled');
    expect(calls).toEqual(['plan-c.v1#1', 'plan-e.v1#1']);
    await second.stop();
  });

  it('a job whose process is killed on its last attempt fails for good at the restart', async () => {
    const calls: string[] = [];
    const first = start(await openDir(), 'q-last', { attempts: 1 });
    first.queue.consume(busyHandler(calls));
    await first.queue.add('plan', { ms: 3000 }, { jobId: 'plan-f.v1' });
    await reportedProgress(first.queue, 'plan-f.v1');
    await first.kill();

    const second = start(await openDir(), 'q-last', { attempts: 1 });
    second.queue.consume(busyHandler(calls));
    expect(await second.queue.getJob('plan-f.v1')).toMatchObject({
      state: 'failed',
      attemptsMade: 1,
      error: 'the process running this job stopped during attempt 1 of 1; no attempts left',
    });
    await new Promise((r) => setTimeout(r, 300));
    expect(calls).toEqual(['plan-f.v1#1']);
    await second.stop();
  });

  it('a running job cancelled just before the process is killed is not run again', async () => {
    const calls: string[] = [];
    const first = start(await openDir(), 'q-cancel');
    first.queue.consume(busyHandler(calls));
    await first.queue.add('plan', { ms: 3000 }, { jobId: 'plan-g.v1' });
    await reportedProgress(first.queue, 'plan-g.v1');
    expect(await first.queue.cancel('plan-g.v1')).toBe(true);
    await first.kill();

    const second = start(await openDir(), 'q-cancel');
    second.queue.consume(busyHandler(calls));
    expect((await second.queue.getJob('plan-g.v1'))?.state).toBe('cancelled');
    await new Promise((r) => setTimeout(r, 300));
    expect(calls).toEqual(['plan-g.v1#1']);
    await second.stop();
  });

  it('progress reaches the table at most once per progressWriteMs, while subscribers get every report', async () => {
    const p = start(await openDir(), 'q-progress', { progressWriteMs: 500 });
    let ticks = 0;
    await p.queue.subscribe('plan-h.v1', (e) => {
      if (e.type === 'progress') ticks += 1;
    });
    p.queue.consume(busyHandler([]));
    const startedAt = Date.now();
    await p.queue.add('plan', { ms: 2000 }, { jobId: 'plan-h.v1' });
    await reportedProgress(p.queue, 'plan-h.v1');
    const stored = await waitFor('progress in the table', async () => {
      const r = await p.db.query<{ progress: { bestCost: number } | null }>(
        'SELECT progress FROM queue_jobs WHERE queue = $1 AND id = $2',
        ['q-progress', 'plan-h.v1'],
      );
      return r.rows[0]?.progress ?? null;
    });
    expect(stored.bestCost).toBeLessThan(1000);
    await finalState(p.queue, 'plan-h.v1');
    const elapsedMs = Date.now() - startedAt;
    const writes = p.queries.filter((q) => q.includes('SET progress')).length;
    console.log(`[queue-restart] ${ticks} progress reports, ${writes} progress writes in ${elapsedMs} ms`);
    expect(writes).toBeGreaterThanOrEqual(1);
    expect(writes).toBeLessThanOrEqual(Math.ceil(elapsedMs / 500) + 1);
    expect(ticks).toBeGreaterThan(writes);
    await p.stop();
  });

  it('finished jobs are forgotten past their count and age, in memory and in the table', async () => {
    let nowMs = Date.UTC(2026, 10, 23);
    const retention = { completed: { ageMs: 7 * DAY_MS, count: 2 }, failed: { ageMs: 30 * DAY_MS, count: 1000 } };
    const opts: EmbeddedQueueOptions = { retention, now: () => nowMs };
    const first = start(await openDir(), 'q-keep', opts);
    first.queue.consume(busyHandler([]));
    for (const id of ['plan-i.v1', 'plan-j.v1', 'plan-k.v1']) {
      await first.queue.add('plan', { ms: 20 }, { jobId: id });
      await finalState(first.queue, id);
      nowMs += 1000;
    }
    await first.queue.add('plan', { ms: 20, permanent: true }, { jobId: 'plan-l.v1' });
    await finalState(first.queue, 'plan-l.v1');
    expect(await first.queue.getJob('plan-i.v1')).toBeNull();
    const ids = async (db: Db) =>
      (await db.query<{ id: string }>('SELECT id FROM queue_jobs WHERE queue = $1 ORDER BY id', ['q-keep'])).rows.map(
        (r) => r.id,
      );
    expect(await ids(first.db)).toEqual(['plan-j.v1', 'plan-k.v1', 'plan-l.v1']);
    await first.stop();

    nowMs += 8 * DAY_MS;
    const second = start(await openDir(), 'q-keep', opts);
    expect(await second.queue.getJob('plan-k.v1')).toBeNull();
    expect((await second.queue.getJob('plan-l.v1'))?.state).toBe('failed');
    expect(await ids(second.db)).toEqual(['plan-l.v1']);
    await second.stop();
  });

  it('a plan solve killed mid-run is solved again after the restart; the published version is untouched and the draft written once', async () => {
    const routing = createRoutingProvider(parseRoutingConfig({}));
    const setup = await openDir();
    const week = await publishTinyWeek(setup, routing);
    const { planId } = week;
    const { jobId, data } = week.resolve;

    const first = start(setup, 'q-plan');
    first.queue.consume(planJobHandler({ db: first.appDb, routing }));
    await first.queue.add('plan', data, { jobId });
    await reportedProgress(first.queue, jobId);
    await first.kill();

    const db = await openDir();
    expect(await readPlan(db, planId, 3)).toBeUndefined();
    const second = start(db, 'q-plan');
    second.queue.consume(planJobHandler({ db: second.appDb, routing }));
    const done = await finalState(second.queue, jobId);
    expect(done, `job ended ${done.state}: ${done.error}`).toMatchObject({
      state: 'completed',
      attemptsMade: 2,
      result: { planId, version: 3 },
    });
    await expectDraftWrittenOnce(db, week);
    await second.stop();
  });
});
