/**
 * Whether a booking may go ahead under Action A's rules: the household is eligible (else it is
 * told why) and its voucher covers the booking — the booked trips of the plan's week at their
 * provider's tariff, repeated on every date the request travels until it or the grant ends —
 * after what delivered trips spent and the published plans commit. Refusals carry the figures.
 */
import type { StandingRequest } from '../contract/domain.ts';
import type { Plan } from '../contract/plan.ts';
import type { VoucherBalance } from '../contract/programme.ts';
import type { Db } from '../db/db.ts';
import { addDays, isoWeekDates, romeToday, weekdayOf } from '../domain/calendar.ts';
import { AppError } from '../errors/app-error.ts';
import { voucherBalance } from '../vouchers/balance.ts';
import { eligibilityOf } from './eligibility.ts';
import { estimateCatalogueBooking } from './catalogue-estimate.ts';
import { type ProgrammeData, loadProgrammeData, priceTrip, tripsOfPlan } from './programme-data.ts';
import { tripKeyOf } from '../contract/trip-key.ts';

export const euro = (cents: number): string =>
  `€ ${(cents / 100).toLocaleString('it-IT', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

export interface BookingEstimate {
  householdId: string;
  weekCents: number;
  dates: number;
  estimateCents: number;
}

/** The voucher cost of the trips `after` adds to `before` for `requestId`, over the request's validity. */
export async function estimateBooking(
  db: Db,
  householdId: string,
  before: Plan,
  after: Plan,
  requestId: string,
  validFrom: string,
  validTo: string,
  grantTo: string | undefined,
): Promise<BookingEstimate> {
  const data = await loadProgrammeData(db);
  const dates = isoWeekDates(after.week);
  const old = new Set(tripsOfPlan(before, dates[0]!, dates[6]!).map(tripKeyOf));
  const added = tripsOfPlan(after, dates[0]!, dates[6]!).filter(
    (t) => t.requestId === requestId && !old.has(tripKeyOf(t)),
  );
  const perWeekday = new Map<string, number>();
  for (const t of added) {
    const p = priceTrip(data, t);
    const wd = weekdayOf(t.date);
    perWeekday.set(wd, (perWeekday.get(wd) ?? 0) + p.costCents - p.coPaymentCents);
  }
  const weekCents = [...perWeekday.values()].reduce((a, b) => a + b, 0);
  const start = validFrom > dates[0]! ? validFrom : dates[0]!;
  const end = grantTo && grantTo < validTo ? grantTo : validTo;
  let estimateCents = 0;
  let n = 0;
  for (let d = start, i = 0; d <= end && i < 800; d = addDays(d, 1), i++) {
    const c = perWeekday.get(weekdayOf(d));
    if (c) {
      estimateCents += c;
      n++;
    }
  }
  return { householdId, weekCents, dates: n, estimateCents };
}

async function assertEligible(db: Db, now: Date, householdId: string): Promise<void> {
  const elig = await eligibilityOf(db, householdId, now);
  if (!elig.eligible)
    throw new AppError(
      'FORBIDDEN',
      `household ${householdId} is not eligible for Action A: ${elig.reasons.map((r) => r.message).join('; ')}`,
      elig.reasons.map((r) => ({ path: 'eligibility', message: r.message, value: r.code })),
    );
}

/** Throws 409 with the figures when the booking's estimate is more than what remains on the voucher. */
function assertCovers(est: BookingEstimate, v: VoucherBalance & { grant: NonNullable<VoucherBalance['grant']> }): void {
  if (est.estimateCents <= v.remainingCents) return;
  const figures = {
    bookingCents: est.estimateCents,
    weekCents: est.weekCents,
    trips: est.dates,
    amountCents: v.amountCents,
    spentCents: v.spentCents,
    committedCents: v.committedCents,
    remainingCents: v.remainingCents,
  };
  throw new AppError(
    'CONFLICT',
    `the booking costs ${euro(est.estimateCents)} (${euro(est.weekCents)} a week, until ${v.grant.validTo}) but the voucher has ${euro(v.remainingCents)} left: ${euro(v.amountCents)} granted, ${euro(v.spentCents)} spent, ${euro(v.committedCents)} committed by the published plans`,
    [{ path: 'voucher', message: 'the booking would overrun the voucher balance', value: figures }],
  );
}

async function fundedBalance(db: Db, data: ProgrammeData, householdId: string, today: string) {
  const v = await voucherBalance(db, data, householdId, today);
  if (!v.grant)
    throw new AppError('CONFLICT', `household ${householdId} has no voucher grant: ask the coordinator for one`, [
      { path: 'voucher', message: 'no voucher grant', value: null },
    ]);
  return { ...v, grant: v.grant };
}

/**
 * A catalogue booking under Action A: 403 when the household is not eligible, 409 when no
 * provider is accredited for it or its estimate (at the accredited providers' tariff) is more
 * than the voucher has left; else the estimate.
 */
export async function assertCatalogueBookingFunded(
  db: Db,
  now: Date,
  householdId: string,
  request: StandingRequest,
): Promise<BookingEstimate> {
  await assertEligible(db, now, householdId);
  const today = romeToday(now);
  const data = await loadProgrammeData(db);
  const v = await fundedBalance(db, data, householdId, today);
  const est = estimateCatalogueBooking(data, householdId, request, today, v.grant.validTo);
  assertCovers(est, v);
  return est;
}

/** Throws 403 (not eligible, with the reasons) or 409 (voucher short, with the figures). */
export async function assertEligibleAndFunded(
  db: Db,
  now: Date,
  householdId: string,
  before: Plan,
  after: Plan,
  requestId: string,
  validFrom: string,
  validTo: string,
): Promise<BookingEstimate> {
  await assertEligible(db, now, householdId);
  const today = now.toISOString().slice(0, 10);
  const data = await loadProgrammeData(db);
  const v = await fundedBalance(db, data, householdId, today);
  const est = await estimateBooking(db, householdId, before, after, requestId, validFrom, validTo, v.grant.validTo);
  assertCovers(est, v);
  return est;
}
