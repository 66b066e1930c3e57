import { describe, expect, it } from 'vitest';
import { addDays, fromIsoRome, isoWeekDates, isoWeekOf, toIsoRome, weekdayOf } from './calendar.ts';

describe('ISO weeks and dates', () => {
  it('the demo week 2026-W49 runs from Monday 30 November to Sunday 6 December', () => {
    expect(isoWeekDates('2026-W49')).toEqual([
      '2026-11-30',
      '2026-12-01',
      '2026-12-02',
      '2026-12-03',
      '2026-12-04',
      '2026-12-05',
      '2026-12-06',
    ]);
  });

  it('week 1 may start in the previous year and week 53 exists only in long years', () => {
    expect(isoWeekDates('2026-W01')[0]).toBe('2025-12-29');
    expect(isoWeekDates('2020-W53')[6]).toBe('2021-01-03');
    expect(() => isoWeekDates('2027-W53')).toThrow(/2027-W53 does not exist/);
    expect(() => isoWeekDates('2026-49')).toThrow(/YYYY-Www.*"2026-49"/);
  });

  it('every date of a week maps back to that week and to its weekday', () => {
    for (const week of ['2026-W01', '2026-W13', '2026-W49', '2027-W52', '2020-W53']) {
      const dates = isoWeekDates(week);
      expect(dates.map(isoWeekOf)).toEqual(Array(7).fill(week));
      expect(dates.map(weekdayOf)).toEqual(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']);
    }
  });

  it('adds days across month and year ends and rejects impossible dates', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-03-01', -1)).toBe('2028-02-29');
    expect(() => weekdayOf('2026-02-30')).toThrow(/"2026-02-30" is not a calendar date/);
  });
});

describe('Europe/Rome times', () => {
  it('a December pickup at 07:40 is written with the winter offset', () => {
    expect(toIsoRome('2026-12-01', 7 * 3600 + 40 * 60)).toBe('2026-12-01T07:40:00+01:00');
  });

  it('a July pickup is written with the summer offset', () => {
    expect(toIsoRome('2026-07-15', 8 * 3600)).toBe('2026-07-15T08:00:00+02:00');
  });

  it('the offset changes on the DST Sundays of 2026 (29 March, 25 October)', () => {
    expect(toIsoRome('2026-03-29', 3600)).toBe('2026-03-29T01:00:00+01:00');
    expect(toIsoRome('2026-03-29', 4 * 3600)).toBe('2026-03-29T04:00:00+02:00');
    expect(toIsoRome('2026-10-25', 3600)).toBe('2026-10-25T01:00:00+02:00');
    expect(toIsoRome('2026-10-25', 4 * 3600)).toBe('2026-10-25T04:00:00+01:00');
    expect(toIsoRome('2026-10-25', 2.5 * 3600)).toBe('2026-10-25T02:30:00+02:00');
  });

  it('seconds past midnight roll into the next day', () => {
    expect(toIsoRome('2026-12-31', 86_400 + 600)).toBe('2027-01-01T00:10:00+01:00');
  });

  it('reads ISO times back into the local date and seconds from midnight, whatever offset they carry', () => {
    expect(fromIsoRome('2026-12-01T07:40:00+01:00')).toEqual({ date: '2026-12-01', secondsOfDay: 27_600 });
    expect(fromIsoRome('2026-12-01T06:40:00Z')).toEqual({ date: '2026-12-01', secondsOfDay: 27_600 });
    expect(fromIsoRome('2026-07-15T08:00:00+02:00')).toEqual({ date: '2026-07-15', secondsOfDay: 28_800 });
  });
});
