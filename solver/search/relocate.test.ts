import { describe, expect, it } from 'vitest';
import { lineWorld } from '../testing/line-world.ts';
import { inTurn, kmObjective, operatorWorld, routesCost } from '../testing/operator-world.ts';
import { relocateDescent } from './relocate.ts';

// Request 0: km 1 → 9; request 1: km 4 → 5.
const inst = () =>
  lineWorld(
    [0, 1, 4, 5, 9],
    [
      { from: 1, to: 4 },
      { from: 2, to: 3 },
    ],
    [{}, {}],
    { objective: kmObjective },
  );

describe('relocate descent', () => {
  it('moves a request to a cheaper place in its own route', () => {
    // p0 d0 p1 d1: 1 + 8 + 5 + 1 + 5 = 20 km; request 1 on the way: 18 km.
    const { ctx, sol } = operatorWorld(inst(), [inTurn([0, 1])]);
    expect(routesCost(sol)).toBeCloseTo(1000 + 20, 6);
    relocateDescent(ctx, sol);
    expect(sol.routes[0].nodes).toEqual([0, 2, 3, 1]);
    expect(routesCost(sol)).toBeCloseTo(1000 + 18, 6);
  });

  it('moves a request into another route when that frees a van', () => {
    // Two vans (2000 + 18 + 10 km) become one (1000 + 18 km).
    const { ctx, sol } = operatorWorld(inst(), [inTurn([0]), inTurn([1])]);
    relocateDescent(ctx, sol);
    expect(sol.routes.map((r) => r.nodes.length)).toEqual([4, 0]);
    expect(routesCost(sol)).toBeCloseTo(1000 + 18, 6);
  });

  it('leaves a local optimum as it is', () => {
    const { ctx, sol } = operatorWorld(inst(), [[0, 2, 3, 1]]);
    relocateDescent(ctx, sol);
    expect(sol.routes[0].nodes).toEqual([0, 2, 3, 1]);
    expect(sol.bank).toEqual([]);
  });
});
