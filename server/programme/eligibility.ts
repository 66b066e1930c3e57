/**
 * Who is entitled to Action A (project card "La conciliazione... pronti, via sperimentiamo",
 * Azione A): a household that lives in one of the 16 comuni or has an adult employed by an
 * alliance member, that has a conciliation need (at least one working adult with declared work
 * hours — or the coordinator's exception, with its reason), and that has declared it is not
 * already supported by another public measure for this need. Computed on every read, so a change
 * to the household, its enrolment or an organisation is reflected at once.
 */
import type { Household } from '../contract/domain.ts';
import type { Eligibility, Enrolment } from '../contract/programme.ts';
import type { Db } from '../db/db.ts';
import { getEntity } from '../entities/store.ts';
import { notFound } from '../errors/app-error.ts';
import { loadMunicipalities, locate } from '../geo/index.ts';
import { allianceEmployers, getEnrolment } from './enrolments.ts';

/** True when some adult has declared work hours (the household's per-weekday hours, or any adult's own). */
export function hasDeclaredWorkHours(household: Household): boolean {
  const filled = (v: unknown) =>
    v !== null && typeof v === 'object' && (Array.isArray(v) ? v.length > 0 : Object.keys(v).length > 0);
  if (filled(household.workHours)) return true;
  const adults = (household.adults ?? []) as Array<Record<string, unknown>>;
  return adults.some((a) => filled(a.workHours) || filled(a.schedule));
}

export interface EligibilityFacts {
  household: Household;
  enrolment: Enrolment | undefined;
  /** The enrolment's employers that are alliance members. */
  employers: { id: string; name: string }[];
}

/** The rule itself, pure: grounds when eligible, reasons (code + plain words) when not. */
export function judgeEligibility(f: EligibilityFacts, checkedAt: string): Eligibility {
  const grounds: string[] = [];
  const reasons: Eligibility['reasons'] = [];
  const m = locate(f.household.home.lon, f.household.home.lat);
  if (m) grounds.push(`resident in ${m.name} (Ambito di ${m.ambito})`);
  for (const e of f.employers) grounds.push(`an adult works for ${e.name}, member of the alliance`);
  if (!m && f.employers.length === 0)
    reasons.push({
      code: 'NOT_RESIDENT_NOR_EMPLOYEE',
      message: `lives outside the ${loadMunicipalities().length} comuni and no adult works for an alliance member`,
    });
  if (hasDeclaredWorkHours(f.household)) grounds.push('a working adult with declared work hours');
  else if (f.enrolment?.exceptionReason)
    grounds.push(`no working adult: exception recorded by the coordinator ("${f.enrolment.exceptionReason}")`);
  else
    reasons.push({
      code: 'NO_CONCILIATION_NEED',
      message: 'no adult with declared work hours, and no exception recorded by the coordinator',
    });
  if (f.enrolment?.notOtherwiseSupported && f.enrolment.declaredOn)
    grounds.push(`declared not supported by another public measure on ${f.enrolment.declaredOn}`);
  else
    reasons.push({
      code: 'NO_SELF_DECLARATION',
      message: 'the declaration "not already supported by another public measure for this need" is missing',
    });
  return { householdId: f.household.id, eligible: reasons.length === 0, grounds, reasons, checkedAt };
}

export async function eligibilityOf(db: Db, householdId: string, now: Date): Promise<Eligibility> {
  const household = await getEntity<Household>(db, 'household', householdId);
  if (!household) throw notFound('household', householdId);
  const enrolment = await getEnrolment(db, householdId);
  const employers = await allianceEmployers(db, householdId);
  return judgeEligibility({ household, enrolment, employers }, now.toISOString());
}
