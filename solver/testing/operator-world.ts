/**
 * A search context and a working solution built by hand, for the operators' own tests
 * (ruins, repairs, local search): `routes[v]` lists the requests van v serves, each picked
 * up and delivered before the next (or an explicit node order). Used only by tests.
 */
import type { DarpInstance } from '../model/instance.ts';
import { prepare } from '../model/prepared.ts';
import { createContext, type SearchContext } from '../search/context.ts';
import { Route } from '../search/route.ts';
import { Solution } from '../search/solution.ts';
import { lineWorld } from './line-world.ts';

/** Distance-only weights (one vehicle costs 1000 km-equivalents): costs are read in km. */
export const kmObjective = {
  vehicleCost: 1000,
  excessRidePerS: 0,
  waitAboardPerS: 0,
  vehicleChangePenalty: 0,
  timeDeviationPerS: 0,
};

export interface OperatorWorld {
  ctx: SearchContext;
  sol: Solution;
}

/** Route nodes: request r's pickup is node 2r, its delivery 2r + 1. */
export const inTurn = (requests: number[]): number[] => requests.flatMap((r) => [2 * r, 2 * r + 1]);

export function operatorWorld(inst: DarpInstance, routes: number[][], seed = 1): OperatorWorld {
  const ctx = createContext(prepare(inst), seed);
  const sol = Solution.empty(ctx.p, ctx.ws);
  routes.forEach((nodes, v) => {
    const route = new Route(v, [...ctx.p.prefix[v], ...nodes]);
    route.update(ctx.p, ctx.ws);
    if (!route.feasible) throw new Error(`test route ${v} is not feasible: ${nodes.join(' ')}`);
    sol.routes[v] = route;
  });
  const served = new Set(sol.routes.flatMap((r) => r.nodes.map((n) => n >> 1)));
  sol.bank = inst.requests.map((_, r) => r).filter((r) => !served.has(r));
  return { ctx, sol };
}

/** The requests van v serves, in pickup order. */
export const requestsOf = (sol: Solution, v: number): number[] =>
  sol.routes[v].nodes.filter((n) => n % 2 === 0).map((n) => n / 2);

/** Total cost of the routes (km with kmObjective, plus 1000 per van in use). */
export const routesCost = (sol: Solution): number => sol.routes.reduce((c, r) => c + r.cost, 0);

/**
 * Two clusters of three requests on a road (km 1–4 in the morning, km 40–43 in the
 * afternoon), spread over three vans so that each van serves one of each: van v serves
 * requests v (cluster A) and v + 3 (cluster B). Request 6, when `locked`, sits in van 0's
 * locked prefix (a ruin may never take it out).
 */
export function twoClusters(locked = false, seed = 1): OperatorWorld {
  const A: [number, number] = [60, 120];
  const B: [number, number] = [600, 660];
  const inst = lineWorld(
    [0, 1, 2, 3, 4, 40, 41, 42, 43],
    [
      { from: 1, to: 2, pickupMin: A },
      { from: 2, to: 3, pickupMin: A },
      { from: 3, to: 4, pickupMin: A },
      { from: 5, to: 6, pickupMin: B },
      { from: 6, to: 7, pickupMin: B },
      { from: 7, to: 8, pickupMin: B },
      ...(locked ? [{ from: 1, to: 4, pickupMin: [0, 30] as [number, number] }] : []),
    ],
    [
      locked
        ? {
            lockedPrefix: [
              { requestIdx: 6, kind: 'pickup' as const },
              { requestIdx: 6, kind: 'delivery' as const },
            ],
          }
        : {},
      {},
      {},
    ],
    { objective: kmObjective },
  );
  return operatorWorld(inst, [inTurn([0, 3]), inTurn([1, 4]), inTurn([2, 5])], seed);
}
