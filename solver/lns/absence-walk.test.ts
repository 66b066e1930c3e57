import { describe, expect, it } from 'vitest';
import { prepare } from '../model/prepared.ts';
import { createContext, type SearchContext } from '../search/context.ts';
import { Route } from '../search/route.ts';
import { Solution } from '../search/solution.ts';
import { lineWorld } from '../testing/line-world.ts';
import { absenceWalk } from './absence-walk.ts';

// One seat per van. X (request 0): km 10 at 1:00 → km 20 by 1:15. Y (1): km 25 at 1:20 → km 30.
// Z (2): km 10 at 1:00 → depot by 1:10. Z clashes with X and with Y, but X and Y share a van: X → Y.
const onePerVan = (yPickupMin = 80) =>
  lineWorld(
    [0, 10, 20, 25, 30],
    [
      { from: 1, to: 2, pickupMin: [60, 60], deliveryMin: [70, 75] },
      { from: 3, to: 4, pickupMin: [yPickupMin, yPickupMin] },
      { from: 1, to: 0, pickupMin: [60, 60], deliveryMin: [70, 70] },
    ],
    [{ capacity: [1] }, { capacity: [1] }, { capacity: [1] }],
    {
      objective: {
        vehicleCost: 1e5,
        excessRidePerS: 0,
        waitAboardPerS: 0,
        vehicleChangePenalty: 0,
        timeDeviationPerS: 0,
      },
    },
  );

/** X in van 0, Y in van 1; van 2 (Z's) out of service with Z waiting in the bank. */
function withoutVanTwo(ctx: SearchContext): Solution {
  const sol = Solution.empty(ctx.p, ctx.ws);
  [[0], [1]].forEach((reqs, v) => {
    const route = new Route(
      v,
      reqs.flatMap((r) => [2 * r, 2 * r + 1]),
    );
    route.update(ctx.p, ctx.ws);
    sol.routes[v] = route;
  });
  sol.bank = [2];
  sol.disabled[2] = 1;
  return sol;
}

const used = (sol: Solution) => sol.routes.filter((r) => r.nodes.length > 0).length;

describe('absence walk (route elimination by ruin and recreate)', () => {
  it('serves a request that fits nowhere by moving another one first', () => {
    for (const seed of [1, 2, 3]) {
      const ctx = createContext(prepare(onePerVan()), seed);
      const absences = new Int32Array(ctx.p.nReq);
      const { best, steps } = absenceWalk(ctx, withoutVanTwo(ctx), absences, { maxSteps: 200, stop: () => false });
      expect(best.bank).toEqual([]);
      expect(best.feasible()).toBe(true);
      expect(used(best)).toBe(2);
      expect(best.routes[2].nodes).toEqual([]);
      expect(steps).toBeGreaterThanOrEqual(1);
    }
  });

  it('never opens a van: when nothing makes room the request stays out and its absences count', () => {
    // Y at 1:05 at km 25: X → Y is too late as well, so no two requests share a van.
    const ctx = createContext(prepare(onePerVan(65)), 1);
    const absences = new Int32Array(ctx.p.nReq);
    const { best, steps } = absenceWalk(ctx, withoutVanTwo(ctx), absences, { maxSteps: 30, stop: () => false });
    expect(steps).toBe(30);
    expect(best.bank).toHaveLength(1);
    expect(used(best)).toBe(2);
    expect(best.feasible()).toBe(true);
    expect(absences.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(30);
  });

  it('stops when asked, before a step', () => {
    const ctx = createContext(prepare(onePerVan(65)), 1);
    const { steps } = absenceWalk(ctx, withoutVanTwo(ctx), new Int32Array(3), { maxSteps: 30, stop: (s) => s >= 7 });
    expect(steps).toBe(7);
  });
});
