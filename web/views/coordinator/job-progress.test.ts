import { describe, expect, it } from 'vitest';
import { readJobEvent, readProgress } from './job-progress.ts';

const progress = { date: '2026-12-01', daysDone: 2, days: 5, elapsedMs: 900, bestCost: 4200, history: [] };

describe('the progress bar reads the plan job as the contract describes it', () => {
  it('turns days done of the week into a percentage with the best cost', () => {
    expect(readProgress(progress)).toEqual({ pct: 40, bestCost: 4200 });
    expect(readProgress(null)).toEqual({ pct: null, bestCost: null });
    expect(readProgress({ ...progress, days: 0, daysDone: 0, bestCost: null })).toEqual({ pct: null, bestCost: null });
  });

  it('reads the state event (a job view), progress events and the final events', () => {
    expect(readJobEvent('state', { jobId: 'j', name: 'plan', state: 'active', progress, attemptsMade: 1 })).toEqual({
      state: 'active',
      progress,
      error: undefined,
    });
    expect(readJobEvent('progress', progress)).toEqual({ progress });
    expect(readJobEvent('completed', { result: { planId: 'p' } })).toEqual({ state: 'completed' });
    expect(readJobEvent('failed', { error: 'no vans' })).toEqual({ state: 'failed', error: 'no vans' });
    expect(readJobEvent('cancelled', {})).toEqual({ state: 'cancelled' });
  });

  it('ignores unknown events and data that is not the contract shape', () => {
    expect(readJobEvent('message', progress)).toBeNull();
    expect(readJobEvent('progress', { pct: 70 })).toBeNull();
  });
});
