/**
 * Random ruin: q served, movable requests chosen uniformly (diversification).
 */
import { served, type Ruin } from './ruin.ts';

export const randomRuin: Ruin = (ctx, sol, q) => {
  const all = served(ctx, sol);
  ctx.rng.shuffle(all);
  return all.slice(0, q);
};
