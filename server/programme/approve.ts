/**
 * The coordinator's decision on a pending booking request. Approving a slot booking books it
 * again against the week's published plan of the moment (the slot query runs anew, so the
 * promised windows hold), re-checks eligibility and funds, and appends the published version with
 * the trips — in one transaction with the request's new status. Approving a catalogue booking
 * re-checks eligibility and funds at the accredited providers' tariff and stores its standing
 * request (active; the next planning run plans it), in one transaction with the new status.
 * Refusing records the reason the family reads; the plan is not touched.
 */
import type { RouterDeps } from '../app-deps.ts';
import type { User } from '../auth/context.ts';
import type { StandingRequest } from '../contract/domain.ts';
import type { BookingRequest } from '../contract/programme.ts';
import { fromIsoRome, toIsoRome } from '../domain/calendar.ts';
import { getEntity, loadDomain, writeEntity } from '../entities/store.ts';
import { AppError } from '../errors/app-error.ts';
import { appendVersionTx, conflict, planIdOf, readPlan } from '../plan-store/plan-store.ts';
import { bookSlot } from '../slots/book-slot.ts';
import { buildSlotContext } from '../slots/slot-context.ts';
import { assertCatalogueBookingFunded, assertEligibleAndFunded } from './booking-funds.ts';
import { bookingOf, decideBookingRequest, getBookingRequest } from './booking-requests.ts';

export async function approveBookingRequest(deps: RouterDeps, id: string, user: User): Promise<BookingRequest> {
  const pending = await getBookingRequest(deps.db, id);
  if (!pending) throw new AppError('NOT_FOUND', `booking request ${id} not found`);
  if (pending.status !== 'pending')
    throw new AppError('CONFLICT', `booking request ${id} was already ${pending.status}`);
  const stored = await bookingOf(deps.db, id);
  if (stored.kind === 'catalogue') return approveCatalogueBooking(deps, pending, stored.request, user);
  const input = stored.input;
  const week = input.query.week!;
  const plan = await readPlan(deps.db, planIdOf(week), 'published');
  if (!plan) throw new AppError('CONFLICT', `week ${week} has no published plan any more: refuse or ask again`);
  const now = deps.clock.now();
  const { date, secondsOfDay } = fromIsoRome(now.toISOString());
  const data = await loadDomain(deps.db);
  const booking = await bookSlot(
    await buildSlotContext(plan, data, deps.routing),
    input,
    toIsoRome(date, secondsOfDay),
  );
  await assertEligibleAndFunded(
    deps.db,
    now,
    pending.householdId,
    plan,
    booking.plan,
    booking.request.id,
    input.validFrom,
    input.validTo,
  );
  return deps.db.transaction(async (tx) => {
    const current = await readPlan(tx, plan.id, 'published');
    if (!current || current.version !== plan.version) throw conflict(plan.id, plan.version, current?.version ?? 0);
    await writeEntity(tx, 'request', booking.request);
    for (const r of booking.updatedRequests) await writeEntity(tx, 'request', r);
    for (const rid of booking.removedRequestIds)
      await tx.query("DELETE FROM entities WHERE kind = 'request' AND id = $1", [rid]);
    const saved = await appendVersionTx(tx, plan.id, {
      baseVersion: null,
      status: 'published',
      reason: 'booking',
      actor: user.username,
      plan: booking.plan,
    });
    return decideBookingRequest(
      tx,
      id,
      { status: 'approved', by: user.username, requestId: booking.request.id, planVersion: saved.version },
      now,
    );
  });
}

async function approveCatalogueBooking(
  deps: RouterDeps,
  pending: BookingRequest,
  request: StandingRequest,
  user: User,
): Promise<BookingRequest> {
  const now = deps.clock.now();
  await assertCatalogueBookingFunded(deps.db, now, pending.householdId, request);
  return deps.db.transaction(async (tx) => {
    if (await getEntity(tx, 'request', request.id))
      throw new AppError(
        'CONFLICT',
        `a standing request ${request.id} exists already: refuse this booking and ask the family to book again`,
      );
    await writeEntity(tx, 'request', request);
    return decideBookingRequest(tx, pending.id, { status: 'approved', by: user.username, requestId: request.id }, now);
  });
}
