/**
 * The embedded queue's jobs in the database (table `queue_jobs`, migration 310), through the
 * `Db` seam so it works on PGlite and on PostgreSQL. The queue keeps its live view in memory and
 * writes every change of a job here, in order, so the table is what a restarted process resumes.
 */
import type { Db } from '../db/db.ts';
import type { JobStatus, Json } from './job-queue.ts';

/** A job as the queue keeps it, with the times the table orders and expires it by. */
export interface StoredJob {
  status: JobStatus;
  cancelRequested: boolean;
  createdAt: number;
  queuedAt: number;
  finishedAt?: number;
}

interface Row {
  id: string;
  name: string;
  data: Json;
  state: JobStatus['state'];
  progress: Json | null;
  result: Json | null;
  error: string | null;
  attempts_made: number;
  cancel_requested: boolean;
  created_at: Date | string;
  queued_at: Date | string;
  finished_at: Date | string | null;
}

const iso = (ms: number): string => new Date(ms).toISOString();
const ms = (t: Date | string): number => new Date(t).getTime();
const json = (v: Json | undefined): string | null => (v === undefined ? null : JSON.stringify(v));

export class DbJobStore {
  constructor(
    private readonly db: Db,
    /** The queue's name: several queues (and tests) share one table. */
    private readonly queue: string,
  ) {}

  /** Every job of this queue, waiting ones in the order they run. */
  async loadAll(): Promise<StoredJob[]> {
    const { rows } = await this.db.query<Row>(
      `SELECT id, name, data, state, progress, result, error, attempts_made, cancel_requested, created_at, queued_at, finished_at
         FROM queue_jobs WHERE queue = $1 ORDER BY queued_at, id`,
      [this.queue],
    );
    return rows.map((r) => ({
      status: {
        id: r.id,
        name: r.name,
        state: r.state,
        data: r.data,
        progress: r.progress ?? null,
        ...(r.state === 'completed' ? { result: r.result ?? null } : {}),
        ...(r.error !== null ? { error: r.error } : {}),
        attemptsMade: r.attempts_made,
      },
      cancelRequested: r.cancel_requested,
      createdAt: ms(r.created_at),
      queuedAt: ms(r.queued_at),
      ...(r.finished_at !== null ? { finishedAt: ms(r.finished_at) } : {}),
    }));
  }

  /** Writes the whole job (insert, or replace the row of the same id). */
  async put(job: StoredJob): Promise<void> {
    const s = job.status;
    await this.db.query(
      `INSERT INTO queue_jobs (queue, id, name, data, state, progress, result, error, attempts_made, cancel_requested, created_at, queued_at, finished_at)
       VALUES ($1, $2, $3, $4::jsonb, $5, $6::jsonb, $7::jsonb, $8, $9, $10, $11::timestamptz, $12::timestamptz, $13::timestamptz)
       ON CONFLICT (queue, id) DO UPDATE SET
         name = EXCLUDED.name, data = EXCLUDED.data, state = EXCLUDED.state, progress = EXCLUDED.progress,
         result = EXCLUDED.result, error = EXCLUDED.error, attempts_made = EXCLUDED.attempts_made,
         cancel_requested = EXCLUDED.cancel_requested, created_at = EXCLUDED.created_at,
         queued_at = EXCLUDED.queued_at, finished_at = EXCLUDED.finished_at`,
      [
        this.queue,
        s.id,
        s.name,
        JSON.stringify(s.data),
        s.state,
        json(s.progress),
        json(s.result),
        s.error ?? null,
        s.attemptsMade,
        job.cancelRequested,
        iso(job.createdAt),
        iso(job.queuedAt),
        job.finishedAt !== undefined ? iso(job.finishedAt) : null,
      ],
    );
  }

  /** Only the progress of a running job (the frequent, throttled write). */
  async putProgress(jobId: string, progress: Json): Promise<void> {
    await this.db.query(
      `UPDATE queue_jobs SET progress = $3::jsonb WHERE queue = $1 AND id = $2 AND state = 'active'`,
      [this.queue, jobId, JSON.stringify(progress)],
    );
  }

  async remove(jobIds: string[]): Promise<void> {
    if (jobIds.length === 0) return;
    await this.db.query('DELETE FROM queue_jobs WHERE queue = $1 AND id = ANY($2::text[])', [this.queue, jobIds]);
  }

  /** Removes every job of this queue (tests use a fresh queue name each and clean up). */
  async obliterate(): Promise<void> {
    await this.db.query('DELETE FROM queue_jobs WHERE queue = $1', [this.queue]);
  }
}
