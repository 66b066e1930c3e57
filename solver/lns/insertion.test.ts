import { describe, expect, it } from 'vitest';
import { prepare } from '../model/prepared.ts';
import { createContext } from '../search/context.ts';
import { Route } from '../search/route.ts';
import { lineWorld } from '../testing/line-world.ts';
import { constructedBenchmark } from '../testing/benchmark-world.ts';
import { bestInsertion, cheapestFeasible, insertionFeasible, relaxedCandidates } from './insertion.ts';

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

  // Li & Lim lr2_2_9: long routes with wide windows, where most positions are skipped.
  it('never leaves out a place where the request fits exactly, on long benchmark routes', () => {
    const { ctx, sol } = constructedBenchmark('lilim200', 'lr2_2_9');
    const { p, ws, cand } = ctx;
    // The longest route with every other passenger taken out: room for them and for others.
    const longest = sol.routes.reduce((a, b) => (b.nodes.length > a.nodes.length ? b : a));
    const route = new Route(
      longest.v,
      longest.nodes.filter((node) => (node >> 1) % 2 === 0),
    );
    route.update(p, ws);
    expect(route.feasible).toBe(true);
    const len = route.nodes.length;
    expect(len).toBeGreaterThan(20);
    let fits = 0;
    for (let r = 0; r < p.nReq; r += 3) {
      if (route.nodes.includes(2 * r)) continue;
      relaxedCandidates(p, route, r, cand);
      const listed = new Set<number>();
      for (let k = 0; k < cand.size; k++) listed.add(cand.i[k] * 1000 + cand.j[k]);
      for (let i = 0; i <= len; i++)
        for (let j = i; j <= len; j++) {
          if (!insertionFeasible(p, route, r, i, j, ws)) continue;
          fits++;
          expect(listed.has(i * 1000 + j), `request ${r} at (${i}, ${j})`).toBe(true);
        }
    }
    expect(fits).toBeGreaterThan(50);
  });

  it('prices the cheapest place the same with the bound as from the full list', () => {
    const { ctx, sol } = constructedBenchmark('lilim200', 'lr2_2_9');
    const { p, cand } = ctx;
    let compared = 0;
    for (const route of sol.routes) {
      if (route.nodes.length === 0) continue;
      for (let r = 0; r < p.nReq; r++) {
        if (route.nodes.includes(2 * r)) continue;
        relaxedCandidates(p, route, r, cand);
        let best = -1;
        for (let k = 0; k < cand.size; k++) if (best < 0 || cand.cost[k] < cand.cost[best]) best = k;
        const full = best < 0 ? null : [cand.cost[best], cand.i[best], cand.j[best]];
        relaxedCandidates(p, route, r, cand, true);
        const last = cand.size - 1;
        expect(last < 0 ? null : [cand.cost[last], cand.i[last], cand.j[last]]).toEqual(full);
        if (full) compared++;
      }
    }
    expect(compared).toBeGreaterThan(20);
  });
});
