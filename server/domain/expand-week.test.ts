import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ScenarioSchema } from '../contract/domain.ts';
import { toHhMm } from '../windows/time-of-day.ts';
import { toIsoRome } from './calendar.ts';
import { expandWeek } from './expand-week.ts';

const tiny = ScenarioSchema.parse(
  JSON.parse(readFileSync(new URL('../../fixtures/scenarios/tiny-week.json', import.meta.url), 'utf8')),
);

describe('expanding standing requests into the trips of one week', () => {
  const week = expandWeek(tiny, '2026-W49');

  it('the tiny week gives 19 trips, 3 unservable returns and 5 cancelled trips', () => {
    // r-1 Luca school Mon–Thu both ways (Fri school closed) = 8; r-2 Marta CDD Mon/Wed/Fri outbound = 3;
    // r-3 Nino CDD from Wed, absent Thu → Wed + Fri both ways = 4; r-4 Lia school Mon–Thu outbound only = 4.
    expect(week.dates).toEqual([
      '2026-11-30',
      '2026-12-01',
      '2026-12-02',
      '2026-12-03',
      '2026-12-04',
      '2026-12-05',
      '2026-12-06',
    ]);
    const count = (id: string) => week.trips.filter((t) => t.requestId === id).length;
    expect([count('r-1'), count('r-2'), count('r-3'), count('r-4')]).toEqual([8, 3, 4, 4]);
    expect(week.trips).toHaveLength(19);
    expect(week.unservable.map((u) => [u.requestId, u.date, u.direction, u.reason])).toEqual([
      ['r-2', '2026-11-30', 'return', 'RETURN_BEFORE_ADULT_BACK'],
      ['r-2', '2026-12-02', 'return', 'RETURN_BEFORE_ADULT_BACK'],
      ['r-2', '2026-12-04', 'return', 'RETURN_BEFORE_ADULT_BACK'],
    ]);
    expect(week.unservable[0].fix).toMatch(/another adult/);
    expect(week.cancelled.map((c) => [c.requestId, c.date, c.direction, c.why])).toEqual([
      ['r-3', '2026-12-03', 'outbound', 'absence'],
      ['r-3', '2026-12-03', 'return', 'absence'],
      ['r-1', '2026-12-04', 'outbound', 'service_closed'],
      ['r-1', '2026-12-04', 'return', 'service_closed'],
      ['r-4', '2026-12-04', 'outbound', 'service_closed'],
    ]);
  });

  it('Luca is collected from home before his mother leaves at 07:50 and brought home after she is back at 17:00', () => {
    const out = week.trips.find((t) => t.id === 'r-1:2026-12-01:outbound')!;
    const back = week.trips.find((t) => t.id === 'r-1:2026-12-01:return')!;
    expect(out.from.label).toMatch(/Castellanza/);
    expect(out.to).toEqual(tiny.services[0].place);
    expect(out.pickup.toS + out.boardingS).toBeLessThanOrEqual(7 * 3600 + 40 * 60);
    expect(back.delivery.fromS).toBeGreaterThanOrEqual(17 * 3600 + 10 * 60);
    expect(back.from).toEqual(tiny.services[0].place);
    expect(toIsoRome(out.date, out.pickup.toS)).toMatch(/^2026-12-01T07:3\d:00\+01:00$/);
    expect(toHhMm(back.pickup.fromS) >= '16:15').toBe(true);
  });

  it('a wheelchair user with an escort takes a wheelchair place and a seat and needs a lift; a child seat is asked for', () => {
    const marta = week.trips.find((t) => t.passengerId === 'p-2')!;
    expect(marta.load).toEqual({ seats: 1, wheelchairs: 1 });
    expect(marta.requires).toEqual(['lift']);
    const lia = week.trips.find((t) => t.passengerId === 'p-4')!;
    expect(lia.load).toEqual({ seats: 1, wheelchairs: 0 });
    expect(lia.requires).toEqual(['child_seat']);
  });

  it('uses the travel times it is given instead of the estimate', () => {
    const slow = expandWeek(tiny, '2026-W49', { directS: () => 25 * 60 });
    const luca = slow.trips.find((t) => t.id === 'r-1:2026-11-30:outbound')!;
    expect(luca.directS).toBe(1500);
    expect(luca.maxRideS).toBe(45 * 60);
    // maxRide = max(37.5, 45) = 45 min: collected from 07:30 − 45 − 2 = 06:43, still by 07:38
    expect(toHhMm(luca.pickup.fromS)).toBe('06:43');
    expect(toHhMm(luca.pickup.toS)).toBe('07:38');
  });

  it("a week outside the requests' validity has no trips for them", () => {
    const summer = expandWeek(tiny, '2027-W30');
    expect(summer.trips.every((t) => t.requestId === 'r-3')).toBe(true);
    expect(summer.trips.length).toBe(10);
  });

  it('a promised pickup is kept on the trip and marked as promised', () => {
    const promised = structuredClone(tiny);
    promised.requests[0].promised = { tue: { pickup: { from: '07:25', to: '07:35' } } };
    const trip = expandWeek(promised, '2026-W49').trips.find((t) => t.id === 'r-1:2026-12-01:outbound')!;
    expect([toHhMm(trip.pickup.fromS), toHhMm(trip.pickup.toS), trip.promised]).toEqual(['07:25', '07:35', true]);
  });
});
