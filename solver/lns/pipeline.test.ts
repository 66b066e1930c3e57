import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readLiLim } from '../io/index.ts';
import { prepare } from '../model/prepared.ts';
import { createContext } from '../search/context.ts';
import { Solution } from '../search/solution.ts';
import { runSearch } from './pipeline.ts';

function search(set: string, name: string, iterations: number, longFleetStage = false, seed = 1) {
  const text = readFileSync(new URL(`../../fixtures/benchmarks/${set}/${name}.txt`, import.meta.url), 'utf8');
  const { instance } = readLiLim(text, name);
  const ctx = createContext(prepare(instance), seed);
  const start = Solution.empty(ctx.p, ctx.ws);
  start.bank = instance.requests.map((_, r) => r);
  const run = runSearch(ctx, start, {
    stop: (it) => it >= iterations,
    fraction: (it) => it / iterations,
    longFleetStage,
  });
  return { ctx, run };
}

describe('distance stage landings', () => {
  it('lands on the fleet three times and keeps the best of the three searches', () => {
    // lr204: 2 vehicles for 50 requests at the best known, 25 a route.
    const { ctx, run } = search('lilim100', 'lr204', 9000);
    expect(run.landings).toHaveLength(3);
    const fleet = run.landings[0].vehicles;
    for (const part of run.landings) expect(part.vehicles).toBe(fleet);
    expect(run.best.bank).toEqual([]);
    expect(run.best.feasible()).toBe(true);
    expect(run.best.routes.filter((r) => r.nodes.length > 0)).toHaveLength(fleet);
    expect(run.best.cost(ctx.penalty)).toBeCloseTo(Math.min(...run.landings.map((l) => l.cost)), 6);
  });

  it('on short routes lands three times on the main thread; the worker, eliminating routes longer, and small instances once', () => {
    const main = search('lilim200', 'lc1_2_1', 3000).run;
    expect(main.landings).toHaveLength(3);
    expect(main.landings.every((l) => l.vehicles === main.landings[0].vehicles)).toBe(true);
    const worker = search('lilim200', 'lc1_2_1', 3000, true).run;
    expect(worker.landings).toHaveLength(1);
    expect(worker.best.bank).toEqual([]);
    // lc101: 53 requests.
    expect(search('lilim100', 'lc101', 3000).run.landings).toHaveLength(1);
    // On long routes the worker's fleet stage is as short as the main thread's: it lands three times.
    expect(search('lilim100', 'lr204', 6000, true).run.landings).toHaveLength(3);
  });
});
