/**
 * A household's enrolment in Action A: the alliance organisations its adults work for, the
 * self-declaration "not already supported by another public measure for this need" with its
 * date, the co-payment band, and the coordinator's exception (with its reason) for a household
 * without a working adult. Kept apart from the household record, which other parts own.
 */
import type { Enrolment } from '../contract/programme.ts';
import type { Db } from '../db/db.ts';

interface Row {
  household_id: string;
  employer_ids: string[] | string;
  not_otherwise_supported: boolean;
  declared_on: string | null;
  co_payment_band: string | null;
  exception_reason: string | null;
  exception_by: string | null;
  exception_at: Date | string | null;
}

const toEnrolment = (r: Row): Enrolment => ({
  householdId: r.household_id,
  employerIds: typeof r.employer_ids === 'string' ? JSON.parse(r.employer_ids) : r.employer_ids,
  notOtherwiseSupported: r.not_otherwise_supported,
  ...(r.declared_on ? { declaredOn: r.declared_on } : {}),
  ...(r.co_payment_band ? { coPaymentBand: r.co_payment_band } : {}),
  ...(r.exception_reason ? { exceptionReason: r.exception_reason } : {}),
  ...(r.exception_by ? { exceptionBy: r.exception_by } : {}),
  ...(r.exception_at ? { exceptionAt: new Date(r.exception_at).toISOString() } : {}),
});

export async function getEnrolment(db: Db, householdId: string): Promise<Enrolment | undefined> {
  const { rows } = await db.query<Row>('SELECT * FROM programme_enrolments WHERE household_id = $1', [householdId]);
  return rows[0] ? toEnrolment(rows[0]) : undefined;
}

export async function allEnrolments(db: Db): Promise<Map<string, Enrolment>> {
  const { rows } = await db.query<Row>('SELECT * FROM programme_enrolments', []);
  return new Map(rows.map((r) => [r.household_id, toEnrolment(r)]));
}

/** Writes the enrolment; the exception's author and time are recorded when its reason changes. */
export async function putEnrolment(db: Db, e: Enrolment, actor: string, at: Date): Promise<Enrolment> {
  const before = await getEnrolment(db, e.householdId);
  const exceptionChanged = (before?.exceptionReason ?? null) !== (e.exceptionReason ?? null);
  await db.query(
    `INSERT INTO programme_enrolments (household_id, employer_ids, not_otherwise_supported, declared_on,
       co_payment_band, exception_reason, exception_by, exception_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
     ON CONFLICT (household_id) DO UPDATE SET employer_ids = EXCLUDED.employer_ids,
       not_otherwise_supported = EXCLUDED.not_otherwise_supported, declared_on = EXCLUDED.declared_on,
       co_payment_band = EXCLUDED.co_payment_band, exception_reason = EXCLUDED.exception_reason,
       exception_by = EXCLUDED.exception_by, exception_at = EXCLUDED.exception_at, updated_at = EXCLUDED.updated_at`,
    [
      e.householdId,
      JSON.stringify(e.employerIds),
      e.notOtherwiseSupported,
      e.declaredOn ?? null,
      e.coPaymentBand ?? null,
      e.exceptionReason ?? null,
      e.exceptionReason ? (exceptionChanged ? actor : (before?.exceptionBy ?? actor)) : null,
      e.exceptionReason ? (exceptionChanged ? at.toISOString() : (before?.exceptionAt ?? at.toISOString())) : null,
      at.toISOString(),
    ],
  );
  return (await getEnrolment(db, e.householdId))!;
}

/** The household's employers that exist as alliance members. */
export async function allianceEmployers(db: Db, householdId: string): Promise<{ id: string; name: string }[]> {
  const e = await getEnrolment(db, householdId);
  if (!e || e.employerIds.length === 0) return [];
  const { rows } = await db.query<{ id: string; data: { name: string; allianceMember?: boolean } }>(
    "SELECT id, data FROM entities WHERE kind = 'organisation' AND id = ANY($1) ORDER BY id",
    [e.employerIds],
  );
  return rows.filter((r) => r.data.allianceMember !== false).map((r) => ({ id: r.id, name: r.data.name }));
}
