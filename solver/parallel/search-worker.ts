/**
 * Worker-thread side of the two-core search: runs the same pipeline with its
 * own seed, trading best solutions with the main thread at checkpoints. It never reads a clock: the main thread publishes the progress
 * fraction and raises the stop flag in shared memory (see parallel-search.ts).
 */
import { workerData, type MessagePort } from 'node:worker_threads';
import type { DarpInstance, SolveOptions } from '../model/instance.ts';
import { prepare } from '../model/prepared.ts';
import { createContext } from '../search/context.ts';
import { initialSolution } from '../lns/initial.ts';
import { runSearch } from '../lns/pipeline.ts';
import { SharedBest } from './shared-best.ts';

const data = workerData as {
  instance: DarpInstance;
  seed: number;
  maxIterations: number;
  initial: SolveOptions['initial'];
  control: SharedArrayBuffer;
  board: SharedArrayBuffer;
  port: MessagePort;
};
const flags = new Int32Array(data.control, 0, 2);
const shared = new Float64Array(data.control, 8, 1);
const p = prepare(data.instance);
const ctx = createContext(p, data.seed);
const finite = Number.isFinite(data.maxIterations);
const stopped = (): boolean => Atomics.load(flags, 0) === 1;
const board = new SharedBest(ctx, data.board, 1, finite, stopped);
const fraction = (it: number): number => (finite ? it / data.maxIterations : shared[0]);
const run = runSearch(ctx, initialSolution(ctx, data.initial), {
  stop: (it) => stopped() || it >= data.maxIterations,
  fraction,
  share: (it, best) => board.exchange(fraction(it), best),
  longFleetStage: true,
});
board.finish(run.best);
data.port.postMessage({
  routes: run.best.routes.map((r) => r.nodes),
  bank: run.best.bank,
  disabled: Array.from(run.best.disabled),
  iterations: run.iterations,
});
Atomics.store(flags, 1, 1);
Atomics.notify(flags, 1);
