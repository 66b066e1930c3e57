/**
 * The checker must accept what is known to be right (SINTEF's best-known Li & Lim
 * solutions, with their published distance) and reject hand-broken solutions with the
 * violation that names what broke.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readCordeau, readLiLim, type BenchmarkData, type BenchmarkSolution } from '../../solver/index.ts';
import { checkBenchmarkSolution } from './checker.ts';

const LILIM = 'fixtures/benchmarks/lilim100';
const LILIM200 = 'fixtures/benchmarks/lilim200';
const LILIM400 = 'fixtures/benchmarks/lilim400';

/** Earliest-start schedule of a fixed order of task ids (depot omitted), as the CLI would print it. */
const schedule = (data: BenchmarkData, routes: number[][], cost: number): BenchmarkSolution => ({
  cost,
  unserved: [],
  seconds: 0,
  routes: routes.map((tasks, vehicle) => {
    const ids = [data.startDepot, ...tasks, data.endDepot];
    let t = data.nodes[data.startDepot].earliestS;
    const stops = ids.map((id, i) => {
      if (i > 0) {
        const a = data.nodes[ids[i - 1]];
        const b = data.nodes[id];
        t = Math.max(b.earliestS, t + (i === 1 ? 0 : a.serviceS) + Math.hypot(a.x - b.x, a.y - b.y));
      }
      return { node: id, start: t };
    });
    return { vehicle, stops };
  }),
});

const bksFiles = readdirSync(`${LILIM}/bks_solutions`).filter((f) => f.endsWith('.txt'));
const bks200Files = readdirSync(`${LILIM200}/bks_solutions`).filter((f) => f.endsWith('.txt'));
const bks400Files = readdirSync(`${LILIM400}/bks_solutions`).filter((f) => f.endsWith('.txt'));
const parseBks = (file: string, dir = LILIM) => {
  const [, instance, vehicles, distance] = /^(\w+)\.(\d+)_([\d.]+)\.txt$/.exec(file) ?? [];
  const routes = readFileSync(`${dir}/bks_solutions/${file}`, 'utf8')
    .split('\n')
    .filter((l) => l.startsWith('Route'))
    .map((l) => l.split(':')[1].trim().split(/\s+/).map(Number));
  const data = readLiLim(readFileSync(`${dir}/${instance}.txt`, 'utf8'), instance).data;
  return { instance, vehicles: Number(vehicles), distance: Number(distance), routes, data };
};

describe('checker on the published best-known Li & Lim solutions', () => {
  it('finds all 56 SINTEF solution files', () => expect(bksFiles).toHaveLength(56));

  it.each(bksFiles)('accepts %s with its published vehicles and distance', (file) => {
    const bks = parseBks(file);
    expect(bks.routes).toHaveLength(bks.vehicles);
    expect(checkBenchmarkSolution(bks.data, schedule(bks.data, bks.routes, bks.distance))).toEqual([]);
  });

  it('accepts all 60 SINTEF 200-task solution files with their published vehicles and distance', () => {
    expect(bks200Files).toHaveLength(60);
    for (const file of bks200Files) {
      const bks = parseBks(file, LILIM200);
      expect(bks.routes, file).toHaveLength(bks.vehicles);
      expect(checkBenchmarkSolution(bks.data, schedule(bks.data, bks.routes, bks.distance)), file).toEqual([]);
    }
  });

  it('accepts the 58 SINTEF 400-task solution files (none exists for lc1_4_4 and lc2_4_4)', () => {
    expect(bks400Files).toHaveLength(58);
    for (const file of bks400Files) {
      const bks = parseBks(file, LILIM400);
      expect(bks.routes, file).toHaveLength(bks.vehicles);
      expect(checkBenchmarkSolution(bks.data, schedule(bks.data, bks.routes, bks.distance)), file).toEqual([]);
    }
  });
});

describe('checker rejects a broken Li & Lim solution', () => {
  const bks = parseBks(bksFiles.find((f) => f.startsWith('lc101.'))!);
  const kinds = (s: BenchmarkSolution) => checkBenchmarkSolution(bks.data, s).map((v) => v.kind);

  it('when the reported cost is not the distance driven', () => {
    expect(kinds(schedule(bks.data, bks.routes, bks.distance + 1))).toEqual(['COST']);
  });

  it('when a route is dropped and its requests are not listed unserved', () => {
    const s = schedule(bks.data, bks.routes, bks.distance);
    s.routes.pop();
    expect(kinds(s)).toContain('NOT_SERVED');
  });

  it('when a delivery comes before its pickup', () => {
    const route = [...bks.routes[0]];
    const pair = bks.data.pairs.find((p) => route.includes(p.pickup))!;
    const [i, j] = [route.indexOf(pair.pickup), route.indexOf(pair.delivery)];
    [route[i], route[j]] = [route[j], route[i]];
    expect(kinds(schedule(bks.data, [route, ...bks.routes.slice(1)], bks.distance))).toContain(
      'DELIVERY_BEFORE_PICKUP',
    );
  });

  it('when a service starts before the vehicle can arrive', () => {
    const s = schedule(bks.data, bks.routes, bks.distance);
    s.routes[0].stops[2].start = s.routes[0].stops[1].start;
    expect(kinds(s)).toContain('TRAVEL_TIME');
  });

  it('when a service starts after its window closes', () => {
    const s = schedule(bks.data, bks.routes, bks.distance);
    const stop = s.routes[0].stops[1];
    stop.start = bks.data.nodes[stop.node].latestS + 1;
    expect(kinds(s)).toContain('TIME_WINDOW');
  });
});

/**
 * Hand-checkable: one vehicle, seats 1, max ride 10, max route duration 50, depot windows
 * [0, 100]; on a line: pickups at x=1, 2, their deliveries at x=3, 4, depots at 0.
 * Route 0 1 3 2 4 5 with earliest starts 0 1 3 4 6 10 drives 10 and is valid.
 */
const TINY = [
  '1 2 50 1 10',
  '0 0 0 0 0 0 100',
  '1 1 0 0 1 0 100',
  '2 2 0 0 1 0 100',
  '3 3 0 0 -1 0 100',
  '4 4 0 0 -1 0 100',
  '5 0 0 0 0 0 100',
].join('\n');
const tiny = readCordeau(TINY, 'tiny').data;
const route = (stops: Array<[number, number]>, vehicle = 0) => ({
  vehicle,
  stops: stops.map(([node, start]) => ({ node, start })),
});
const tinyKinds = (routes: BenchmarkSolution['routes'], cost: number, unserved: number[] = []) =>
  checkBenchmarkSolution(tiny, { cost, routes, unserved, seconds: 0 }).map((v) => v.kind);
const VALID: Array<[number, number]> = [
  [0, 0],
  [1, 1],
  [3, 3],
  [2, 4],
  [4, 6],
  [5, 10],
];

describe('checker on a tiny hand-checked DARP instance', () => {
  it('accepts the valid route with cost 10', () => expect(tinyKinds([route(VALID)], 10)).toEqual([]));

  it('accepts requests listed unserved instead of served', () => {
    expect(
      tinyKinds(
        [
          route([
            [0, 0],
            [1, 1],
            [3, 3],
            [5, 6],
          ]),
        ],
        6,
        [2],
      ),
    ).toEqual([]);
  });

  it('rejects two passengers aboard a one-seat vehicle', () => {
    expect(
      tinyKinds(
        [
          route([
            [0, 0],
            [1, 1],
            [2, 2],
            [3, 3],
            [4, 4],
            [5, 8],
          ]),
        ],
        8,
      ),
    ).toEqual(['CAPACITY']);
  });

  it('rejects a ride longer than the limit L', () => {
    expect(
      tinyKinds(
        [
          route([
            [0, 0],
            [1, 1],
            [3, 20],
            [2, 21],
            [4, 23],
            [5, 27],
          ]),
        ],
        10,
      ),
    ).toEqual(['RIDE_TIME']);
  });

  it('rejects a route longer than T', () => {
    expect(
      tinyKinds(
        [
          route([
            [0, 0],
            [1, 1],
            [3, 3],
            [2, 4],
            [4, 6],
            [5, 60],
          ]),
        ],
        10,
      ),
    ).toEqual(['ROUTE_DURATION']);
  });

  it('rejects more routes than vehicles', () => {
    const kinds = tinyKinds(
      [
        route([
          [0, 0],
          [1, 1],
          [3, 3],
          [5, 6],
        ]),
        route([
          [0, 0],
          [2, 2],
          [4, 4],
          [5, 8],
        ]),
      ],
      14,
    );
    expect(kinds).toEqual(['VEHICLE', 'FLEET_SIZE']);
  });

  it('rejects a request served twice (both its stops) and one neither served nor listed', () => {
    const kinds = tinyKinds(
      [
        route([
          [0, 0],
          [1, 1],
          [3, 3],
          [1, 5],
          [3, 7],
          [5, 10],
        ]),
      ],
      10,
    );
    expect(kinds).toEqual(['VISITED_TWICE', 'VISITED_TWICE', 'NOT_SERVED']);
  });

  it('rejects a route that does not end at the end depot', () => {
    expect(
      tinyKinds(
        [
          route([
            [0, 0],
            [1, 1],
            [3, 3],
            [2, 4],
            [4, 6],
            [0, 10],
          ]),
        ],
        10,
        [],
      ),
    ).toContain('DEPOT');
  });
});
