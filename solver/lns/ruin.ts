/**
 * What every ruin operator shares: the signature and the list of requests a
 * ruin may take out (served and not locked in a prefix).
 */
import type { SearchContext } from '../search/context.ts';
import type { Solution } from '../search/solution.ts';

/** Picks up to q served, movable requests to take out of the solution. */
export type Ruin = (ctx: SearchContext, sol: Solution, q: number) => number[];

export function served(ctx: SearchContext, sol: Solution): number[] {
  const out: number[] = [];
  for (const route of sol.routes) {
    for (const node of route.nodes) if ((node & 1) === 0 && !ctx.p.fixed[node >> 1]) out.push(node >> 1);
  }
  return out;
}
