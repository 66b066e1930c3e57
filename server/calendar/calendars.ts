/**
 * The calendars a trip depends on: Italian national public holidays (date-holidays, including
 * Easter Monday), each comune's patron saint day (fixtures/calendar/patron-days.json, with its
 * source) and the Lombardy school calendar 2025/26 and 2026/27 (fixtures/calendar/
 * lombardy-school-calendar.json, with its source). Loaded once; pure look-ups by date.
 */
import { readFileSync } from 'node:fs';
import Holidays from 'date-holidays';
import { z } from 'zod';

const DIR = new URL('../../fixtures/calendar/', import.meta.url);
const DateStr = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

const SchoolCalendarSchema = z.object({
  source: z.string().min(1),
  years: z.array(
    z.object({
      year: z.string(),
      derived: z.boolean(),
      firstDay: DateStr,
      lastDay: DateStr,
      nurseryFirstDay: DateStr,
      nurseryLastDay: DateStr,
      breaks: z.array(z.object({ from: DateStr, to: DateStr, name: z.string() })),
    }),
  ),
});
export type SchoolCalendar = z.infer<typeof SchoolCalendarSchema>;

const PatronDaysSchema = z.object({
  about: z.string(),
  comuni: z.array(
    z.object({
      istatCode: z.string().regex(/^\d{6}$/),
      name: z.string(),
      saint: z.string().nullable(),
      day: z
        .string()
        .regex(/^\d{2}-\d{2}$/)
        .nullable(),
      source: z.string().nullable(),
    }),
  ),
});

let school: SchoolCalendar | undefined;
let patrons: z.infer<typeof PatronDaysSchema> | undefined;
const holidaysByYear = new Map<number, Map<string, string>>();

export function schoolCalendar(): SchoolCalendar {
  school ??= SchoolCalendarSchema.parse(
    JSON.parse(readFileSync(new URL('lombardy-school-calendar.json', DIR), 'utf8')),
  );
  return school;
}

function patronDays(): z.infer<typeof PatronDaysSchema> {
  patrons ??= PatronDaysSchema.parse(JSON.parse(readFileSync(new URL('patron-days.json', DIR), 'utf8')));
  return patrons;
}

/** The name of the national public holiday on `date` (YYYY-MM-DD), or null. */
export function publicHoliday(date: string): string | null {
  const year = Number(date.slice(0, 4));
  let byDate = holidaysByYear.get(year);
  if (!byDate) {
    byDate = new Map();
    for (const h of new Holidays('IT').getHolidays(year)) {
      if (h.type === 'public') byDate.set(h.date.slice(0, 10), h.name);
    }
    holidaysByYear.set(year, byDate);
  }
  return byDate.get(date) ?? null;
}

/** The patron saint's day of the comune `istatCode` on `date`, e.g. "San Giulio", or null. */
export function patronDay(istatCode: string | undefined, date: string): string | null {
  if (!istatCode) return null;
  const c = patronDays().comuni.find((x) => x.istatCode === istatCode);
  return c?.day && c.day === date.slice(5) ? `${c.saint} (${c.name})` : null;
}

export type SchoolDay =
  | { school: true }
  | { school: false; why: 'school_holiday' | 'school_year_ended' | 'outside_school_year'; note: string };

/** Whether schools (or nurseries: the scuola dell'infanzia dates) hold lessons on `date`. */
export function schoolDay(date: string, nursery: boolean, calendar: SchoolCalendar = schoolCalendar()): SchoolDay {
  for (const y of calendar.years) {
    const first = nursery ? y.nurseryFirstDay : y.firstDay;
    const last = nursery ? y.nurseryLastDay : y.lastDay;
    if (date < first || date > last) continue;
    const brk = y.breaks.find((b) => b.from <= date && date <= b.to);
    if (brk) return { school: false, why: 'school_holiday', note: `${brk.name} (${y.year})` };
    return { school: true };
  }
  const ended = calendar.years.find((y) => {
    const last = nursery ? y.nurseryLastDay : y.lastDay;
    return date > last && date.slice(0, 4) === last.slice(0, 4);
  });
  if (ended) {
    const last = nursery ? ended.nurseryLastDay : ended.lastDay;
    return { school: false, why: 'school_year_ended', note: `the school year ${ended.year} ended on ${last}` };
  }
  return { school: false, why: 'outside_school_year', note: 'outside the school years in the calendar' };
}
