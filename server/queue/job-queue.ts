/**
 * The job queue seam: one interface, two implementations (BullMQ on Redis, and an in-process
 * queue for the embedded default) that pass the same test suite. Producers (the API) add,
 * read, cancel and watch jobs; a consumer runs a `JobHandler` for each job.
 */
import { AppError } from '../errors/app-error.ts';

export type JobState = 'waiting' | 'active' | 'completed' | 'failed' | 'cancelled';

/** A JSON value: what can cross Redis, a thread boundary and an HTTP response unchanged. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export interface JobStatus {
  id: string;
  name: string;
  state: JobState;
  data: Json;
  /** Last progress the handler reported (null before the first report). */
  progress: Json;
  result?: Json;
  error?: string;
  /** How many times a consumer started this job (retries after a failure or a killed worker count). */
  attemptsMade: number;
}

export type JobEvent =
  | { type: 'progress'; jobId: string; progress: Json }
  | { type: 'completed'; jobId: string; result: Json }
  | { type: 'failed'; jobId: string; error: string }
  | { type: 'cancelled'; jobId: string };

export interface AddOptions {
  /** Idempotency key: adding a job whose id already exists returns that job, unchanged. */
  jobId: string;
}

export interface JobQueue {
  readonly kind: 'bullmq' | 'memory';
  add(name: string, data: Json, opts: AddOptions): Promise<JobStatus>;
  getJob(jobId: string): Promise<JobStatus | null>;
  /** Stops a waiting job from starting or aborts a running one; false when it already finished. */
  cancel(jobId: string): Promise<boolean>;
  /** Progress and the final event of one job; returns the unsubscribe function. */
  subscribe(jobId: string, listener: (event: JobEvent) => void): Promise<() => void>;
  close(): Promise<void>;
}

/** What a handler sees of the job it runs. */
export interface RunningJob {
  id: string;
  name: string;
  data: Json;
  /** 1 on the first run, 2 on the first retry, … */
  attempt: number;
}

export interface JobContext {
  /** Aborted when the job is cancelled; the handler must stop and throw. */
  signal: AbortSignal;
  reportProgress(progress: Json): Promise<void>;
}

export type JobHandler = (job: RunningJob, ctx: JobContext) => Promise<Json>;

/** A consumer that takes jobs from a queue and runs them; close() waits for the running ones to stop. */
export interface JobConsumer {
  close(): Promise<void>;
}

/** Thrown by a handler for a failure that a retry cannot fix (bad input, conflict, cancelled). */
export class PermanentJobError extends Error {
  override readonly name = 'PermanentJobError';
}

export const CANCELLED_MESSAGE = 'cancelled';

/** The queue this process was given, or 503 QUEUE_UNAVAILABLE for a route that needs one. */
export function requireQueue(queue: JobQueue | undefined): JobQueue {
  if (!queue) throw new AppError('QUEUE_UNAVAILABLE', 'no job queue is configured in this process', [], 30);
  return queue;
}
