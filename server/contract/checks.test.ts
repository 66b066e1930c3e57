import { describe, expect, it } from 'vitest';
import { isCalendarDate, isCleanText, isIsoWeek, isSafeId, isSaneInstant } from './checks.ts';
import { DateSchema, IdSchema, IsoWeekSchema } from './domain.ts';
import { IsoDateTimeSchema } from './plan.ts';

describe('calendar values are checked as calendar values, not by shape', () => {
  it('dates', () => {
    expect(['2026-02-28', '2024-02-29', '2026-12-31', '1900-01-01'].filter(isCalendarDate)).toHaveLength(4);
    expect(
      ['2026-02-31', '2025-02-29', '2026-13-01', '2026-00-10', '0000-01-01', '2026-1-1', '9999-12-31'].some(
        isCalendarDate,
      ),
    ).toBe(false);
    expect(DateSchema.safeParse('2026-02-31').success).toBe(false);
  });
  it('ISO weeks', () => {
    expect(isIsoWeek('2026-W53')).toBe(true);
    expect(isIsoWeek('2020-W53')).toBe(true);
    expect(isIsoWeek('2025-W53')).toBe(false);
    expect(isIsoWeek('2026-W00')).toBe(false);
    expect(isIsoWeek('0000-W01')).toBe(false);
    expect(IsoWeekSchema.safeParse('2025-W53').success).toBe(false);
  });
  it('instants', () => {
    expect(isSaneInstant('2026-12-01T07:40:00+01:00')).toBe(true);
    expect(isSaneInstant('2026-12-01T07:40Z')).toBe(true);
    // What JavaScript's toISOString writes (milliseconds) is a date-time like any other.
    expect(IsoDateTimeSchema.safeParse('2026-12-01T06:40:00.000Z').success).toBe(true);
    for (const bad of [
      '7117-84-95T25:78:87Z',
      '2026-02-31T10:00:00Z',
      '2026-12-01T24:00:00Z',
      '2026-12-01T10:00:00+25:00',
    ])
      expect(IsoDateTimeSchema.safeParse(bad).success, bad).toBe(false);
  });
  it('ids that name a path or a prototype are refused', () => {
    for (const bad of ['..', '.', '__proto__', 'constructor', 'prototype', 'a..b']) {
      expect(isSafeId(bad), bad).toBe(false);
      expect(IdSchema.safeParse(bad).success).toBe(false);
    }
    expect(IdSchema.safeParse('hh-a.1').success).toBe(true);
  });
  it('text with NUL or a lone surrogate is not clean', () => {
    expect(isCleanText('Giulia 😀')).toBe(true);
    expect(isCleanText('a\u0000b')).toBe(false);
    expect(isCleanText('a\ud800')).toBe(false);
    expect(isCleanText('\udc00x')).toBe(false);
  });
});
