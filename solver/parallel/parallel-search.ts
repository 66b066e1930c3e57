/**
 * Second core for the synchronous solve(): a worker thread runs the same
 * search with another seed while this thread searches too; the two trade their
 * best solutions at checkpoints (shared-best.ts) and the better result wins. solve() stays synchronous: the worker's answer is collected with
 * Atomics.wait + receiveMessageOnPort. If the worker cannot start or does not
 * answer in time, the main thread's result stands alone.
 */
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import type { DarpInstance, SolveOptions } from '../model/instance.ts';

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
      worker = new Worker(bootstrap(), {
        eval: true,
        workerData: { instance, seed, maxIterations, initial, control, board, port: channel.port2 },
        transferList: [channel.port2],
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

/**
 * The worker runs TypeScript sources, so it registers the tsx loader first (the
 * project runs under tsx). Any failure is reported through the shared flag,
 * because the main thread is blocked and cannot see worker events.
 */
function bootstrap(): string {
  const entry = new URL('./search-worker.ts', import.meta.url).href;
  let tsx = 'tsx/esm/api';
  try {
    tsx = import.meta.resolve('tsx/esm/api');
  } catch {
    // Resolved from the working directory instead.
  }
  return `
    const { workerData } = require('node:worker_threads');
    const fail = () => { const f = new Int32Array(workerData.control, 0, 2); Atomics.store(f, 1, 2); Atomics.notify(f, 1); };
    import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(entry)}); }).catch(fail);
  `;
}
