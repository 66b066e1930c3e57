import { describe, expect, it } from 'vitest';
import { parseShifts, shiftsText, withWeekly } from './schedule-text.ts';

describe('weekly hours as text', () => {
  it('reads split shifts and night shifts, and writes them back the same', () => {
    const split = parseShifts('07:45-12:00, 13:00-16:40');
    expect(split).toEqual({
      shifts: [
        { from: '07:45', to: '12:00', overnight: false },
        { from: '13:00', to: '16:40', overnight: false },
      ],
    });
    expect(shiftsText('shifts' in split ? split.shifts : [])).toBe('07:45-12:00, 13:00-16:40');
    expect(parseShifts('22:00-06:00+')).toEqual({ shifts: [{ from: '22:00', to: '06:00', overnight: true }] });
    expect(parseShifts('')).toEqual({ shifts: [] });
  });

  it('names what is not an interval, and keeps a rota when the weekly pattern changes', () => {
    expect(parseShifts('07:45-12:00, dopo pranzo')).toEqual({ bad: 'dopo pranzo' });
    const rota = { startDate: '2026-11-30', weeks: [{}, {}] };
    const edited = withWeekly({ adult: 'Anna', receives: true, rota, exceptions: [] }, 'Anna', { mon: [] });
    expect(edited).toEqual({ adult: 'Anna', receives: true, rota, exceptions: [], weekly: { mon: [] } });
  });
});
