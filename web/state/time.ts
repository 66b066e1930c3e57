/**
 * Dates and times as the UI needs them. The API speaks ISO 8601 with the Europe/Rome offset,
 * so the local time of day is read straight from the string (no time-zone maths in the browser).
 */
import { type Weekday, WEEKDAYS } from '../../server/contract/domain.ts';

export { WEEKDAYS };

/** "2026-12-01T07:40:00+01:00" → "07:40". */
export function clock(iso: string): string {
  return iso.slice(11, 16);
}

/** "2026-12-01T07:40:00+01:00" → 460 (minutes after local midnight). */
export function minutesOfDay(iso: string): number {
  return Number(iso.slice(11, 13)) * 60 + Number(iso.slice(14, 16));
}

/** The dates (YYYY-MM-DD) Monday…Sunday of an ISO week "2026-W49". */
export function datesOfWeek(week: string): string[] {
  const match = /^(\d{4})-W(\d{2})$/.exec(week);
  if (!match) throw new Error(`week: expected YYYY-Www, got "${week}"`);
  const year = Number(match[1]);
  const weekNo = Number(match[2]);
  const jan4 = new Date(Date.UTC(year, 0, 4));
  const mondayOfWeek1 = Date.UTC(year, 0, 4 - ((jan4.getUTCDay() + 6) % 7));
  const monday = mondayOfWeek1 + (weekNo - 1) * 7 * 86_400_000;
  return Array.from({ length: 7 }, (_, i) => new Date(monday + i * 86_400_000).toISOString().slice(0, 10));
}

/** The ISO week "YYYY-Www" containing a date (YYYY-MM-DD). */
export function isoWeekOf(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  const dayNo = (d.getUTCDay() + 6) % 7;
  d.setUTCDate(d.getUTCDate() - dayNo + 3);
  const year = d.getUTCFullYear();
  const week = 1 + Math.floor((d.getTime() - Date.UTC(year, 0, 1)) / 86_400_000 / 7);
  return `${year}-W${String(week).padStart(2, '0')}`;
}

export function weekdayOf(date: string): Weekday {
  return WEEKDAYS[(new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7];
}

/** Today's date in Europe/Rome as YYYY-MM-DD. */
export function todayInRome(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/Rome',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
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
