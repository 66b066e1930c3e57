/**
 * Entry of a long-lived task thread (task-thread.ts): imports the task module once — compiling
 * the planner's TypeScript is what made a thread per job slow — then runs one task per 'run'
 * message, one at a time, answering with 'done' or 'error'. Cancellation of the running task
 * comes through a shared flag, as in thread-entry.ts: a solver busy in a synchronous loop never
 * reads its messages, but it reads `signal.aborted`.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { tsImport } from 'tsx/esm/api';
import type { FromThread, ThreadTask, ToThread } from './thread-task.ts';

/** The parent's messages: a service call's reply, or a task to run. */
export type ToTaskThread = ToThread | { type: 'run'; exportName: string; input: unknown; abortFlag: SharedArrayBuffer };
/** The thread's messages: a task's progress, calls, result or error, and 'ready' once the module is loaded. */
export type FromTaskThread = FromThread | { type: 'ready' };

const port = parentPort!;
const { moduleUrl } = workerData as { moduleUrl: string };
const nativeAborted = Object.getOwnPropertyDescriptor(AbortSignal.prototype, 'aborted')!.get!;
const post = (msg: FromTaskThread): void => port.postMessage(msg);

const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
let nextId = 1;

/** An abort signal that polls the task's shared flag whenever it is read. */
function signalOf(abortFlag: SharedArrayBuffer): { signal: AbortSignal; check: () => void } {
  const flag = new Int32Array(abortFlag);
  const controller = new AbortController();
  const check = (): void => {
    if (!nativeAborted.call(controller.signal) && Atomics.load(flag, 0) === 1) controller.abort(new Error('cancelled'));
  };
  Object.defineProperty(controller.signal, 'aborted', {
    get(this: AbortSignal) {
      check();
      return nativeAborted.call(this);
    },
  });
  return { signal: controller.signal, check };
}

const mod = (await tsImport(moduleUrl, moduleUrl)) as Record<string, unknown>;

async function run(msg: Extract<ToTaskThread, { type: 'run' }>): Promise<void> {
  try {
    const task = mod[msg.exportName];
    if (typeof task !== 'function') throw new Error(`${moduleUrl} has no function export ${msg.exportName}`);
    const { signal, check } = signalOf(msg.abortFlag);
    const result = await (task as ThreadTask<unknown, unknown>)(msg.input, {
      signal,
      onProgress: (progress) => {
        check();
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
  }
}

port.on('message', (msg: ToTaskThread) => {
  if (msg.type === 'run') {
    void run(msg);
    return;
  }
  const p = pending.get(msg.id);
  if (!p) return;
  pending.delete(msg.id);
  if (msg.ok) p.resolve(msg.value);
  else p.reject(new Error(msg.message));
});
post({ type: 'ready' });
