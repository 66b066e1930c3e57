/**
 * A stand-in solve for the queue tests: burns CPU in a synchronous loop for `ms`, reporting a
 * falling best cost, and stops when its signal is aborted — the same shape as the real solve.
 */
import type { ThreadContext } from '../../server/queue/thread-task.ts';

export interface BusyInput {
  ms: number;
  progressEveryMs?: number;
}

export async function busySolve(
  input: BusyInput,
  ctx: ThreadContext,
): Promise<{ iterations: number; bestCost: number; stoppedEarly: boolean }> {
  const start = Date.now();
  let bestCost = 1000;
  let iterations = 0;
  let lastReport = start;
  while (Date.now() - start < input.ms) {
    iterations += 1;
    if (iterations % 1000 === 0) {
      if (ctx.signal.aborted) return { iterations, bestCost, stoppedEarly: true };
      const now = Date.now();
      if (now - lastReport >= (input.progressEveryMs ?? 50)) {
        lastReport = now;
        bestCost -= 1;
        ctx.onProgress({ bestCost, elapsedMs: now - start });
      }
    }
  }
  return { iterations, bestCost, stoppedEarly: false };
}

/** Asks the parent thread for a value, to show services reach the task. */
export async function askParent(input: { x: number }, ctx: ThreadContext): Promise<unknown> {
  return ctx.call('math', 'double', [input.x]);
}
