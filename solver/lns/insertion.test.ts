import { describe, expect, it } from 'vitest';
import { prepare } from '../model/prepared.ts';
import { createContext } from '../search/context.ts';
import { Route } from '../search/route.ts';
import { lineWorld } from '../testing/line-world.ts';
import { bestInsertion, cheapestFeasible, relaxedCandidates } from './insertion.ts';

// A (request 0): km 1 at 0:01 sharp → km 9. B (1): km 4 → km 5, not before 0:10. The van may
// be out for 20 minutes. B on A's way costs nothing (18 km, 18 minutes' driving), but the van
// would wait at km 4 until 0:10 and be out 24 minutes: only the exact schedule sees the wait.
// After A, B costs a 2 km detour and the van is back at 0:20.
const world = () => {
  const ctx = createContext(
    prepare(
      lineWorld(
        [0, 1, 4, 5, 9],
        [
          { from: 1, to: 4, pickupMin: [1, 1] },
          { from: 2, to: 3, pickupMin: [10, 24 * 60] },
        ],
        [{ maxDurationS: 20 * 60 }],
      ),
    ),
    1,
  );
  const route = new Route(0, [0, 1]);
  route.update(ctx.p, ctx.ws);
  return { ctx, route };
};

describe('insertion pricing', () => {
  it('passes over the cheapest relaxed place when the exact schedule breaks the duration', () => {
    const { ctx, route } = world();
    expect(route.feasible).toBe(true);
    relaxedCandidates(ctx.p, route, 1, ctx.cand);
    let cheapest = 0;
    for (let k = 1; k < ctx.cand.size; k++) if (ctx.cand.cost[k] < ctx.cand.cost[cheapest]) cheapest = k;
    expect(ctx.cand.i[cheapest]).toBe(1);
    expect(ctx.cand.cost[cheapest]).toBeCloseTo(0, 9);
    const place = bestInsertion(ctx.p, route, 1, ctx.ws, ctx.cand);
    expect(place && [place.i, place.j]).toEqual([2, 2]);
  });

  it('decides from candidates priced on an identical visit order as from its own pricing', () => {
    const { ctx, route } = world();
    // The ejection pool prices a scratch copy of the order, then checks the real route.
    const scratch = new Route(0, route.nodes.slice());
    scratch.updateRelaxed(ctx.p, ctx.ws);
    relaxedCandidates(ctx.p, scratch, 1, ctx.cand);
    const place = cheapestFeasible(ctx.p, route, 1, ctx.ws, ctx.cand);
    expect(place).toEqual(bestInsertion(ctx.p, route, 1, ctx.ws, ctx.cand));
    expect(place && [place.i, place.j]).toEqual([2, 2]);
  });

  it('finds nothing when no relaxed candidate is left', () => {
    const { ctx, route } = world();
    ctx.cand.size = 0;
    expect(cheapestFeasible(ctx.p, route, 1, ctx.ws, ctx.cand)).toBeNull();
  });
});
