import { describe, expect, it } from 'vitest';
import { readProgress } from './job-progress.ts';

describe('the progress bar understands what the solve job reports', () => {
  it('turns days done of the week into a percentage with the best cost', () => {
    expect(
      readProgress({ date: '2026-12-01', daysDone: 2, days: 5, elapsedMs: 900, bestCost: 4200, history: [] }),
    ).toEqual({ pct: 40, bestCost: 4200, state: null });
  });

  it('reads the state and the nested progress of a job view', () => {
    expect(readProgress({ jobId: 'j', state: 'active', progress: { daysDone: 1, days: 4, bestCost: 10 } })).toEqual({
      pct: 25,
      bestCost: 10,
      state: 'active',
    });
  });

  it('accepts a plain fraction or percentage', () => {
    expect(readProgress(0.5).pct).toBe(50);
    expect(readProgress({ pct: 70 }).pct).toBe(70);
  });
});
