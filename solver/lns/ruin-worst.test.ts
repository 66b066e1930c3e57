import { describe, expect, it } from 'vitest';
import { lineWorld } from '../testing/line-world.ts';
import { inTurn, kmObjective, operatorWorld } from '../testing/operator-world.ts';
import { worstRuin } from './ruin-worst.ts';

// One van: requests 0 (km 1 → 2) and 1 (km 2 → 3) on the way, request 2 (km 3 → 50) a long
// detour. Removing 2 saves 47 + 50 − 3 = 94 km (3 → 50 → depot becomes 3 → depot); removing
// 0 or 1 saves nothing (they lie on the way), so the worst ruin takes 2 first most of the time.
const world = (seed: number) =>
  operatorWorld(
    lineWorld(
      [0, 1, 2, 3, 50],
      [
        { from: 1, to: 2 },
        { from: 2, to: 3 },
        { from: 3, to: 4 },
      ],
      [{}],
      { objective: kmObjective },
    ),
    [inTurn([0, 1, 2])],
    seed,
  );

describe('worst ruin', () => {
  it('takes the request whose removal saves most, most of the time', () => {
    let detour = 0;
    for (let seed = 1; seed <= 40; seed++) {
      const { ctx, sol } = world(seed);
      const out = worstRuin(ctx, sol, 1);
      expect(out).toHaveLength(1);
      if (out[0] === 2) detour++;
    }
    // Rank chosen as ⌊u⁴ · 3⌋: the first with probability (1/3)^¼ ≈ 76 %.
    expect(detour).toBeGreaterThan(24);
  });

  it('takes q distinct requests, all when q is large', () => {
    const { ctx, sol } = world(1);
    expect(worstRuin(ctx, sol, 5).sort()).toEqual([0, 1, 2]);
  });
});
