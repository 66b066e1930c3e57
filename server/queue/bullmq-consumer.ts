/**
 * The consumer side on BullMQ: what `npm run worker` runs. Locks are short and renewed by this
 * process's event loop (the CPU-heavy solve runs in a worker thread, so the loop stays free);
 * when a worker dies its lock expires, another worker's stalled-job check puts the job back in
 * the queue, and it runs again. A job that fails is retried up to its `attempts`.
 */
import { Queue, UnrecoverableError, Worker, type Job } from 'bullmq';
import { CANCELLED_MESSAGE, PermanentJobError, type JobConsumer, type JobHandler, type Json } from './job-queue.ts';
import { cancelKey, DEFAULT_PREFIX, redisOptions } from './redis-options.ts';

export interface BullConsumerOptions {
  redisUrl: string;
  queueName: string;
  prefix?: string;
  handler: JobHandler;
  concurrency?: number;
  /** How long a job stays locked without renewal before it counts as stalled. */
  lockDurationMs?: number;
  /** How often this worker looks for stalled jobs (of any worker). */
  stalledIntervalMs?: number;
  /** Stalls (killed workers) a job survives before it is failed. */
  maxStalledCount?: number;
  /** How often a running job checks whether it was cancelled. */
  cancelPollMs?: number;
  onError?: (e: Error) => void;
}

export async function startBullConsumer(opts: BullConsumerOptions): Promise<JobConsumer> {
  const prefix = opts.prefix ?? DEFAULT_PREFIX;
  const connection = redisOptions(opts.redisUrl);
  const marks = new Queue(opts.queueName, { connection, prefix });
  marks.on('error', (e) => opts.onError?.(e));
  const isCancelled = async (jobId: string): Promise<boolean> => {
    const client = await marks.getBackend().client;
    return (await client.get(cancelKey(prefix, opts.queueName, jobId))) !== null;
  };

  const run = async (job: Job, _token?: string, bullSignal?: AbortSignal): Promise<Json> => {
    const jobId = job.id ?? '';
    if (await isCancelled(jobId)) throw new UnrecoverableError(CANCELLED_MESSAGE);
    const controller = new AbortController();
    bullSignal?.addEventListener('abort', () => controller.abort(bullSignal.reason), { once: true });
    let cancelled = false;
    const poll = setInterval(() => {
      isCancelled(jobId)
        .then((yes) => {
          if (yes && !cancelled) {
            cancelled = true;
            controller.abort(new Error(CANCELLED_MESSAGE));
          }
        })
        .catch(() => undefined);
    }, opts.cancelPollMs ?? 250);
    try {
      return await opts.handler(
        { id: jobId, name: job.name, data: job.data as Json, attempt: job.attemptsStarted ?? job.attemptsMade + 1 },
        { signal: controller.signal, reportProgress: (p) => job.updateProgress(p as object) },
      );
    } catch (e) {
      if (cancelled) throw new UnrecoverableError(CANCELLED_MESSAGE);
      if (e instanceof PermanentJobError) throw new UnrecoverableError(e.message);
      throw e;
    } finally {
      clearInterval(poll);
    }
  };

  const worker = new Worker(opts.queueName, run, {
    connection: { ...connection, maxRetriesPerRequest: null },
    prefix,
    concurrency: opts.concurrency ?? 1,
    lockDuration: opts.lockDurationMs ?? 30_000,
    stalledInterval: opts.stalledIntervalMs ?? 30_000,
    maxStalledCount: opts.maxStalledCount ?? 2,
    autorun: true,
  });
  worker.on('error', (e) => opts.onError?.(e));
  await worker.waitUntilReady();
  return {
    close: async () => {
      await worker.close();
      await marks.close();
    },
  };
}
