/**
 * A long-lived worker thread for one task module: the module is compiled and loaded once, then
 * the thread runs the tasks it is given one after another (the week flow's jobs: a worker process
 * runs one at a time). It replaces a thread per job (run-in-thread.ts), whose TypeScript
 * compilation cost seconds before every job. The contract is run-in-thread's: plain data in and
 * out, services called by name in this thread, progress, and cancellation through the signal
 * — a task that does not stop within the grace period has its thread terminated, and the next
 * task starts a fresh one. A thread that dies fails the task it was running, nothing else.
 */
import type { Worker } from 'node:worker_threads';
import { startTsWorker } from '../../solver/index.ts';
import { abortError, answer, settle, type RunInThreadOptions, type ThreadServices } from './run-in-thread.ts';
import type { FromTaskThread, ToTaskThread } from './task-thread-entry.ts';

const ENTRY = new URL('./task-thread-entry.ts', import.meta.url);

type TaskOptions = Omit<RunInThreadOptions, 'services'>;

export class TaskThread {
  private worker: Promise<Worker> | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private current: ((msg: FromTaskThread) => void) | null = null;
  private lost: ((e: Error) => void) | null = null;
  private closed = false;
  /** Tasks given and not yet finished (the running one included). */
  pending = 0;

  constructor(
    private readonly moduleUrl: URL,
    private readonly services: ThreadServices = {},
  ) {}

  /** Starts the thread (loading the module) if it is not running; resolves once it is ready. */
  start(): Promise<Worker> {
    if (this.closed) return Promise.reject(new Error('the task thread is closed'));
    if (this.worker) return this.worker;
    const started = new Promise<Worker>((resolve, reject) => {
      const w = startTsWorker(ENTRY, { workerData: { moduleUrl: this.moduleUrl.href } });
      let ready = false;
      w.on('message', (msg: FromTaskThread) => {
        if (msg.type === 'ready') {
          ready = true;
          resolve(w);
        } else if (msg.type === 'call') void answer(w, this.services, msg);
        else this.current?.(msg);
      });
      const gone = (e: Error): void => {
        const current = this.worker === started;
        if (current) this.worker = null;
        if (!ready) reject(e);
        else if (current) this.lost?.(e);
      };
      w.on('error', gone);
      w.on('exit', (code) => gone(new Error(`the task thread exited with code ${code} before finishing`)));
    });
    this.worker = started;
    started.catch(() => undefined);
    return started;
  }

  /** Runs `exportName(input)` in the thread after the tasks already given to it. */
  run<O>(exportName: string, input: unknown, opts: TaskOptions = {}): Promise<O> {
    this.pending += 1;
    const result = this.queue.then(() => this.runNow<O>(exportName, input, opts));
    this.queue = result.catch(() => undefined).finally(() => (this.pending -= 1));
    return result;
  }

  private async runNow<O>(exportName: string, input: unknown, opts: TaskOptions): Promise<O> {
    if (opts.signal?.aborted) throw abortError(opts.signal);
    const worker = await this.start();
    return new Promise<O>((resolve, reject) => {
      const abortFlag = new SharedArrayBuffer(4);
      let graceTimer: NodeJS.Timeout | undefined;
      const finish = (fn: () => void): void => {
        clearTimeout(graceTimer);
        opts.signal?.removeEventListener('abort', onAbort);
        this.current = null;
        this.lost = null;
        fn();
      };
      const onAbort = (): void => {
        Atomics.store(new Int32Array(abortFlag), 0, 1);
        graceTimer = setTimeout(() => {
          // The task did not stop: end its thread; the next task starts a fresh one.
          this.worker = null;
          void worker.terminate();
          finish(() => reject(abortError(opts.signal!)));
        }, opts.abortGraceMs ?? 2000);
      };
      opts.signal?.addEventListener('abort', onAbort, { once: true });
      this.lost = (e) => finish(() => reject(e));
      this.current = (msg) => {
        if (msg.type === 'progress') opts.onProgress?.(msg.progress);
        else if (msg.type === 'done' || msg.type === 'error') finish(() => settle(msg, opts.signal, resolve, reject));
      };
      worker.postMessage({ type: 'run', exportName, input, abortFlag } satisfies ToTaskThread);
    });
  }

  /** Ends the thread once the tasks given to it are done. */
  async close(): Promise<void> {
    await this.queue;
    this.closed = true;
    const w = await this.worker?.catch(() => null);
    this.worker = null;
    await w?.terminate();
  }
}
