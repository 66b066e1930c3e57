/**
 * The fuzz suite in `npm test`: ≥ 2,000 generated requests over every registered route and every
 * role, bounded (FUZZ_RUNS overrides, FUZZ_SEED reproduces a run). `npm run fuzz -- --runs 50000`
 * is the long run (test/fuzz/cli.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Fuzzer, startFuzzer } from './harness.ts';

const RUNS = Number(process.env.FUZZ_RUNS ?? 2200);

describe('fuzz: every route, every role, generated valid and broken input', () => {
  let fuzzer: Fuzzer;
  beforeAll(async () => {
    fuzzer = await startFuzzer();
  }, 120_000);
  afterAll(async () => {
    await fuzzer?.close();
  });

  it(`${RUNS}+ requests: no 5xx, every 400 names the field, refused writes change nothing`, async () => {
    expect(fuzzer.operations.length).toBeGreaterThan(60);
    const seed = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined;
    const stats = await fuzzer.run({ runs: RUNS, seed });
    console.log(
      `[fuzz] ${stats.requests} requests over ${stats.operations} operations × 4 roles in ${stats.ms} ms; ` +
        `statuses ${JSON.stringify(stats.byStatus)}; ${stats.refusedWritesChecked} refused writes read back`,
    );
    expect(stats.requests).toBeGreaterThanOrEqual(2000);
    expect(stats.failures.slice(0, 15)).toEqual([]);
    expect(stats.fiveXx).toBe(0);
  }, 600_000);
});
