/**
 * Worst ruin: the requests whose removal saves most travel, chosen with a
 * randomised bias (y^4) so the same ones are not always taken.
 */
import { arcCost } from './insertion.ts';
import type { Ruin } from './ruin.ts';

export const worstRuin: Ruin = (ctx, sol, q) => {
  const { p, rng } = ctx;
  const saving = new Map<number, number>();
  for (const route of sol.routes) {
    const len = route.nodes.length;
    if (len === 0) continue;
    const posP = new Map<number, number>();
    for (let k = 1; k <= len; k++) {
      const node = route.nodes[k - 1];
      if ((node & 1) === 0) {
        posP.set(node >> 1, k);
        continue;
      }
      const r = node >> 1;
      const i = posP.get(r);
      if (i === undefined || p.fixed[r]) continue;
      const a0 = route.at(p, i - 1),
        a1 = route.at(p, i),
        a2 = route.at(p, i + 1);
      const b0 = route.at(p, k - 1),
        b1 = route.at(p, k),
        b2 = route.at(p, k + 1);
      const v = route.v;
      let s: number;
      if (i + 1 === k)
        s = arcCost(p, v, a0, a1) + arcCost(p, v, a1, b1) + arcCost(p, v, b1, b2) - arcCost(p, v, a0, b2);
      else {
        s =
          arcCost(p, v, a0, a1) +
          arcCost(p, v, a1, a2) -
          arcCost(p, v, a0, a2) +
          arcCost(p, v, b0, b1) +
          arcCost(p, v, b1, b2) -
          arcCost(p, v, b0, b2);
      }
      if (len === 2) s += p.inst.objective.vehicleCost + p.inst.vehicles[route.v].fixedCost;
      saving.set(r, s);
    }
  }
  const order = [...saving.keys()].sort((a, b) => saving.get(b)! - saving.get(a)!);
  const out: number[] = [];
  while (out.length < q && order.length > 0) {
    const k = Math.floor(rng.next() ** 4 * order.length);
    out.push(order.splice(k, 1)[0]);
  }
  return out;
};
