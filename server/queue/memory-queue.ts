/**
 * The embedded queue (REDIS_URL unset): the same `JobQueue` contract as BullMQ, held in this
 * process. Jobs are lost on restart, which is acceptable for a single-machine demo; the
 * handler keeps the API responsive by running the solve itself in a worker thread.
 */
import { EventEmitter } from 'node:events';
import {
  CANCELLED_MESSAGE,
  PermanentJobError,
  type AddOptions,
  type JobConsumer,
  type JobEvent,
  type JobHandler,
  type JobQueue,
  type JobStatus,
  type Json,
} from './job-queue.ts';

export interface MemoryQueueOptions {
  /** Runs of a job before it is failed for good (first run included). */
  attempts?: number;
  backoffMs?: number;
  /** Finished jobs kept for reading; the oldest are forgotten beyond this. */
  keepFinished?: number;
}

interface Entry {
  status: JobStatus;
  controller?: AbortController;
  cancelRequested: boolean;
}

export class MemoryQueue implements JobQueue {
  readonly kind = 'memory' as const;
  private readonly jobs = new Map<string, Entry>();
  private readonly waiting: string[] = [];
  private readonly events = new EventEmitter();
  private readonly running = new Set<Promise<void>>();
  private handler: JobHandler | null = null;
  private concurrency = 1;
  private closed = false;
  private readonly attempts: number;
  private readonly backoffMs: number;
  private readonly keepFinished: number;

  constructor(opts: MemoryQueueOptions = {}) {
    this.attempts = opts.attempts ?? 3;
    this.backoffMs = opts.backoffMs ?? 500;
    this.keepFinished = opts.keepFinished ?? 1000;
    this.events.setMaxListeners(0);
  }

  async add(name: string, data: Json, opts: AddOptions): Promise<JobStatus> {
    if (this.closed) throw new Error('the queue is closed');
    const existing = this.jobs.get(opts.jobId);
    // A resubmit of a job that failed or was cancelled runs it again; otherwise it is the same job.
    if (existing && existing.status.state !== 'failed' && existing.status.state !== 'cancelled') return { ...existing.status };
    const status: JobStatus = { id: opts.jobId, name, state: 'waiting', data, progress: null, attemptsMade: 0 };
    this.jobs.delete(opts.jobId);
    this.jobs.set(opts.jobId, { status, cancelRequested: false });
    this.waiting.push(opts.jobId);
    const snapshot = { ...status };
    this.pump();
    return snapshot;
  }

  async getJob(jobId: string): Promise<JobStatus | null> {
    const e = this.jobs.get(jobId);
    return e ? { ...e.status } : null;
  }

  async cancel(jobId: string): Promise<boolean> {
    const e = this.jobs.get(jobId);
    if (!e) return false;
    if (e.status.state === 'waiting') {
      const at = this.waiting.indexOf(jobId);
      if (at >= 0) this.waiting.splice(at, 1);
      e.cancelRequested = true;
      this.finish(e, { state: 'cancelled', error: CANCELLED_MESSAGE });
      return true;
    }
    if (e.status.state === 'active') {
      e.cancelRequested = true;
      e.controller?.abort(new Error(CANCELLED_MESSAGE));
      return true;
    }
    return false;
  }

  async subscribe(jobId: string, listener: (event: JobEvent) => void): Promise<() => void> {
    const channel = `job:${jobId}`;
    this.events.on(channel, listener);
    return () => this.events.off(channel, listener);
  }

  /** Starts running jobs with `handler` (one consumer per memory queue). */
  consume(handler: JobHandler, opts: { concurrency?: number } = {}): JobConsumer {
    if (this.handler) throw new Error('this memory queue already has a consumer');
    this.handler = handler;
    this.concurrency = opts.concurrency ?? 1;
    this.pump();
    return { close: () => this.stopConsuming() };
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.stopConsuming();
    this.events.removeAllListeners();
  }

  private async stopConsuming(): Promise<void> {
    this.handler = null;
    for (const e of this.jobs.values()) if (e.status.state === 'active') e.controller?.abort(new Error('the queue is closing'));
    await Promise.allSettled([...this.running]);
  }

  private pump(): void {
    while (this.handler && this.running.size < this.concurrency && this.waiting.length > 0) {
      const id = this.waiting.shift()!;
      const run = this.run(id, this.handler).finally(() => {
        this.running.delete(run);
        this.pump();
      });
      this.running.add(run);
    }
  }

  private async run(id: string, handler: JobHandler): Promise<void> {
    const e = this.jobs.get(id)!;
    const controller = new AbortController();
    e.controller = controller;
    e.status.state = 'active';
    e.status.attemptsMade += 1;
    const channel = `job:${id}`;
    try {
      const result = await handler(
        { id, name: e.status.name, data: e.status.data, attempt: e.status.attemptsMade },
        {
          signal: controller.signal,
          reportProgress: async (progress) => {
            if (e.status.state !== 'active') return;
            e.status.progress = progress;
            this.events.emit(channel, { type: 'progress', jobId: id, progress } satisfies JobEvent);
          },
        },
      );
      if (e.cancelRequested) this.finish(e, { state: 'cancelled', error: CANCELLED_MESSAGE });
      else this.finish(e, { state: 'completed', result });
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      if (e.cancelRequested) this.finish(e, { state: 'cancelled', error: CANCELLED_MESSAGE });
      else if (err instanceof PermanentJobError || e.status.attemptsMade >= this.attempts || this.closed) {
        this.finish(e, { state: 'failed', error: message });
      } else {
        e.status.state = 'waiting';
        e.status.error = message;
        setTimeout(() => {
          if (e.status.state !== 'waiting' || e.cancelRequested) return;
          this.waiting.push(id);
          this.pump();
        }, this.backoffMs).unref();
      }
    } finally {
      e.controller = undefined;
    }
  }

  private finish(e: Entry, end: Pick<JobStatus, 'state' | 'result' | 'error'>): void {
    Object.assign(e.status, end);
    const jobId = e.status.id;
    const event: JobEvent =
      end.state === 'completed'
        ? { type: 'completed', jobId, result: end.result ?? null }
        : end.state === 'cancelled'
          ? { type: 'cancelled', jobId }
          : { type: 'failed', jobId, error: end.error ?? 'failed' };
    this.events.emit(`job:${jobId}`, event);
    this.forgetOldest();
  }

  private forgetOldest(): void {
    if (this.jobs.size <= this.keepFinished) return;
    for (const [id, e] of this.jobs) {
      if (this.jobs.size <= this.keepFinished) break;
      if (['completed', 'failed', 'cancelled'].includes(e.status.state)) this.jobs.delete(id);
    }
  }
}
