import { describe, expect, it } from 'vitest';
import { removePassenger } from './remove-passenger.ts';
import { DATE, stopIds, twoVans } from './testing/two-vans.ts';

describe('an absence applied to a plan', () => {
  it("removes Anna's four stops that day, keeps everyone else's stops and times", () => {
    const before = twoVans();
    const { plan, removed } = removePassenger(before, 'anna', DATE);
    expect(removed).toBe(4);
    expect(stopIds(plan, `${DATE}.vA.am`)).toEqual([`${DATE}.rB.o.p`, `${DATE}.rB.o.d`]);
    expect(stopIds(plan, `${DATE}.vB.am`)).toEqual([`${DATE}.rC.o.p`, `${DATE}.rC.o.d`]);
    expect(plan.days[0].routes[0].stops[0].start).toBe(before.days[0].routes[0].stops[1].start);
  });

  it('another date or another passenger changes nothing', () => {
    expect(removePassenger(twoVans(), 'anna', '2026-12-02').removed).toBe(0);
    expect(removePassenger(twoVans(), 'nobody', DATE).plan).toEqual(twoVans());
  });
});
