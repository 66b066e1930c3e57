/**
 * The solver's public API: the only module other packages import.
 */
export * from './model/instance.ts';
export { solve } from './solve.ts';
export { solveParallel, type ParallelSolveOptions } from './parallel/solve-parallel.ts';
export { startTsWorker, type TsWorkerOptions } from './threads/start-ts-worker.ts';
export { evaluateRoute } from './evaluate-route.ts';
export { Sfc32 } from './model/rng.ts';
export { insertionOptions, type InsertionOptionsOpts } from './insertion-options.ts';
export * from './io/index.ts';
export { toBenchmarkSolution } from './cli/to-benchmark-solution.ts';
