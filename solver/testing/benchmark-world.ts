/**
 * A published benchmark instance from fixtures/benchmarks/, prepared, with every request
 * inserted by the construction heuristic: the starting point of the search tests that need
 * a realistic solution. Used only by tests.
 */
import { readFileSync } from 'node:fs';
import { readCordeau, readLiLim } from '../io/index.ts';
import { prepare } from '../model/prepared.ts';
import { construct } from '../lns/construct.ts';
import { createContext, type SearchContext } from '../search/context.ts';
import { Solution } from '../search/solution.ts';

/** `set` is a folder of fixtures/benchmarks/ (darp, lilim100, lilim200, lilim400). */
export function constructedBenchmark(set: string, name: string, seed = 1): { ctx: SearchContext; sol: Solution } {
  const text = readFileSync(new URL(`../../fixtures/benchmarks/${set}/${name}.txt`, import.meta.url), 'utf8');
  const { instance } = set === 'darp' ? readCordeau(text, name) : readLiLim(text, name);
  const ctx = createContext(prepare(instance), seed);
  const sol = Solution.empty(ctx.p, ctx.ws);
  sol.bank = instance.requests.map((_, r) => r);
  construct(ctx, sol);
  return { ctx, sol };
}
