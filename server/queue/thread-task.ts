/**
 * What a function run in a worker thread sees (see run-in-thread.ts): an abort signal, a
 * progress callback, and `call` to reach services that live in the parent thread (the
 * routing provider with its database cache), since a thread shares no connections.
 */
export interface ThreadContext {
  signal: AbortSignal;
  onProgress(progress: unknown): void;
  call(service: string, method: string, args: unknown[]): Promise<unknown>;
}

export type ThreadTask<I, O> = (input: I, ctx: ThreadContext) => Promise<O>;

/** Messages from the thread to its parent. */
export type FromThread =
  | { type: 'progress'; progress: unknown }
  | { type: 'call'; id: number; service: string; method: string; args: unknown[] }
  | { type: 'done'; result: unknown }
  | { type: 'error'; name: string; message: string };

/** Messages from the parent to the thread. */
export type ToThread =
  | { type: 'reply'; id: number; ok: true; value: unknown }
  | { type: 'reply'; id: number; ok: false; message: string };
