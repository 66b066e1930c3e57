import { describe, expect, it } from 'vitest';
import { expiredJobs, type Retention } from './retention.ts';

const DAY = 24 * 3600 * 1000;
const rule: Retention = { completed: { ageMs: 7 * DAY, count: 2 }, failed: { ageMs: 30 * DAY, count: 1 } };
const now = 100 * DAY;

describe('finished-job retention', () => {
  it('forgets completed jobs older than their age and beyond their count, oldest first', () => {
    const jobs = [
      { id: 'old', state: 'completed' as const, finishedAt: now - 8 * DAY },
      { id: 'a', state: 'completed' as const, finishedAt: now - 3 },
      { id: 'b', state: 'completed' as const, finishedAt: now - 2 },
      { id: 'c', state: 'completed' as const, finishedAt: now - 1 },
    ];
    expect(expiredJobs(jobs, rule, now).sort()).toEqual(['a', 'old']);
  });

  it('counts failed and cancelled jobs together and keeps them longer than completed ones', () => {
    const jobs = [
      { id: 'f', state: 'failed' as const, finishedAt: now - 20 * DAY },
      { id: 'x', state: 'cancelled' as const, finishedAt: now - 10 * DAY },
      { id: 'done', state: 'completed' as const, finishedAt: now - 20 * DAY },
    ];
    expect(expiredJobs(jobs, rule, now).sort()).toEqual(['done', 'f']);
  });

  it('never forgets a job that has not finished', () => {
    const jobs = [
      { id: 'w', state: 'waiting' as const, finishedAt: 0 },
      { id: 'r', state: 'active' as const, finishedAt: 0 },
    ];
    expect(expiredJobs(jobs, { completed: { ageMs: 0, count: 0 }, failed: { ageMs: 0, count: 0 } }, now)).toEqual([]);
  });
});
