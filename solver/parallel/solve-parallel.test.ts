import { describe, expect, it } from 'vitest';
import { solve, solveParallel } from '../index.ts';
import { fixedClock, lineWorld } from '../testing/line-world.ts';

const inst = () =>
  lineWorld(
    [0, 2, 4, 6, 8, 10],
    Array.from({ length: 8 }, (_, k) => ({
      from: 1 + (k % 5),
      to: 1 + ((k * 3 + 1) % 5),
      pickupMin: [20 * k, 20 * k + 60] as [number, number],
    })),
    [{}, {}, {}],
  );

/** Iterations reported at the end (both threads' when two searched). */
function iterationsOf(run: (onProgress: (p: { iteration: number }) => void) => unknown): number {
  let last = -1;
  run((p) => (last = p.iteration));
  return last;
}

describe('solve is one search on the calling thread; solveParallel adds the second', () => {
  // A 60 s budget made the old solve() start a worker thread; the iteration budget ends the runs.
  const options = { seed: 3, maxIterations: 300, timeLimitMs: 60_000 };

  it('solve runs exactly its own iterations, whatever the time budget', () => {
    expect(iterationsOf((onProgress) => solve(inst(), { ...options, now: fixedClock(), onProgress }))).toBe(300);
  });

  it('solveParallel with a budget of 3 s or more searches on two threads', () => {
    expect(iterationsOf((onProgress) => solveParallel(inst(), { ...options, now: fixedClock(), onProgress }))).toBe(
      600,
    );
  });

  it('solveParallel with one thread is solve', () => {
    const a = solve(inst(), { ...options, now: fixedClock() });
    const b = solveParallel(inst(), { ...options, threads: 1, now: fixedClock() });
    expect(b.routes).toEqual(a.routes);
    expect(b.cost).toBe(a.cost);
  });
});
