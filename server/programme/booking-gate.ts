/**
 * The booking path's one hook into Action A (called by POST /api/slots/book after the slot was
 * found, before anything is written): with the programme 'off' it lets the booking through;
 * otherwise the household must be eligible and funded (else 403/409 with the reasons or the
 * figures), and a family's booking under 'approval' becomes a request pending the coordinator
 * (202) instead of entering the plan. The catalogue booking's hook below follows the same modes.
 */
import type { User } from '../auth/context.ts';
import type { Passenger, Service, StandingRequest } from '../contract/domain.ts';
import type { Plan } from '../contract/plan.ts';
import type { BookingRequest } from '../contract/programme.ts';
import type { Db } from '../db/db.ts';
import { getEntity } from '../entities/store.ts';
import type { Booking } from '../slots/book-slot.ts';
import { assertCatalogueBookingFunded, assertEligibleAndFunded } from './booking-funds.ts';
import { type BookInput, createBookingRequest } from './booking-requests.ts';
import { getSettings } from './settings.ts';

export async function programmeGate(
  db: Db,
  now: Date,
  user: User,
  input: BookInput,
  before: Plan,
  booking: Booking,
): Promise<BookingRequest | null> {
  const settings = await getSettings(db);
  if (settings.mode === 'off') return null;
  const passenger = await getEntity<Passenger>(db, 'passenger', booking.request.passengerId);
  const householdId = passenger?.householdId ?? user.householdId ?? '';
  const est = await assertEligibleAndFunded(
    db,
    now,
    householdId,
    before,
    booking.plan,
    booking.request.id,
    input.validFrom,
    input.validTo,
  );
  if (user.role !== 'family' || settings.mode === 'auto') return null;
  const service = await getEntity<Service>(db, 'service', booking.request.serviceId);
  return createBookingRequest(
    db,
    {
      householdId,
      passengerId: booking.request.passengerId,
      passengerName: passenger?.name ?? booking.request.passengerId,
      serviceId: booking.request.serviceId,
      serviceName: service?.name ?? booking.request.serviceId,
      input: { ...input, query: { ...input.query, week: before.week } },
      lines: booking.answer.lines,
      estimateCents: est.estimateCents,
      createdBy: user.username,
    },
    now,
  );
}

/**
 * The catalogue booking's hook (POST /api/family/bookings, after the standing request was
 * checked, before anything is written). 'off': null — the caller stores the request, active.
 * Otherwise the household must be eligible and its voucher cover the booking at the accredited
 * providers' tariff (else 403/409 with the reasons or the figures); 'auto': null (stored active);
 * 'approval': a booking request pending the coordinator, with its estimate, is returned instead.
 */
export async function catalogueGate(
  db: Db,
  now: Date,
  user: User,
  householdId: string,
  request: StandingRequest,
  lines: string[],
): Promise<BookingRequest | null> {
  const settings = await getSettings(db);
  if (settings.mode === 'off') return null;
  const est = await assertCatalogueBookingFunded(db, now, householdId, request);
  if (settings.mode === 'auto') return null;
  const passenger = await getEntity<Passenger>(db, 'passenger', request.passengerId);
  const service = await getEntity<Service>(db, 'service', request.serviceId);
  return createBookingRequest(
    db,
    {
      householdId,
      passengerId: request.passengerId,
      passengerName: passenger?.name ?? request.passengerId,
      serviceId: request.serviceId,
      serviceName: service?.name ?? request.serviceId,
      request,
      lines,
      estimateCents: est.estimateCents,
      createdBy: user.username,
    },
    now,
  );
}
