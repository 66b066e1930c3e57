/**
 * Repair: put the banked requests back, greedy (cheapest first) or regret-k
 * (the request that loses most by waiting goes first), optionally with noise on
 * the prices. The best placement of each request in each route is cached and
 * recomputed only for the route that just changed. Identical empty vehicles are
 * tried once. Requests that fit nowhere stay in the bank.
 */
import { applyInsertion, bestInsertion } from './insertion.ts';
import { NearbyRoutes } from './nearby-routes.ts';
import { twinTried, type SearchContext } from '../search/context.ts';
import type { Solution } from '../search/solution.ts';
import { Scratch } from '../search/scratch.ts';

const MISSING = 1e12;
/** Price tables of one repair, reused (search/scratch.ts). */
const f64 = new Scratch((n) => new Float64Array(n));
const i32 = new Scratch((n) => new Int32Array(n));
const u8 = new Scratch((n) => new Uint8Array(n));

/** mode 1 = greedy, k ≥ 2 = regret-k; noise = relative amplitude (0 = none). */
export function repair(ctx: SearchContext, sol: Solution, mode: number, noise: number): void {
  const { p, ws, cand, rng } = ctx;
  const nVeh = p.nVeh;
  const pending = sol.bank;
  sol.bank = [];
  if (pending.length === 0) return;
  const m = pending.length;
  const cost = f64.get(0, m * nVeh).fill(Infinity, 0, m * nVeh);
  const pi = i32.get(0, m * nVeh);
  const pj = i32.get(1, m * nVeh);
  const known = u8.get(0, m * nVeh).fill(0, 0, m * nVeh);
  const alive = u8.get(1, m).fill(1, 0, m);
  const amp = noise * ctx.costScale;
  // The vehicles worth pricing this step: in use, or the first empty one of its kind.
  const reps = i32.get(2, nVeh);
  const seenClass = new Set<number>();
  let left = m;
  const kth = new Float64Array(Math.max(mode, 1));
  const nearby = new NearbyRoutes(ctx, sol);
  const near = u8.get(2, nVeh);
  while (left > 0) {
    seenClass.clear();
    let nReps = 0;
    for (let v = 0; v < nVeh; v++) {
      if (sol.disabled[v]) continue;
      if (twinTried(ctx, sol.routes[v], seenClass)) continue;
      reps[nReps++] = v;
    }
    let pick = -1;
    let pickScore = -Infinity;
    let pickBest = Infinity;
    for (let a = 0; a < m; a++) {
      if (!alive[a]) continue;
      const r = pending[a];
      kth.fill(Infinity);
      let bestV = -1;
      const filtered = nearby.mark(r, near);
      for (let t = 0; t < nReps; t++) {
        const v = reps[t];
        if (!p.compatible[r * nVeh + v]) continue;
        if (filtered && !near[v] && sol.routes[v].nodes.length > 0) continue;
        const key = a * nVeh + v;
        if (!known[key]) {
          known[key] = 1;
          const place = bestInsertion(p, sol.routes[v], r, ws, cand);
          if (place) {
            cost[key] = amp > 0 ? Math.max(0, place.cost + amp * (2 * rng.next() - 1)) : place.cost;
            pi[key] = place.i;
            pj[key] = place.j;
          } else {
            cost[key] = Infinity;
          }
        }
        const c = cost[key];
        if (c === Infinity) continue;
        if (c < kth[0]) bestV = v;
        // Keep the `mode` smallest costs, sorted.
        for (let h = 0; h < kth.length; h++) {
          if (c < kth[h]) {
            for (let g = kth.length - 1; g > h; g--) kth[g] = kth[g - 1];
            kth[h] = c;
            break;
          }
        }
      }
      if (bestV < 0) {
        alive[a] = 0;
        left--;
        sol.bank.push(r);
        continue;
      }
      let score: number;
      if (mode <= 1) score = -kth[0];
      else {
        score = 0;
        for (let h = 1; h < kth.length; h++) score += (kth[h] === Infinity ? MISSING : kth[h]) - kth[0];
      }
      if (score > pickScore || (score === pickScore && kth[0] < pickBest)) {
        pickScore = score;
        pickBest = kth[0];
        pick = a * nVeh + bestV;
      }
    }
    if (pick < 0) break;
    const a = Math.floor(pick / nVeh);
    const v = pick - a * nVeh;
    const route = sol.routes[v];
    applyInsertion(route, pending[a], pi[pick], pj[pick]);
    route.update(p, ws);
    alive[a] = 0;
    left--;
    nearby.placed(pending[a], v);
    for (let b = 0; b < m; b++) known[b * nVeh + v] = 0;
  }
}
