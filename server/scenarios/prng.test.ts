import { describe, expect, it } from 'vitest';
import { createRng } from './prng.ts';

describe('the seeded generator', () => {
  it('gives the same sequence for the same seed and a different one for another seed', () => {
    const a = createRng(3),
      b = createRng(3),
      c = createRng(4);
    const seq = (r: ReturnType<typeof createRng>) => Array.from({ length: 5 }, () => r.next());
    const first = seq(a);
    expect(seq(b)).toEqual(first);
    expect(seq(c)).not.toEqual(first);
  });

  it('is roughly uniform and respects integer bounds and weights', () => {
    const r = createRng(1);
    const counts = [0, 0, 0, 0];
    for (let i = 0; i < 40_000; i++) counts[r.int(0, 3)]++;
    for (const c of counts) expect(Math.abs(c - 10_000)).toBeLessThan(400);
    let heavy = 0;
    for (let i = 0; i < 10_000; i++)
      heavy +=
        r.weighted([
          ['a', 1],
          ['b', 3],
        ] as const) === 'b'
          ? 1
          : 0;
    expect(heavy / 10_000).toBeCloseTo(0.75, 1);
    expect(r.shuffle([1, 2, 3, 4, 5]).sort()).toEqual([1, 2, 3, 4, 5]);
    expect(() => createRng(1.5)).toThrow(/seed.*1.5/);
  });
});
