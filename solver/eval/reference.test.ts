import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { DarpInstance, PlannedRoute, VisitRef } from '../model/instance.ts';
import { evaluateRoute } from '../evaluate-route.ts';
import { insertionOptions } from '../insertion-options.ts';
import { referenceFeasible } from './reference.ts';

/** Small random instances on an integer grid (Manhattan travel), so borders are exact. */
const instanceArb = fc
  .record({
    n: fc.integer({ min: 2, max: 4 }),
    seed: fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 60, maxLength: 60 }),
  })
  .map(({ n, seed }): DarpInstance => {
    let k = 0;
    const next = (lo: number, hi: number): number => lo + (seed[k++ % seed.length] % (hi - lo + 1));
    const pts = Array.from({ length: 2 * n + 1 }, () => [next(0, 8), next(0, 8)]);
    const size = pts.length;
    const f = next(1, 4); // looseness: from tight to roomy, so both verdicts are common
    const durationS = new Float64Array(size * size);
    for (let a = 0; a < size; a++)
      for (let b = 0; b < size; b++)
        durationS[a * size + b] = Math.abs(pts[a][0] - pts[b][0]) + Math.abs(pts[a][1] - pts[b][1]);
    const requests = Array.from({ length: n }, (_, r) => {
      const e1 = next(0, 60);
      const e2 = next(0, 90);
      return {
        id: `r${r}`,
        pickup: { loc: 1 + 2 * r, earliestS: e1, latestS: e1 + f * next(0, 50), serviceS: next(0, 2) },
        delivery: { loc: 2 + 2 * r, earliestS: e2, latestS: e2 + f * next(10, 70), serviceS: next(0, 2) },
        load: [next(1, 2), next(0, 1)],
        maxRideS: f * next(8, 40),
        requires: [],
      };
    });
    return {
      name: 'random',
      dims: ['seats', 'wheelchairs'],
      matrix: { size, durationS, distanceM: durationS },
      requests,
      vehicles: [
        {
          id: 'v0',
          capacity: [next(2, 4), 1],
          features: [],
          startLoc: 0,
          endLoc: 0,
          shiftStartS: 0,
          shiftEndS: f * next(120, 220),
          maxDurationS: f * next(80, 240),
          fixedCost: 0,
          costPerS: 0,
          costPerM: 1,
        },
      ],
      objective: {
        unservedPenalty: 1e6,
        vehicleCost: 0,
        travel: 1,
        excessRidePerS: 0,
        waitAboardPerS: 0,
        vehicleChangePenalty: 0,
        timeDeviationPerS: 0,
      },
    };
  });

/** A random order of the requests' visits; pickups first unless `shuffleAll`. */
function orderArb(inst: DarpInstance, shuffleAll: boolean): fc.Arbitrary<VisitRef[]> {
  const n = inst.requests.length;
  return fc.array(fc.integer({ min: 0, max: 1e6 }), { minLength: 2 * n, maxLength: 2 * n }).map((keys) => {
    const visits: Array<VisitRef & { key: number }> = [];
    for (let r = 0; r < n; r++) {
      // Half the orders roughly follow the windows, so feasible orders are common too.
      const byTime = keys[0] % 2 === 0;
      const a = byTime ? inst.requests[r].pickup.earliestS * 1e4 + keys[2 * r] * 0.3 : keys[2 * r];
      const b = byTime ? inst.requests[r].delivery.earliestS * 1e4 + keys[2 * r + 1] * 0.3 : keys[2 * r + 1];
      const [p, d] = shuffleAll || a <= b ? [a, b] : [b, a];
      visits.push({ requestIdx: r, kind: 'pickup', key: p }, { requestIdx: r, kind: 'delivery', key: d });
    }
    return visits
      .sort((x, y) => x.key - y.key || (x.kind === 'pickup' ? -1 : 1))
      .map(({ requestIdx, kind }) => ({ requestIdx, kind }));
  });
}

/** Independent check that a returned schedule keeps every rule of the raw instance. */
function scheduleKeepsRules(inst: DarpInstance, route: PlannedRoute): boolean {
  const veh = inst.vehicles[route.vehicleIdx];
  const t = (a: number, b: number): number => inst.matrix.durationS[a * inst.matrix.size + b];
  let prevLoc = veh.startLoc;
  let prevDeparture = route.departureS;
  const pickedAt = new Map<number, number>();
  for (const v of route.visits) {
    const req = inst.requests[v.requestIdx];
    const spec = v.kind === 'pickup' ? req.pickup : req.delivery;
    if (v.startS < spec.earliestS - 1e-6 || v.startS > spec.latestS + 1e-6) return false;
    if (v.startS < prevDeparture + t(prevLoc, spec.loc) - 1e-6) return false;
    if (v.kind === 'pickup') pickedAt.set(v.requestIdx, v.startS + spec.serviceS);
    else if (v.startS - pickedAt.get(v.requestIdx)! > req.maxRideS + 1e-6) return false;
    prevLoc = spec.loc;
    prevDeparture = v.startS + spec.serviceS;
  }
  const back = prevDeparture + t(prevLoc, veh.endLoc);
  return (
    back <= route.returnS + 1e-6 &&
    route.returnS - route.departureS <= veh.maxDurationS + 1e-6 &&
    route.departureS >= veh.shiftStartS - 1e-6 &&
    route.returnS <= veh.shiftEndS + 1e-6
  );
}

describe('the fast route evaluation agrees with the slow reference', () => {
  it('says feasible exactly when the constraint-graph reference does, on random orders', () => {
    fc.assert(
      fc.property(
        instanceArb.chain((inst) =>
          fc.tuple(
            fc.constant(inst),
            fc.boolean().chain((all) => orderArb(inst, all)),
          ),
        ),
        ([inst, visits]) => {
          const fast = evaluateRoute(inst, 0, visits);
          expect(fast.feasible).toBe(referenceFeasible(inst, 0, visits));
          if (fast.feasible) expect(scheduleKeepsRules(inst, fast.route)).toBe(true);
          else expect(fast.violations.length).toBeGreaterThan(0);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('offers every feasible insertion position and no infeasible one', () => {
    fc.assert(
      fc.property(
        instanceArb.chain((inst) => fc.tuple(fc.constant(inst), orderArb(inst, false))),
        ([inst, order]) => {
          const r = inst.requests.length - 1;
          const base = order.filter((v) => v.requestIdx !== r);
          if (!referenceFeasible(inst, 0, base)) return;
          const expected: string[] = [];
          for (let i = 0; i <= base.length; i++) {
            for (let j = i; j <= base.length; j++) {
              const visits = [...base];
              visits.splice(j, 0, { requestIdx: r, kind: 'delivery' });
              visits.splice(i, 0, { requestIdx: r, kind: 'pickup' });
              if (referenceFeasible(inst, 0, visits)) expected.push(`${i}/${j + 1}`);
            }
          }
          const got = insertionOptions(inst, [{ vehicleIdx: 0, visits: base }], r).options;
          expect(got.map((o) => `${o.pickupPos}/${o.deliveryPos}`).sort()).toEqual(expected.sort());
          for (const o of got) expect(scheduleKeepsRules(inst, o.route)).toBe(true);
        },
      ),
      { numRuns: 400 },
    );
  });
});
