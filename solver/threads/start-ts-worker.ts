/**
 * The project's one way to start a worker thread on a TypeScript module. The
 * project runs its sources through tsx, and module hooks of the parent (tsx,
 * vitest) do not reach worker threads in Node 20, so the thread starts from a
 * small boot script that loads the entry through tsx's `tsImport`.
 *
 * A parent that blocks while the thread starts (Atomics.wait) cannot see the
 * worker's 'error' event: it passes `bootFailed`, an Int32Array over shared
 * memory, and the boot script stores 2 in its first cell and notifies it when
 * the entry cannot be loaded. Used by the two-thread search
 * (solver/parallel/helper.ts) and the server's solve threads
 * (server/queue/run-in-thread.ts).
 */
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';

export interface TsWorkerOptions {
  /** Passed to the entry as `workerData` (structured clone; SharedArrayBuffers are shared). */
  workerData?: unknown;
  transferList?: WorkerOptions['transferList'];
  /** Set to 2 (and notified) when the entry fails to load. */
  bootFailed?: Int32Array;
}

let tsxApiUrl: string | undefined;

/** tsx's ESM API as a file URL (the CommonJS resolution names the .cjs build). */
function tsxApi(): string {
  tsxApiUrl ??= pathToFileURL(
    createRequire(import.meta.url)
      .resolve('tsx/esm/api')
      .replace(/\.cjs$/, '.mjs'),
  ).href;
  return tsxApiUrl;
}

function bootScript(entry: URL): string {
  const url = JSON.stringify(entry.href);
  return `
    const { workerData } = require('node:worker_threads');
    const flag = workerData && workerData.bootFailed;
    import(${JSON.stringify(tsxApi())})
      .then((tsx) => tsx.tsImport(${url}, ${url}))
      .catch((e) => {
        if (flag instanceof Int32Array) { Atomics.store(flag, 0, 2); Atomics.notify(flag, 0); }
        throw e;
      });
  `;
}

/** Starts `entry` (a .ts module URL) in a new worker thread. */
export function startTsWorker(entry: URL, options: TsWorkerOptions = {}): Worker {
  const workerData =
    options.bootFailed === undefined
      ? options.workerData
      : { ...(options.workerData as Record<string, unknown>), bootFailed: options.bootFailed };
  return new Worker(bootScript(entry), { eval: true, workerData, transferList: options.transferList });
}
