/**
 * Authorised persons of a passenger: stored delegates and service staff, plus the household's
 * adults (from the household record, always valid, at home only). `offeredAt` says who may hand
 * over or receive at one handover point on one date: a delegate outside their validity dates is
 * never offered.
 */
import { randomUUID } from 'node:crypto';
import type { Clock } from '../clock.ts';
import type { Household } from '../contract/domain.ts';
import {
  AuthorisedPersonInputSchema,
  type AuthorisedPerson,
  type AuthorisedPersonInput,
  type HandoverPoint,
} from '../contract/safeguarding.ts';
import type { Db } from '../db/db.ts';

interface Row {
  id: string;
  passenger_id: string;
  kind: AuthorisedPerson['kind'];
  name: string;
  relationship: string;
  phone: string;
  id_doc_type: string | null;
  id_doc_last_digits: string | null;
  valid_from: string | null; // to_char: YYYY-MM-DD on both databases
  valid_to: string | null;
  photo_ref: string | null;
  staff_role: string | null;
  points: HandoverPoint[];
}

const toPerson = (r: Row): AuthorisedPerson => ({
  id: r.id,
  passengerId: r.passenger_id,
  kind: r.kind,
  name: r.name,
  relationship: r.relationship,
  phone: r.phone,
  idDocument: r.id_doc_type ? { type: r.id_doc_type, lastDigits: r.id_doc_last_digits ?? '' } : null,
  validFrom: r.valid_from,
  validTo: r.valid_to,
  photoRef: r.photo_ref,
  staffRole: r.staff_role,
  points: r.points,
});

const SELECT = `SELECT id, passenger_id, kind, name, relationship, phone, id_doc_type, id_doc_last_digits,
  to_char(valid_from, 'YYYY-MM-DD') AS valid_from, to_char(valid_to, 'YYYY-MM-DD') AS valid_to,
  photo_ref, staff_role, points FROM authorised_persons`;

export async function storedPersons(db: Db, passengerIds: string[]): Promise<AuthorisedPerson[]> {
  const { rows } = await db.query<Row>(`${SELECT} WHERE passenger_id = ANY($1) ORDER BY passenger_id, name, id`, [
    passengerIds,
  ]);
  return rows.map(toPerson);
}

export async function storedPerson(db: Db, id: string): Promise<AuthorisedPerson | undefined> {
  const { rows } = await db.query<Row>(`${SELECT} WHERE id = $1`, [id]);
  return rows[0] ? toPerson(rows[0]) : undefined;
}

/** The household's adults as authorised persons at home (ids `adult:<household>:<n>`). */
export function householdAdults(passengerId: string, household: Household | undefined): AuthorisedPerson[] {
  return (household?.adults ?? []).map((a, i) => ({
    id: `adult:${household!.id}:${i + 1}`,
    passengerId,
    kind: 'household_adult' as const,
    name: a.name,
    relationship: 'household',
    phone: a.phone,
    idDocument: null,
    validFrom: null,
    validTo: null,
    photoRef: null,
    staffRole: null,
    points: ['home_pickup', 'home_dropoff'] as HandoverPoint[],
  }));
}

export const validOn = (p: AuthorisedPerson, date: string): boolean =>
  (!p.validFrom || p.validFrom <= date) && (!p.validTo || date <= p.validTo);

/** Who may hand over / receive at `point` on `date`: valid that day and authorised for that point. */
export function offeredAt(persons: AuthorisedPerson[], point: HandoverPoint, date: string): AuthorisedPerson[] {
  const atPoint = (p: AuthorisedPerson) =>
    p.points.includes(point) || (point === 'alternative_dropoff' && p.points.includes('home_dropoff'));
  return persons.filter((p) => atPoint(p) && validOn(p, date));
}

export async function savePerson(db: Db, clock: Clock, input: AuthorisedPersonInput): Promise<AuthorisedPerson> {
  const p = AuthorisedPersonInputSchema.parse(input);
  const id = p.id ?? `ap-${randomUUID().slice(0, 12)}`;
  const now = clock.now().toISOString();
  await db.query(
    `INSERT INTO authorised_persons (id, passenger_id, kind, name, relationship, phone, id_doc_type, id_doc_last_digits,
       valid_from, valid_to, photo_ref, staff_role, points, created_at, updated_at)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$14)
     ON CONFLICT (id) DO UPDATE SET passenger_id = $2, kind = $3, name = $4, relationship = $5, phone = $6,
       id_doc_type = $7, id_doc_last_digits = $8, valid_from = $9, valid_to = $10, photo_ref = $11,
       staff_role = $12, points = $13, updated_at = $14`,
    [
      id,
      p.passengerId,
      p.kind,
      p.name,
      p.relationship,
      p.phone,
      p.idDocument?.type ?? null,
      p.idDocument?.lastDigits ?? null,
      p.validFrom,
      p.validTo,
      p.photoRef,
      p.staffRole,
      JSON.stringify(p.points),
      now,
    ],
  );
  return (await storedPerson(db, id))!;
}

export async function deletePerson(db: Db, id: string): Promise<boolean> {
  const { rows } = await db.query<{ id: string }>('DELETE FROM authorised_persons WHERE id = $1 RETURNING id', [id]);
  return rows.length > 0;
}
