/**
 * Who travels only on a run with an escort aboard. The rules are configurable: a passenger
 * flagged as needing assistance (`needsEscort`), a passenger of the listed age groups, or a
 * child under N years when the passenger's birth date is known to the escorts part (the domain
 * record keeps an age group, not a birth date).
 */
import type { Passenger } from '../contract/domain.ts';

type AgeGroup = Passenger['ageGroup'];

export interface EscortRules {
  /** A passenger flagged as needing assistance travels only with an escort aboard. */
  assistanceFlag: boolean;
  /** Passengers of these age groups travel only with an escort aboard (e.g. ['child']). */
  ageGroups: AgeGroup[];
  /** Children younger than this many years on the travel date (needs `birthDates`). */
  underYears?: number;
  birthDates?: ReadonlyMap<string, string>;
}

export const DEFAULT_ESCORT_RULES: EscortRules = { assistanceFlag: true, ageGroups: [] };

/** Whole years between a birth date and a date, both YYYY-MM-DD. */
export function ageOn(birthDate: string, date: string): number {
  const years = Number(date.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return date.slice(5) < birthDate.slice(5) ? years - 1 : years;
}

export function needsEscortAboard(p: Passenger, rules: EscortRules, date: string): boolean {
  if (rules.assistanceFlag && p.needsEscort) return true;
  if (rules.ageGroups.includes(p.ageGroup)) return true;
  const born = rules.birthDates?.get(p.id);
  return rules.underYears !== undefined && born !== undefined && ageOn(born, date) < rules.underYears;
}
