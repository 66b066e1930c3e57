/**
 * Entry of a solve thread: imports the task module named in workerData, runs its export once
 * (thread-task-runner.ts: progress, service calls and cancellation through a shared flag), and
 * ends.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { tsImport } from 'tsx/esm/api';
import type { FromThread, ToThread } from './thread-task.ts';
import { taskRunner } from './thread-task-runner.ts';

interface EntryData {
  moduleUrl: string;
  exportName: string;
  input: unknown;
  abortFlag: SharedArrayBuffer;
}

const port = parentPort!;
const data = workerData as EntryData;
const runner = taskRunner((msg: FromThread) => port.postMessage(msg));
port.on('message', (msg: ToThread) => runner.reply(msg));

try {
  const mod = (await tsImport(data.moduleUrl, data.moduleUrl)) as Record<string, unknown>;
  await runner.run(mod[data.exportName], data.input, data.abortFlag, `${data.moduleUrl} ${data.exportName}`);
} catch (e) {
  const err = e instanceof Error ? e : new Error(String(e));
  port.postMessage({ type: 'error', name: err.name, message: err.message } satisfies FromThread);
} finally {
  port.close();
}
