/**
 * The queue's own settings, parsed once from the environment (beside server/config.ts, which
 * holds REDIS_URL). Short locks make a killed worker's job come back quickly; the defaults
 * suit production, the tests shorten them.
 */
import { z } from 'zod';
import { envIssueLines } from '../env-issues.ts';

const int = (min: number, def: number) => z.coerce.number().int().min(min).default(def);

export const QueueConfigSchema = z.object({
  /** BullMQ queue name; several deployments may share one Redis under different names. */
  QUEUE_NAME: z
    .string()
    .regex(/^[A-Za-z0-9_.-]+$/, 'letters, digits, _ . - only')
    .default('prontivia-plans'),
  /** A job not renewed for this long counts as stalled (its worker died) and runs again. */
  QUEUE_LOCK_MS: int(1000, 30_000),
  /** How often workers look for stalled jobs. */
  QUEUE_STALLED_MS: int(500, 15_000),
  /** Runs of a job before it fails for good. */
  QUEUE_ATTEMPTS: int(1, 3),
  QUEUE_BACKOFF_MS: int(0, 2000),
  /** Jobs one worker process runs at once (each solve takes one CPU core). */
  WORKER_CONCURRENCY: int(1, 1),
  /** Default solve budget for a whole week. */
  SOLVE_TIME_LIMIT_MS: int(100, 20_000),
});
export type QueueConfig = z.infer<typeof QueueConfigSchema>;

export function loadQueueConfig(env: Record<string, string | undefined> = process.env): QueueConfig {
  const parsed = QueueConfigSchema.safeParse(env);
  if (parsed.success) return parsed.data;
  throw new Error(`invalid queue configuration:\n${envIssueLines(parsed.error, env)}`);
}

/** The settings every week-flow worker takes from the queue config (npm run worker and worker:flow). */
export const flowWorkerSettings = (q: QueueConfig) => ({
  queueName: q.QUEUE_NAME,
  concurrency: q.WORKER_CONCURRENCY,
  lockDurationMs: q.QUEUE_LOCK_MS,
  stalledIntervalMs: q.QUEUE_STALLED_MS,
  attempts: q.QUEUE_ATTEMPTS,
  backoffMs: q.QUEUE_BACKOFF_MS,
});
