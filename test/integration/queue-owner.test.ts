/**
 * The embedded queue is single-owner per database and queue name (server/queue/queue-owner.ts).
 * On a real PostgreSQL, two "processes" are two pools on the same schema: the second queue is
 * refused before it reads a job, the first one's running job goes on untouched, and once the
 * first is gone (its connections terminated, as when the process dies) a new queue starts and
 * recovers the job. Under CI=true a missing PostgreSQL fails these tests; elsewhere they skip.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { Db } from '../../server/db/db.ts';
import { migrate } from '../../server/db/migrate.ts';
import { openPgDb } from '../../server/db/pg-db.ts';
import { openPgliteDb } from '../../server/db/pglite-db.ts';
import { EmbeddedQueue } from '../../server/queue/embedded-queue.ts';
import { loadQueueConfig } from '../../server/queue/queue-config.ts';
import { queueOwnerError } from '../../server/queue/queue-owner.ts';
import { startJobs } from '../../server/queue/start-jobs.ts';
import { parseRoutingConfig } from '../../server/routing/config.ts';
import { createRoutingProvider } from '../../server/routing/create-routing-provider.ts';
import { postgresReachable, TEST_DATABASE_URL } from '../../server/routing/testing/postgres-db.ts';
import { busyHandler, finalState, reportedProgress, waitFor } from './queue-suite.ts';

const onPostgres = process.env.CI === 'true' || (await postgresReachable());

const queues = new Set<EmbeddedQueue>();
const dbs = new Set<Db>();
afterEach(async () => {
  for (const q of queues) await q.close().catch(() => undefined);
  for (const d of dbs) await d.close().catch(() => undefined);
  queues.clear();
  dbs.clear();
});
const track = (q: EmbeddedQueue): EmbeddedQueue => (queues.add(q), q);

describe.skipIf(!onPostgres)('the embedded queue on PostgreSQL: one process per database and queue name', () => {
  const schema = `qowner_${randomBytes(6).toString('hex')}`;
  /**
   * One "process": its own pool, named so the test can end its sessions as the server does when
   * a process dies. Once `dead`, nothing it does reaches the database (its pool would reconnect).
   */
  const openProcess = async (app: string): Promise<Db & { kill(): void }> => {
    const url = new URL(TEST_DATABASE_URL);
    url.searchParams.set('application_name', `${schema}-${app}`);
    const inner = await openPgDb({ connectionString: url.toString(), schema, max: 3 });
    dbs.add(inner);
    let dead = false;
    const cut = (d: Db): Db => ({
      kind: d.kind,
      query: async <T>(sql: string, params?: unknown[]) => {
        if (dead) throw new Error('the process was killed');
        return d.query<T>(sql, params);
      },
      transaction: (fn) => d.transaction((tx) => fn(cut(tx))),
      close: () => d.close(),
      hold: async () => {
        const conn = await d.hold!();
        return {
          query: async <T>(sql: string, params?: unknown[]) => {
            if (dead) throw new Error('the process was killed');
            return conn.query<T>(sql, params);
          },
          release: () => conn.release(),
        };
      },
    });
    return Object.assign(cut(inner), { kill: () => void (dead = true) });
  };
  afterAll(async () => {
    const admin = await openPgDb({ connectionString: TEST_DATABASE_URL });
    await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`, []);
    await admin.close();
  });

  it("a second process is refused without touching the first one's running job; after the first dies a new one recovers it", async () => {
    const name = `test-owner-${randomUUID()}`;
    const firstDb = await openProcess('first');
    await migrate(firstDb);
    const calls: string[] = [];
    const first = track(new EmbeddedQueue({ db: firstDb, name, attempts: 3, backoffMs: 50, onError: () => undefined }));
    await first.started();
    first.consume(busyHandler(calls));
    await first.add('plan', { ms: 1500 }, { jobId: 'plan-a.v1' });
    await reportedProgress(first, 'plan-a.v1');

    const secondDb = await openProcess('second');
    const second = track(new EmbeddedQueue({ db: secondDb, name, attempts: 3, backoffMs: 50 }));
    second.consume(busyHandler(calls));
    await expect(second.started()).rejects.toThrow(queueOwnerError(name));
    expect(queueOwnerError(name)).toContain(`(queue ${name}); set REDIS_URL`);
    await expect(second.getJob('plan-a.v1')).rejects.toThrow(queueOwnerError(name));
    const row = await secondDb.query<{ state: string; attempts_made: number; error: string | null }>(
      'SELECT state, attempts_made, error FROM queue_jobs WHERE queue = $1 AND id = $2',
      [name, 'plan-a.v1'],
    );
    expect(row.rows).toEqual([{ state: 'active', attempts_made: 1, error: null }]);
    await second.close();

    // The first process's job runs to the end, once.
    expect(await finalState(first, 'plan-a.v1')).toMatchObject({ state: 'completed', attemptsMade: 1 });
    expect(calls).toEqual(['plan-a.v1#1']);

    // The first process dies mid-solve: its connections are cut by the server, so its lock goes.
    await first.add('plan', { ms: 3000 }, { jobId: 'plan-b.v1' });
    await reportedProgress(first, 'plan-b.v1');
    firstDb.kill();
    const admin = await openProcess('admin');
    const cut = await admin.query<{ n: string }>(
      'SELECT count(pg_terminate_backend(pid))::text AS n FROM pg_stat_activity WHERE application_name = $1',
      [`${schema}-first`],
    );
    expect(Number(cut.rows[0]!.n)).toBeGreaterThanOrEqual(1);

    const thirdDb = await openProcess('third');
    const third = await waitFor('a new process to take the queue', async () => {
      const q = new EmbeddedQueue({ db: thirdDb, name, attempts: 3, backoffMs: 50 });
      try {
        await q.started();
        return track(q);
      } catch (e) {
        await q.close();
        // Until the server has ended the dead session, the lock may still be held.
        if ((e as Error).message === queueOwnerError(name)) return null;
        throw e;
      }
    });
    // The dead process never wrote its end: the job is recovered as interrupted and runs again.
    expect(await third.getJob('plan-b.v1')).toMatchObject({
      state: 'waiting',
      attemptsMade: 1,
      error: 'the process running this job stopped during attempt 1 of 3',
    });
    third.consume(busyHandler(calls));
    expect(await finalState(third, 'plan-b.v1')).toMatchObject({ state: 'completed', attemptsMade: 2 });
    expect(calls).toEqual(['plan-a.v1#1', 'plan-b.v1#1', 'plan-b.v1#2']);
    await third.close();
    await first.close();
  });

  it('a normal close releases the lock: the next process starts at once', async () => {
    const name = `test-owner-${randomUUID()}`;
    const db = await openProcess('close');
    await migrate(db);
    const first = track(new EmbeddedQueue({ db, name }));
    await first.started();
    await first.close();
    const next = track(new EmbeddedQueue({ db, name }));
    await expect(next.started()).resolves.toBeUndefined();
    // Another queue name on the same database is not excluded.
    const other = track(new EmbeddedQueue({ db, name: `${name}-other` }));
    await expect(other.started()).resolves.toBeUndefined();
  });
});

describe('the embedded queue on PGlite (one connection per process)', () => {
  it('a second queue of the same name on the same database is refused; the lock goes on close', async () => {
    const db = await openPgliteDb();
    dbs.add(db);
    await migrate(db);
    const locks = async () =>
      Number(
        (await db.query<{ n: string }>("SELECT count(*)::text AS n FROM pg_locks WHERE locktype = 'advisory'", []))
          .rows[0]!.n,
      );
    const first = track(new EmbeddedQueue({ db, name: 'q-one' }));
    await first.started();
    expect(await locks()).toBe(1);
    const second = track(new EmbeddedQueue({ db, name: 'q-one' }));
    await expect(second.started()).rejects.toThrow(queueOwnerError('q-one'));
    await second.close();
    expect(await locks()).toBe(1);
    const other = track(new EmbeddedQueue({ db, name: 'q-two' }));
    await other.started();
    expect(await locks()).toBe(2);
    await first.close();
    await other.close();
    expect(await locks()).toBe(0);
    const again = track(new EmbeddedQueue({ db, name: 'q-one' }));
    await expect(again.started()).resolves.toBeUndefined();
  });

  it("the API's start-up (startJobs) fails with the message when the queue is taken, and starts once it is free", async () => {
    const db = await openPgliteDb();
    dbs.add(db);
    await migrate(db);
    const routing = createRoutingProvider(parseRoutingConfig({}));
    const queue = loadQueueConfig({});
    const running = await startJobs({ queue, db, routing });
    await expect(startJobs({ queue, db, routing })).rejects.toThrow(queueOwnerError(queue.QUEUE_NAME));
    await running.close();
    const next = await startJobs({ queue, db, routing });
    await next.close();
  });
});
