import { describe, expect, it } from 'vitest';
import type { PlanRoute } from '../contract/plan.ts';
import type { DayResult } from './day-result.ts';
import { mergeReference, WeekReference } from './week-reference.ts';

const route = (id: string, vehicleId: string, driverId: string, pickups: Array<[string, string]>): PlanRoute =>
  ({
    id,
    vehicleId,
    driverId,
    departure: '2026-11-30T07:00:00+01:00',
    stops: pickups.map(([passengerId, start]) => ({
      kind: 'pickup',
      start,
      boards: [{ passengerId, requestId: `r-${passengerId}`, direction: 'outbound' }],
      alights: [],
    })),
  }) as unknown as PlanRoute;
const day = (routes: PlanRoute[]): DayResult => ({
  date: '2026-11-30',
  routes,
  unserved: [],
  driverSeconds: new Map(),
});

describe('week reference', () => {
  it('keeps the first place of each journey, its tolerance, and the first driver of each run', () => {
    const ref = new WeekReference(300);
    ref.learn(day([route('2026-11-30.v1.am', 'v1', 'd1', [['p1', '2026-11-30T07:40:00+01:00']])]));
    ref.learn(
      day([
        route('2026-12-01.v2.am', 'v2', 'd2', [
          ['p1', '2026-12-01T08:00:00+01:00'],
          ['p2', '2026-12-01T08:10:00+01:00'],
        ]),
        route('2026-12-01.v1.am', 'v1', 'd9', []),
      ]),
    );
    expect(ref.anchors.get('p1|r-p1|outbound')).toEqual({
      vehicleId: 'v1',
      part: 'am',
      pickupS: 7 * 3600 + 2400,
      toleranceS: 300,
    });
    expect(ref.anchors.get('p2|r-p2|outbound')?.vehicleId).toBe('v2');
    expect(ref.preferredDrivers.get('v1|am')).toBe('d1');
    expect(ref.preferredDrivers.get('v2|am')).toBe('d2');
    const trip = { key: '2026-12-02|r-p1|outbound', passenger: { id: 'p1' }, requestId: 'r-p1', direction: 'outbound' };
    expect(ref.anchorsFor([trip as never]).get(trip.key)?.pickupS).toBe(7 * 3600 + 2400);
    // The warm start: the first entry's routes, plus later runs it did not have.
    expect(ref.routes.map((r) => r.id)).toEqual(['2026-11-30.v1.am', '2026-12-01.v2.am']);
  });

  it('merges only runs the reference lacks (same vehicle and part, any date)', () => {
    const a = route('2026-11-30.v1.am', 'v1', 'd1', []);
    const b = route('2026-12-01.v1.am', 'v1', 'd1', []);
    const c = route('2026-12-01.v1.pm', 'v1', 'd1', []);
    expect(mergeReference([a], [b, c]).map((r) => r.id)).toEqual([a.id, c.id]);
  });
});
