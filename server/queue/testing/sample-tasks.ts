/** Tasks for task-thread.test.ts: a counter kept between tasks, a service call, a failure, a busy loop. */
import type { ThreadContext } from '../thread-task.ts';

let runs = 0;

export async function count(): Promise<number> {
  runs += 1;
  return runs;
}

export async function addViaParent(input: { a: number; b: number }, ctx: ThreadContext): Promise<number> {
  return (await ctx.call('math', 'add', [input.a, input.b])) as number;
}

export async function fail(input: { message: string }): Promise<never> {
  throw new Error(input.message);
}

/** Spins until cancelled, or for ever when told to ignore the signal. */
export async function spin(input: { ignoreSignal: boolean }, ctx: ThreadContext): Promise<string> {
  for (;;) if (!input.ignoreSignal && ctx.signal.aborted) return 'stopped';
}
