/**
 * Route ruin: whole routes, smallest first (biased), so the fleet can shrink.
 */
import type { Ruin } from './ruin.ts';

export const routeRuin: Ruin = (ctx, sol, q) => {
  const { p, rng } = ctx;
  const used = sol.routes.filter((r) => r.nodes.length > 0).sort((a, b) => a.nodes.length - b.nodes.length);
  const out: number[] = [];
  while (used.length > 0 && out.length < q) {
    const k = Math.floor(rng.next() ** 2 * used.length);
    const route = used.splice(k, 1)[0];
    for (const node of route.nodes) if ((node & 1) === 0 && !p.fixed[node >> 1]) out.push(node >> 1);
  }
  return out;
};
