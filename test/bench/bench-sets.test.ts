/**
 * A plain clone can run every registered set: each instance listed with a best-known value
 * has its file, and the set sizes match the published sets (24 a, 24 b, 56 + 60 Li & Lim).
 */
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseBenchArgs } from '../../bench/args.ts';
import { readBestKnown } from '../../bench/bks.ts';
import { medianRun, timeToWithin } from '../../bench/benchmark-set.ts';
import { BENCH_SETS } from '../../bench/sets.ts';

describe('benchmark sets shipped in fixtures', () => {
  it.each([
    ['darp', 'a', 24],
    ['darp', 'b', 24],
    ['lilim100', '', 56],
    ['lilim200', '', 60],
    ['lilim400', '', 60],
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

  it('the runner knows the five published sets and refuses others by name', () => {
    expect(Object.keys(BENCH_SETS)).toEqual(
      expect.arrayContaining(['darp-a', 'darp-b', 'lilim100', 'lilim200', 'lilim400']),
    );
    expect(() => parseBenchArgs(['--set', 'darp-c'], Object.keys(BENCH_SETS))).toThrow(/got "darp-c"/);
    expect(parseBenchArgs(['--set', 'darp-a', '--instances', 'a2-16,a3-24'], Object.keys(BENCH_SETS))).toMatchObject({
      timeLimitS: 10,
      seed: 1,
      instances: ['a2-16', 'a3-24'],
    });
  });

  it('scale-10k takes how many worker processes plan the week, and refuses a non-positive count', () => {
    const sets = Object.keys(BENCH_SETS);
    expect(parseBenchArgs(['--set', 'scale-10k', '--workers', '2', '--passengers', '1500'], sets)).toMatchObject({
      set: 'scale-10k',
      workers: 2,
      passengers: 1500,
    });
    expect(() => parseBenchArgs(['--set', 'scale-10k', '--workers', '0'], sets)).toThrow(
      /--workers must be a positive integer, got 0/,
    );
  });

  it('time to 1 %: the first point of the anytime curve at or below the target, none if never', () => {
    const curve: Array<[number, number]> = [
      [0.1, 130],
      [0.5, 104],
      [2.5, 100.9],
      [7, 100],
    ];
    expect(timeToWithin(curve, 101)).toBe(2.5);
    expect(timeToWithin(curve, 100)).toBe(7);
    expect(timeToWithin(curve, 99)).toBeNull();
  });

  it('--seeds lists the seeds to run each instance with, refusing repeats, non-integers and --seed beside it', () => {
    const sets = Object.keys(BENCH_SETS);
    expect(parseBenchArgs(['--set', 'lilim200', '--seeds', '3,1,2'], sets)).toMatchObject({
      seeds: [3, 1, 2],
      seed: 3,
    });
    expect(() => parseBenchArgs(['--set', 'lilim200', '--seeds', '1,1'], sets)).toThrow(/lists a seed twice: "1,1"/);
    expect(() => parseBenchArgs(['--set', 'lilim200', '--seeds', '1,x'], sets)).toThrow(/integers, got "1,x"/);
    expect(() => parseBenchArgs(['--set', 'lilim200', '--seeds', '1,,2'], sets)).toThrow(/integers, got "1,,2"/);
    expect(() => parseBenchArgs(['--set', 'lilim200', '--seed', '4', '--seeds', '1,2'], sets)).toThrow(/not both/);
  });

  it('the median of several seeds ranks runs as the benchmark does: feasible, then fewer vehicles (Li & Lim), then distance', () => {
    const run = (seed: number, vehicles: number, cost: number, feasible = true) => ({ seed, vehicles, cost, feasible });
    // Li & Lim: a van more outweighs any distance, so 14 vans at 3,900 ranks behind 13 at 4,100.
    const lilim = [run(1, 14, 3900), run(2, 13, 4100), run(3, 13, 4000)];
    expect(medianRun(lilim, true).seed).toBe(2);
    // Cordeau: distance alone.
    expect(medianRun(lilim, false).seed).toBe(3);
    // An infeasible run ranks last whatever its cost; of an even count the better middle run is taken.
    expect(medianRun([run(1, 13, 1, false), run(2, 13, 4100), run(3, 13, 4000), run(4, 13, 4050)], true).seed).toBe(4);
    expect(medianRun([run(7, 13, 4000)], true).seed).toBe(7);
  });
});
