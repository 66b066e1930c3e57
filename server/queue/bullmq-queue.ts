/**
 * The producer side of the queue on BullMQ (REDIS_URL set): the API adds, reads, cancels and
 * watches jobs here; any number of `npm run worker` processes, on any machine that reaches the
 * same Redis, run them (see bullmq-consumer.ts). Every call is bounded in time: when Redis is
 * unreachable the API answers 503 QUEUE_UNAVAILABLE with Retry-After instead of hanging.
 */
import { type Job, Queue, QueueEvents } from 'bullmq';
import { AppError } from '../errors/app-error.ts';
import {
  CANCELLED_MESSAGE,
  type AddOptions,
  type JobEvent,
  type JobQueue,
  type JobState,
  type JobStatus,
  type Json,
} from './job-queue.ts';
import { cancelKey, DEFAULT_PREFIX, redisOptions } from './redis-options.ts';
import { DEFAULT_RETENTION } from './retention.ts';

export interface BullQueueOptions {
  redisUrl: string;
  queueName: string;
  prefix?: string;
  /** Runs of a job before it fails for good (first run included). */
  attempts?: number;
  backoffMs?: number;
  /** Longest wait for Redis before a call fails with QUEUE_UNAVAILABLE. */
  timeoutMs?: number;
}

const RETRY_AFTER_S = 5;
const CANCEL_MARK_TTL_S = 7 * 24 * 3600;

export class BullJobQueue implements JobQueue {
  readonly kind = 'bullmq' as const;
  private readonly queue: Queue;
  private events: QueueEvents | null = null;
  private eventsReady: Promise<QueueEvents> | null = null;
  private readonly listeners = new Map<string, Set<(e: JobEvent) => void>>();
  private readonly prefix: string;

  constructor(private readonly opts: BullQueueOptions) {
    this.prefix = opts.prefix ?? DEFAULT_PREFIX;
    this.queue = new Queue(opts.queueName, {
      connection: { ...redisOptions(opts.redisUrl), enableOfflineQueue: false, maxRetriesPerRequest: 1 },
      prefix: this.prefix,
      defaultJobOptions: {
        attempts: opts.attempts ?? 3,
        backoff: { type: 'fixed', delay: opts.backoffMs ?? 1000 },
        // The embedded queue keeps finished jobs by the same rule (retention.ts); BullMQ counts age in seconds.
        removeOnComplete: { age: DEFAULT_RETENTION.completed.ageMs / 1000, count: DEFAULT_RETENTION.completed.count },
        removeOnFail: { age: DEFAULT_RETENTION.failed.ageMs / 1000, count: DEFAULT_RETENTION.failed.count },
      },
    });
    // Connection errors surface as QUEUE_UNAVAILABLE on each call; the event only needs a listener.
    this.queue.on('error', () => undefined);
  }

  async add(name: string, data: Json, opts: AddOptions): Promise<JobStatus> {
    return this.bounded(async () => {
      const existing = await this.snapshot(opts.jobId);
      if (existing) {
        const { job, state } = existing;
        // A resubmit of a job that failed or was cancelled runs it again; otherwise it is the same job.
        if (state !== 'failed' && state !== 'cancelled') return this.toStatus(job, state);
        await job.remove();
      }
      const client = await this.queue.getBackend().client;
      await client.del(this.cancelKey(opts.jobId));
      const job = await this.queue.add(name, data, { jobId: opts.jobId });
      return this.toStatus(job, 'waiting');
    });
  }

  async getJob(jobId: string): Promise<JobStatus | null> {
    return this.bounded(async () => {
      const found = await this.snapshot(jobId);
      if (found) return this.toStatus(found.job, found.state);
      const client = await this.queue.getBackend().client;
      const mark = await client.get(this.cancelKey(jobId));
      if (!mark) return null;
      const { name, data } = JSON.parse(mark) as { name: string; data: Json };
      return { id: jobId, name, data, state: 'cancelled', progress: null, error: CANCELLED_MESSAGE, attemptsMade: 0 };
    });
  }

  async cancel(jobId: string): Promise<boolean> {
    const cancelled = await this.bounded(async () => {
      const job = await this.queue.getJob(jobId);
      if (!job) return false;
      const state = await this.stateOf(job);
      if (state === 'completed' || state === 'failed' || state === 'cancelled') return false;
      const client = await this.queue.getBackend().client;
      await client.set(this.cancelKey(jobId), JSON.stringify({ name: job.name, data: job.data }), {
        EX: CANCEL_MARK_TTL_S,
      });
      // A waiting job is removed at once; a running one is stopped by its consumer, which polls the mark.
      if (state === 'waiting') await job.remove().catch(() => undefined);
      return true;
    });
    if (cancelled) {
      const after = await this.getJob(jobId);
      if (after?.state === 'cancelled') this.emit({ type: 'cancelled', jobId });
    }
    return cancelled;
  }

  async subscribe(jobId: string, listener: (event: JobEvent) => void): Promise<() => void> {
    await this.bounded(() => this.ensureEvents());
    let set = this.listeners.get(jobId);
    if (!set) this.listeners.set(jobId, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.listeners.delete(jobId);
    };
  }

  async close(): Promise<void> {
    this.listeners.clear();
    await Promise.allSettled([this.events?.close(), this.queue.close()]);
  }

  /** Removes every key of this queue (tests use a fresh queue name each and clean up). */
  async obliterate(): Promise<void> {
    await this.queue.obliterate({ force: true });
    const client = await this.queue.getBackend().client;
    let cursor = '0';
    do {
      const [next, keys] = await client.scan(cursor, { MATCH: `${this.prefix}:${this.opts.queueName}:*`, COUNT: 200 });
      if (keys.length > 0) await client.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  }

  private ensureEvents(): Promise<QueueEvents> {
    if (!this.eventsReady) {
      const events = new QueueEvents(this.opts.queueName, {
        connection: redisOptions(this.opts.redisUrl),
        prefix: this.prefix,
      });
      events.on('error', () => undefined);
      events.on('progress', ({ jobId, data }) => this.emit({ type: 'progress', jobId, progress: data as Json }));
      events.on('completed', ({ jobId, returnvalue }) =>
        this.emit({
          type: 'completed',
          jobId,
          result: (typeof returnvalue === 'string' ? safeParse(returnvalue) : returnvalue) as Json,
        }),
      );
      events.on('failed', ({ jobId, failedReason }) =>
        this.emit(
          failedReason === CANCELLED_MESSAGE
            ? { type: 'cancelled', jobId }
            : { type: 'failed', jobId, error: failedReason },
        ),
      );
      this.events = events;
      this.eventsReady = events.waitUntilReady().then(() => events);
      this.eventsReady.catch(() => {
        this.eventsReady = null;
        this.events = null;
        void events.close();
      });
    }
    return this.eventsReady;
  }

  private emit(event: JobEvent): void {
    for (const l of this.listeners.get(event.jobId) ?? []) l(event);
  }

  /**
   * The job and its state, consistent with each other: a job read while it was running and
   * whose state is read after it finished is read again, so a completed job always carries its
   * result and a failed one its reason.
   */
  private async snapshot(jobId: string): Promise<{ job: Job; state: JobState } | null> {
    for (let attempt = 0; ; attempt++) {
      const job = await this.queue.getJob(jobId);
      if (!job) return null;
      const state = await this.stateOf(job);
      const finished = state === 'completed' || state === 'failed' || state === 'cancelled';
      if (!finished || job.finishedOn !== undefined || attempt >= 2) return { job, state };
    }
  }

  private async stateOf(job: Job): Promise<JobState> {
    const raw = await job.getState();
    if (raw === 'completed') return 'completed';
    if (raw === 'active') return 'active';
    if (raw === 'failed') return job.failedReason === CANCELLED_MESSAGE ? 'cancelled' : 'failed';
    return 'waiting';
  }

  private toStatus(job: Job, state: JobState): JobStatus {
    const progress = job.progress as unknown;
    return {
      id: job.id ?? '',
      name: job.name,
      state,
      data: job.data as Json,
      progress: typeof progress === 'number' && progress === 0 ? null : (progress as Json),
      ...(state === 'completed' ? { result: (job.returnvalue ?? null) as Json } : {}),
      ...(state === 'failed' || state === 'cancelled' ? { error: job.failedReason } : {}),
      attemptsMade: job.attemptsStarted ?? job.attemptsMade,
    };
  }

  private cancelKey(jobId: string): string {
    return cancelKey(this.prefix, this.opts.queueName, jobId);
  }

  private async bounded<T>(op: () => Promise<T>): Promise<T> {
    const ms = this.opts.timeoutMs ?? 3000;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer from Redis within ${ms} ms`)), ms);
    });
    try {
      await Promise.race([this.queue.waitUntilReady(), timeout]);
      return await Promise.race([op(), timeout]);
    } catch (e) {
      if (e instanceof AppError) throw e;
      throw new AppError(
        'QUEUE_UNAVAILABLE',
        `the job queue (Redis) is unavailable: ${(e as Error).message}`,
        [],
        RETRY_AFTER_S,
      );
    } finally {
      clearTimeout(timer);
    }
  }
}

function safeParse(s: string): unknown {
  try {
    return JSON.parse(s);
  } catch {
    return s;
  }
}
