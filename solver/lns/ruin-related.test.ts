import { describe, expect, it } from 'vitest';
import { twoClusters } from '../testing/operator-world.ts';
import { relatedRuin } from './ruin-related.ts';

// Requests 0–2 are close in space and time (km 1–4, morning), and so are 3–5 (km 40–43,
// afternoon); every van serves one of each, so routes say nothing about relatedness.
const cluster = (r: number) => (r < 3 ? 'A' : 'B');

describe('related (Shaw) ruin', () => {
  it('the neighbour lists put the own cluster first', () => {
    const { ctx } = twoClusters();
    for (let r = 0; r < 6; r++) {
      const firstTwo = Array.from(ctx.neighbours[r].slice(0, 2));
      expect(firstTwo.map(cluster)).toEqual([cluster(r), cluster(r)]);
    }
  });

  it('takes three requests of one cluster several times more often than chance (1 in 10)', () => {
    let oneCluster = 0;
    const runs = 40;
    for (let seed = 1; seed <= runs; seed++) {
      const { ctx, sol } = twoClusters(false, seed);
      const out = relatedRuin(ctx, sol, 3);
      expect(new Set(out).size).toBe(3);
      if (new Set(out.map(cluster)).size === 1) oneCluster++;
    }
    // Each further pick stays in the cluster with probability ≈ 0.83, then ≈ 0.76 (rank ⌊u⁵ · n⌋).
    expect(oneCluster / runs).toBeGreaterThan(0.35);
  });

  it('never takes a request of a locked prefix', () => {
    for (let seed = 1; seed <= 10; seed++) {
      const { ctx, sol } = twoClusters(true, seed);
      expect(relatedRuin(ctx, sol, 7)).not.toContain(6);
    }
  });
});
