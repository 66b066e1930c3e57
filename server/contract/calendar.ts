/**
 * Dates for planning: ISO weeks ↔ calendar dates, weekdays, and local Europe/Rome times.
 * The API speaks ISO 8601 with the Europe/Rome offset; the solver speaks seconds from the
 * start of a day. These helpers are the only place the two meet, so the DST offset is computed
 * once, with Intl (no time-zone library).
 */
import { type Weekday, WEEKDAYS } from './domain.ts';

const DAY_MS = 86_400_000;
const ISO_WEEK = /^(\d{4})-W(\d{2})$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function dateToUtcMs(date: string): number {
  const m = ISO_DATE.exec(date);
  if (!m) throw new RangeError(`date: expected YYYY-MM-DD, got "${date}"`);
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  if (new Date(ms).toISOString().slice(0, 10) !== date) throw new RangeError(`date: "${date}" is not a calendar date`);
  return ms;
}

const utcMsToDate = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

/** Monday of ISO week 1 of `year` (the week holding 4 January). */
function week1MondayMs(year: number): number {
  const jan4 = Date.UTC(year, 0, 4);
  const isoDay = (new Date(jan4).getUTCDay() + 6) % 7; // 0 = Monday
  return jan4 - isoDay * DAY_MS;
}

/** The seven dates (Monday first) of an ISO week such as "2026-W49". */
export function isoWeekDates(isoWeek: string): string[] {
  const m = ISO_WEEK.exec(isoWeek);
  if (!m) throw new RangeError(`week: expected YYYY-Www, got "${isoWeek}"`);
  const year = Number(m[1]);
  const week = Number(m[2]);
  const monday = week1MondayMs(year) + (week - 1) * 7 * DAY_MS;
  if (week < 1 || isoWeekOf(utcMsToDate(monday)) !== isoWeek) throw new RangeError(`week: ${isoWeek} does not exist`);
  return Array.from({ length: 7 }, (_, i) => utcMsToDate(monday + i * DAY_MS));
}

/** The ISO week ("YYYY-Www") a date belongs to. */
export function isoWeekOf(date: string): string {
  const ms = dateToUtcMs(date);
  const isoDay = (new Date(ms).getUTCDay() + 6) % 7;
  const thursday = ms + (3 - isoDay) * DAY_MS; // the week's Thursday decides its year
  const year = new Date(thursday).getUTCFullYear();
  const week = Math.floor((thursday - week1MondayMs(year)) / (7 * DAY_MS)) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** "mon" … "sun" for a date. */
export function weekdayOf(date: string): Weekday {
  return WEEKDAYS[(new Date(dateToUtcMs(date)).getUTCDay() + 6) % 7];
}

/** Adds whole days to a date. */
export function addDays(date: string, days: number): string {
  return utcMsToDate(dateToUtcMs(date) + days * DAY_MS);
}

const offsetFormat = new Intl.DateTimeFormat('en-US', { timeZone: 'Europe/Rome', timeZoneName: 'longOffset' });

/** Europe/Rome offset from UTC, in minutes, at a UTC instant (60 in winter, 120 in summer). */
export function romeOffsetMin(utcMs: number): number {
  const name = offsetFormat.formatToParts(new Date(utcMs)).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const m = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
  if (!m) return 0;
  return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3]));
}

/**
 * The offset of a local wall-clock time (given as if it were UTC). In the autumn hour that
 * repeats, the first (summer-time) occurrence wins; a time skipped in spring gets the winter
 * offset, i.e. it is read as one hour later in summer time.
 */
function offsetForLocal(localAsUtc: number): number {
  const around = [romeOffsetMin(localAsUtc - 43_200_000), romeOffsetMin(localAsUtc + 43_200_000)];
  const candidates = [...new Set(around)].sort((a, b) => b - a);
  for (const c of candidates) if (romeOffsetMin(localAsUtc - c * 60_000) === c) return c;
  return candidates[candidates.length - 1];
}

const pad2 = (n: number): string => String(n).padStart(2, '0');

/**
 * Local Europe/Rome wall-clock time on `date`, `secondsOfDay` after midnight, as ISO 8601 with
 * the offset in force then: toIsoRome("2026-12-01", 27600) → "2026-12-01T07:40:00+01:00".
 * Seconds past 24 h roll over into the next day.
 */
export function toIsoRome(date: string, secondsOfDay: number): string {
  const whole = Math.round(secondsOfDay);
  const dayShift = Math.floor(whole / 86_400);
  const sod = whole - dayShift * 86_400;
  const day = dayShift === 0 ? date : addDays(date, dayShift);
  const localAsUtc = dateToUtcMs(day) + sod * 1000;
  const offset = offsetForLocal(localAsUtc);
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  const hms = `${pad2(Math.floor(sod / 3600))}:${pad2(Math.floor((sod % 3600) / 60))}:${pad2(sod % 60)}`;
  return `${day}T${hms}${sign}${pad2(Math.floor(abs / 60))}:${pad2(abs % 60)}`;
}

/** Splits an ISO 8601 date-time into its Europe/Rome local date and seconds from midnight. */
export function fromIsoRome(iso: string): { date: string; secondsOfDay: number } {
  const utcMs = Date.parse(iso);
  if (Number.isNaN(utcMs)) throw new RangeError(`time: expected ISO 8601, got "${iso}"`);
  const local = utcMs + romeOffsetMin(utcMs) * 60_000;
  const date = utcMsToDate(local);
  return { date, secondsOfDay: Math.round((local - dateToUtcMs(date)) / 1000) };
}

/** The date (YYYY-MM-DD) in Europe/Rome at an instant. */
export function romeToday(now: Date): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/Rome',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
}
