import { describe, expect, it } from 'vitest';
import { lineWorld } from '../testing/line-world.ts';
import { inTurn, kmObjective, operatorWorld } from '../testing/operator-world.ts';
import { stringRuin } from './ruin-string.ts';

// One van serves requests 0..5 one after the other (p0 d0 p1 d1 …) along the road.
const world = (seed: number) =>
  operatorWorld(
    lineWorld(
      [0, 1, 2, 3, 4, 5, 6, 7],
      Array.from({ length: 6 }, (_, k) => ({ from: k + 1, to: k + 2 })),
      [{}],
      { objective: kmObjective },
    ),
    [inTurn([0, 1, 2, 3, 4, 5])],
    seed,
  );

describe('string ruin', () => {
  it('takes a consecutive stretch of the route, at most q requests', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const { ctx, sol } = world(seed);
      const out = stringRuin(ctx, sol, 3).sort((a, b) => a - b);
      expect(out.length).toBeGreaterThanOrEqual(1);
      expect(out.length).toBeLessThanOrEqual(3);
      // Served in turn, so a stretch of visits is a run of consecutive request numbers.
      expect(out).toEqual(Array.from({ length: out.length }, (_, k) => out[0] + k));
    }
  });

  it('reaches both ends of the route over a few seeds', () => {
    const seen = new Set<number>();
    for (let seed = 1; seed <= 30; seed++) {
      const { ctx, sol } = world(seed);
      for (const r of stringRuin(ctx, sol, 2)) seen.add(r);
    }
    expect(seen.has(0) && seen.has(5)).toBe(true);
  });
});
