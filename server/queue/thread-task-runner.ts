/**
 * The thread side of a task, shared by both thread entries (thread-entry.ts: one task per
 * thread; task-thread-entry.ts: a long-lived thread running one task after another). Cancellation
 * comes through a shared flag rather than a message, because a solver busy in a synchronous loop
 * never gets to read its messages: the flag is polled whenever the task reads `signal.aborted`
 * or reports progress. Service calls go to the parent and come back as replies.
 */
import type { FromThread, ThreadTask, ToThread } from './thread-task.ts';

const nativeAborted = Object.getOwnPropertyDescriptor(AbortSignal.prototype, 'aborted')!.get!;

/** An abort signal that polls `abortFlag` (set to 1 by the parent) whenever it is read. */
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

export interface TaskRunner {
  /** Runs one task and posts its progress, calls, and finally 'done' or 'error'. */
  run(task: unknown, input: unknown, abortFlag: SharedArrayBuffer, name: string): Promise<void>;
  /** Hands the parent's reply to a service call to the task waiting for it. */
  reply(msg: ToThread): void;
}

export function taskRunner(post: (msg: FromThread) => void): TaskRunner {
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  let nextId = 1;
  return {
    async run(task, input, abortFlag, name) {
      try {
        if (typeof task !== 'function') throw new Error(`${name} is not a function export`);
        const { signal, check } = signalOf(abortFlag);
        const result = await (task as ThreadTask<unknown, unknown>)(input, {
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
    },
    reply(msg) {
      const p = pending.get(msg.id);
      if (!p) return;
      pending.delete(msg.id);
      if (msg.ok) p.resolve(msg.value);
      else p.reject(new Error(msg.message));
    },
  };
}
