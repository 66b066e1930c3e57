/**
 * Booking requests pending the coordinator's approval — the one pending state of a booking. A
 * family's booking under the 'approval' mode is stored here, nothing enters the plan: a slot
 * booking (kind 'slot', POST /api/slots/book) with the slot it was offered, or a catalogue
 * booking (kind 'catalogue', POST /api/family/bookings) with the standing request it would
 * create. One state machine: pending → approved | refused (the coordinator) | cancelled (the
 * family); a decided request is never decided again.
 */
import type { StandingRequest } from '../contract/domain.ts';
import type { BookingRequest } from '../contract/programme.ts';
import type { Db } from '../db/db.ts';
import { AppError, notFound } from '../errors/app-error.ts';
import type { SlotBookSchema } from '../slots/slot-schemas.ts';
import type { z } from 'zod';

export type BookInput = z.infer<typeof SlotBookSchema>;

type Body =
  | { kind?: 'slot'; input: BookInput; lines: string[]; passengerName: string; serviceName: string }
  | { kind: 'catalogue'; request: StandingRequest; lines: string[]; passengerName: string; serviceName: string };

interface Row {
  id: string;
  household_id: string;
  passenger_id: string;
  service_id: string;
  body: Body | string;
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
  const shape =
    b.kind === 'catalogue'
      ? {
          kind: 'catalogue' as const,
          weekdays: b.request.weekdays,
          validFrom: b.request.validFrom,
          validTo: b.request.validTo,
        }
      : {
          kind: 'slot' as const,
          weekdays: b.input.query.weekdays,
          validFrom: b.input.validFrom,
          validTo: b.input.validTo,
        };
  return {
    id: r.id,
    ...shape,
    householdId: r.household_id,
    passengerId: r.passenger_id,
    passengerName: b.passengerName,
    serviceId: r.service_id,
    serviceName: b.serviceName,
    status: r.status,
    reason: r.reason,
    estimateCents: Number(r.estimate_cents),
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
    lines: string[];
    estimateCents: number;
    createdBy: string;
  } & ({ input: BookInput } | { request: StandingRequest }),
  now: Date,
): Promise<BookingRequest> {
  const body: Body =
    'request' in r
      ? {
          kind: 'catalogue',
          request: r.request,
          lines: r.lines,
          passengerName: r.passengerName,
          serviceName: r.serviceName,
        }
      : { kind: 'slot', input: r.input, lines: r.lines, passengerName: r.passengerName, serviceName: r.serviceName };
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
      JSON.stringify(body),
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

/** What the request would book: a slot query's input, or the standing request a catalogue booking creates. */
export async function bookingOf(
  db: Db,
  id: string,
): Promise<{ kind: 'slot'; input: BookInput } | { kind: 'catalogue'; request: StandingRequest }> {
  const { rows } = await db.query<Row>('SELECT * FROM booking_requests WHERE id = $1', [id]);
  if (!rows[0]) throw notFound('booking request', id);
  const b = bodyOf(rows[0]);
  return b.kind === 'catalogue' ? { kind: 'catalogue', request: b.request } : { kind: 'slot', input: b.input };
}

/** The standing requests of a household's catalogue bookings (not entities): pending only, or all. */
export async function draftsOf(
  db: Db,
  householdId: string,
  which: 'pending' | 'all',
): Promise<Array<{ id: string; request: StandingRequest }>> {
  const { rows } = await db.query<Row>(
    `SELECT * FROM booking_requests WHERE household_id = $1 ${which === 'pending' ? "AND status = 'pending'" : ''} ORDER BY created_at, id`,
    [householdId],
  );
  return rows.flatMap((r) => {
    const b = bodyOf(r);
    return b.kind === 'catalogue' ? [{ id: r.id, request: b.request }] : [];
  });
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

/**
 * Pending → approved or refused (the coordinator) or cancelled (the family), once; a decided
 * request cannot be decided again (409). `householdId` restricts the change to that household's
 * requests (a family cancelling its own).
 */
export async function decideBookingRequest(
  db: Db,
  id: string,
  d: {
    status: 'approved' | 'refused' | 'cancelled';
    reason?: string;
    by: string;
    requestId?: string;
    planVersion?: number;
    householdId?: string;
  },
  now: Date,
): Promise<BookingRequest> {
  if (d.householdId !== undefined) {
    const existing = await getBookingRequest(db, id);
    if (existing && existing.householdId !== d.householdId)
      throw new AppError('FORBIDDEN', `booking request ${id} is not of your household`);
  }
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
