/**
 * Runs the solve CLI on one file in its own process (isolated memory, the exact contract
 * other tools use) and checks its answer with the independent checker against the file's
 * original data.
 */
import { spawn } from 'node:child_process';
import type { BenchmarkData, BenchmarkSolution } from '../solver/index.ts';
import { checkBenchmarkSolution, type Violation } from '../test/helpers/checker.ts';

export interface CliRun {
  solution: BenchmarkSolution | null;
  violations: Violation[];
  /** Why there is no solution (crash, timeout, unparsable output). */
  error: string | null;
  wallS: number;
}

/** Extra wall time allowed on top of the time limit before the run is killed. */
const GRACE_S = 30;

export const runCli = (
  file: string,
  format: 'cordeau' | 'lilim',
  timeLimitS: number,
  seed: number,
  data: BenchmarkData,
  iterations?: number,
): Promise<CliRun> =>
  new Promise((resolve) => {
    const started = Date.now();
    const args = [
      '--import',
      'tsx',
      'solver/cli/solve.ts',
      file,
      '--format',
      format,
      '--time-limit',
      String(timeLimitS),
      '--seed',
      String(seed),
      ...(iterations !== undefined ? ['--iterations', String(iterations)] : []),
    ];
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), (timeLimitS + GRACE_S) * 1000);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const wallS = (Date.now() - started) / 1000;
      if (code !== 0) {
        const lines = stderr.trim().split('\n');
        const reason = lines.find((l) => /^(internal )?error:/.test(l)) ?? lines.at(-1) ?? '';
        resolve({ solution: null, violations: [], error: `exit ${code ?? signal}: ${reason}`, wallS });
        return;
      }
      try {
        const solution = JSON.parse(stdout) as BenchmarkSolution;
        resolve({ solution, violations: checkBenchmarkSolution(data, solution), error: null, wallS });
      } catch (e) {
        resolve({ solution: null, violations: [], error: `unparsable stdout: ${(e as Error).message}`, wallS });
      }
    });
  });
