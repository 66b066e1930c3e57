/**
 * String ruin (SISR-like): consecutive stretches of visits from the routes that
 * serve a seed request and its nearest neighbours.
 */
import { served, type Ruin } from './ruin.ts';

export const stringRuin: Ruin = (ctx, sol, q) => {
  const { p, rng, neighbours } = ctx;
  const where = new Int32Array(p.nReq).fill(-1);
  sol.routes.forEach((route, v) => {
    for (const node of route.nodes) where[node >> 1] = v;
  });
  const all = served(ctx, sol);
  if (all.length === 0) return [];
  const seed = all[rng.int(0, all.length - 1)];
  const out = new Set<number>();
  const touched = new Set<number>();
  const visit = (r: number): void => {
    const v = where[r];
    if (v < 0 || touched.has(v)) return;
    touched.add(v);
    const nodes = sol.routes[v].nodes;
    const at = nodes.indexOf(2 * r);
    const len = Math.min(nodes.length, 2 + rng.int(0, Math.max(1, Math.ceil(q / 2))));
    const start = Math.max(0, Math.min(at - rng.int(0, len - 1), nodes.length - len));
    for (let k = start; k < start + len && out.size < q; k++) {
      const x = nodes[k] >> 1;
      if (!p.fixed[x]) out.add(x);
    }
  };
  visit(seed);
  for (const r of neighbours[seed]) {
    if (out.size >= q) break;
    visit(r);
  }
  return [...out];
};
