/**
 * The long fuzz run: `npm run fuzz -- --runs 50000 [--seed N]`. Same harness as the fuzz test in
 * `npm test` (every registered route, every role), more requests; prints the figures and the
 * first failures, exits 1 on any failure. Set TEST_DATABASE=postgres to run it on PostgreSQL.
 */
import { startFuzzer } from './harness.ts';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const runs = Number(arg('runs') ?? 50_000);
const seed = arg('seed') === undefined ? Date.now() % 2 ** 31 : Number(arg('seed'));
if (!Number.isInteger(runs) || runs < 1) {
  console.error('--runs: a positive whole number');
  process.exit(2);
}
const fuzzer = await startFuzzer();
console.log(`[fuzz] ${fuzzer.operations.length} operations × 4 roles, ${runs} requests, seed ${seed}`);
const stats = await fuzzer.run({
  runs,
  seed,
  onProgress: (s) =>
    process.stdout.write(`\r[fuzz] ${s.requests} requests, ${s.fiveXx} × 5xx, ${s.failures.length} failures`),
});
await fuzzer.close();
const date = new Date().toISOString().slice(0, 10);
console.log(
  `\n[fuzz] ${date}: ${stats.requests} requests over ${stats.operations} operations × 4 roles in ${(stats.ms / 1000).toFixed(0)} s ` +
    `(seed ${seed}); ${stats.fiveXx} × 5xx; ${stats.failures.length} failures; ${stats.refusedWritesChecked} refused writes read back unchanged`,
);
console.log(`[fuzz] statuses ${JSON.stringify(stats.byStatus)}`);
for (const f of stats.failures.slice(0, 20)) console.log(`  ${f.status} ${f.why}: ${f.request}\n    ${f.body}`);
process.exit(stats.failures.length > 0 ? 1 : 0);
