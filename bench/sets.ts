/**
 * The registry of benchmark sets `npm run bench -- --set NAME` knows. A set is any
 * function from options to a report; to add one (e.g. `scale`, the planning engineer's
 * 1,000-passenger week from server/planning), add an entry here that imports its runner.
 */
import type { BenchOptions } from './args.ts';
import { benchmarkSet } from './benchmark-set.ts';
import type { BenchReport } from './report.ts';

export type BenchSet = (options: BenchOptions) => Promise<BenchReport>;

export const BENCH_SETS: Record<string, BenchSet> = {
  'darp-a': benchmarkSet({ dir: 'fixtures/benchmarks/darp', format: 'cordeau', prefix: 'a' }),
  'darp-b': benchmarkSet({ dir: 'fixtures/benchmarks/darp', format: 'cordeau', prefix: 'b' }),
  lilim100: benchmarkSet({ dir: 'fixtures/benchmarks/lilim100', format: 'lilim' }),
  lilim200: benchmarkSet({ dir: 'fixtures/benchmarks/lilim200', format: 'lilim' }),
  lilim400: benchmarkSet({ dir: 'fixtures/benchmarks/lilim400', format: 'lilim' }),
  // Loaded on use, so that the solver sets do not load the server's planning code.
  scale: async (options) => (await import('./scale.ts')).scaleSet(options),
  'scale-10k': async (options) => (await import('./scale-flow.ts')).scale10kSet(options),
  'demo-week': async (options) => (await import('./demo-week.ts')).demoWeekSet(options),
  replan: async (options) => (await import('./replan.ts')).replanSet(options),
};
