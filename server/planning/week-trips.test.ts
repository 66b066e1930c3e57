import { describe, expect, it } from 'vitest';
import { estimateDirectS } from '../windows/estimate-direct.ts';
import { tinyWeek } from './testing/tiny-week.ts';
import { expandTrips } from './week-trips.ts';

const direct = estimateDirectS;

describe('the week of trips a coordinator plans', () => {
  it('a request for Monday, Wednesday and Friday travels only on those dates, both ways', () => {
    const { trips } = expandTrips(tinyWeek(), '2026-W49', direct);
    const marco = trips.filter((t) => t.passenger.id === 'p2');
    expect(new Set(marco.map((t) => t.date))).toEqual(new Set(['2026-11-30', '2026-12-02', '2026-12-04']));
    expect(marco.filter((t) => t.direction === 'outbound')).toHaveLength(3);
    expect(marco.filter((t) => t.direction === 'return')).toHaveLength(3);
  });

  it('an absence removes that date and nothing else', () => {
    const week = tinyWeek();
    week.requests[0].exceptions = ['2026-12-01'];
    const giulia = expandTrips(week, '2026-W49', direct).trips.filter((t) => t.passenger.id === 'p1');
    expect(giulia.map((t) => t.date)).not.toContain('2026-12-01');
    expect(new Set(giulia.map((t) => t.date)).size).toBe(4);
  });

  it('a child is collected before the adult leaves for work and brought home after they are back', () => {
    const { trips } = expandTrips(tinyWeek(), '2026-W49', direct);
    const out = trips.find((t) => t.passenger.id === 'p1' && t.direction === 'outbound')!;
    const back = trips.find((t) => t.passenger.id === 'p1' && t.direction === 'return')!;
    expect(out.pickup.latestS).toBeLessThanOrEqual(8 * 3600 + 15 * 60);
    expect(back.delivery.earliestS).toBeGreaterThanOrEqual(16 * 3600 + 30 * 60);
  });

  it('a trip whose work hours cannot be met is reported with its reason, never dropped', () => {
    const { trips, infeasible } = expandTrips(tinyWeek(), '2026-W49', direct);
    const luisa = infeasible.filter((x) => x.passengerId === 'p5');
    expect(luisa.map((x) => `${x.date} ${x.direction} ${x.reason}`)).toEqual([
      '2026-12-01 outbound OUTBOUND_AFTER_ADULT_LEAVES',
      '2026-12-03 outbound OUTBOUND_AFTER_ADULT_LEAVES',
    ]);
    expect(luisa[0].message).toMatch(/07:30/);
    expect(trips.filter((t) => t.passenger.id === 'p5' && t.direction === 'return')).toHaveLength(2);
  });
});
