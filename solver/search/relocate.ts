/**
 * Local search "relocate pair": take one request out and put it back at its
 * cheapest place in any route, keep the move when the objective drops. Repeats
 * until a full pass over the requests finds nothing. Used to polish new best
 * solutions found by the LNS (one pricing per request and route; on large
 * instances only the requests the last iteration moved).
 */
import { applyInsertion, bestInsertion } from '../lns/insertion.ts';
import { served } from '../lns/ruin.ts';
import { twinTried, type SearchContext } from './context.ts';
import type { Solution } from './solution.ts';

const GAIN = 1e-7;

export function relocateDescent(ctx: SearchContext, sol: Solution, only?: number[], maxPasses = 4): void {
  const { p, ws, cand, rng } = ctx;
  for (let pass = 0; pass < maxPasses; pass++) {
    let improved = false;
    let order = served(ctx, sol);
    if (only) {
      const keep = new Set(only);
      order = order.filter((r) => keep.has(r));
    }
    rng.shuffle(order);
    const where = new Int32Array(p.nReq).fill(-1);
    sol.routes.forEach((route, v) => route.nodes.forEach((node) => (where[node >> 1] = v)));
    for (const r of order) {
      const home = sol.routes[where[r]];
      const before = home.cost;
      const saved = home.clone();
      home.nodes = home.nodes.filter((node) => node >> 1 !== r);
      home.update(p, ws);
      const removal = before - home.cost;
      let bestV = -1;
      let bestCost = removal - GAIN;
      let bi = 0;
      let bj = 0;
      const seen = new Set<number>();
      for (let v = 0; v < p.nVeh; v++) {
        const route = sol.routes[v];
        if (sol.disabled[v] || !p.compatible[r * p.nVeh + v]) continue;
        if (twinTried(ctx, route, seen)) continue;
        const place = bestInsertion(p, route, r, ws, cand);
        if (place && place.cost < bestCost) {
          bestCost = place.cost;
          bestV = v;
          bi = place.i;
          bj = place.j;
        }
      }
      if (bestV < 0) {
        sol.routes[where[r]] = saved;
        continue;
      }
      const target = sol.routes[bestV];
      const targetBefore = target.cost;
      const targetSaved = target.clone();
      applyInsertion(target, r, bi, bj);
      target.update(p, ws);
      if (!target.feasible || target.cost - targetBefore >= removal - GAIN) {
        sol.routes[bestV] = targetSaved;
        sol.routes[where[r]] = saved;
        continue;
      }
      where[r] = bestV;
      improved = true;
    }
    if (!improved) break;
  }
}
