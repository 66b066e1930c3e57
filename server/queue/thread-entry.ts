/**
 * Entry of a solve thread: imports the task module named in workerData, runs its export, and
 * talks to the parent by messages. Cancellation arrives through a shared flag rather than a
 * message, because a solver busy in a synchronous loop never gets to read its messages: the
 * flag is checked whenever the task reads `signal.aborted` or reports progress.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { tsImport } from 'tsx/esm/api';
import type { FromThread, ThreadTask, ToThread } from './thread-task.ts';

interface EntryData {
  moduleUrl: string;
  exportName: string;
  input: unknown;
  abortFlag: SharedArrayBuffer;
}

const port = parentPort!;
const data = workerData as EntryData;
const flag = new Int32Array(data.abortFlag);
const controller = new AbortController();
const nativeAborted = Object.getOwnPropertyDescriptor(AbortSignal.prototype, 'aborted')!.get!;

function checkAbort(): void {
  if (!nativeAborted.call(controller.signal) && Atomics.load(flag, 0) === 1) controller.abort(new Error('cancelled'));
}

// Reading `aborted` polls the shared flag first, so a solver that checks its signal stops promptly.
Object.defineProperty(controller.signal, 'aborted', {
  get(this: AbortSignal) {
    checkAbort();
    return nativeAborted.call(this);
  },
});

const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
let nextId = 1;
port.on('message', (msg: ToThread) => {
  const p = pending.get(msg.id);
  if (!p) return;
  pending.delete(msg.id);
  if (msg.ok) p.resolve(msg.value);
  else p.reject(new Error(msg.message));
});

const post = (msg: FromThread): void => port.postMessage(msg);

try {
  const mod = (await tsImport(data.moduleUrl, data.moduleUrl)) as Record<string, unknown>;
  const task = mod[data.exportName];
  if (typeof task !== 'function') throw new Error(`${data.moduleUrl} has no function export ${data.exportName}`);
  const result = await (task as ThreadTask<unknown, unknown>)(data.input, {
    signal: controller.signal,
    onProgress: (progress) => {
      checkAbort();
      post({ type: 'progress', progress });
    },
    call: (service, method, args) =>
      new Promise((resolve, reject) => {
        const id = nextId++;
        pending.set(id, { resolve, reject });
        post({ type: 'call', id, service, method, args });
      }),
  });
  post({ type: 'done', result });
} catch (e) {
  const err = e instanceof Error ? e : new Error(String(e));
  post({ type: 'error', name: err.name, message: err.message });
} finally {
  port.close();
}
