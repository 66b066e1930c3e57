/**
 * Related (Shaw) ruin: grows a set of requests close in space and time to a
 * random seed, using the precomputed neighbour lists.
 */
import { served, type Ruin } from './ruin.ts';

export const relatedRuin: Ruin = (ctx, sol, q) => {
  const { rng, neighbours } = ctx;
  const movable = new Set(served(ctx, sol));
  if (movable.size === 0) return [];
  const pool = [...movable];
  const out = [pool[rng.int(0, pool.length - 1)]];
  movable.delete(out[0]);
  while (out.length < q && movable.size > 0) {
    const from = out[rng.int(0, out.length - 1)];
    const near = neighbours[from].filter((r) => movable.has(r));
    let r: number;
    if (near.length === 0) r = [...movable][rng.int(0, movable.size - 1)];
    else r = near[Math.floor(rng.next() ** 5 * near.length)];
    movable.delete(r);
    out.push(r);
  }
  return out;
};
