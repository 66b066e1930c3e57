import { describe, expect, it } from 'vitest';
import { isRich, scheduleWith, storedPair } from './stored-hours.ts';

const legacy = {
  adults: [{ name: 'Anna', phone: '' }],
  workHours: { mon: { leaves: '07:50', back: '17:00' }, tue: { leaves: '08:00', back: '16:00' } },
};

describe('slot form hours from the stored schedules', () => {
  it('reads the stored pair from work hours or a simple schedule', () => {
    expect(storedPair(legacy, ['tue', 'mon'])).toEqual({ leaves: '08:00', back: '16:00' });
    const simple = { ...legacy, schedules: scheduleWith(legacy, ['mon'], '07:30', '17:30') };
    expect(storedPair(simple, ['mon'])).toEqual({ leaves: '07:30', back: '17:30' });
    expect(storedPair(simple, ['tue'])).toEqual({ leaves: '08:00', back: '16:00' });
    expect(isRich(simple)).toBe(false);
  });

  it('never overwrites a split shift, a night shift, a rota or two adults', () => {
    const split = {
      ...legacy,
      schedules: [
        {
          adult: 'Anna',
          receives: true,
          weekly: {
            mon: [
              { from: '07:45', to: '12:00', overnight: false },
              { from: '13:00', to: '16:40', overnight: false },
            ],
          },
          exceptions: [],
        },
      ],
    };
    expect(isRich(split)).toBe(true);
    expect(isRich({ ...legacy, schedules: [...split.schedules, ...split.schedules] })).toBe(true);
    expect(isRich(legacy)).toBe(false);
  });
});
