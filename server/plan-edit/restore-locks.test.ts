import { describe, expect, it } from 'vitest';
import { setLock } from './locks.ts';
import { moveTrip } from './move.ts';
import { restoreLocks } from './restore-locks.ts';
import { DATE, stopIds, twoVans } from './testing/two-vans.ts';

const A = `${DATE}.vA.am`;
const B = `${DATE}.vB.am`;

describe('re-optimising keeps locked requests on their vehicle and in their order', () => {
  it('a locked trip the optimiser moved to the other van is put back, by time, and both vans are re-timed', () => {
    const base = setLock(twoVans(), DATE, 'rB', true);
    const optimised = moveTrip(twoVans(), { date: DATE, requestId: 'rB', toRouteId: B, pickupPos: 0 }).plan;
    const { plan, touched } = restoreLocks(optimised, base);
    expect(stopIds(plan, A)).toEqual([`${DATE}.rA.o.p`, `${DATE}.rB.o.p`, `${DATE}.rA.o.d`, `${DATE}.rB.o.d`]);
    expect(stopIds(plan, B)).not.toContain(`${DATE}.rB.o.p`);
    expect([...touched.get(DATE)!].sort()).toEqual([A, B].sort());
  });

  it('a route the optimiser dropped comes back with its locked stops', () => {
    const base = setLock(twoVans(), DATE, 'rC', true);
    const optimised = moveTrip(twoVans(), { date: DATE, requestId: 'rC', toRouteId: A }).plan;
    const withoutB = {
      ...optimised,
      days: [{ ...optimised.days[0], routes: optimised.days[0].routes.filter((r) => r.id !== B) }],
    };
    const { plan } = restoreLocks(withoutB, base);
    expect(stopIds(plan, B)).toEqual([`${DATE}.rC.o.p`, `${DATE}.rC.o.d`]);
  });

  it('when every lock was kept nothing is touched', () => {
    const base = setLock(twoVans(), DATE, 'rC', true);
    const { plan, touched } = restoreLocks(base, base);
    expect(touched.size).toBe(0);
    expect(plan).toEqual(base);
  });
});
