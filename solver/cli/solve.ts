/**
 * `npm run --silent solve -- FILE --format cordeau|lilim --time-limit SECONDS --seed N`
 * Solves one benchmark file and prints exactly one JSON object on stdout (issue 7, item 7);
 * progress and errors go to stderr. A bad file or bad flags: non-zero exit, nothing on stdout.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { performance } from 'node:perf_hooks';
import { BenchmarkFormatError, readCordeau, readLiLim } from '../io/index.ts';
import type { SolveProgress } from '../model/instance.ts';
import { parseSolveArgs, UsageError } from './args.ts';
import { toBenchmarkSolution } from './to-benchmark-solution.ts';

const PROGRESS_EVERY_MS = 1000;
/** A new point on the anytime curve when the best improves by more than this fraction. */
const CURVE_STEP = 1e-4;

const main = async (): Promise<number> => {
  // stdout carries the one JSON answer: anything else that logs is sent to stderr.
  const writeStdout = process.stdout.write.bind(process.stdout);
  console.log = console.error;
  console.info = console.error;

  const args = parseSolveArgs(process.argv.slice(2));
  const started = performance.now();
  let text: string;
  try {
    text = readFileSync(args.file, 'utf8');
  } catch (e) {
    throw new UsageError(`cannot read FILE "${args.file}": ${(e as Error).message}`);
  }
  const name = basename(args.file).replace(/\.txt$/, '');
  const read = args.format === 'cordeau' ? readCordeau(text, name) : readLiLim(text, name);
  const { instance, data } = read;
  console.error(
    `${name}: ${data.format}, ${instance.requests.length} requests, ${instance.vehicles.length} vehicles, ${args.timeLimitS} s, seed ${args.seed}`,
  );

  // Loaded only once the input is known to be good, so bad input fails fast.
  const { solveParallel } = await import('../index.ts');
  let lastReport = -Infinity;
  const progress: Array<[number, number]> = [];
  const sinceStart = (ms: number) => Math.round(ms) / 1000;
  const solution = solveParallel(instance, {
    seed: args.seed,
    timeLimitMs: args.timeLimitS * 1000,
    ...(args.iterations !== undefined ? { maxIterations: args.iterations } : {}),
    now: () => performance.now(),
    onProgress: (p: SolveProgress) => {
      const last = progress.at(-1);
      if (!last || p.bestCost < last[1] * (1 - CURVE_STEP)) progress.push([sinceStart(p.elapsedMs), p.bestCost]);
      if (p.elapsedMs - lastReport < PROGRESS_EVERY_MS) return;
      lastReport = p.elapsedMs;
      console.error(`  ${(p.elapsedMs / 1000).toFixed(1)} s  iteration ${p.iteration}  best ${p.bestCost.toFixed(2)}`);
    },
  });
  const seconds = (performance.now() - started) / 1000;
  progress.push([Math.round(seconds * 1000) / 1000, solution.cost]);
  const result = { ...toBenchmarkSolution(read, solution, seconds), progress };
  console.error(
    `${name}: cost ${result.cost.toFixed(2)}, ${result.routes.length} vehicles, ${result.unserved.length} unserved, ${seconds.toFixed(2)} s`,
  );
  writeStdout(`${JSON.stringify(result)}\n`);
  return 0;
};

try {
  process.exitCode = await main();
} catch (e) {
  if (e instanceof BenchmarkFormatError || e instanceof UsageError) {
    process.stderr.write(`error: ${e.message}\n`);
    process.exitCode = 2;
  } else {
    process.stderr.write(`internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exitCode = 1;
  }
}
