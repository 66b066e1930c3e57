import { describe, expect, it } from 'vitest';
import { staffRuns } from './runs.ts';
import { tinyWeek } from './testing/tiny-week.ts';

const H = 3600;

describe('drivers for the morning and afternoon runs', () => {
  it('every van gets a morning and an afternoon run, each with a driver allowed to drive it', () => {
    const { vehicles, drivers } = tinyWeek();
    const runs = staffRuns('mon', 13 * H, vehicles, drivers, { weekHours: new Map() });
    expect(runs.map((r) => `${r.vehicle.id}.${r.part}`).sort()).toEqual(['v1.am', 'v1.pm', 'v2.am', 'v2.pm']);
    for (const r of runs) {
      const d = drivers.find((x) => x.id === r.driverId)!;
      expect(d.vehicleIds.length === 0 || d.vehicleIds.includes(r.vehicle.id)).toBe(true);
    }
    // Bruna may drive only the lift van; Carla is free only in the morning.
    expect(runs.filter((r) => r.vehicle.id === 'v2').map((r) => r.driverId)).toEqual(['d2', 'd2']);
    expect(runs.find((r) => r.part === 'pm' && r.vehicle.id === 'v1')!.driverId).toBe('d1');
  });

  it("a run never starts before its driver's availability nor lasts longer than their hours allow", () => {
    const { vehicles, drivers } = tinyWeek();
    drivers[0].maxHoursPerDay = 6;
    const runs = staffRuns('mon', 13 * H, vehicles, drivers, { weekHours: new Map() });
    for (const r of runs) {
      const d = drivers.find((x) => x.id === r.driverId)!;
      expect(r.shiftEndS - r.shiftStartS).toBeGreaterThan(0);
      const both = runs.filter((x) => x.driverId === d.id).length > 1;
      expect(r.maxDurationS).toBeLessThanOrEqual(d.maxHoursPerDay * H * (both && r.part === 'am' ? 0.6 : 1));
      expect(r.shiftStartS).toBeGreaterThanOrEqual(7 * H);
    }
  });

  it('a driver who has used up the week is not staffed and their van waits for another driver', () => {
    const { vehicles, drivers } = tinyWeek();
    const runs = staffRuns('fri', 13 * H, vehicles, drivers, {
      weekHours: new Map([
        ['d1', 38],
        ['d3', 38],
      ]),
    });
    expect(runs.map((r) => r.driverId)).not.toContain('d1');
    expect(runs.filter((r) => r.vehicle.id === 'v1')).toHaveLength(0);
  });

  it('the driver of a run on the reference day keeps it when still available', () => {
    const { vehicles, drivers } = tinyWeek();
    const runs = staffRuns('tue', 13 * H, vehicles, drivers, { weekHours: new Map() }, new Map([['v1|am', 'd3']]));
    expect(runs.find((r) => r.vehicle.id === 'v1' && r.part === 'am')!.driverId).toBe('d3');
  });
});
