/**
 * Which finished jobs to forget: the same rule as the BullMQ side (`removeOnComplete` /
 * `removeOnFail` in bullmq-queue.ts) — completed jobs are kept 7 days and at most 1000, failed
 * and cancelled ones 30 days and at most 1000; beyond the count the oldest go first.
 */
import type { JobState } from './job-queue.ts';

export interface KeepRule {
  ageMs: number;
  count: number;
}

export interface Retention {
  completed: KeepRule;
  /** Failed and cancelled jobs. */
  failed: KeepRule;
}

const DAY_MS = 24 * 3600 * 1000;
export const DEFAULT_RETENTION: Retention = {
  completed: { ageMs: 7 * DAY_MS, count: 1000 },
  failed: { ageMs: 30 * DAY_MS, count: 1000 },
};

export interface FinishedJob {
  id: string;
  state: JobState;
  finishedAt: number;
}

/** Ids of the finished jobs past their age or count at `nowMs`; unfinished jobs are never among them. */
export function expiredJobs(jobs: Iterable<FinishedJob>, retention: Retention, nowMs: number): string[] {
  const groups: Record<'completed' | 'failed', FinishedJob[]> = { completed: [], failed: [] };
  for (const j of jobs) {
    if (j.state === 'completed') groups.completed.push(j);
    else if (j.state === 'failed' || j.state === 'cancelled') groups.failed.push(j);
  }
  const expired: string[] = [];
  for (const key of ['completed', 'failed'] as const) {
    const rule = retention[key];
    const newestFirst = groups[key].sort((a, b) => b.finishedAt - a.finishedAt);
    newestFirst.forEach((j, i) => {
      if (i >= rule.count || nowMs - j.finishedAt > rule.ageMs) expired.push(j.id);
    });
  }
  return expired;
}
