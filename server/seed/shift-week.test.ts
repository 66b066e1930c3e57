import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ScenarioSchema } from '../contract/domain.ts';
import { weekdayOf } from '../domain/calendar.ts';
import { DEMO_WEEK_PATH } from './demo.ts';
import { comingWeek, scenarioForWeek, weeksBetweenInDays } from './shift-week.ts';

const demo = ScenarioSchema.parse(JSON.parse(readFileSync(DEMO_WEEK_PATH, 'utf8')));

describe('the demo week moved to another week', () => {
  it('the coming week is the ISO week after today in Rome, across year ends', () => {
    expect(comingWeek(new Date('2026-12-04T12:00:00Z'))).toBe('2026-W50');
    expect(comingWeek(new Date('2026-12-27T12:00:00Z'))).toBe('2026-W53'); // 2026 has 53 ISO weeks
    expect(comingWeek(new Date('2027-01-03T12:00:00Z'))).toBe('2027-W01');
    // Sunday 23:30 UTC is already Monday in Rome.
    expect(comingWeek(new Date('2027-03-07T23:30:00Z'))).toBe('2027-W11');
    expect(comingWeek(new Date('2020-12-25T12:00:00Z'))).toBe('2020-W53');
  });

  it('moves every date by whole weeks: weekdays, closures and absences keep their place', () => {
    const moved = scenarioForWeek(demo, '2027-W48');
    expect(moved.week).toBe('2027-W48');
    const days = weeksBetweenInDays('2026-W49', '2027-W48');
    expect(days).toBe(52 * 7); // 2026 has 53 ISO weeks
    const dates = (s: typeof demo) => JSON.stringify(s).match(/\d{4}-\d{2}-\d{2}/g) ?? [];
    const before = dates(demo);
    const after = dates(moved);
    expect(after).toHaveLength(before.length);
    expect(after.some((d) => d.startsWith('2026-'))).toBe(false);
    expect(after.map(weekdayOf)).toEqual(before.map(weekdayOf));
    expect(ScenarioSchema.parse(moved)).toEqual(moved);
    // The file's week is unchanged when asked for its own week.
    expect(scenarioForWeek(demo, demo.week)).toBe(demo);
  });
});
