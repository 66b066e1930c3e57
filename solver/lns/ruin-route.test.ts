import { describe, expect, it } from 'vitest';
import { lineWorld } from '../testing/line-world.ts';
import { inTurn, kmObjective, operatorWorld } from '../testing/operator-world.ts';
import { routeRuin } from './ruin-route.ts';

// Van 0 serves request 0, van 1 requests 1–2, van 2 requests 3–5.
const world = (seed: number) =>
  operatorWorld(
    lineWorld(
      [0, 1, 2, 3],
      [
        { from: 1, to: 2 },
        { from: 1, to: 2 },
        { from: 2, to: 3 },
        { from: 1, to: 3 },
        { from: 2, to: 1 },
        { from: 3, to: 1 },
      ],
      [{}, {}, {}],
      { objective: kmObjective },
    ),
    [inTurn([0]), inTurn([1, 2]), inTurn([3, 4, 5])],
    seed,
  );

describe('route ruin', () => {
  it('takes whole routes: every request of each route it touches', () => {
    const routes = [[0], [1, 2], [3, 4, 5]];
    for (let seed = 1; seed <= 10; seed++) {
      const { ctx, sol } = world(seed);
      const out = routeRuin(ctx, sol, 1).sort();
      expect(routes.map((r) => r.join())).toContain(out.join());
    }
  });

  it('keeps taking routes until q requests are out', () => {
    const { ctx, sol } = world(3);
    expect(routeRuin(ctx, sol, 4).length).toBeGreaterThanOrEqual(4);
    expect(routeRuin(ctx, sol, 6).sort()).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('favours the shortest route (the one a smaller fleet can do without)', () => {
    let shortest = 0;
    for (let seed = 1; seed <= 40; seed++) {
      const { ctx, sol } = world(seed);
      if (routeRuin(ctx, sol, 1).join() === '0') shortest++;
    }
    // Chosen by rank with probability √(1/3) ≈ 58 % against 33 % for a uniform choice.
    expect(shortest).toBeGreaterThan(16);
  });
});
