import { describe, expect, it } from 'vitest';
import { clock, datesOfWeek, isoWeekOf, minutesOfDay, nowInRome, weekdayOf } from './time.ts';

describe('the UI reads times and weeks as the coordinator means them', () => {
  it('takes the local time of day from an ISO time with the Rome offset', () => {
    expect(clock('2026-12-01T07:40:00+01:00')).toBe('07:40');
    expect(minutesOfDay('2026-12-01T07:40:00+01:00')).toBe(460);
  });

  it('lists Monday to Sunday of ISO week 2026-W49 (30 Nov – 6 Dec)', () => {
    const dates = datesOfWeek('2026-W49');
    expect(dates[0]).toBe('2026-11-30');
    expect(dates[6]).toBe('2026-12-06');
    expect(weekdayOf(dates[0])).toBe('mon');
  });

  it('finds the ISO week of a date across a year boundary', () => {
    expect(isoWeekOf('2026-12-01')).toBe('2026-W49');
    expect(isoWeekOf('2027-01-01')).toBe('2026-W53');
    expect(isoWeekOf('2025-12-29')).toBe('2026-W01');
  });

  it('rejects a malformed week naming the value', () => {
    expect(() => datesOfWeek('2026-49')).toThrow(/2026-49/);
  });

  it('writes the current instant with the winter Rome offset', () => {
    expect(nowInRome(new Date('2026-12-01T06:30:00Z'))).toBe('2026-12-01T07:30:00+01:00');
  });
});
