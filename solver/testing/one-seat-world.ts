/**
 * A three-van world where route elimination has something to do, for the fleet
 * stage's tests. One seat per van. X (request 0): km 10 at 1:00 → km 20 by 1:15.
 * Y (1): km 25 at the given minute (1:20 by default) → km 30. Z (2): km 10 at
 * 1:00 → depot by 1:10. Z clashes with X (same seat, same minute) and with Y
 * (from the depot at 1:10 nobody reaches km 25 by 1:20), but X and Y share a
 * van (X → Y) unless Y is picked up before X can get there.
 */
import type { DarpInstance } from '../model/instance.ts';
import type { SearchContext } from '../search/context.ts';
import { Route } from '../search/route.ts';
import { Solution } from '../search/solution.ts';
import { lineWorld } from './line-world.ts';

export const ONE_SEAT_KM = [0, 10, 20, 25, 30];

export function oneSeatWorld(yPickupMin = 80): DarpInstance {
  return lineWorld(
    ONE_SEAT_KM,
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
}

/** Van v serves perVan[v]'s requests one at a time, in that order; the other vans are empty. */
export function vansServing(ctx: SearchContext, perVan: number[][]): Solution {
  const sol = Solution.empty(ctx.p, ctx.ws);
  perVan.forEach((reqs, v) => {
    const route = new Route(
      v,
      reqs.flatMap((r) => [2 * r, 2 * r + 1]),
    );
    route.update(ctx.p, ctx.ws);
    if (!route.feasible) throw new Error(`one-seat world: van ${v} cannot serve ${reqs.join(', ')} in turn`);
    sol.routes[v] = route;
  });
  return sol;
}
