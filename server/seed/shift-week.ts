/**
 * Keeps the demo week from going stale: the scenario file holds one fixed ISO week, and these
 * helpers move every date in it by whole weeks to another week (weekdays, closures, absences and
 * validity ranges keep their place in the week). `comingWeek` is the week a newcomer plans: the
 * ISO week after today's in Europe/Rome, the same week the web client opens on.
 */
import { romeToday } from '../contract/calendar.ts';
import type { Scenario } from '../contract/domain.ts';
import { addDays, isoWeekDates, isoWeekOf } from '../domain/calendar.ts';

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^(\d{4}-\d{2}-\d{2})(T.*)$/;

/** The ISO week after the one holding `now` (Europe/Rome). */
export function comingWeek(now: Date): string {
  return isoWeekOf(addDays(romeToday(now), 7));
}

/** Days from the Monday of `from` to the Monday of `to` (a multiple of 7). */
export function weeksBetweenInDays(from: string, to: string): number {
  const a = Date.parse(`${isoWeekDates(from)[0]}T00:00:00Z`);
  const b = Date.parse(`${isoWeekDates(to)[0]}T00:00:00Z`);
  return Math.round((b - a) / 86_400_000);
}

function shiftValue(value: unknown, days: number): unknown {
  if (typeof value === 'string') {
    if (DATE_ONLY.test(value)) return addDays(value, days);
    const m = DATE_TIME.exec(value);
    if (m && !Number.isNaN(Date.parse(value))) return `${addDays(m[1]!, days)}${m[2]}`;
    return value;
  }
  if (Array.isArray(value)) return value.map((v) => shiftValue(v, days));
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, shiftValue(v, days)]));
  return value;
}

/**
 * The scenario moved to `week`: every calendar date (and the date part of every date-time) in
 * it, whatever the field, moves by the same number of whole weeks. Returns a new object.
 */
export function scenarioForWeek(scenario: Scenario, week: string): Scenario {
  const days = weeksBetweenInDays(scenario.week, week);
  if (days === 0) return scenario;
  return { ...(shiftValue(scenario, days) as Scenario), week };
}
