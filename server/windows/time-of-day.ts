/**
 * "HH:MM" ↔ seconds from midnight. The domain writes times of day as "HH:MM" (Europe/Rome
 * wall clock); the windows and the solver work in seconds from midnight.
 */
const HH_MM = /^([01]\d|2[0-3]):([0-5]\d)$/;

export function toSeconds(hhmm: string): number {
  const m = HH_MM.exec(hhmm);
  if (!m) throw new RangeError(`expected a time of day as HH:MM, got "${hhmm}"`);
  return Number(m[1]) * 3600 + Number(m[2]) * 60;
}

/** Seconds from midnight as "HH:MM" (rounded to the minute; past 24 h keeps counting: "24:10"). */
export function toHhMm(seconds: number): string {
  const minutes = Math.round(seconds / 60);
  const sign = minutes < 0 ? '-' : '';
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}
