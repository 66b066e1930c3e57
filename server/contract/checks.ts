/**
 * Checks the contract's string schemas share: real calendar dates and ISO weeks (not just the
 * shape), sane instants, and ids that cannot name a path or an object's prototype. Pure
 * functions, no server imports, so the web can use them through the contract.
 */

/** Years accepted anywhere a date is: enough for birth dates and for planning, nothing absurd. */
export const MIN_YEAR = 1900;
export const MAX_YEAR = 2200;

/** "2026-02-28" yes; "2026-02-31", "0000-01-01", "2026-13-01" no. */
export function isCalendarDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < MIN_YEAR || y > MAX_YEAR || mo < 1 || mo > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, mo, 0)).getUTCDate();
}

/** Weeks in an ISO year: 53 when 1 January is a Thursday, or a Wednesday in a leap year. */
export function isoWeeksInYear(year: number): number {
  const jan1 = new Date(Date.UTC(year, 0, 1)).getUTCDay();
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return jan1 === 4 || (leap && jan1 === 3) ? 53 : 52;
}

/** "2026-W53" yes (2026 has 53 weeks); "2025-W53", "2026-W00", "0000-W01" no. */
export function isIsoWeek(s: string): boolean {
  const m = /^(\d{4})-W(\d{2})$/.exec(s);
  if (!m) return false;
  const [y, w] = [Number(m[1]), Number(m[2])];
  return y >= MIN_YEAR && y <= MAX_YEAR && w >= 1 && w <= isoWeeksInYear(y);
}

/** An ISO 8601 date-time with offset whose every field is real, within MIN_YEAR–MAX_YEAR. */
export function isSaneInstant(s: string): boolean {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,3})?)?(Z|([+-])(\d{2}):(\d{2}))$/.exec(s);
  if (!m || !isCalendarDate(m[1]!)) return false;
  if (Number(m[2]) > 23 || Number(m[3]) > 59 || Number(m[4] ?? 0) > 59) return false;
  if (m[6] && (Number(m[7]) > 14 || Number(m[8]) > 59)) return false;
  return !Number.isNaN(Date.parse(s));
}

/** Ids that would name a directory or an object's prototype if they ever reached a path or a map. */
const RESERVED_IDS = new Set(['__proto__', 'constructor', 'prototype', 'hasOwnProperty', 'toString', 'valueOf']);
export function isSafeId(s: string): boolean {
  return !RESERVED_IDS.has(s) && !/^\.+$/.test(s) && !s.includes('..');
}

/** Text that is valid Unicode without NUL: no U+0000 and no lone surrogate. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
export function isCleanText(s: string): boolean {
  return !s.includes('\u0000') && !LONE_SURROGATE.test(s);
}
