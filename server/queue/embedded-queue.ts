/**
 * The embedded queue (REDIS_URL unset): the same `JobQueue` contract as BullMQ, run by this
 * process. Given a `Db` it keeps every job in the database the app already has (db-job-store.ts),
 * so jobs survive a restart as they do in Redis: waiting jobs run when the queue starts again, a
 * job that was running when the process died goes back to waiting with that run counted (the
 * BullMQ stalled-job check) or fails for good once it has used all its attempts, and finished jobs
 * keep their state and result for the retention of the BullMQ side. Without a `Db` the jobs live
 * in memory only. The handler keeps the API responsive by running the solve in a worker thread.
 *
 * On a database the queue is single-owner: start-up takes an advisory lock on its name
 * (queue-owner.ts), held until close; if another process holds it, start-up fails and no job is
 * read, run or recovered (use Redis to share jobs between processes).
 *
 * The live view is in memory; every change is written to the table in order, awaited before it
 * is announced. Progress is written at most every `progressWriteMs` (subscribers get every tick).
 */
import { EventEmitter } from 'node:events';
import type { Db } from '../db/db.ts';
import { DbJobStore, type StoredJob } from './db-job-store.ts';
import {
  CANCELLED_MESSAGE,
  PermanentJobError,
  type AddOptions,
  type JobConsumer,
  type JobEvent,
  type JobHandler,
  type JobQueue,
  type JobState,
  type JobStatus,
  type Json,
} from './job-queue.ts';
import { takeQueueOwnership, type QueueOwnership } from './queue-owner.ts';
import { DEFAULT_RETENTION, expiredJobs, type Retention } from './retention.ts';

export interface EmbeddedQueueOptions {
  /** Runs of a job before it is failed for good (first run included; interrupted runs count). */
  attempts?: number;
  backoffMs?: number;
  /** How long and how many finished jobs are kept for reading. */
  retention?: Retention;
  /** Keep the jobs in this database (table queue_jobs): they survive a restart. */
  db?: Db;
  /** This queue's name in the table (QUEUE_NAME); several queues may share one database. */
  name?: string;
  /** Shortest time between two progress writes of one job to the database. */
  progressWriteMs?: number;
  /** Milliseconds since the epoch; tests move it to expire finished jobs. */
  now?: () => number;
  /** A database write that failed while a job ran (the job goes on; the table may lag). */
  onError?: (e: Error) => void;
}

interface Entry extends StoredJob {
  controller?: AbortController;
  /** Stopped by close() or the consumer's close(), not by a cancel: it runs again later. */
  interrupted?: boolean;
  retryTimer?: NodeJS.Timeout;
  progressTimer?: NodeJS.Timeout;
  progressWrittenAt: number;
}

const CLOSING_MESSAGE = 'the queue is closing';

export class EmbeddedQueue implements JobQueue {
  readonly kind = 'memory' as const;
  private readonly jobs = new Map<string, Entry>();
  private readonly waiting: string[] = [];
  private readonly events = new EventEmitter();
  private readonly running = new Set<Promise<void>>();
  private handler: JobHandler | null = null;
  private concurrency = 1;
  private closed = false;
  private loaded = false;
  private readonly ready: Promise<void>;
  /** The tail of the ordered chain of database writes. */
  private writes: Promise<void> = Promise.resolve();
  private readonly store: DbJobStore | null;
  private readonly db: Db | undefined;
  private readonly name: string;
  /** The lock that makes this process the queue's only runner (database queues only). */
  private owner: QueueOwnership | null = null;
  private readonly attempts: number;
  private readonly backoffMs: number;
  private readonly retention: Retention;
  private readonly progressWriteMs: number;
  private readonly now: () => number;
  private readonly onError: (e: Error) => void;

  constructor(opts: EmbeddedQueueOptions = {}) {
    this.attempts = opts.attempts ?? 3;
    this.backoffMs = opts.backoffMs ?? 500;
    this.retention = opts.retention ?? DEFAULT_RETENTION;
    this.progressWriteMs = opts.progressWriteMs ?? 1000;
    this.now = opts.now ?? Date.now;
    this.onError = opts.onError ?? ((e) => console.error(`[queue] ${e.message}`));
    this.db = opts.db;
    this.name = opts.name ?? 'prontivia-plans';
    this.store = opts.db ? new DbJobStore(opts.db, this.name) : null;
    this.events.setMaxListeners(0);
    this.ready = this.load();
    // Surfaced by every call that awaits `ready`; this only keeps it from counting as unhandled.
    this.ready.catch(() => undefined);
  }

  /** Resolves once the queue owns its jobs and has recovered them; rejects if it cannot start. */
  started(): Promise<void> {
    return this.ready;
  }

  async add(name: string, data: Json, opts: AddOptions): Promise<JobStatus> {
    await this.ready;
    if (this.closed) throw new Error('the queue is closed');
    const existing = this.jobs.get(opts.jobId);
    // A resubmit of a job that failed or was cancelled runs it again; otherwise it is the same job.
    if (existing && !isRetryable(existing.status.state)) return { ...existing.status };
    const at = this.now();
    const entry: Entry = {
      status: { id: opts.jobId, name, state: 'waiting', data, progress: null, attemptsMade: 0 },
      cancelRequested: false,
      createdAt: at,
      queuedAt: at,
      progressWrittenAt: 0,
    };
    const snapshot = { ...entry.status };
    this.jobs.delete(opts.jobId);
    this.jobs.set(opts.jobId, entry);
    try {
      await this.write(entry);
    } catch (e) {
      if (this.jobs.get(opts.jobId) === entry) {
        this.jobs.delete(opts.jobId);
        if (existing) this.jobs.set(opts.jobId, existing);
      }
      throw new Error(`job ${opts.jobId} could not be stored: ${(e as Error).message}`);
    }
    // Cancelled while it was being stored: it never joins the line.
    if (this.jobs.get(opts.jobId) === entry && entry.status.state === 'waiting') {
      this.waiting.push(opts.jobId);
      this.pump();
    }
    return snapshot;
  }

  async getJob(jobId: string): Promise<JobStatus | null> {
    await this.ready;
    const e = this.jobs.get(jobId);
    return e ? { ...e.status } : null;
  }

  async cancel(jobId: string): Promise<boolean> {
    await this.ready;
    const e = this.jobs.get(jobId);
    if (!e) return false;
    if (e.status.state === 'waiting') {
      const at = this.waiting.indexOf(jobId);
      if (at >= 0) this.waiting.splice(at, 1);
      clearTimeout(e.retryTimer);
      e.cancelRequested = true;
      await this.finish(e, { state: 'cancelled', error: CANCELLED_MESSAGE }, { rethrow: true });
      return true;
    }
    if (e.status.state === 'active') {
      if (e.cancelRequested) return true;
      e.cancelRequested = true;
      e.controller?.abort(new Error(CANCELLED_MESSAGE));
      // Marked in the table too: a restart before the solve stops must not run it again.
      await this.write(e);
      return true;
    }
    return false;
  }

  async subscribe(jobId: string, listener: (event: JobEvent) => void): Promise<() => void> {
    const channel = `job:${jobId}`;
    this.events.on(channel, listener);
    return () => this.events.off(channel, listener);
  }

  /** Starts running jobs with `handler` (one consumer per queue). */
  consume(handler: JobHandler, opts: { concurrency?: number } = {}): JobConsumer {
    if (this.handler) throw new Error('this embedded queue already has a consumer');
    this.handler = handler;
    this.concurrency = opts.concurrency ?? 1;
    this.pump();
    return { close: () => this.stopConsuming() };
  }

  /**
   * Stops: running jobs are aborted and put back to waiting (their run counted), so the next
   * start runs them again. Nothing is lost: what a crash would leave is recovered the same way.
   */
  async close(): Promise<void> {
    this.closed = true;
    await this.ready.catch(() => undefined);
    await this.stopConsuming();
    for (const e of this.jobs.values()) {
      clearTimeout(e.retryTimer);
      clearTimeout(e.progressTimer);
    }
    await this.writes;
    this.events.removeAllListeners();
    const owner = this.owner;
    this.owner = null;
    await owner
      ?.release()
      .catch((e: Error) => this.onError(new Error(`the queue lock could not be released: ${e.message}`)));
  }

  /** Removes every job of this queue from memory and from the table (tests clean up with it). */
  async obliterate(): Promise<void> {
    this.jobs.clear();
    this.waiting.length = 0;
    await this.writes;
    await this.store?.obliterate();
  }

  /**
   * Reads the table on start: a job found 'active' was running in a process that died. It goes
   * back to waiting with that run counted, or fails for good when it has no attempts left (or
   * was being cancelled). Expired finished jobs are removed; waiting jobs join the line in order.
   */
  private async load(): Promise<void> {
    if (!this.store || !this.db) {
      this.loaded = true;
      return;
    }
    // Before anything is read: another process's running jobs are not ours to recover.
    const owner = await takeQueueOwnership(this.db, this.name);
    try {
      if (this.closed) throw new Error('the queue is closed');
      await this.recover(this.store);
    } catch (e) {
      await owner.release().catch(() => undefined);
      throw e;
    }
    this.owner = owner;
    this.loaded = true;
    this.pump();
  }

  private async recover(store: DbJobStore): Promise<void> {
    const stored = await store.loadAll().catch((e: Error) => {
      throw new Error(`the embedded queue could not read its jobs from the database: ${e.message}`);
    });
    for (const job of stored) {
      const e: Entry = { ...job, progressWrittenAt: 0 };
      if (e.status.state === 'active') {
        const n = e.status.attemptsMade;
        const stopped = `the process running this job stopped during attempt ${n} of ${this.attempts}`;
        if (e.cancelRequested) this.markFinished(e, { state: 'cancelled', error: CANCELLED_MESSAGE });
        else if (n >= this.attempts) this.markFinished(e, { state: 'failed', error: `${stopped}; no attempts left` });
        else Object.assign(e.status, { state: 'waiting', error: stopped });
        await store.put(e);
      }
      this.jobs.set(e.status.id, e);
      if (e.status.state === 'waiting') this.waiting.push(e.status.id);
    }
    await this.forgetExpired();
  }

  private async stopConsuming(): Promise<void> {
    this.handler = null;
    for (const e of this.jobs.values()) {
      if (e.status.state !== 'active') continue;
      e.interrupted = true;
      e.controller?.abort(new Error(CLOSING_MESSAGE));
    }
    await Promise.allSettled([...this.running]);
  }

  private pump(): void {
    while (this.loaded && this.handler && this.running.size < this.concurrency && this.waiting.length > 0) {
      const id = this.waiting.shift()!;
      const run = this.run(id, this.handler).finally(() => {
        this.running.delete(run);
        this.pump();
      });
      this.running.add(run);
    }
  }

  private async run(id: string, handler: JobHandler): Promise<void> {
    const e = this.jobs.get(id);
    if (!e || e.status.state !== 'waiting') return;
    const controller = new AbortController();
    e.controller = controller;
    e.interrupted = false;
    e.status.state = 'active';
    e.status.attemptsMade += 1;
    // The run is counted in the table before it starts: a job that crashes the process each
    // time still uses up its attempts.
    await this.write(e).catch((err: Error) => this.onError(err));
    const channel = `job:${id}`;
    let outcome: { ok: true; result: Json } | { ok: false; error: unknown };
    try {
      const result = await handler(
        { id, name: e.status.name, data: e.status.data, attempt: e.status.attemptsMade },
        {
          signal: controller.signal,
          reportProgress: async (progress) => {
            if (e.status.state !== 'active' || e.controller !== controller) return;
            e.status.progress = progress;
            this.events.emit(channel, { type: 'progress', jobId: id, progress } satisfies JobEvent);
            this.scheduleProgressWrite(e);
          },
        },
      );
      outcome = { ok: true, result };
    } catch (error) {
      outcome = { ok: false, error };
    } finally {
      e.controller = undefined;
    }

    if (e.cancelRequested) return this.finish(e, { state: 'cancelled', error: CANCELLED_MESSAGE });
    if (e.interrupted) return this.requeue(e, { front: true });
    if (outcome.ok) return this.finish(e, { state: 'completed', result: outcome.result });
    const err = outcome.error;
    const message = err instanceof Error ? err.message : String(err);
    if (err instanceof PermanentJobError || e.status.attemptsMade >= this.attempts) {
      return this.finish(e, { state: 'failed', error: message });
    }
    e.status.error = message;
    await this.requeue(e, { front: false });
    e.retryTimer = setTimeout(() => {
      e.retryTimer = undefined;
      if (e.status.state !== 'waiting' || this.closed || this.waiting.includes(id)) return;
      this.waiting.push(id);
      this.pump();
    }, this.backoffMs);
    e.retryTimer.unref();
  }

  /** Back to waiting after a failed or interrupted run; an interrupted one goes to the head of the line. */
  private async requeue(e: Entry, opts: { front: boolean }): Promise<void> {
    clearTimeout(e.progressTimer);
    e.progressTimer = undefined;
    e.status.state = 'waiting';
    if (opts.front) this.waiting.unshift(e.status.id);
    else e.queuedAt = this.now();
    await this.write(e).catch((err: Error) => this.onError(err));
  }

  private markFinished(
    e: Entry,
    end: { state: 'completed'; result: Json } | { state: 'failed' | 'cancelled'; error: string },
  ): void {
    clearTimeout(e.progressTimer);
    e.progressTimer = undefined;
    delete e.status.result;
    delete e.status.error;
    Object.assign(e.status, end);
    e.finishedAt = this.now();
  }

  private async finish(
    e: Entry,
    end: { state: 'completed'; result: Json } | { state: 'failed' | 'cancelled'; error: string },
    opts: { rethrow?: boolean } = {},
  ): Promise<void> {
    this.markFinished(e, end);
    try {
      await this.write(e);
    } catch (err) {
      if (opts.rethrow) throw err;
      this.onError(err as Error);
    }
    const jobId = e.status.id;
    const event: JobEvent =
      end.state === 'completed'
        ? { type: 'completed', jobId, result: end.result }
        : end.state === 'cancelled'
          ? { type: 'cancelled', jobId }
          : { type: 'failed', jobId, error: end.error };
    this.events.emit(`job:${jobId}`, event);
    await this.forgetExpired();
  }

  /** Progress reaches the table at most every `progressWriteMs` per job; the newest value wins. */
  private scheduleProgressWrite(e: Entry): void {
    const store = this.store;
    if (!store || e.progressTimer) return;
    const writeNow = (): void => {
      e.progressTimer = undefined;
      if (e.status.state !== 'active') return;
      e.progressWrittenAt = this.now();
      const progress = e.status.progress;
      this.enqueue(() => store.putProgress(e.status.id, progress)).catch((err: Error) => this.onError(err));
    };
    const waitMs = e.progressWrittenAt + this.progressWriteMs - this.now();
    if (waitMs <= 0) writeNow();
    else {
      e.progressTimer = setTimeout(writeNow, waitMs);
      e.progressTimer.unref();
    }
  }

  private async forgetExpired(): Promise<void> {
    const finished = [...this.jobs.values()].flatMap((e) =>
      e.finishedAt !== undefined ? [{ id: e.status.id, state: e.status.state, finishedAt: e.finishedAt }] : [],
    );
    const expired = expiredJobs(finished, this.retention, this.now());
    if (expired.length === 0) return;
    for (const id of expired) this.jobs.delete(id);
    const store = this.store;
    if (store) await this.enqueue(() => store.remove(expired)).catch((err: Error) => this.onError(err));
  }

  /** Writes the job as it is now, after every write queued before it. */
  private write(e: Entry): Promise<void> {
    const store = this.store;
    if (!store) return Promise.resolve();
    const row: StoredJob = {
      status: { ...e.status },
      cancelRequested: e.cancelRequested,
      createdAt: e.createdAt,
      queuedAt: e.queuedAt,
      ...(e.finishedAt !== undefined ? { finishedAt: e.finishedAt } : {}),
    };
    return this.enqueue(() => store.put(row));
  }

  private enqueue(op: () => Promise<void>): Promise<void> {
    const done = this.writes.then(op);
    this.writes = done.catch(() => undefined);
    return done;
  }
}

const isRetryable = (state: JobState): boolean => state === 'failed' || state === 'cancelled';
