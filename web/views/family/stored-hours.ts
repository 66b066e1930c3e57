/**
 * The slot form's hours come from the household's stored schedules and are saved back before a
 * query, so the slot query never uses hours that are not stored (issue 11). A household whose
 * schedules are richer than one pair of times (several adults, split or night shifts, a rota,
 * dated exceptions) is not overwritten from the form: its query simply uses what is stored.
 */
import type { AdultSchedule, Household, Weekday } from '../../../server/contract/domain.ts';

type Stored = Pick<Household, 'workHours' | 'adults'> & { schedules?: AdultSchedule[] };

/** More than one leave/back pair can say: the form must not replace it. */
export function isRich(h: Stored): boolean {
  const s = h.schedules;
  if (!s || s.length === 0) return false;
  if (s.length > 1 || s[0].rota || s[0].exceptions.length > 0) return true;
  return Object.values(s[0].weekly ?? {}).some((day) => !day || day.length !== 1 || day[0].overnight);
}

/** The stored leave/back pair of the first weekday that has one, or null. */
export function storedPair(h: Stored, weekdays: readonly Weekday[]): { leaves: string; back: string } | null {
  for (const d of weekdays) {
    const shift = h.schedules?.[0]?.weekly?.[d]?.[0];
    if (h.schedules?.length && shift) return { leaves: shift.from, back: shift.to };
    const w = h.workHours[d];
    if (!h.schedules?.length && w) return { leaves: w.leaves, back: w.back };
  }
  return null;
}

/** One adult's weekly schedule: the stored days kept, the chosen weekdays set to leaves–back. */
export function scheduleWith(h: Stored, weekdays: readonly Weekday[], leaves: string, back: string): AdultSchedule[] {
  const weekly: NonNullable<AdultSchedule['weekly']> = {};
  const current = h.schedules?.[0]?.weekly;
  for (const [d, w] of Object.entries(h.workHours))
    if (w && !current) weekly[d as Weekday] = [{ from: w.leaves, to: w.back, overnight: false }];
  Object.assign(weekly, current ?? {});
  for (const d of weekdays) weekly[d] = [{ from: leaves, to: back, overnight: false }];
  return [{ adult: h.adults[0]?.name ?? 'adult', receives: true, weekly, exceptions: [] }];
}
