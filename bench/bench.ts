/**
 * `npm run bench -- --set darp-a|darp-b|lilim100|lilim200|lilim400 [--time-limit S] [--seed N | --seeds 1,2,3] [--instances a2-16,a3-24]`
 * Runs one benchmark set, prints its table on stdout (progress on stderr) and writes the
 * same as JSON to bench/results/<set>-<timestamp>.json.
 */
import { parseBenchArgs } from './args.ts';
import { formatTable, writeReport } from './report.ts';
import { BENCH_SETS } from './sets.ts';

try {
  const options = parseBenchArgs(process.argv.slice(2), Object.keys(BENCH_SETS));
  const report = await BENCH_SETS[options.set](options);
  process.stdout.write(`${formatTable(report)}\n`);
  process.stdout.write(`written: ${writeReport(report, new Date())}\n`);
} catch (e) {
  process.stderr.write(`bench: ${(e as Error).message}\n`);
  process.exitCode = 1;
}
