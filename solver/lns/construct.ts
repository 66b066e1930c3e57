/**
 * Initial solution. Small and medium instances: parallel regret-2 insertion over
 * all vehicles. Large days (hundreds of requests): requests in order of their
 * pickup window, each to its cheapest feasible place — O(n · vehicles · route²)
 * relaxed pricing instead of regret's O(n²) re-pricing.
 */
import { applyInsertion, bestInsertion } from './insertion.ts';
import { repair } from './repair.ts';
import { twinTried, type SearchContext } from '../search/context.ts';
import type { Solution } from '../search/solution.ts';

const REGRET_LIMIT = 250;

export function construct(ctx: SearchContext, sol: Solution): void {
  if (sol.bank.length <= REGRET_LIMIT) {
    repair(ctx, sol, 2, 0);
    return;
  }
  const { p, ws, cand } = ctx;
  const order = sol.bank
    .slice()
    .sort((a, b) => p.early[2 * a] - p.early[2 * b] || p.late[2 * a] - p.late[2 * b] || a - b);
  sol.bank = [];
  const seenClass = new Set<number>();
  for (const r of order) {
    let best: { cost: number; i: number; j: number; v: number } | null = null;
    seenClass.clear();
    for (let v = 0; v < p.nVeh; v++) {
      const route = sol.routes[v];
      if (sol.disabled[v] || !p.compatible[r * p.nVeh + v]) continue;
      if (twinTried(ctx, route, seenClass)) continue;
      const place = bestInsertion(p, route, r, ws, cand);
      if (place && (!best || place.cost < best.cost)) best = { ...place, v };
    }
    if (!best) {
      sol.bank.push(r);
      continue;
    }
    const route = sol.routes[best.v];
    applyInsertion(route, r, best.i, best.j);
    route.update(p, ws);
  }
}
