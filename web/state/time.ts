/**
 * Dates and times as the UI needs them. The API speaks ISO 8601 with the Europe/Rome offset,
 * so the local time of day is read straight from the string (no time-zone maths in the browser).
 */
import { isoWeekDates, romeToday } from '../../server/contract/calendar.ts';

export { isoWeekOf, weekdayOf } from '../../server/contract/calendar.ts';
export { WEEKDAYS } from '../../server/contract/domain.ts';

/** "2026-12-01T07:40:00+01:00" → "07:40". */
export function clock(iso: string): string {
  return iso.slice(11, 16);
}

/** "2026-12-01T07:40:00+01:00" → 460 (minutes after local midnight). */
export function minutesOfDay(iso: string): number {
  return Number(iso.slice(11, 13)) * 60 + Number(iso.slice(14, 16));
}

/** The dates (YYYY-MM-DD) Monday…Sunday of an ISO week "2026-W49". */
export const datesOfWeek = isoWeekDates;

/** Today's date in Europe/Rome as YYYY-MM-DD. */
export function todayInRome(now = new Date()): string {
  return romeToday(now);
}

/** The current instant as ISO 8601 with the Europe/Rome offset, as the API expects. */
export function nowInRome(now = new Date()): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Europe/Rome',
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      timeZoneName: 'longOffset',
    })
      .formatToParts(now)
      .map((p) => [p.type, p.value]),
  );
  const offset = (parts.timeZoneName ?? 'GMT+01:00').replace('GMT', '') || '+00:00';
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}${offset}`;
}
