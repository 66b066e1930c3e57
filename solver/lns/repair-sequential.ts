/**
 * Sequential repair (SISR-style, Christiaens & Vanden Berghe 2020): banked
 * requests are sorted (random, by window, by distance, by load) and each goes to
 * its cheapest feasible place across all routes, optionally with noise on the
 * prices. Costs O(q · routes) pricings instead of regret's O(q² + q · routes).
 */
import { applyInsertion, bestInsertion } from './insertion.ts';
import { NearbyRoutes } from './nearby-routes.ts';
import { deliveryNode, pickupNode } from '../model/prepared.ts';
import { twinTried, type SearchContext } from '../search/context.ts';
import type { Solution } from '../search/solution.ts';

export function repairSequential(ctx: SearchContext, sol: Solution, noise: number): void {
  const { p, ws, cand, rng } = ctx;
  const pending = sol.bank;
  sol.bank = [];
  const key = new Map<number, number>();
  const order = rng.int(0, 4);
  for (const r of pending) {
    const pn = pickupNode(r);
    const dn = deliveryNode(r);
    let k: number;
    if (order === 0) k = rng.next();
    else if (order === 1) k = p.early[pn] + p.late[dn] * 1e-3;
    else if (order === 2) k = -p.late[pn];
    else if (order === 3) k = -p.direct[r] - (rng.next() * p.direct[r]) / 2;
    else k = -p.load[pn * p.nDims] - rng.next();
    key.set(r, k);
  }
  pending.sort((a, b) => key.get(a)! - key.get(b)! || a - b);
  const amp = noise * ctx.costScale;
  const seenClass = new Set<number>();
  const nearby = new NearbyRoutes(ctx, sol);
  const near = new Uint8Array(p.nVeh);
  for (const r of pending) {
    const filtered = nearby.mark(r, near);
    let bestV = -1;
    let bestCost = Infinity;
    let bi = 0;
    let bj = 0;
    seenClass.clear();
    for (let v = 0; v < p.nVeh; v++) {
      if (sol.disabled[v] || !p.compatible[r * p.nVeh + v]) continue;
      const route = sol.routes[v];
      if (filtered && !near[v] && route.nodes.length > 0) continue;
      if (twinTried(ctx, route, seenClass)) continue;
      const place = bestInsertion(p, route, r, ws, cand);
      if (!place) continue;
      const c = amp > 0 ? place.cost + amp * (2 * rng.next() - 1) : place.cost;
      if (c < bestCost) {
        bestCost = c;
        bestV = v;
        bi = place.i;
        bj = place.j;
      }
    }
    if (bestV < 0) {
      sol.bank.push(r);
      continue;
    }
    const route = sol.routes[bestV];
    applyInsertion(route, r, bi, bj);
    route.update(p, ws);
    nearby.placed(r, bestV);
  }
}
