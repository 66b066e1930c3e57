/**
 * When each adult is away from home on a date, and when nobody who may receive the passenger is.
 *
 * An adult's intervals on a date come from, in order: a dated exception for that date (it replaces
 * the day), else the rota week the date falls in, else the weekly pattern. A rota of N weeks
 * repeats from the ISO week of its start date; which week a date falls in is found with an RFC 5545
 * recurrence (rrule: FREQ=WEEKLY;INTERVAL=N from the Monday of week k), not hand-rolled arithmetic.
 * An overnight interval (night shift) runs from its start to midnight on its own date and from
 * midnight to its end on the next date, so a date also looks at the day before.
 *
 * Households without schedules keep their per-weekday `workHours`: they are read as one adult's
 * weekly pattern (`legacySchedule`), so old data plans exactly as before.
 */
import * as rruleModule from 'rrule';
import { type AdultSchedule, type Household, type Shift, WEEKDAYS, type WeekPattern } from '../contract/domain.ts';
import { addDays, weekdayOf } from '../domain/calendar.ts';
import { toSeconds } from '../windows/time-of-day.ts';

// rrule ships CommonJS for Node and ESM for bundlers: under plain Node ESM (the planner's worker
// thread) its named exports sit on the default export.
const { RRule } = (
  (rruleModule as unknown as { default?: typeof rruleModule }).default?.RRule
    ? (rruleModule as unknown as { default: typeof rruleModule }).default
    : rruleModule
) as typeof rruleModule;

export interface Interval {
  fromS: number;
  toS: number;
}

const DAY_S = 86_400;

const utcDate = (date: string): Date => new Date(`${date}T00:00:00Z`);

function mondayOf(date: string): string {
  const wd = weekdayOf(date);
  const index = WEEKDAYS.indexOf(wd);
  return addDays(date, -index);
}

/** The 0-based week of a rota that `date` falls in, or null before the rota starts. */
export function rotaWeekIndex(rota: NonNullable<AdultSchedule['rota']>, date: string): number | null {
  const n = rota.weeks.length;
  const start = mondayOf(rota.startDate);
  const monday = mondayOf(date);
  if (monday < start) return null;
  for (let k = 0; k < n; k++) {
    const rule = new RRule({
      freq: RRule.WEEKLY,
      interval: n,
      byweekday: [RRule.MO],
      dtstart: utcDate(addDays(start, 7 * k)),
    });
    const hit = rule.between(utcDate(monday), utcDate(monday), true);
    if (hit.length > 0) return k;
  }
  return null;
}

function patternOn(schedule: AdultSchedule, date: string): WeekPattern | undefined {
  if (schedule.rota) {
    const k = rotaWeekIndex(schedule.rota, date);
    if (k !== null) return schedule.rota.weeks[k];
  }
  return schedule.weekly;
}

/** The intervals of `schedule` that start on `date` (the exception for the date, else rota or weekly). */
export function shiftsOn(schedule: AdultSchedule, date: string): Shift[] {
  const exception = schedule.exceptions.find((e) => e.date === date);
  if (exception) return exception.shifts;
  return patternOn(schedule, date)?.[weekdayOf(date)] ?? [];
}

/** When the adult is away on `date`, seconds from that date's midnight, sorted and merged. */
export function awayOn(schedule: AdultSchedule, date: string): Interval[] {
  const out: Interval[] = [];
  for (const s of shiftsOn(schedule, addDays(date, -1))) if (s.overnight) out.push({ fromS: 0, toS: toSeconds(s.to) });
  for (const s of shiftsOn(schedule, date)) {
    out.push({ fromS: toSeconds(s.from), toS: s.overnight ? DAY_S : toSeconds(s.to) });
  }
  return merge(out);
}

function merge(intervals: Interval[]): Interval[] {
  const sorted = [...intervals].sort((a, b) => a.fromS - b.fromS);
  const out: Interval[] = [];
  for (const i of sorted) {
    const last = out.at(-1);
    if (last && i.fromS <= last.toS) last.toS = Math.max(last.toS, i.toS);
    else out.push({ ...i });
  }
  return out;
}

function intersect(a: Interval[], b: Interval[]): Interval[] {
  const out: Interval[] = [];
  for (const x of a)
    for (const y of b) {
      const fromS = Math.max(x.fromS, y.fromS);
      const toS = Math.min(x.toS, y.toS);
      if (toS > fromS) out.push({ fromS, toS });
    }
  return merge(out);
}

/**
 * When nobody who may receive the passenger is at home on `date`: the intersection of the away
 * intervals of every receiving adult. It starts when the last of them leaves and ends when the
 * first of them is back. No receiving adult at all = nobody ever home (the whole day).
 */
export function nobodyHome(schedules: readonly AdultSchedule[], date: string): Interval[] {
  const receivers = schedules.filter((s) => s.receives);
  if (receivers.length === 0) return [{ fromS: 0, toS: DAY_S }];
  return receivers.map((s) => awayOn(s, date)).reduce(intersect);
}

/** The household's per-weekday work hours read as one adult's weekly pattern. */
export function legacySchedule(household: Household): AdultSchedule {
  const weekly: WeekPattern = {};
  for (const [wd, w] of Object.entries(household.workHours)) {
    if (w) weekly[wd as keyof WeekPattern] = [{ from: w.leaves, to: w.back, overnight: false }];
  }
  return { adult: household.adults[0]?.name ?? 'adult', receives: true, weekly, exceptions: [] };
}

/** The schedules that decide who is home: the household's own, else its work hours as one adult. */
export function schedulesOf(household: Household): AdultSchedule[] {
  return household.schedules && household.schedules.length > 0 ? household.schedules : [legacySchedule(household)];
}
