/**
 * Arguments of `npm run bench -- --set NAME [--time-limit S] [--seed N | --seeds 1,2,3] [--iterations N]
 * [--instances a,b] [--workers N] [--passengers N]`.
 * `--seeds` solves every instance once per seed and reports the median run of each (one seed of
 * a whole set moves by about a percent between runs of the same code; a median of three does less).
 * `--iterations` gives each solve an iteration budget (deterministic for a seed; the time
 * limit is then a safety net). `--workers` and `--passengers` are for `scale-10k`: how many
 * worker processes plan the week, and a smaller week for a quick run (default 10,000).
 */
export interface BenchOptions {
  set: string;
  timeLimitS: number;
  seed: number;
  /** Seeds to run each instance with (median run reported); absent: `seed` alone. */
  seeds?: number[];
  /** Instance names to run (all of the set when empty). */
  instances: string[];
  /** Iteration budget per solve thread (absent: the time limit alone). */
  iterations?: number;
  /** Worker processes for the sets that plan on a queue (scale-10k); 1 when absent. */
  workers?: number;
  /** Passengers of a generated week (scale-10k), instead of the set's own size. */
  passengers?: number;
}

export const parseBenchArgs = (argv: string[], knownSets: string[]): BenchOptions => {
  const options: BenchOptions = { set: '', timeLimitS: 10, seed: 1, instances: [] };
  for (let i = 0; i < argv.length; i += 2) {
    const [flag, value] = [argv[i], argv[i + 1]];
    if (value === undefined) throw new Error(`${flag} needs a value`);
    if (flag === '--set') options.set = value;
    else if (flag === '--time-limit') options.timeLimitS = Number(value);
    else if (flag === '--seed') options.seed = Number(value);
    else if (flag === '--seeds')
      options.seeds = value.split(',').map((s) => (s.trim() === '' ? Number.NaN : Number(s)));
    else if (flag === '--iterations') options.iterations = Number(value);
    else if (flag === '--workers') options.workers = Number(value);
    else if (flag === '--passengers') options.passengers = Number(value);
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
  for (const [flag, v] of [
    ['--workers', options.workers],
    ['--passengers', options.passengers],
  ] as const)
    if (v !== undefined && !(Number.isSafeInteger(v) && v > 0))
      throw new Error(`${flag} must be a positive integer, got ${v}`);
  if (!Number.isSafeInteger(options.seed)) throw new Error(`--seed must be an integer, got ${options.seed}`);
  if (options.seeds !== undefined) {
    if (argv.includes('--seed')) throw new Error('give --seed or --seeds, not both');
    const bad = options.seeds.find((s) => !Number.isSafeInteger(s));
    if (bad !== undefined || options.seeds.length === 0)
      throw new Error(`--seeds must be a comma-separated list of integers, got "${argv[argv.indexOf('--seeds') + 1]}"`);
    if (new Set(options.seeds).size !== options.seeds.length)
      throw new Error(`--seeds lists a seed twice: "${argv[argv.indexOf('--seeds') + 1]}"`);
    options.seed = options.seeds[0];
  }
  return options;
};
