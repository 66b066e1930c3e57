/**
 * The worker thread of solveParallel (solve-parallel.ts): it runs the same
 * search with another seed (search-worker.ts) while the calling thread searches
 * too; the two trade their best solutions at checkpoints (shared-best.ts).
 * solveParallel stays synchronous: the worker's answer is collected with
 * Atomics.wait + receiveMessageOnPort. If the worker cannot start or does not
 * answer in time, the calling thread's result stands alone.
 */
import { MessageChannel, receiveMessageOnPort, type MessagePort, type Worker } from 'node:worker_threads';
import type { DarpInstance, SolveOptions } from '../model/instance.ts';
import { startTsWorker } from '../threads/start-ts-worker.ts';

/** Grace period for the worker to hand over its result once told to stop. */
const HANDOVER_MS = 1000;

export interface WorkerResult {
  routes: number[][];
  bank: number[];
  disabled: number[];
  iterations: number;
}

export class Helper {
  private readonly worker: Worker | null;
  private readonly flags: Int32Array;
  private readonly fractionCell: Float64Array;
  private readonly port: MessagePort;

  /** `board` is the shared best-solution buffer (shared-best.ts), already reset. */
  constructor(
    instance: DarpInstance,
    seed: number,
    maxIterations: number,
    initial: SolveOptions['initial'],
    board: SharedArrayBuffer,
  ) {
    const control = new SharedArrayBuffer(16);
    this.flags = new Int32Array(control, 0, 2);
    this.fractionCell = new Float64Array(control, 8, 1);
    const channel = new MessageChannel();
    this.port = channel.port1;
    let worker: Worker | null = null;
    try {
      worker = startTsWorker(new URL('./search-worker.ts', import.meta.url), {
        workerData: { instance, seed, maxIterations, initial, control, board, port: channel.port2 },
        transferList: [channel.port2],
        // Cell 1 of the flags: the worker is gone (1 finished, 2 failed).
        bootFailed: new Int32Array(control, 4, 1),
      });
      worker.unref();
      worker.on('error', () => undefined);
    } catch {
      worker = null;
    }
    this.worker = worker;
  }

  /** True when the worker will never post again (it failed to start, crashed or finished). */
  gone(): boolean {
    return !this.worker || Atomics.load(this.flags, 1) !== 0;
  }

  publishFraction(f: number): void {
    this.fractionCell[0] = f;
  }

  /**
   * Collects the worker's best. `mustStop` says whether the budget is over
   * (time or abort): then the worker is stopped at once; otherwise (iteration
   * budget) it finishes its own iterations, still checked against `mustStop`.
   */
  collect(mustStop: () => boolean): WorkerResult | null {
    if (!this.worker) return null;
    const flags = this.flags;
    let deadlineHits = 0;
    while (Atomics.load(flags, 1) === 0) {
      if (mustStop()) Atomics.store(flags, 0, 1);
      const r = Atomics.wait(flags, 1, 0, 50);
      if (r === 'timed-out' && Atomics.load(flags, 0) === 1 && ++deadlineHits * 50 > HANDOVER_MS) break;
    }
    const msg = receiveMessageOnPort(this.port);
    void this.worker.terminate();
    this.port.close();
    return msg ? (msg.message as WorkerResult) : null;
  }
}
