/**
 * What a catalogue booking would cost the voucher before any van carries it: the standing
 * request's trips of each weekday (expanded over its first weeks, so a holiday in the first week
 * does not hide a weekday), each priced at the dearest tariff among the providers accredited for
 * the trip (the passenger's comune and the trip's service — the planner keeps vans to those), the
 * family's co-payment band deducted, repeated on every date the request travels until it or the
 * grant ends. The dearest, because the planner may give the trip to any accredited provider's van.
 */
import type { StandingRequest, Weekday } from '../contract/domain.ts';
import { greatCircleM } from '../contract/great-circle.ts';
import { addDays, isoWeekDates, isoWeekOf, weekdayOf } from '../domain/calendar.ts';
import { expandWeek } from '../domain/expand-week.ts';
import { AppError } from '../errors/app-error.ts';
import { locate } from '../geo/index.ts';
import { outsideAccreditation } from '../providers/accreditation.ts';
import { tripCost } from '../vouchers/tariff.ts';
import { ESTIMATE } from '../windows/estimate-direct.ts';
import type { ProgrammeData } from './programme-data.ts';

const WEEKS_LOOKED_AT = 4;

/** The voucher share of one week of the request, per weekday (cents), at the accredited providers' dearest tariff. */
export function catalogueWeekCents(data: ProgrammeData, request: StandingRequest): Map<Weekday, number> {
  const passenger = data.passengers.get(request.passengerId);
  const household = passenger ? data.households.get(passenger.householdId) : undefined;
  if (!passenger || !household) return new Map();
  const entities = {
    services: [...data.services.values()],
    households: [household],
    passengers: [passenger],
    requests: [{ ...request, status: undefined }],
  };
  const band = data.enrolments.get(household.id)?.coPaymentBand;
  const home = passenger.home ?? household.home;
  const istatCode = home.istatCode ?? locate(home.lon, home.lat)?.istatCode ?? null;
  const perWeekday = new Map<Weekday, number>();
  let monday = isoWeekDates(isoWeekOf(request.validFrom))[0]!;
  for (let i = 0; i < WEEKS_LOOKED_AT && !request.weekdays.every((wd) => perWeekday.has(wd)); i++) {
    // one date per weekday in a week: its trips' sum is that weekday's price, unless an earlier week gave it
    const thisWeek = new Map<Weekday, number>();
    for (const t of expandWeek(entities, isoWeekOf(monday)).trips) {
      if (t.date < request.validFrom || t.date > request.validTo || perWeekday.has(t.weekday)) continue;
      const accredited = data.providers.filter((p) => !outsideAccreditation(p, { istatCode, serviceId: t.serviceId }));
      if (accredited.length === 0)
        throw new AppError(
          'CONFLICT',
          `no provider is accredited to carry ${passenger.name} from comune ${istatCode ?? '?'} to service ${t.serviceId}: the booking cannot be priced; accredit a provider first`,
          [{ path: 'serviceId', message: 'no accredited provider', value: t.serviceId }],
        );
      const kmM = Math.round(greatCircleM(t.from, t.to) * ESTIMATE.detourFactor);
      const voucherCents = Math.max(
        ...accredited.map((p) => tripCost(p.tariff, { kmM, rideS: t.directS }, band).voucherCents),
      );
      thisWeek.set(t.weekday, (thisWeek.get(t.weekday) ?? 0) + voucherCents);
    }
    for (const [wd, cents] of thisWeek) perWeekday.set(wd, cents);
    monday = addDays(monday, 7);
  }
  return perWeekday;
}

/** The estimate of a catalogue booking from `today` to the request's end or the grant's end. */
export function estimateCatalogueBooking(
  data: ProgrammeData,
  householdId: string,
  request: StandingRequest,
  today: string,
  grantTo: string | undefined,
): { householdId: string; weekCents: number; dates: number; estimateCents: number } {
  const perWeekday = catalogueWeekCents(data, request);
  const weekCents = [...perWeekday.values()].reduce((a, b) => a + b, 0);
  const start = request.validFrom > today ? request.validFrom : today;
  const end = grantTo && grantTo < request.validTo ? grantTo : request.validTo;
  let estimateCents = 0;
  let dates = 0;
  for (let d = start, i = 0; d <= end && i < 800; d = addDays(d, 1), i++) {
    const c = perWeekday.get(weekdayOf(d));
    if (c) {
      estimateCents += c;
      dates++;
    }
  }
  return { householdId, weekCents, dates, estimateCents };
}
