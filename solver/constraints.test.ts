import { describe, expect, it } from 'vitest';
import { evaluateRoute, insertionOptions, solve, type DarpInstance, type DarpSolution } from './index.ts';
import { fixedClock, lineWorld, MIN } from './testing/line-world.ts';

const run = (inst: DarpInstance, seed = 1): DarpSolution =>
  solve(inst, { seed, maxIterations: 150, now: fixedClock() });
const visitsOf = (sol: DarpSolution, v: number) => sol.routes.find((r) => r.vehicleIdx === v)?.visits ?? [];
const P = (r: number) => ({ requestIdx: r, kind: 'pickup' as const });
const D = (r: number) => ({ requestIdx: r, kind: 'delivery' as const });
// Places: depot at km 0, then km 10, 20, 30, -15, -20.
const KM = [0, 10, 20, 30, -15, -20];

describe('time windows', () => {
  it('a pickup the van cannot reach in time is left unserved, blamed on its window', () => {
    const inst = lineWorld(KM, [{ from: 1, to: 2, pickupMin: [0, 5] }], [{}]);
    const sol = run(inst);
    expect(sol.unserved).toEqual([expect.objectContaining({ requestIdx: 0, reason: 'TIME_WINDOW' })]);
    const ev = evaluateRoute(inst, 0, [P(0), D(0)]);
    expect(ev.feasible).toBe(false);
    expect(ev.violations[0]).toMatchObject({ code: 'TIME_WINDOW', requestIdx: 0 });
    expect(ev.route.visits[0].startS).toBe(10 * MIN);
  });

  it('two passengers at the same place are taken in the order their windows allow', () => {
    const inst = lineWorld(
      KM,
      [
        { from: 1, to: 2, pickupMin: [40, 45] },
        { from: 1, to: 2, pickupMin: [10, 15] },
      ],
      [{}],
    );
    expect(evaluateRoute(inst, 0, [P(0), D(0), P(1), D(1)]).violations[0]).toMatchObject({
      code: 'TIME_WINDOW',
      requestIdx: 1,
    });
    const sol = run(inst);
    expect(sol.unserved).toEqual([]);
    for (const v of sol.routes.flatMap((r) => r.visits).filter((x) => x.kind === 'pickup')) {
      const [e, l] = v.requestIdx === 0 ? [40, 45] : [10, 15];
      expect(v.startS).toBeGreaterThanOrEqual(e * MIN);
      expect(v.startS).toBeLessThanOrEqual(l * MIN);
    }
  });
});

describe('capacity, per dimension', () => {
  // Both wheelchair users must be aboard together: picked up at km 10 by 0:12, dropped at km 20 by 0:30.
  const trips = [0, 1].map(() => ({
    from: 1,
    to: 2,
    pickupMin: [10, 12] as [number, number],
    deliveryMin: [20, 30] as [number, number],
    load: [1, 1],
  }));
  const world = (wheelchairPlaces: number) =>
    lineWorld(KM, trips, [{ capacity: [4, wheelchairPlaces] }], { dims: ['seats', 'wheelchairs'] });

  it('a van with one wheelchair place carries one wheelchair user, even with free seats', () => {
    const sol = run(world(1));
    expect(sol.routes).toHaveLength(1);
    expect(sol.unserved).toEqual([expect.objectContaining({ reason: 'CAPACITY' })]);
    const ev = evaluateRoute(world(1), 0, [P(0), P(1), D(0), D(1)]);
    expect(ev.violations[0]).toMatchObject({ code: 'CAPACITY' });
    expect(ev.violations[0].message).toContain('wheelchairs');
  });

  it('a van with two wheelchair places carries both', () => {
    const sol = run(world(2));
    expect(sol.unserved).toEqual([]);
    expect(Math.max(...sol.routes[0].visits.map((v) => v.loadAfter[1]))).toBe(2);
  });

  it('seats are a separate limit: three walkers in a two-seat van leave one behind', () => {
    const walkers = [0, 1, 2].map(() => ({ ...trips[0], load: [1, 0] }));
    const inst = lineWorld(KM, walkers, [{ capacity: [2, 1] }], { dims: ['seats', 'wheelchairs'] });
    expect(run(inst).unserved).toEqual([expect.objectContaining({ reason: 'CAPACITY' })]);
  });
});

describe('ride time', () => {
  // r0: km 10 → 20 (10 min direct, at most 15). r1: km 30 → 20.
  const inst = lineWorld(
    KM,
    [
      { from: 1, to: 2, maxRideMin: 15 },
      { from: 3, to: 2 },
    ],
    [{}],
  );

  it('a detour that keeps a passenger aboard too long is reported', () => {
    const ev = evaluateRoute(inst, 0, [P(0), P(1), D(0), D(1)]);
    expect(ev.feasible).toBe(false);
    expect(ev.violations).toEqual([expect.objectContaining({ code: 'RIDE_TIME', requestIdx: 0 })]);
  });

  it('the solver serves both without breaking the limit', () => {
    const sol = run(inst);
    expect(sol.unserved).toEqual([]);
    const visits = sol.routes.flatMap((r) => r.visits);
    const pick = visits.find((v) => v.requestIdx === 0 && v.kind === 'pickup')!;
    const drop = visits.find((v) => v.requestIdx === 0 && v.kind === 'delivery')!;
    expect(drop.startS - pick.departureS).toBeLessThanOrEqual(15 * MIN);
  });
});

describe('route duration and shift', () => {
  // Each trip alone takes 40 min out and back; together 80 min.
  const trips = [
    { from: 1, to: 2 },
    { from: 4, to: 5 },
  ];

  it('a van allowed 50 minutes on the road serves one of two 40-minute trips', () => {
    const inst = lineWorld(KM, trips, [{ maxDurationS: 50 * MIN }]);
    const sol = run(inst);
    expect(sol.routes[0].durationS).toBe(40 * MIN);
    expect(sol.unserved).toEqual([expect.objectContaining({ reason: 'ROUTE_DURATION' })]);
  });

  it('a shift that ends before the van could be back blames the shift', () => {
    const inst = lineWorld(KM, [trips[0]], [{ shiftEndS: 30 * MIN }]);
    expect(run(inst).unserved).toEqual([expect.objectContaining({ requestIdx: 0, reason: 'SHIFT' })]);
  });
});

describe('lift compatibility', () => {
  const trip = { from: 1, to: 2, requires: ['lift'] };

  it('a wheelchair user who needs a lift rides only in a lift van', () => {
    const sol = run(lineWorld(KM, [trip], [{}, { features: ['lift'] }]));
    expect(sol.routes.map((r) => r.vehicleIdx)).toEqual([1]);
    expect(evaluateRoute(lineWorld(KM, [trip], [{}, { features: ['lift'] }]), 0, [P(0), D(0)]).violations[0].code).toBe(
      'NO_COMPATIBLE_VEHICLE',
    );
  });

  it('without any lift van the trip is unserved with that reason', () => {
    expect(run(lineWorld(KM, [trip], [{}])).unserved).toEqual([
      expect.objectContaining({ reason: 'NO_COMPATIBLE_VEHICLE' }),
    ]);
  });
});

describe('locks', () => {
  it('a request locked to the second van is served by it even though both are alike', () => {
    const inst = lineWorld(
      KM,
      [
        { from: 1, to: 2, lockedVehicleIdx: 1 },
        { from: 1, to: 2 },
      ],
      [{}, {}],
    );
    const sol = run(inst);
    expect(visitsOf(sol, 1).some((v) => v.requestIdx === 0)).toBe(true);
    expect(evaluateRoute(inst, 0, [P(0), D(0)]).violations[0].code).toBe('LOCK');
  });

  it('a locked route prefix stays first and in order', () => {
    const inst = lineWorld(
      KM,
      [
        { from: 3, to: 1 },
        { from: 1, to: 2 },
        { from: 2, to: 3 },
      ],
      [{ lockedPrefix: [P(0)] }, {}],
    );
    const sol = run(inst);
    const first = visitsOf(sol, 0);
    expect(first[0]).toMatchObject({ requestIdx: 0, kind: 'pickup' });
    expect(first.some((v) => v.requestIdx === 0 && v.kind === 'delivery')).toBe(true);
    expect(sol.unserved).toEqual([]);
  });
});

describe('schedules', () => {
  it('a child is not left waiting in a parked van: the van leaves late enough', () => {
    // School at km 20 opens 1:00–1:05; the child lives at km 10.
    const inst = lineWorld(KM, [{ from: 1, to: 2, deliveryMin: [60, 65] }], [{}]);
    const route = run(inst).routes[0];
    const [pick, drop] = route.visits;
    expect(route.departureS).toBe(40 * MIN);
    expect(pick.startS).toBe(50 * MIN);
    expect(drop.startS).toBe(drop.arrivalS);
    expect(drop.startS).toBe(60 * MIN);
  });
});

describe('insertionOptions', () => {
  const inst = lineWorld(
    KM,
    [
      { from: 1, to: 2 },
      { from: 1, to: 2 },
      { from: 1, to: 2, requires: ['lift'] },
    ],
    [{}],
  );
  const planned = [{ vehicleIdx: 0, visits: [P(0), D(0)] }];

  it('offers every feasible place, cheapest (sharing the ride) first, with its times', () => {
    const { options } = insertionOptions(inst, planned, 1);
    expect(options.length).toBe(6);
    expect(options[0].addedCost).toBeCloseTo(0);
    for (let k = 1; k < options.length; k++)
      expect(options[k].addedCost).toBeGreaterThanOrEqual(options[k - 1].addedCost);
    for (const o of options) {
      expect(o.route.visits[o.pickupPos]).toMatchObject({ requestIdx: 1, kind: 'pickup', startS: o.pickupStartS });
      expect(o.route.visits[o.deliveryPos]).toMatchObject({
        requestIdx: 1,
        kind: 'delivery',
        startS: o.deliveryStartS,
      });
    }
  });

  it('says why when nothing fits', () => {
    expect(insertionOptions(inst, planned, 2)).toMatchObject({ options: [], reason: 'NO_COMPATIBLE_VEHICLE' });
  });
});

describe('solve as a library', () => {
  const many = lineWorld(
    KM,
    Array.from({ length: 12 }, (_, k) => ({
      from: 1 + (k % 5),
      to: 1 + ((k * 3 + 1) % 5),
      pickupMin: [k * 10, k * 10 + 60] as [number, number],
    })),
    [{}, {}, {}],
  );

  it('gives the same plan for the same seed and iteration budget', () => {
    expect(run(many, 5)).toEqual(run(many, 5));
  });

  it('keeps a feasible warm start when given no iterations, and plans the requests it lacks', () => {
    const initial = [
      { vehicleIdx: 2, visits: [P(0), D(0)] },
      { vehicleIdx: 0, visits: [P(1), D(1)] },
    ];
    const sol = solve(many, { seed: 1, maxIterations: 0, now: fixedClock(), initial });
    expect(visitsOf(sol, 2).some((v) => v.requestIdx === 0)).toBe(true);
    expect(visitsOf(sol, 0).some((v) => v.requestIdx === 1)).toBe(true);
    expect(sol.unserved).toEqual([]);
  });

  it('stops at once when the caller aborts, still returning a plan', () => {
    const ctl = new AbortController();
    ctl.abort();
    const sol = solve(many, { seed: 1, maxIterations: 1e9, now: fixedClock(), signal: ctl.signal });
    expect(sol.unserved).toEqual([]);
  });

  it('reports progress with a best cost that never rises', () => {
    const seen: number[] = [];
    solve(many, { seed: 2, maxIterations: 200, now: fixedClock(), onProgress: (p) => seen.push(p.bestCost) });
    expect(seen.length).toBeGreaterThan(1);
    for (let k = 1; k < seen.length; k++) expect(seen[k]).toBeLessThanOrEqual(seen[k - 1]);
  });

  it('a request whose window closes before it opens is returned unserved, blamed on its window', () => {
    const empty = lineWorld(
      KM,
      [
        { from: 1, to: 2, pickupMin: [30, 20] },
        { from: 1, to: 2 },
      ],
      [{}],
    );
    const sol = run(empty);
    expect(sol.unserved).toEqual([expect.objectContaining({ requestIdx: 0, reason: 'TIME_WINDOW' })]);
  });

  it('rejects a load with the wrong number of dimensions, naming the field', () => {
    const bad = lineWorld(KM, [{ from: 1, to: 2, load: [1, 0] }], [{}]);
    expect(() => run(bad)).toThrow(/requests\[0\]\.load/);
  });
});
