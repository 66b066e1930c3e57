import { describe, expect, it } from 'vitest';
import { twoClusters } from '../testing/operator-world.ts';
import { randomRuin } from './ruin-random.ts';

describe('random ruin', () => {
  it('takes q distinct served requests', () => {
    const { ctx, sol } = twoClusters();
    const out = randomRuin(ctx, sol, 4);
    expect(out).toHaveLength(4);
    expect(new Set(out).size).toBe(4);
    for (const r of out) expect([0, 1, 2, 3, 4, 5]).toContain(r);
  });

  it('never takes a request of a locked prefix, and takes every other one when q is large', () => {
    const { ctx, sol } = twoClusters(true);
    expect(randomRuin(ctx, sol, 100).sort()).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('reaches every request over a few seeds (no bias)', () => {
    const seen = new Set<number>();
    for (let seed = 1; seed <= 20; seed++) {
      const { ctx, sol } = twoClusters(false, seed);
      for (const r of randomRuin(ctx, sol, 1)) seen.add(r);
    }
    expect([...seen].sort()).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('is the same for the same seed', () => {
    const a = twoClusters(false, 7);
    const b = twoClusters(false, 7);
    expect(randomRuin(a.ctx, a.sol, 3)).toEqual(randomRuin(b.ctx, b.sol, 3));
  });
});
