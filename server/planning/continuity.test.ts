import { describe, expect, it } from 'vitest';
import type { Plan, PlanRoute } from '../contract/plan.ts';
import { continuityReport } from './continuity.ts';
import { planMoves } from './moves.ts';

/** A plan where each route has pickups only (windows 06:30–09:00 unless given), enough for continuity and moves. */
function planOf(
  days: Record<string, Array<{ vehicle: string; driver: string; pickups: Array<[string, string, string?, string?]> }>>,
): Plan {
  return {
    id: 'p',
    week: '2026-W49',
    version: 1,
    status: 'published',
    provider: 'estimate',
    createdAt: '2026-11-23T10:00:00+01:00',
    unserved: [],
    summary: {
      vehicles: 0,
      km: 0,
      drivingHours: 0,
      meanRideMin: 0,
      maxRideMin: 0,
      stopsWithinWindowPct: 100,
      householdsRespectedPct: 100,
      tripsServed: 0,
      tripsUnserved: 0,
      continuity: { sameVehiclePct: 0, pickupSpreadWithin10MinPct: 0 },
    },
    days: Object.entries(days).map(([date, routes]) => ({
      date,
      routes: routes.map(
        (r): PlanRoute => ({
          id: `${date}.${r.vehicle}.am`,
          vehicleId: r.vehicle,
          driverId: r.driver,
          departure: `${date}T07:00:00+01:00`,
          return: `${date}T09:00:00+01:00`,
          distanceM: 0,
          durationS: 0,
          stops: r.pickups.map(([who, hhmm, from = '06:30', to = '09:00']) => {
            const at = `${date}T${hhmm}:00+01:00`;
            const p = {
              passengerId: who,
              requestId: `r-${who}`,
              name: who,
              mobility: 'walks' as const,
              needsEscort: false,
              direction: 'outbound' as const,
            };
            return {
              id: `${date}.${who}`,
              kind: 'pickup' as const,
              requestId: `r-${who}`,
              label: 'home',
              lat: 45.6,
              lon: 8.9,
              arrival: at,
              start: at,
              departure: at,
              window: { from: `${date}T${from}:00+01:00`, to: `${date}T${to}:00+01:00` },
              boards: [p],
              alights: [],
              locked: false,
            };
          }),
        }),
      ),
    })),
  };
}

describe('continuity and moves', () => {
  const week = planOf({
    '2026-11-30': [
      {
        vehicle: 'v1',
        driver: 'd1',
        pickups: [
          ['anna', '07:10'],
          ['bruno', '07:20'],
        ],
      },
      { vehicle: 'v2', driver: 'd2', pickups: [['carlo', '07:30']] },
    ],
    '2026-12-01': [
      {
        vehicle: 'v1',
        driver: 'd1',
        pickups: [
          ['anna', '07:18'],
          ['bruno', '07:21'],
        ],
      },
      { vehicle: 'v2', driver: 'd3', pickups: [['carlo', '07:55']] },
    ],
    '2026-12-02': [
      {
        vehicle: 'v2',
        driver: 'd2',
        pickups: [
          ['bruno', '07:22'],
          ['dora', '07:40'],
          ['emma', '08:40', '08:30', '09:00'],
        ],
      },
    ],
    '2026-12-04': [{ vehicle: 'v2', driver: 'd2', pickups: [['emma', '13:10', '13:00', '13:30']] }],
  });

  it('a passenger whose van changes, or whose pickup drifts by more than 10 minutes, is not counted as stable', () => {
    const c = continuityReport(week);
    const by = Object.fromEntries(c.passengers.map((p) => [p.passengerId, p]));
    expect(by.anna).toMatchObject({ days: 2, sameVehicle: true, sameDriver: true, pickupSpreadMin: 8 });
    expect(by.bruno).toMatchObject({ days: 3, sameVehicle: false, pickupSpreadMin: 2 });
    expect(by.carlo).toMatchObject({ sameVehicle: true, sameDriver: false, pickupSpreadMin: 25 });
    expect(c.multiDayPassengers).toBe(4); // dora travels one day only
    expect(c.sameVehiclePct).toBe(75);
    expect(c.oneTimePassengers).toBe(3);
    expect(c.pickupSpreadWithin10MinPct).toBe(66.7);
    expect(c.stablePct).toBe(33.3);
  });

  it('a passenger whose windows differ by weekday keeps the van but is not held to one time', () => {
    const emma = continuityReport(week).passengers.find((p) => p.passengerId === 'emma')!;
    expect(emma).toMatchObject({ days: 2, sameVehicle: true, oneTimePossible: false, pickupSpreadMin: 270 });
  });

  it('the coordinator sees who would be moved and by how much, largest first', () => {
    const after = planOf({
      '2026-11-30': [
        {
          vehicle: 'v1',
          driver: 'd1',
          pickups: [
            ['anna', '07:25'],
            ['bruno', '07:20'],
          ],
        },
        { vehicle: 'v1', driver: 'd1', pickups: [['carlo', '07:32']] },
      ],
      '2026-12-01': [
        { vehicle: 'v1', driver: 'd1', pickups: [['anna', '07:18']] },
        { vehicle: 'v2', driver: 'd3', pickups: [['carlo', '07:55']] },
      ],
      '2026-12-02': [
        {
          vehicle: 'v2',
          driver: 'd2',
          pickups: [
            ['bruno', '07:22'],
            ['dora', '07:40'],
            ['emma', '08:40', '08:30', '09:00'],
          ],
        },
      ],
      '2026-12-04': [{ vehicle: 'v2', driver: 'd2', pickups: [['emma', '13:10', '13:00', '13:30']] }],
    });
    const m = planMoves(week, after);
    expect(m.moves.map((x) => `${x.passengerId} ${x.date} ${x.kind} ${x.shiftMin}`)).toEqual([
      'anna 2026-11-30 moved 15',
      'carlo 2026-11-30 vehicle-changed 2',
      'bruno 2026-12-01 no-longer-served 0',
    ]);
    expect(m.passengersMoved).toBe(3);
    expect(m.maxShiftMin).toBe(15);
  });
});
