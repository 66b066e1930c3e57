/**
 * The readers keep the file's ids and data, derive a solver instance with the published
 * objective, and refuse malformed files with the line, field and value at fault.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BenchmarkFormatError, readCordeau, readLiLim } from './index.ts';

const file = (path: string) => readFileSync(`fixtures/benchmarks/${path}`, 'utf8');
const A2_16 = file('darp/a2-16.txt');
const LC101 = file('lilim100/lc101.txt');

/** Replaces one whitespace-separated field of one (1-based) line. */
const editField = (text: string, line: number, field: number, value: string): string =>
  text
    .split('\n')
    .map((l, i) =>
      i === line - 1
        ? l
            .trim()
            .split(/\s+/)
            .map((f, j) => (j === field ? value : f))
            .join('\t')
        : l,
    )
    .join('\n');

const failure = (read: () => unknown): BenchmarkFormatError => {
  try {
    read();
  } catch (e) {
    if (e instanceof BenchmarkFormatError) return e;
    throw e;
  }
  throw new Error('expected the reader to refuse the file');
};

describe('Cordeau a/b reader', () => {
  const { instance, data } = readCordeau(A2_16, 'a2-16');

  it('reads 2 vehicles and 16 requests paired i with n+i, depots 0 and 2n+1', () => {
    expect(data.format).toBe('cordeau');
    expect(instance.vehicles).toHaveLength(2);
    expect(instance.requests).toHaveLength(16);
    expect(data.pairs[0]).toEqual({ pickup: 1, delivery: 17 });
    expect(instance.vehicles[0]).toMatchObject({ startLoc: 0, endLoc: 33, maxDurationS: 480, capacity: [3] });
    expect(instance.requests[0]).toMatchObject({ id: '1', maxRideS: 30, load: [1] });
  });

  it('uses Euclidean distance in double precision as travel time and cost', () => {
    const [p, d] = [data.nodes[1], data.nodes[17]];
    const m = instance.matrix;
    expect(m.distanceM[1 * m.size + 17]).toBe(Math.hypot(p.x - d.x, p.y - d.y));
    expect(m.durationS).toEqual(m.distanceM);
  });

  it('tightens the open side of each request from L and the direct time, keeping the raw data intact', () => {
    const req = instance.requests[0];
    const delivery = data.nodes[17];
    expect(data.nodes[1]).toMatchObject({ earliestS: 0, latestS: 1440 });
    expect(req.pickup.earliestS).toBeCloseTo(delivery.earliestS - 30 - 3, 9);
    expect(req.pickup.latestS).toBeLessThan(delivery.latestS);
  });

  it('makes distance the only cost and an unserved request far costlier than any route set', () => {
    expect(instance.objective.vehicleCost).toBe(0);
    expect(instance.objective.unservedPenalty).toBeGreaterThan(10_000);
  });
});

describe('Cordeau pr reader', () => {
  const { instance, data } = readCordeau(file('tiny/pr-tiny.txt'), 'pr-tiny');

  it('reads `K 2n …` with nodes 0..2n and returns to depot 0', () => {
    expect(data.format).toBe('cordeau-pr');
    expect(data.pairs).toEqual([
      { pickup: 1, delivery: 3 },
      { pickup: 2, delivery: 4 },
    ]);
    expect(instance.vehicles[0]).toMatchObject({ startLoc: 0, endLoc: 0 });
  });
});

describe('Li & Lim reader', () => {
  const { instance, data } = readLiLim(LC101, 'lc101');

  it('pairs tasks through the p/d columns, not by position, in a tab-separated CRLF file', () => {
    expect(LC101).toContain('\r\n');
    expect(instance.requests).toHaveLength(53);
    expect(data.pairs[0]).toEqual({ pickup: 3, delivery: 75 });
    expect(instance.requests[0].load).toEqual([10]);
  });

  it('prices a vehicle above any total distance, so fewer vehicles always win', () => {
    expect(instance.objective.vehicleCost).toBeGreaterThanOrEqual(10_000);
    expect(instance.objective.unservedPenalty).toBeGreaterThan(instance.objective.vehicleCost);
    expect(instance.vehicles).toHaveLength(25);
  });
});

describe('bad input names the line, the field and the value', () => {
  it('a truncated file', () => {
    const text = A2_16.split('\n').slice(0, 20).join('\n');
    const e = failure(() => readCordeau(text, 'cut'));
    expect(e.line).toBe(21);
    expect(e.message).toMatch(/truncated/);
  });

  it('a window that closes before it opens', () => {
    const e = failure(() => readCordeau(editField(A2_16, 5, 5, '2000'), 'win'));
    expect(e).toMatchObject({ line: 5, field: 'l', value: '1440' });
    expect(e.message).toMatch(/closes before it opens/);
  });

  it('a load larger than every vehicle', () => {
    const e = failure(() => readCordeau(editField(editField(A2_16, 3, 4, '9'), 19, 4, '-9'), 'load'));
    expect(e).toMatchObject({ line: 3, field: 'load', value: '9' });
    expect(e.message).toMatch(/larger than every vehicle/);
  });

  it('a Cordeau pickup whose delivery does not take the passenger off', () => {
    const e = failure(() => readCordeau(editField(A2_16, 19, 4, '1'), 'pair'));
    expect(e).toMatchObject({ line: 19, field: 'load' });
    expect(e.message).toMatch(/pickup without its delivery/);
  });

  it('a Li & Lim pickup pointing to a delivery that is not there', () => {
    const e = failure(() => readLiLim(editField(LC101, 5, 8, '500'), 'lc'));
    expect(e).toMatchObject({ line: 5, field: 'd', value: '500' });
    expect(e.message).toMatch(/pickup 3 without its delivery/);
  });

  it('a value that is not a number', () => {
    const e = failure(() => readLiLim(editField(LC101, 4, 1, '4s5'), 'nan'));
    expect(e).toMatchObject({ line: 4, field: 'x', value: '4s5' });
  });

  it('a header with a fractional fleet size', () => {
    const e = failure(() => readCordeau(A2_16.replace(/^2 16/, '2.5 16'), 'k'));
    expect(e).toMatchObject({ line: 1, field: 'K', value: '2.5' });
  });
});
