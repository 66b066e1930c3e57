import { describe, expect, it } from 'vitest';
import { lineWorld } from '../testing/line-world.ts';
import { inTurn, kmObjective, operatorWorld, requestsOf, routesCost } from '../testing/operator-world.ts';
import { blockExchangeDescent } from './block-exchange.ts';
import { relocateDescent } from './relocate.ts';

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

  it('reports no move at a local optimum and leaves the routes as they are', () => {
    const { ctx, sol } = operatorWorld(inst(), [inTurn([A, B]), inTurn([C, D])]);
    expect(blockExchangeDescent(ctx, sol)).toBe(false);
    expect(requestsOf(sol, 0)).toEqual([A, B]);
    expect(requestsOf(sol, 1)).toEqual([C, D]);
  });
});
