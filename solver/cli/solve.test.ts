/**
 * The CLI contract as other tools see it, run as a subprocess: one JSON object on stdout
 * that the independent checker accepts; for bad input a non-zero exit, the line and field
 * on stderr, and nothing at all on stdout.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkBenchmarkSolution } from '../../test/helpers/checker.ts';
import { readCordeau, type BenchmarkSolution } from '../io/index.ts';

const A2_16 = 'fixtures/benchmarks/darp/a2-16.txt';
const dir = mkdtempSync(join(tmpdir(), 'prontivia-cli-'));

const run = (args: string[], viaNpm = false) => {
  const [cmd, argv] = viaNpm
    ? ['npm', ['run', '--silent', 'solve', '--', ...args]]
    : [process.execPath, ['--import', 'tsx', 'solver/cli/solve.ts', ...args]];
  const r = spawnSync(cmd, argv, { encoding: 'utf8', timeout: 20_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};

/** a2-16 with its 1-based line `line` rewritten by `edit` (or cut after it, when edit is null). */
const variant = (name: string, line: number, edit: ((l: string) => string) | null): string => {
  const lines = readFileSync(A2_16, 'utf8').split('\n');
  const text =
    edit === null ? lines.slice(0, line).join('\n') : lines.map((l, i) => (i === line - 1 ? edit(l) : l)).join('\n');
  const path = join(dir, `${name}.txt`);
  writeFileSync(path, text);
  return path;
};
const setField = (field: number, value: string) => (l: string) =>
  l
    .trim()
    .split(/\s+/)
    .map((f, j) => (j === field ? value : f))
    .join(' ');

describe('solve CLI refuses bad input with the line and field, printing nothing on stdout', () => {
  it.each([
    ['a truncated file', variant('truncated', 20, null), /line 21.*truncated/],
    [
      'a pickup without its delivery',
      variant('no-delivery', 19, setField(4, '0')),
      /line 19, field load.*pickup without its delivery/,
    ],
    [
      'a window that closes before it opens',
      variant('window', 5, setField(5, '1500')),
      /line 5, field l = "1440".*closes before it opens/,
    ],
    [
      'a load larger than every vehicle',
      variant('load', 3, setField(4, '7')),
      /line 3, field load = "7".*larger than every vehicle/,
    ],
    ['a value that is not a number', variant('nan', 7, setField(2, 'abc')), /line 7, field y = "abc".*not a number/],
  ])('%s', (_, file, message) => {
    const r = run([file, '--format', 'cordeau', '--time-limit', '1', '--seed', '1']);
    expect(r.code).not.toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message);
  });

  it('an unknown format flag', () => {
    const r = run([A2_16, '--format', 'solomon']);
    expect(r.code).not.toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/--format must be cordeau or lilim, got "solomon"/);
  });
});

describe('solve CLI on a small instance', () => {
  it('prints one JSON object, with file node ids and depots 0 and 2n+1, that the checker accepts', () => {
    const r = run([A2_16, '--format', 'cordeau', '--time-limit', '1', '--seed', '1'], true);
    expect(r.stderr).not.toMatch(/internal error/);
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split('\n')).toHaveLength(1);
    const solution = JSON.parse(r.stdout) as BenchmarkSolution;
    const { data } = readCordeau(readFileSync(A2_16, 'utf8'), 'a2-16');
    expect(checkBenchmarkSolution(data, solution)).toEqual([]);
    expect(solution.unserved).toEqual([]);
    for (const route of solution.routes) {
      expect(route.stops[0].node).toBe(0);
      expect(route.stops.at(-1)?.node).toBe(33);
    }
    expect(solution.seconds).toBeLessThan(5);
  });

  it('returns to depot 0 on a pr-format file', () => {
    const file = 'fixtures/benchmarks/tiny/pr-tiny.txt';
    const r = run([file, '--format', 'cordeau', '--time-limit', '1', '--seed', '1']);
    expect(r.code).toBe(0);
    const solution = JSON.parse(r.stdout) as BenchmarkSolution;
    const { data } = readCordeau(readFileSync(file, 'utf8'), 'pr-tiny');
    expect(checkBenchmarkSolution(data, solution)).toEqual([]);
    expect(solution.routes.map((route) => [route.stops[0].node, route.stops.at(-1)?.node])).toEqual([[0, 0]]);
  });
});
