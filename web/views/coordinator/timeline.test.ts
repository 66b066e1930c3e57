import { describe, expect, it } from 'vitest';
import type { PlanRoute, PlanStop } from '../../../server/contract/plan.ts';
import { assignLanes, dropPosition, runAt } from './timeline.ts';

const at = (hhmm: string) => `2026-11-30T${hhmm}:00+01:00`;
const stop = (id: string, requestId: string, time: string): PlanStop => ({
  id,
  kind: 'pickup',
  requestId,
  label: id,
  lat: 45.6,
  lon: 8.8,
  arrival: at(time),
  start: at(time),
  departure: at(time),
  window: { from: at(time), to: at(time) },
  boards: [],
  alights: [],
  locked: false,
});
const route = (id: string, from: string, to: string, stops: PlanStop[]): PlanRoute => ({
  id,
  vehicleId: 'v1',
  driverId: null,
  departure: at(from),
  return: at(to),
  distanceM: 0,
  durationS: 0,
  stops,
});

describe('dropping a stop on the timeline says where it goes', () => {
  const am = route('am', '07:00', '09:00', [
    stop('a', 'r1', '07:10'),
    stop('b', 'r2', '07:30'),
    stop('c', 'r3', '08:00'),
  ]);
  const pm = route('pm', '15:30', '17:30', [stop('d', 'r4', '16:00')]);

  it('counts the stops that start before the drop time, ignoring the moved request itself', () => {
    expect(dropPosition(am, 7 * 60 + 40, 'rX')).toBe(2);
    expect(dropPosition(am, 7 * 60 + 40, 'r1')).toBe(1);
    expect(dropPosition(am, 6 * 60, 'rX')).toBe(0);
  });

  it('picks the morning run for a drop at 8:30 and the afternoon run for one at 14:00', () => {
    expect(runAt([am, pm], 8 * 60 + 30)?.id).toBe('am');
    expect(runAt([am, pm], 14 * 60)?.id).toBe('pm');
  });
});

describe('stops close in time do not hide each other on the timeline', () => {
  it('puts a stop that starts before the previous block ends into the next lane', () => {
    expect(
      assignLanes([
        { from: 420, to: 421 },
        { from: 423, to: 424 },
        { from: 428, to: 429 },
        { from: 429, to: 430 },
      ]),
    ).toEqual([0, 1, 0, 2]);
  });
});
