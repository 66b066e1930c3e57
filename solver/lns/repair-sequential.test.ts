import { describe, expect, it } from 'vitest';
import { lineWorld } from '../testing/line-world.ts';
import { inTurn, kmObjective, operatorWorld, routesCost } from '../testing/operator-world.ts';
import { repairSequential } from './repair-sequential.ts';

// Van 0 carries request 0 from km 1 to km 9; request 1 (km 4 → 5) is banked. Its cheapest place
// is on the way: 0 → 1 → 4 → 5 → 9 → 0 = 18 km, against 20 km after the delivery
// (0 → 1 → 9 → 4 → 5 → 0) and 10 km + a second van (1000) alone.
const world = (seed: number) =>
  operatorWorld(
    lineWorld(
      [0, 1, 4, 5, 9],
      [
        { from: 1, to: 4 },
        { from: 2, to: 3 },
      ],
      [{}, {}],
      { objective: kmObjective },
    ),
    [inTurn([0])],
    seed,
  );

describe('sequential repair', () => {
  it('puts each banked request at its cheapest feasible place', () => {
    const { ctx, sol } = world(1);
    expect(sol.bank).toEqual([1]);
    repairSequential(ctx, sol, 0);
    expect(sol.bank).toEqual([]);
    expect(sol.routes[0].nodes).toEqual([0, 2, 3, 1]);
    expect(sol.routes[1].nodes).toEqual([]);
    expect(routesCost(sol)).toBeCloseTo(1000 + 18, 6);
  });

  it('gives every sort order the same answer for a single request', () => {
    for (let seed = 1; seed <= 10; seed++) {
      const { ctx, sol } = world(seed);
      repairSequential(ctx, sol, 0);
      expect(sol.routes[0].nodes).toEqual([0, 2, 3, 1]);
    }
  });

  it('leaves a request that fits nowhere in the bank', () => {
    const { ctx, sol } = operatorWorld(
      lineWorld([0, 1, 30], [{ from: 1, to: 2, pickupMin: [60, 60], deliveryMin: [61, 65] }], [{}], {
        objective: kmObjective,
      }),
      [],
    );
    repairSequential(ctx, sol, 0);
    expect(sol.bank).toEqual([0]);
  });
});
