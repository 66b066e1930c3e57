/**
 * A plain clone can run every registered set: each instance listed with a best-known value
 * has its file, and the set sizes match the published sets (24 a, 24 b, 56 + 60 Li & Lim).
 */
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseBenchArgs } from '../../bench/args.ts';
import { readBestKnown } from '../../bench/bks.ts';
import { BENCH_SETS } from '../../bench/sets.ts';

describe('benchmark sets shipped in fixtures', () => {
  it.each([
    ['darp', 'a', 24],
    ['darp', 'b', 24],
    ['lilim100', '', 56],
    ['lilim200', '', 60],
  ])(
    'fixtures/benchmarks/%s (%s…) has %i instances, each with a file and a positive best-known value',
    (dir, prefix, count) => {
      const rows = readBestKnown(`fixtures/benchmarks/${dir}/bks.csv`).filter((r) => r.instance.startsWith(prefix));
      expect(rows).toHaveLength(count);
      for (const row of rows) {
        expect(existsSync(`fixtures/benchmarks/${dir}/${row.instance}.txt`), row.instance).toBe(true);
        expect(row.cost).toBeGreaterThan(0);
        expect(row.vehicles).toBeGreaterThan(0);
      }
    },
  );

  it('the runner knows the four published sets and refuses others by name', () => {
    expect(Object.keys(BENCH_SETS)).toEqual(expect.arrayContaining(['darp-a', 'darp-b', 'lilim100', 'lilim200']));
    expect(() => parseBenchArgs(['--set', 'darp-c'], Object.keys(BENCH_SETS))).toThrow(/got "darp-c"/);
    expect(parseBenchArgs(['--set', 'darp-a', '--instances', 'a2-16,a3-24'], Object.keys(BENCH_SETS))).toMatchObject({
      timeLimitS: 10,
      seed: 1,
      instances: ['a2-16', 'a3-24'],
    });
  });
});
