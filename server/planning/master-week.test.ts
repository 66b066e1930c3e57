import { describe, expect, it } from 'vitest';
import { dateOf, datesBusiestFirst, journeyOf, MASTER, masterTrips, withMasterWeek } from './master-week.ts';
import { tinyContext } from './testing/tiny-context.ts';

describe('master week', () => {
  it('orders the dates busiest first and puts the master week in front, on the busiest date', async () => {
    const { expanded } = await tinyContext();
    const dates = datesBusiestFirst(expanded.trips);
    const counts = dates.order.map((d) => dates.byDate.get(d)!.length);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
    const week = withMasterWeek(dates);
    expect(week.order).toEqual([MASTER, ...dates.order]);
    expect(dateOf(week, MASTER)).toBe(dates.order[0]);
    expect(withMasterWeek(week)).toBe(week);
  });

  it('has every journey once, with the windows of the first date it travels, re-dated to the busiest date', async () => {
    const { expanded } = await tinyContext();
    const dates = datesBusiestFirst(expanded.trips);
    const master = masterTrips(dates);
    const journeys = new Set(expanded.trips.map(journeyOf));
    expect(master.map(journeyOf).sort()).toEqual([...journeys].sort());
    for (const t of master) {
      expect(t.date).toBe(dates.order[0]);
      expect(t.key.startsWith(`${dates.order[0]}|`)).toBe(true);
      const first = dates.order.flatMap((d) => dates.byDate.get(d)!).find((x) => journeyOf(x) === journeyOf(t))!;
      expect(t.pickup).toEqual(first.pickup);
    }
  });

  it('a single date has no master week', async () => {
    const { expanded } = await tinyContext();
    const one = datesBusiestFirst(expanded.trips.filter((t) => t.date === '2026-12-01'));
    expect(withMasterWeek(one).order).toEqual(['2026-12-01']);
  });
});
