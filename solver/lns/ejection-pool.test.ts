import { describe, expect, it } from 'vitest';
import { prepare } from '../model/prepared.ts';
import { createContext, type SearchContext } from '../search/context.ts';
import { lineWorld } from '../testing/line-world.ts';
import { ONE_SEAT_KM, oneSeatWorld, vansServing } from '../testing/one-seat-world.ts';
import type { Solution } from '../search/solution.ts';
import { emptyPool } from './ejection-pool.ts';
import { fleetLowerBound, minimiseFleet } from './fleet.ts';

/** Van v serves request v (X, Y, Z of the one-seat world). */
const threeVans = (ctx: SearchContext) => vansServing(ctx, [[0], [1], [2]]);

const requestsOf = (sol: Solution, v: number) => sol.routes[v].nodes.filter((n) => n % 2 === 0).map((n) => n / 2);

describe('ejection pool', () => {
  it('makes room for a request that fits nowhere by ejecting one that fits elsewhere', () => {
    const ctx = createContext(prepare(oneSeatWorld()), 1);
    const sol = threeVans(ctx);
    // Van 2 goes out of service: Z cannot join van 0 (X) nor van 1 (Y) as they are.
    sol.remove(ctx.p, ctx.ws, [2]);
    sol.disabled[2] = 1;
    const steps = emptyPool(ctx, sol, { maxSteps: 50, perturbMoves: 2, stop: () => false });
    expect(sol.bank).toEqual([]);
    expect(steps).toBeGreaterThanOrEqual(2);
    expect(sol.routes.every((r) => r.feasible)).toBe(true);
    expect(requestsOf(sol, 2)).toEqual([]);
    // X had to share a van with Y and Z has the other one to itself.
    expect([requestsOf(sol, 0).sort(), requestsOf(sol, 1).sort()].sort()).toEqual([[0, 1], [2]]);
  });

  it('never opens a van: when nothing can make room the request stays in the pool', () => {
    // Y now starts at 1:05 at km 25: X → Y is too late as well, so no two requests share a van.
    const inst = oneSeatWorld(65);
    const ctx = createContext(prepare(inst), 1);
    const sol = threeVans(ctx);
    sol.remove(ctx.p, ctx.ws, [2]);
    sol.disabled[2] = 1;
    emptyPool(ctx, sol, { maxSteps: 30, perturbMoves: 2, stop: () => false });
    expect(sol.bank).toHaveLength(1);
    expect(sol.routes.filter((r) => r.nodes.length > 0)).toHaveLength(2);
    expect(sol.routes.every((r) => r.feasible)).toBe(true);
  });
});

describe('fleet minimisation', () => {
  it.each(['auto', 'pool', 'lns', 'abs', 'pool+lns', 'lns+pool', 'lns+abs'] as const)(
    'drops the third van when two can do the work (%s)',
    (strategy) => {
      const ctx = createContext(prepare(oneSeatWorld()), 3);
      const { best } = minimiseFleet(ctx, threeVans(ctx), {
        stop: (it) => it > 2000,
        fraction: (it) => it / 2000,
        attemptIterations: 200,
        strategy,
      });
      expect(best.bank).toEqual([]);
      expect(best.routes.filter((r) => r.nodes.length > 0)).toHaveLength(2);
      expect(best.feasible()).toBe(true);
    },
  );

  it('grants an attempt that starts with the pool its own step budget', () => {
    // Y at 1:11: no two requests can share a van, yet the bound (2 aboard at once) lets the stage try twice.
    const inst = oneSeatWorld(71);
    const run = (strategy: 'pool' | 'lns+pool', poolSteps?: number) => {
      const ctx = createContext(prepare(inst), 1);
      expect(fleetLowerBound(ctx)).toBe(2);
      return minimiseFleet(ctx, threeVans(ctx), {
        stop: () => false,
        fraction: () => 0,
        attemptIterations: 10,
        poolSteps,
        strategy,
      });
    };
    const pooled = run('pool', 40);
    expect(pooled.best.routes.filter((r) => r.nodes.length > 0)).toHaveLength(3);
    // Two failed attempts (each victim tried once) of 40 pool steps each.
    expect(pooled.iterations).toBe(80);
    expect(run('pool').iterations).toBe(20);
    // An attempt that starts with the LNS keeps the common budget for both of its steps.
    expect(run('lns+pool', 40).iterations).toBe(40);
  });

  it('knows the fleet cannot go below what must be aboard at the same time', () => {
    // Three one-seat trips aboard together between 1:10 and 1:20 (picked up by 1:10, delivered from 1:20).
    const trips = [0, 1, 2].map(() => ({
      from: 1,
      to: 2,
      pickupMin: [0, 70] as [number, number],
      deliveryMin: [80, 200] as [number, number],
    }));
    const vans = [{ capacity: [2] }, { capacity: [2] }, { capacity: [2] }];
    expect(fleetLowerBound(createContext(prepare(lineWorld(ONE_SEAT_KM, trips, vans)), 1))).toBe(2);
    // Capacity is reused after a delivery: the same trips one after another need only one van.
    const inTurn = [0, 1, 2].map((k) => ({
      from: 1,
      to: 2,
      pickupMin: [100 * k, 100 * k + 10] as [number, number],
      deliveryMin: [100 * k + 20, 100 * k + 30] as [number, number],
    }));
    expect(fleetLowerBound(createContext(prepare(lineWorld(ONE_SEAT_KM, inTurn, vans)), 1))).toBe(1);
  });
});
