/**
 * Arguments of `npm run bench -- --set NAME [--time-limit S] [--seed N] [--iterations N] [--instances a,b]`.
 * `--iterations` gives each solve an iteration budget (deterministic for a seed; the time
 * limit is then a safety net).
 */
export interface BenchOptions {
  set: string;
  timeLimitS: number;
  seed: number;
  /** Instance names to run (all of the set when empty). */
  instances: string[];
  /** Iteration budget per solve thread (absent: the time limit alone). */
  iterations?: number;
}

export const parseBenchArgs = (argv: string[], knownSets: string[]): BenchOptions => {
  const options: BenchOptions = { set: '', timeLimitS: 10, seed: 1, instances: [] };
  for (let i = 0; i < argv.length; i += 2) {
    const [flag, value] = [argv[i], argv[i + 1]];
    if (value === undefined) throw new Error(`${flag} needs a value`);
    if (flag === '--set') options.set = value;
    else if (flag === '--time-limit') options.timeLimitS = Number(value);
    else if (flag === '--seed') options.seed = Number(value);
    else if (flag === '--iterations') options.iterations = Number(value);
    else if (flag === '--instances')
      options.instances = value
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s !== '');
    else throw new Error(`unknown option ${flag}`);
  }
  if (!knownSets.includes(options.set))
    throw new Error(`--set must be one of ${knownSets.join(', ')}, got "${options.set}"`);
  if (!(options.timeLimitS > 0))
    throw new Error(`--time-limit must be a positive number of seconds, got ${options.timeLimitS}`);
  if (options.iterations !== undefined && !(Number.isSafeInteger(options.iterations) && options.iterations > 0))
    throw new Error(`--iterations must be a positive integer, got ${options.iterations}`);
  if (!Number.isSafeInteger(options.seed)) throw new Error(`--seed must be an integer, got ${options.seed}`);
  return options;
};
