/**
 * Whatever small instance it is given, `solve` returns only solutions the independent
 * checker accepts: on random Cordeau-style files (read, tightened, mapped back to file ids
 * as the CLI does) and on random solver instances with two load dimensions, lift-only
 * requests and locks.
 */
import fc from 'fast-check';
import { performance } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import { toBenchmarkSolution } from '../../solver/index.ts';
import { solve } from '../../solver/index.ts';
import { readCordeau } from '../../solver/index.ts';
import type { DarpInstance } from '../../solver/index.ts';
import { checkBenchmarkSolution, checkInstanceSolution } from '../helpers/checker.ts';

const options = (seed: number) => ({ seed, maxIterations: 200, timeLimitMs: 500, now: () => performance.now() });

const point = fc
  .tuple(fc.integer({ min: -100, max: 100 }), fc.integer({ min: -100, max: 100 }))
  .map(([x, y]) => [x / 10, y / 10]);

/** A Cordeau a/b file: K vehicles, n requests, each with a 15-minute window on one end. */
const cordeauText = fc
  .record({
    K: fc.integer({ min: 1, max: 3 }),
    Q: fc.integer({ min: 1, max: 3 }),
    L: fc.integer({ min: 15, max: 45 }),
    requests: fc.array(
      fc.record({
        from: point,
        to: point,
        load: fc.integer({ min: 1, max: 3 }),
        open: fc.integer({ min: 30, max: 400 }),
        outbound: fc.boolean(),
      }),
      { minLength: 1, maxLength: 6 },
    ),
  })
  .map(({ K, Q, L, requests }) => {
    const n = requests.length;
    const T = 480;
    const line = (id: number, [x, y]: number[], d: number, q: number, e: number, l: number) =>
      `${id} ${x} ${y} ${d} ${q} ${e} ${l}`;
    const reqs = requests.map((r) => ({ ...r, load: Math.min(r.load, Q) }));
    return [
      `${K} ${n} ${T} ${Q} ${L}`,
      line(0, [0, 0], 0, 0, 0, T),
      ...reqs.map((r, i) => line(i + 1, r.from, 3, r.load, r.outbound ? 0 : r.open, r.outbound ? 1440 : r.open + 15)),
      ...reqs.map((r, i) =>
        line(n + i + 1, r.to, 3, -r.load, r.outbound ? r.open : 0, r.outbound ? r.open + 15 : 1440),
      ),
      line(2 * n + 1, [0, 0], 0, 0, 0, T),
    ].join('\n');
  });

/** A solver instance: seats and wheelchair places, some lift-only requests, some locked. */
const darpInstance = fc
  .record({
    vehicles: fc.array(
      fc.record({
        seats: fc.integer({ min: 1, max: 4 }),
        wheelchairs: fc.integer({ min: 0, max: 1 }),
        lift: fc.boolean(),
      }),
      { minLength: 1, maxLength: 3 },
    ),
    requests: fc.array(
      fc.record({
        from: point,
        to: point,
        wheelchair: fc.boolean(),
        open: fc.integer({ min: 0, max: 300 }),
        width: fc.integer({ min: 5, max: 60 }),
        lock: fc.option(fc.nat(2)),
      }),
      { minLength: 1, maxLength: 7 },
    ),
  })
  .map(({ vehicles, requests }): DarpInstance => {
    const places = [[0, 0], ...requests.flatMap((r) => [r.from, r.to])];
    const size = places.length;
    const m = new Float64Array(size * size);
    places.forEach((a, i) => places.forEach((b, j) => (m[i * size + j] = Math.hypot(a[0] - b[0], a[1] - b[1]))));
    return {
      name: 'random',
      dims: ['seats', 'wheelchairs'],
      matrix: { size, durationS: m, distanceM: m },
      requests: requests.map((r, i) => ({
        id: `r${i}`,
        pickup: { loc: 2 * i + 1, earliestS: r.open, latestS: r.open + r.width, serviceS: 2 },
        delivery: { loc: 2 * i + 2, earliestS: 0, latestS: 600, serviceS: 2 },
        load: r.wheelchair ? [0, 1] : [1, 0],
        maxRideS: 40,
        requires: r.wheelchair ? ['lift'] : [],
        ...(r.lock !== null && r.lock < vehicles.length ? { lockedVehicleIdx: r.lock } : {}),
      })),
      vehicles: vehicles.map((v, k) => ({
        id: `v${k}`,
        capacity: [v.seats, v.wheelchairs],
        features: v.lift ? ['lift'] : [],
        startLoc: 0,
        endLoc: 0,
        shiftStartS: 0,
        shiftEndS: 600,
        maxDurationS: 400,
        fixedCost: 0,
        costPerS: 0,
        costPerM: 1,
      })),
      objective: {
        unservedPenalty: 1e6,
        vehicleCost: 100,
        travel: 1,
        excessRidePerS: 0,
        waitAboardPerS: 0,
        vehicleChangePenalty: 0,
        timeDeviationPerS: 0,
      },
    };
  });

describe('every solution solve returns passes the independent checker', () => {
  it('on random Cordeau-style files, checked against the original file data', async () => {
    await fc.assert(
      fc.asyncProperty(cordeauText, fc.nat(1000), async (text, seed) => {
        const read = readCordeau(text, 'random');
        const solution = await solve(read.instance, options(seed));
        expect(checkBenchmarkSolution(read.data, toBenchmarkSolution(read, solution, 0))).toEqual([]);
      }),
      { numRuns: 30 },
    );
  }, 20_000);

  it('on random instances with two load dimensions, lift-only requests and locks', async () => {
    await fc.assert(
      fc.asyncProperty(darpInstance, fc.nat(1000), async (instance, seed) => {
        const solution = await solve(instance, options(seed));
        expect(checkInstanceSolution(instance, solution)).toEqual([]);
      }),
      { numRuns: 30 },
    );
  }, 20_000);
});
