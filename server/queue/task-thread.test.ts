import { describe, expect, it } from 'vitest';
import { TaskThread } from './task-thread.ts';

const TASKS = new URL('./testing/sample-tasks.ts', import.meta.url);

describe('a long-lived task thread (what each week-flow worker runs its jobs in)', () => {
  it('loads the task module once and runs the tasks one after another in it', { timeout: 60_000 }, async () => {
    const thread = new TaskThread(TASKS, { math: { add: async (a: number, b: number) => a + b } });
    try {
      const runs = await Promise.all([thread.run<number>('count', {}), thread.run<number>('count', {})]);
      expect(runs).toEqual([1, 2]);
      expect(await thread.run<number>('addViaParent', { a: 2, b: 3 })).toBe(5);
      await expect(thread.run('fail', { message: 'no van fits' })).rejects.toThrow('no van fits');
      // a failed task leaves the thread as it was
      expect(await thread.run<number>('count', {})).toBe(3);
    } finally {
      await thread.close();
    }
  });

  it('a cancelled task that stops by itself keeps the thread; one that does not is ended with its thread', {
    timeout: 60_000,
  }, async () => {
    const thread = new TaskThread(TASKS);
    try {
      expect(await thread.run<number>('count', {})).toBe(1);
      const polite = new AbortController();
      const stopping = thread.run('spin', { ignoreSignal: false }, { signal: polite.signal });
      setTimeout(() => polite.abort(new Error('replan requested')), 200);
      await expect(stopping).rejects.toThrow('replan requested');
      expect(await thread.run<number>('count', {})).toBe(2);

      const stubborn = new AbortController();
      const stuck = thread.run('spin', { ignoreSignal: true }, { signal: stubborn.signal, abortGraceMs: 300 });
      setTimeout(() => stubborn.abort(new Error('worker stopping')), 200);
      await expect(stuck).rejects.toThrow('worker stopping');
      // a fresh thread: the module is loaded anew
      expect(await thread.run<number>('count', {})).toBe(1);
    } finally {
      await thread.close();
    }
  });
});
