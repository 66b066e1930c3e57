/**
 * Entry of a long-lived task thread (task-thread.ts): imports the task module once — compiling
 * the planner's TypeScript is what made a thread per job slow — then runs one task per 'run'
 * message, one at a time, through the same runner as thread-entry.ts (thread-task-runner.ts).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { tsImport } from 'tsx/esm/api';
import type { FromThread, ToThread } from './thread-task.ts';
import { taskRunner } from './thread-task-runner.ts';

/** The parent's messages: a service call's reply, or a task to run. */
export type ToTaskThread = ToThread | { type: 'run'; exportName: string; input: unknown; abortFlag: SharedArrayBuffer };
/** The thread's messages: a task's progress, calls, result or error, and 'ready' once the module is loaded. */
export type FromTaskThread = FromThread | { type: 'ready' };

const port = parentPort!;
const { moduleUrl } = workerData as { moduleUrl: string };
const post = (msg: FromTaskThread): void => port.postMessage(msg);
const runner = taskRunner(post);

const mod = (await tsImport(moduleUrl, moduleUrl)) as Record<string, unknown>;

port.on('message', (msg: ToTaskThread) => {
  if (msg.type === 'run')
    void runner.run(mod[msg.exportName], msg.input, msg.abortFlag, `${moduleUrl} ${msg.exportName}`);
  else runner.reply(msg);
});
post({ type: 'ready' });
