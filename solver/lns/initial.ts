/**
 * The starting point of every search: locked prefixes in place, the pending
 * deliveries of locked pickups at their cheapest feasible position, and the
 * caller's warm-start routes (kept only where they are feasible). Everything
 * else goes to the bank for construction.
 */
import type { SolveOptions } from '../model/instance.ts';
import { deliveryNode, type Prepared } from '../model/prepared.ts';
import type { SearchContext } from '../search/context.ts';
import { Solution } from '../search/solution.ts';

/** Locked prefixes, their pending deliveries, and the caller's warm start. */
export function initialSolution(ctx: SearchContext, initial: SolveOptions['initial']): Solution {
  const { p, ws } = ctx;
  const sol = Solution.empty(p, ws);
  const placed = new Uint8Array(p.nReq);
  p.prefix.forEach((nodes) => nodes.forEach((n) => (placed[n >> 1] = 1)));
  (initial ?? []).forEach((init, k) => {
    if (!(init.vehicleIdx >= 0 && init.vehicleIdx < p.nVeh)) {
      throw new Error(
        `solve: initial[${k}].vehicleIdx = ${init.vehicleIdx}: must be a vehicle index in [0, ${p.nVeh})`,
      );
    }
    const route = sol.routes[init.vehicleIdx];
    const extra: number[] = [];
    for (const vis of init.visits) {
      const r = vis.requestIdx;
      if (!(r >= 0 && r < p.nReq)) throw new Error(`solve: initial[${k}] visit requestIdx = ${r}: out of range`);
      if (p.fixed[r]) continue;
      if (vis.kind === 'delivery') {
        // Only the delivery of a pickup placed on this route just before.
        if (extra.includes(2 * r)) extra.push(2 * r + 1);
        continue;
      }
      if (placed[r] === 0 && p.compatible[r * p.nVeh + route.v]) {
        const hasDelivery = init.visits.some((x) => x.requestIdx === r && x.kind === 'delivery');
        if (hasDelivery) {
          extra.push(2 * r);
          placed[r] = 2;
        }
      }
    }
    const before = route.nodes;
    route.nodes = before.concat(extra);
    route.update(p, ws);
    if (!route.feasible) {
      for (const n of extra) placed[n >> 1] = 0;
      route.nodes = before;
      route.update(p, ws);
    }
  });
  // A locked pickup whose delivery is not locked: the delivery goes where it fits best.
  p.prefix.forEach((nodes, v) => {
    const route = sol.routes[v];
    for (const n of nodes) {
      if ((n & 1) === 1 || nodes.includes(n + 1)) continue;
      placeDelivery(p, ctx, route, n >> 1);
    }
  });
  for (let r = 0; r < p.nReq; r++) if (!placed[r]) sol.bank.push(r);
  return sol;
}

function placeDelivery(p: Prepared, ctx: SearchContext, route: Solution['routes'][number], r: number): void {
  const start = p.prefix[route.v].length;
  let bestNodes: number[] | null = null;
  let bestCost = Infinity;
  for (let j = start; j <= route.nodes.length; j++) {
    const trial = route.clone();
    trial.nodes.splice(j, 0, deliveryNode(r));
    trial.update(p, ctx.ws);
    if (trial.feasible && trial.cost < bestCost) {
      bestCost = trial.cost;
      bestNodes = trial.nodes;
    }
  }
  route.nodes = bestNodes ?? [...route.nodes, deliveryNode(r)];
  route.update(p, ctx.ws);
}
