/**
 * Booking requests pending the coordinator's approval. A family's booking under the 'approval'
 * mode is stored here with the slot it was offered (nothing enters the plan); the coordinator
 * approves it — the booking is made again against the published plan of the moment, with its
 * promised windows — or refuses it with a reason the family reads.
 */
import type { BookingRequest } from '../contract/programme.ts';
import type { Db } from '../db/db.ts';
import { AppError, notFound } from '../errors/app-error.ts';
import type { SlotBookSchema } from '../slots/slot-schemas.ts';
import type { z } from 'zod';

export type BookInput = z.infer<typeof SlotBookSchema>;

interface Row {
  id: string;
  household_id: string;
  passenger_id: string;
  service_id: string;
  body: { input: BookInput; lines: string[]; passengerName: string; serviceName: string } | string;
  status: BookingRequest['status'];
  reason: string | null;
  estimate_cents: string | number;
  created_at: Date | string;
  decided_at: Date | string | null;
  request_id: string | null;
}

const bodyOf = (r: Row) => (typeof r.body === 'string' ? JSON.parse(r.body) : r.body) as Exclude<Row['body'], string>;

const toRequest = (r: Row): BookingRequest => {
  const b = bodyOf(r);
  return {
    id: r.id,
    householdId: r.household_id,
    passengerId: r.passenger_id,
    passengerName: b.passengerName,
    serviceId: r.service_id,
    serviceName: b.serviceName,
    status: r.status,
    reason: r.reason,
    estimateCents: Number(r.estimate_cents),
    weekdays: b.input.query.weekdays,
    validFrom: b.input.validFrom,
    validTo: b.input.validTo,
    slot: b.lines,
    createdAt: new Date(r.created_at).toISOString(),
    decidedAt: r.decided_at ? new Date(r.decided_at).toISOString() : null,
    requestId: r.request_id,
  };
};

export async function createBookingRequest(
  db: Db,
  r: {
    householdId: string;
    passengerId: string;
    passengerName: string;
    serviceId: string;
    serviceName: string;
    input: BookInput;
    lines: string[];
    estimateCents: number;
    createdBy: string;
  },
  now: Date,
): Promise<BookingRequest> {
  const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM booking_requests', []);
  const id = `br-${String(rows[0]!.n + 1).padStart(5, '0')}-${now.getTime().toString(36)}`;
  await db.query(
    `INSERT INTO booking_requests (id, household_id, passenger_id, service_id, body, status, estimate_cents, created_by, created_at)
     VALUES ($1, $2, $3, $4, $5, 'pending', $6, $7, $8)`,
    [
      id,
      r.householdId,
      r.passengerId,
      r.serviceId,
      JSON.stringify({ input: r.input, lines: r.lines, passengerName: r.passengerName, serviceName: r.serviceName }),
      r.estimateCents,
      r.createdBy,
      now.toISOString(),
    ],
  );
  return (await getBookingRequest(db, id))!;
}

export async function getBookingRequest(db: Db, id: string): Promise<BookingRequest | undefined> {
  const { rows } = await db.query<Row>('SELECT * FROM booking_requests WHERE id = $1', [id]);
  return rows[0] ? toRequest(rows[0]) : undefined;
}

export async function bookInputOf(db: Db, id: string): Promise<BookInput> {
  const { rows } = await db.query<Row>('SELECT * FROM booking_requests WHERE id = $1', [id]);
  if (!rows[0]) throw notFound('booking request', id);
  return bodyOf(rows[0]).input;
}

export async function listBookingRequests(
  db: Db,
  f: { status?: BookingRequest['status']; householdId?: string },
): Promise<BookingRequest[]> {
  const where: string[] = [];
  const params: unknown[] = [];
  if (f.status) where.push(`status = $${params.push(f.status)}`);
  if (f.householdId) where.push(`household_id = $${params.push(f.householdId)}`);
  const { rows } = await db.query<Row>(
    `SELECT * FROM booking_requests ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY created_at DESC, id LIMIT 500`,
    params,
  );
  return rows.map(toRequest);
}

/** Pending → approved or refused, once; a decided request cannot be decided again (409). */
export async function decideBookingRequest(
  db: Db,
  id: string,
  d: { status: 'approved' | 'refused'; reason?: string; by: string; requestId?: string; planVersion?: number },
  now: Date,
): Promise<BookingRequest> {
  const { rows } = await db.query<{ id: string }>(
    `UPDATE booking_requests SET status = $2, reason = $3, decided_by = $4, decided_at = $5, request_id = $6, plan_version = $7
     WHERE id = $1 AND status = 'pending' RETURNING id`,
    [id, d.status, d.reason ?? null, d.by, now.toISOString(), d.requestId ?? null, d.planVersion ?? null],
  );
  if (!rows[0]) {
    const existing = await getBookingRequest(db, id);
    if (!existing) throw notFound('booking request', id);
    throw new AppError('CONFLICT', `booking request ${id} was already ${existing.status}`);
  }
  return (await getBookingRequest(db, id))!;
}
