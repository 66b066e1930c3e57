import { describe, expect, it } from 'vitest';
import { lineWorld } from '../testing/line-world.ts';
import { operatorWorld } from '../testing/operator-world.ts';
import { Route } from './route.ts';

// Three requests with ride limits and windows, two seats and a wheelchair dimension, so every cache differs from its default.
const inst = () =>
  lineWorld(
    [0, 2, 5, 7, 11, 13],
    [
      { from: 1, to: 4, maxRideMin: 14, pickupMin: [0, 30], load: [1, 0] },
      { from: 2, to: 3, maxRideMin: 6, deliveryMin: [20, 60], load: [0, 1] },
      { from: 3, to: 5, maxRideMin: 12, load: [1, 1] },
    ],
    [{ maxDurationS: 3 * 3600 }],
    { dims: ['seats', 'wheelchairs'] },
  );

const caches = (r: Route, n: number) => ({
  earliest: Array.from(r.earliest.subarray(0, n)),
  latest: Array.from(r.latest.subarray(0, n)),
  loadAfter: Array.from(r.loadAfter.subarray(0, 2 * n)),
  rideSlack: Array.from(r.rideSlack.subarray(0, n)),
  durationSlack: r.durationSlack,
  distanceM: r.distanceM,
});

describe('route caches on reused arrays', () => {
  it('match the full update for every order, also after a longer route used the arrays', () => {
    const { ctx } = operatorWorld(inst(), [[]]);
    const orders = [
      [0, 2, 4, 3, 1, 5],
      [0, 1],
      [2, 0, 3, 4, 5, 1],
      [4, 5],
    ];
    const scratch = new Route(0);
    for (const nodes of orders) {
      const full = new Route(0, nodes.slice());
      full.update(ctx.p, ctx.ws);
      scratch.nodes = nodes.slice();
      scratch.updateRelaxed(ctx.p, ctx.ws);
      const n = nodes.length + 2;
      expect(caches(scratch, n)).toEqual(caches(full, n));
      expect(full.rideSlack.some((s) => Number.isFinite(s))).toBe(true);
    }
  });
});
