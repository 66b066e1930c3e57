import { describe, expect, it } from 'vitest';
import { toHhMm, toSeconds } from './time-of-day.ts';

describe('times of day', () => {
  it('07:40 is 27600 seconds from midnight and back', () => {
    expect(toSeconds('07:40')).toBe(27_600);
    expect(toHhMm(27_600)).toBe('07:40');
    expect(toHhMm(27_629)).toBe('07:40');
    expect(toHhMm(27_630)).toBe('07:41');
  });

  it('rejects a time that is not HH:MM, quoting it', () => {
    expect(() => toSeconds('7:40')).toThrow('expected a time of day as HH:MM, got "7:40"');
    expect(() => toSeconds('24:00')).toThrow(/"24:00"/);
  });
});
