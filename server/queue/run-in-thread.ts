/**
 * Runs a CPU-heavy task (a week's solve) in a worker thread, so the process that owns it — the
 * API with the embedded queue, or a BullMQ worker renewing its job locks — keeps answering.
 * Cancellation sets a shared flag the task sees on its signal; a task that does not stop within
 * the grace period is terminated (it holds no connections, so nothing is left half-done).
 */
import type { Worker } from 'node:worker_threads';
import { startTsWorker } from '../../solver/index.ts';
import { PermanentJobError } from './job-queue.ts';
import type { FromThread, ToThread } from './thread-task.ts';

export type ThreadServices = Record<string, object>;

export interface RunInThreadOptions {
  signal?: AbortSignal;
  onProgress?: (progress: unknown) => void;
  /** Objects the task may call by name (`ctx.call('routing', 'matrix', [places])`). */
  services?: ThreadServices;
  /** How long a cancelled task may take to stop by itself before its thread is terminated. */
  abortGraceMs?: number;
}

const ENTRY = new URL('./thread-entry.ts', import.meta.url);

export function runInThread<O>(
  moduleUrl: URL,
  exportName: string,
  input: unknown,
  opts: RunInThreadOptions = {},
): Promise<O> {
  return new Promise<O>((resolve, reject) => {
    if (opts.signal?.aborted) {
      reject(abortError(opts.signal));
      return;
    }
    const abortFlag = new SharedArrayBuffer(4);
    const worker = startTsWorker(ENTRY, { workerData: { moduleUrl: moduleUrl.href, exportName, input, abortFlag } });
    let settled = false;
    let graceTimer: NodeJS.Timeout | undefined;
    const finish = (fn: () => void): void => {
      if (settled) return;
      settled = true;
      clearTimeout(graceTimer);
      opts.signal?.removeEventListener('abort', onAbort);
      fn();
      void worker.terminate();
    };
    const onAbort = (): void => {
      Atomics.store(new Int32Array(abortFlag), 0, 1);
      graceTimer = setTimeout(() => finish(() => reject(abortError(opts.signal!))), opts.abortGraceMs ?? 2000);
    };
    opts.signal?.addEventListener('abort', onAbort, { once: true });

    worker.on('message', (msg: FromThread) => {
      if (msg.type === 'progress') opts.onProgress?.(msg.progress);
      else if (msg.type === 'call') void answer(worker, opts.services ?? {}, msg);
      else if (msg.type === 'done' || msg.type === 'error') finish(() => settle(msg, opts.signal, resolve, reject));
    });
    worker.on('error', (e) => finish(() => reject(e)));
    worker.on('exit', (code) =>
      finish(() => reject(new Error(`the solve thread exited with code ${code} before finishing`))),
    );
  });
}

export async function answer(
  worker: Worker,
  services: ThreadServices,
  msg: Extract<FromThread, { type: 'call' }>,
): Promise<void> {
  let reply: ToThread;
  try {
    const target = services[msg.service] as Record<string, unknown> | undefined;
    const method = target?.[msg.method];
    if (typeof method !== 'function')
      throw new Error(`no service method ${msg.service}.${msg.method} in the parent thread`);
    const value = await (method as (...a: unknown[]) => Promise<unknown>).apply(target, msg.args);
    reply = { type: 'reply', id: msg.id, ok: true, value };
  } catch (e) {
    reply = { type: 'reply', id: msg.id, ok: false, message: (e as Error).message };
  }
  worker.postMessage(reply);
}

/**
 * A task's last message as its promise's outcome: a cancelled task rejects with the reason of
 * its cancellation whatever it answered; a PermanentJobError keeps its class (no retry).
 */
export function settle<O>(
  msg: Extract<FromThread, { type: 'done' | 'error' }>,
  signal: AbortSignal | undefined,
  resolve: (value: O) => void,
  reject: (e: Error) => void,
): void {
  if (signal?.aborted) reject(abortError(signal));
  else if (msg.type === 'done') resolve(msg.result as O);
  else
    reject(
      msg.name === 'PermanentJobError'
        ? new PermanentJobError(msg.message)
        : Object.assign(new Error(msg.message), { name: msg.name }),
    );
}

export function abortError(signal: AbortSignal): Error {
  const reason: unknown = signal.reason;
  return reason instanceof Error ? reason : new Error('cancelled');
}
