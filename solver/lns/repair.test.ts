import { describe, expect, it } from 'vitest';
import { lineWorld } from '../testing/line-world.ts';
import { kmObjective, operatorWorld, requestsOf, routesCost } from '../testing/operator-world.ts';
import { repair } from './repair.ts';

// Two one-request vans (both pickups at exactly 1:00, so no van can take both): van 0 lives at
// km 0, van 1 at km 20. A (request 0): km 1 → 2, B (request 1): km −3 → −2.
//   A in van 0: 1 + 1 + 2 = 4 km     A in van 1: 19 + 1 + 18 = 38 km
//   B in van 0: 3 + 1 + 2 = 6 km     B in van 1: 23 + 1 + 22 = 46 km
// Greedy takes the cheapest first (A → van 0) and leaves B the expensive van: 4 + 46 = 50 km.
// Regret-2 first places B, which loses 40 km by waiting (A loses 34): 6 + 38 = 44 km.
const AT_ONE: [number, number] = [60, 60];
const twoVans = () =>
  operatorWorld(
    lineWorld(
      [0, 1, 2, -3, -2, 20],
      [
        { from: 1, to: 2, pickupMin: AT_ONE },
        { from: 3, to: 4, pickupMin: AT_ONE },
      ],
      [{}, { startLoc: 5, endLoc: 5 }],
      { objective: kmObjective },
    ),
    [],
  );
const VANS = 2000;

describe('greedy and regret repair', () => {
  it('greedy: the cheapest placement first', () => {
    const { ctx, sol } = twoVans();
    expect(sol.bank.sort()).toEqual([0, 1]);
    repair(ctx, sol, 1, 0);
    expect(sol.bank).toEqual([]);
    expect([requestsOf(sol, 0), requestsOf(sol, 1)]).toEqual([[0], [1]]);
    expect(routesCost(sol) - VANS).toBeCloseTo(50, 6);
  });

  it('regret-2: the request that loses most by waiting first', () => {
    const { ctx, sol } = twoVans();
    repair(ctx, sol, 2, 0);
    expect(sol.bank).toEqual([]);
    expect([requestsOf(sol, 0), requestsOf(sol, 1)]).toEqual([[1], [0]]);
    expect(routesCost(sol) - VANS).toBeCloseTo(44, 6);
  });

  it('a request that fits nowhere stays in the bank', () => {
    const { ctx, sol } = operatorWorld(
      lineWorld([0, 1, 30], [{ from: 1, to: 2, pickupMin: [60, 60], deliveryMin: [61, 65] }], [{}], {
        objective: kmObjective,
      }),
      [],
    );
    repair(ctx, sol, 2, 0);
    expect(sol.bank).toEqual([0]);
    expect(sol.routes[0].nodes).toEqual([]);
  });
});
