/**
 * Command-line arguments of `npm run solve`:
 *   FILE --format cordeau|lilim [--time-limit SECONDS (10)] [--seed N (1)] [--iterations N]
 * With --iterations the search stops after N iterations per thread (deterministic for a seed);
 * the time limit is then only a safety net.
 * Returns the parsed options or throws a UsageError naming the flag and value.
 */
export class UsageError extends Error {
  constructor(message: string) {
    super(
      `${message}\nusage: npm run --silent solve -- FILE --format cordeau|lilim --time-limit SECONDS --seed N [--iterations N]`,
    );
    this.name = 'UsageError';
  }
}

export interface SolveArgs {
  file: string;
  format: 'cordeau' | 'lilim';
  timeLimitS: number;
  seed: number;
  /** Iteration budget per search thread (deterministic); absent: the time limit alone. */
  iterations?: number;
}

export const parseSolveArgs = (argv: string[]): SolveArgs => {
  let file: string | undefined;
  let format: string | undefined;
  let timeLimitS = 10;
  let seed = 1;
  let iterations: number | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--')) {
      if (file !== undefined) throw new UsageError(`one FILE expected, got "${file}" and "${arg}"`);
      file = arg;
      continue;
    }
    const value = argv[++i];
    if (value === undefined) throw new UsageError(`${arg} needs a value`);
    if (arg === '--format') format = value;
    else if (arg === '--time-limit') {
      timeLimitS = Number(value);
      if (!(timeLimitS > 0) || !Number.isFinite(timeLimitS))
        throw new UsageError(`--time-limit must be a positive number of seconds, got "${value}"`);
    } else if (arg === '--seed') {
      seed = Number(value);
      if (!Number.isSafeInteger(seed)) throw new UsageError(`--seed must be an integer, got "${value}"`);
    } else if (arg === '--iterations') {
      iterations = Number(value);
      if (!Number.isSafeInteger(iterations) || iterations < 1)
        throw new UsageError(`--iterations must be a positive integer, got "${value}"`);
    } else throw new UsageError(`unknown option ${arg}`);
  }
  if (file === undefined) throw new UsageError('FILE is missing');
  if (format !== 'cordeau' && format !== 'lilim')
    throw new UsageError(`--format must be cordeau or lilim, got "${format ?? ''}"`);
  return { file, format, timeLimitS, seed, ...(iterations !== undefined ? { iterations } : {}) };
};
