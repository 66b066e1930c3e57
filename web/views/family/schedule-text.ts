/**
 * The family's weekly hours as text, one line per adult and weekday: "07:45-12:00, 13:00-16:40"
 * (several intervals for split shifts), a trailing "+" for an interval that ends the next day
 * ("22:00-06:00+", a night shift). Parsing keeps what the text cannot say (rota, exceptions).
 */
import type { AdultSchedule, Shift, Weekday } from '../../../server/contract/domain.ts';

const INTERVAL = /^([01]\d|2[0-3]):([0-5]\d)\s*-\s*([01]\d|2[0-3]):([0-5]\d)(\+?)$/;

export function shiftsText(shifts: readonly Shift[] | undefined): string {
  return (shifts ?? []).map((s) => `${s.from}-${s.to}${s.overnight ? '+' : ''}`).join(', ');
}

/** The intervals of one line, or the text that is not an interval (the server checks the order). */
export function parseShifts(text: string): { shifts: Shift[] } | { bad: string } {
  const shifts: Shift[] = [];
  for (const part of text
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const m = INTERVAL.exec(part);
    if (!m) return { bad: part };
    shifts.push({ from: `${m[1]}:${m[2]}`, to: `${m[3]}:${m[4]}`, overnight: m[5] === '+' });
  }
  return { shifts };
}

/** `base` with each adult's weekly pattern replaced by the edited one (rota and exceptions kept). */
export function withWeekly(
  base: AdultSchedule | undefined,
  adult: string,
  weekly: Partial<Record<Weekday, Shift[]>>,
): AdultSchedule {
  return { ...(base ?? { receives: true, exceptions: [] }), adult, weekly };
}
