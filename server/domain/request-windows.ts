/**
 * The windows of one standing request on one weekday (or one date): looks up the passenger,
 * household and services, picks the handover address (another address on its weekdays, else the
 * passenger's own home, else the household's) and who may receive the passenger there, and
 * applies the windows rule at every handover: home → first service, service → service along a
 * chain (school → therapy), last service → home. Shared by validation (per weekday) and by
 * expandWeek (per date, so rotas, dated exceptions and date-specific hours apply).
 *
 * Who is home: a household without per-adult schedules keeps its per-weekday work hours exactly
 * as before; with schedules (or at another address with its own receiving adults) the union of
 * the receiving adults decides (server/schedules/away.ts). A passenger who can be left alone
 * needs nobody at home.
 */
import type { Household, Passenger, Place, Service, StandingRequest, Weekday } from '../contract/domain.ts';
import { serviceDay } from '../calendar/service-day.ts';
import { nobodyHome, schedulesOf } from '../schedules/away.ts';
import { chainLegWindows } from '../windows/chain-leg.ts';
import {
  type TripResult,
  type WindowInput,
  workHoursToWindows,
  type WindowsResult,
} from '../windows/work-hours-to-windows.ts';
import { addDays, weekdayOf } from './calendar.ts';
import type { DomainContext } from './domain-context.ts';

export interface ChainLeg {
  /** 1-based position of the leg in the chain. */
  index: number;
  from: Service;
  to: Service;
  result: TripResult;
}

export interface RequestDay {
  passenger: Passenger;
  household: Household;
  /** The first service (the outbound trip's destination). */
  service: Service;
  /** The last service of the chain (where the return trip starts); the first without a chain. */
  lastService: Service;
  /** Where the passenger is collected and brought back that day. */
  home: Place;
  windows: WindowsResult;
  legs: ChainLeg[];
}

type MissingField = 'passengerId' | 'serviceId' | 'householdId' | 'chain';
export type RequestDayResult = RequestDay | { missing: Array<{ field: MissingField; id: string }> };

/** The first date on or after `from` that falls on `weekday`. */
function firstOn(from: string, weekday: Weekday): string {
  let d = from;
  for (let i = 0; i < 7 && weekdayOf(d) !== weekday; i++) d = addDays(d, 1);
  return d;
}

function hoursOn(service: Service, weekday: Weekday, date: string | undefined): WindowInput['service']['hours'] {
  if (!date) return service.hours[weekday];
  const day = serviceDay(service, date);
  return day.open ? day.hours : undefined;
}

export function requestWindows(
  request: StandingRequest,
  weekday: Weekday,
  context: DomainContext,
  date?: string,
): RequestDayResult {
  const passenger = context.passengers.get(request.passengerId);
  const service = context.services.get(request.serviceId);
  const household = passenger ? context.households.get(passenger.householdId) : undefined;
  const chain = (request.chain ?? []).map((c) => ({ id: c.serviceId, service: context.services.get(c.serviceId) }));
  if (!passenger || !service || !household || chain.some((c) => !c.service)) {
    const missing: Array<{ field: MissingField; id: string }> = [];
    if (!passenger) missing.push({ field: 'passengerId', id: request.passengerId });
    else if (!household) missing.push({ field: 'householdId', id: passenger.householdId });
    if (!service) missing.push({ field: 'serviceId', id: request.serviceId });
    for (const c of chain) if (!c.service) missing.push({ field: 'chain', id: c.id });
    return { missing };
  }
  const services = [service, ...chain.map((c) => c.service as Service)];
  const lastService = services[services.length - 1];
  const other = request.otherAddresses?.find((a) => a.weekdays.includes(weekday));
  const home = other?.place ?? passenger.home ?? household.home;
  // who must be home: the legacy work hours unless schedules or another address say otherwise
  const dayDate = date ?? firstOn(request.validFrom, weekday);
  let who: Pick<WindowInput, 'work' | 'away' | 'handoverPlace'> = {};
  if (passenger.canBeAlone) who = {};
  else if (other) who = { away: nobodyHome(other.receivers, dayDate), handoverPlace: other.place.label };
  else if (household.schedules && household.schedules.length > 0)
    who = { away: nobodyHome(schedulesOf(household), dayDate) };
  else who = { work: household.workHours[weekday] };
  const day = (s: Service, directS: number) => ({
    weekday,
    service: { name: s.name, hours: hoursOn(s, weekday, date) },
    ...who,
    directS,
    boardingS: passenger.boardingMin * 60,
    alightingS: passenger.alightingMin * 60,
    promised: request.promised?.[weekday],
  });
  // each direction with its own direct time (a travel-time matrix need not be symmetric)
  const windows: WindowsResult = {
    ...(request.outbound
      ? workHoursToWindows(
          { ...day(service, context.directS(home, service.place)), outbound: true, return: false },
          context.windowConfig,
        )
      : {}),
    ...(request.return
      ? workHoursToWindows(
          { ...day(lastService, context.directS(lastService.place, home)), outbound: false, return: true },
          context.windowConfig,
        )
      : {}),
  };
  const legs: ChainLeg[] = [];
  for (let i = 1; i < services.length; i++) {
    const from = services[i - 1];
    const to = services[i];
    legs.push({
      index: i,
      from,
      to,
      result: chainLegWindows(
        {
          weekday,
          from: { name: from.name, hours: hoursOn(from, weekday, date) },
          to: { name: to.name, hours: hoursOn(to, weekday, date) },
          directS: context.directS(from.place, to.place),
          boardingS: passenger.boardingMin * 60,
          alightingS: passenger.alightingMin * 60,
        },
        context.windowConfig,
      ),
    });
  }
  return { passenger, household, service, lastService, home, windows, legs };
}
