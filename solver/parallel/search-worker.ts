/**
 * Worker-thread side of the two-core search: runs the same pipeline with its
 * own seed. It never reads a clock: the main thread publishes the progress
 * fraction and raises the stop flag in shared memory (see parallel-search.ts).
 */
import { workerData, type MessagePort } from 'node:worker_threads';
import type { DarpInstance, SolveOptions } from '../model/instance.ts';
import { prepare } from '../model/prepared.ts';
import { createContext } from '../search/context.ts';
import { initialSolution } from '../lns/initial.ts';
import { runSearch } from '../lns/search.ts';

const data = workerData as {
  instance: DarpInstance;
  seed: number;
  maxIterations: number;
  initial: SolveOptions['initial'];
  control: SharedArrayBuffer;
  port: MessagePort;
};
const flags = new Int32Array(data.control, 0, 2);
const shared = new Float64Array(data.control, 8, 1);
const p = prepare(data.instance);
const ctx = createContext(p, data.seed);
const finite = Number.isFinite(data.maxIterations);
const run = runSearch(ctx, initialSolution(ctx, data.initial), {
  stop: (it) => Atomics.load(flags, 0) === 1 || it >= data.maxIterations,
  fraction: (it) => (finite ? it / data.maxIterations : shared[0]),
});
data.port.postMessage({
  routes: run.best.routes.map((r) => r.nodes),
  bank: run.best.bank,
  disabled: Array.from(run.best.disabled),
  iterations: run.iterations,
});
Atomics.store(flags, 1, 1);
Atomics.notify(flags, 1);
