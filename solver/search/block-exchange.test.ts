import { describe, expect, it } from 'vitest';
import { lineWorld, type TripSpec } from '../testing/line-world.ts';
import { inTurn, kmObjective, operatorWorld, requestsOf, routesCost } from '../testing/operator-world.ts';
import { Rng } from '../model/rng.ts';
import { blockExchangeDescent, candidateMoves, exchangedNodes } from './block-exchange.ts';
import { relocateDescent } from './relocate.ts';
import { Route } from './route.ts';

// Morning trips A (km 1 → 2) and C (km 39 → 40), afternoon trips B (km 2 → 3) and D (km 40 → 41),
// each in a five-minute window: one van cannot do both trips of a half-day (38 km apart), so no
// single request can change van. Each van starts with a near and a far trip.
const MORNING: [number, number] = [60, 65];
const AFTERNOON: [number, number] = [600, 605];
const A = 0;
const B = 1;
const C = 2;
const D = 3;
const inst = (lockD = false) =>
  lineWorld(
    [0, 1, 2, 3, 39, 40, 41],
    [
      { from: 1, to: 2, pickupMin: MORNING },
      { from: 2, to: 3, pickupMin: AFTERNOON },
      { from: 4, to: 5, pickupMin: MORNING },
      { from: 5, to: 6, pickupMin: AFTERNOON, ...(lockD ? { lockedVehicleIdx: 0 } : {}) },
    ],
    [{}, {}],
    { objective: kmObjective },
  );

describe('block exchange descent', () => {
  it('exchanges the afternoons of two vans where no single request can move', () => {
    // Van 0: A then D (1 + 1 + 38 + 1 + 41 = 82 km); van 1: C then B (39 + 1 + 38 + 1 + 3 = 82 km).
    const { ctx, sol } = operatorWorld(inst(), [inTurn([A, D]), inTurn([C, B])]);
    expect(routesCost(sol)).toBeCloseTo(2000 + 164, 6);
    relocateDescent(ctx, sol);
    expect(routesCost(sol)).toBeCloseTo(2000 + 164, 6);

    expect(blockExchangeDescent(ctx, sol)).toBe(true);
    // Near trips together (1 + 1 + 0 + 1 + 3 = 6 km), far ones together (39 + 1 + 0 + 1 + 41 = 82 km).
    const vans = [requestsOf(sol, 0), requestsOf(sol, 1)].sort((x, y) => x[0] - y[0]);
    expect(vans).toEqual([
      [A, B],
      [C, D],
    ]);
    expect(routesCost(sol)).toBeCloseTo(2000 + 88, 6);
    expect(sol.feasible()).toBe(true);
  });

  it('keeps a request locked to its van there (the mornings move instead)', () => {
    const { ctx, sol } = operatorWorld(inst(true), [inTurn([A, D]), inTurn([C, B])]);
    expect(blockExchangeDescent(ctx, sol)).toBe(true);
    expect(requestsOf(sol, 0)).toEqual([C, D]);
    expect(requestsOf(sol, 1)).toEqual([A, B]);
    expect(routesCost(sol)).toBeCloseTo(2000 + 88, 6);
  });

  it('gives the long trips to the cheaper van when the vans cost differently a km', () => {
    // Van 0 at 1 per km does the near trips (6 km), van 1 at 3 per km the far ones (82 km × 3):
    // the two whole routes swap (82 + 3 × 6), which no single request can do.
    const priced = lineWorld(
      [0, 1, 2, 3, 39, 40, 41],
      [
        { from: 1, to: 2, pickupMin: MORNING },
        { from: 2, to: 3, pickupMin: AFTERNOON },
        { from: 4, to: 5, pickupMin: MORNING },
        { from: 5, to: 6, pickupMin: AFTERNOON },
      ],
      [{ costPerM: 0.001 }, { costPerM: 0.003 }],
      { objective: kmObjective },
    );
    const { ctx, sol } = operatorWorld(priced, [inTurn([A, B]), inTurn([C, D])]);
    expect(routesCost(sol)).toBeCloseTo(2000 + 6 + 3 * 82, 6);
    expect(blockExchangeDescent(ctx, sol)).toBe(true);
    expect(requestsOf(sol, 0)).toEqual([C, D]);
    expect(requestsOf(sol, 1)).toEqual([A, B]);
    expect(routesCost(sol)).toBeCloseTo(2000 + 82 + 3 * 6, 6);
  });

  it('reports no move at a local optimum and leaves the routes as they are', () => {
    const { ctx, sol } = operatorWorld(inst(), [inTurn([A, B]), inTurn([C, D])]);
    expect(blockExchangeDescent(ctx, sol)).toBe(false);
    expect(requestsOf(sol, 0)).toEqual([A, B]);
    expect(requestsOf(sol, 1)).toEqual([C, D]);
  });
});

describe('block exchange pricing', () => {
  // Six requests a van on a 60-km road, any time of day; some ride together (two aboard),
  // so a route has stretches of one and of two requests between the moments it is empty.
  const randomPair = (seed: number, costPerM: [number, number]) => {
    const rng = new Rng(seed);
    const places = Array.from({ length: 12 }, () => rng.int(0, 60));
    const trips: TripSpec[] = Array.from({ length: 12 }, () => ({ from: rng.int(1, 11), to: rng.int(1, 11) }));
    const inst = lineWorld(
      places,
      trips,
      costPerM.map((c) => ({ costPerM: c })),
      { objective: { ...kmObjective, vehicleCost: 0 } },
    );
    const order = (first: number): number[] => {
      const nodes: number[] = [];
      for (let r = first; r < first + 6; r += 2) {
        // Either in turn or riding together.
        if (rng.next() < 0.5) nodes.push(2 * r, 2 * r + 1, 2 * r + 2, 2 * r + 3);
        else nodes.push(2 * r, 2 * r + 2, 2 * r + 1, 2 * r + 3);
      }
      return nodes;
    };
    return operatorWorld(inst, [order(0), order(6)]);
  };

  for (const [label, rates] of [
    ['equal rates', [0.001, 0.001]],
    ['a van dearer a km', [0.001, 0.0025]],
  ] as Array<[string, [number, number]]>) {
    it(`estimates each checked move at its exact change of travel (${label})`, () => {
      let checked = 0;
      for (let seed = 1; seed <= 20; seed++) {
        const { ctx, sol } = randomPair(seed, rates);
        const [A, B] = sol.routes;
        const moves = candidateMoves(ctx.p, A, B);
        for (let k = 1; k < moves.length; k++) expect(moves[k].est).toBeGreaterThanOrEqual(moves[k - 1].est);
        for (const m of moves) {
          const [nodesA, nodesB] = exchangedNodes(A, B, m.a1, m.a2, m.b1, m.b2);
          const nA = new Route(A.v, nodesA);
          const nB = new Route(B.v, nodesB);
          nA.update(ctx.p, ctx.ws);
          nB.update(ctx.p, ctx.ws);
          expect(m.est).toBeLessThan(0);
          expect(m.est).toBeCloseTo(nA.cost + nB.cost - A.cost - B.cost, 6);
          checked++;
        }
      }
      expect(checked).toBeGreaterThan(20);
    });
  }
});
