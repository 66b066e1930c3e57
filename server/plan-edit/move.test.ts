import { describe, expect, it } from 'vitest';
import { moveTrip } from './move.ts';
import { setLock } from './locks.ts';
import { DATE, stopIds, twoVans } from './testing/two-vans.ts';

const A = `${DATE}.vA.am`;
const B = `${DATE}.vB.am`;

describe('moving a trip by hand', () => {
  it("Bruno's outbound trip goes to van B exactly where the coordinator dropped it", () => {
    const { plan, touchedRouteIds } = moveTrip(twoVans(), {
      date: DATE,
      requestId: 'rB',
      toRouteId: B,
      pickupPos: 1,
      deliveryPos: 2,
    });
    expect(stopIds(plan, B)).toEqual([
      `${DATE}.rC.o.p`,
      `${DATE}.rB.o.p`,
      `${DATE}.rB.o.d`,
      `${DATE}.rC.o.d`,
      `${DATE}.rA.r.p`,
      `${DATE}.rA.r.d`,
    ]);
    expect(stopIds(plan, A)).toEqual([`${DATE}.rA.o.p`, `${DATE}.rA.o.d`]);
    expect(touchedRouteIds.sort()).toEqual([A, B].sort());
  });

  it('without positions the trip goes to the end of the route, delivery right after pickup', () => {
    const { plan } = moveTrip(twoVans(), { date: DATE, requestId: 'rC', toRouteId: A });
    expect(stopIds(plan, A).slice(-2)).toEqual([`${DATE}.rC.o.p`, `${DATE}.rC.o.d`]);
  });

  it('a request that travels both ways that day needs the direction', () => {
    expect(() => moveTrip(twoVans(), { date: DATE, requestId: 'rA', toRouteId: B })).toThrow(/direction/);
    const { plan } = moveTrip(twoVans(), { date: DATE, requestId: 'rA', direction: 'return', toRouteId: A });
    expect(stopIds(plan, A).slice(-2)).toEqual([`${DATE}.rA.r.p`, `${DATE}.rA.r.d`]);
  });

  it('positions outside the route or a delivery before its pickup are refused, naming the field', () => {
    expect(() => moveTrip(twoVans(), { date: DATE, requestId: 'rC', toRouteId: A, pickupPos: 9 })).toThrow(/pickupPos/);
    expect(() =>
      moveTrip(twoVans(), { date: DATE, requestId: 'rC', toRouteId: A, pickupPos: 2, deliveryPos: 1 }),
    ).toThrow(/deliveryPos/);
    expect(() => moveTrip(twoVans(), { date: DATE, requestId: 'rC', toRouteId: 'nope' })).toThrow(/toRouteId/);
    expect(() => moveTrip(twoVans(), { date: '2026-12-02', requestId: 'rC', toRouteId: A })).toThrow(/date/);
  });

  it('a locked request stays where it is', () => {
    const locked = setLock(twoVans(), DATE, 'rC', true);
    expect(() => moveTrip(locked, { date: DATE, requestId: 'rC', toRouteId: A })).toThrow(/locked/);
  });

  it("moving a route's last trips away removes the emptied route", () => {
    const first = moveTrip(twoVans(), { date: DATE, requestId: 'rB', toRouteId: B }).plan;
    const { plan } = moveTrip(first, { date: DATE, requestId: 'rA', direction: 'outbound', toRouteId: B });
    expect(plan.days[0].routes.map((r) => r.id)).toEqual([B]);
  });
});
