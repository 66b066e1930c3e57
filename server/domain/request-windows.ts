/**
 * The windows of one standing request on one weekday: looks up the passenger, household and
 * service, picks the home (the passenger's own, else the household's) and the household's work
 * hours that weekday, and applies the work-hours-to-windows rule. Shared by validation (per
 * weekday) and by expandWeek (per date).
 */
import type { Household, Passenger, Place, Service, StandingRequest, Weekday } from '../contract/domain.ts';
import { workHoursToWindows, type WindowsResult } from '../windows/work-hours-to-windows.ts';
import type { DomainContext } from './domain-context.ts';

export interface RequestDay {
  passenger: Passenger;
  household: Household;
  service: Service;
  home: Place;
  windows: WindowsResult;
}

export type RequestDayResult =
  | RequestDay
  | { missing: Array<{ field: 'passengerId' | 'serviceId' | 'householdId'; id: string }> };

export function requestWindows(request: StandingRequest, weekday: Weekday, context: DomainContext): RequestDayResult {
  const passenger = context.passengers.get(request.passengerId);
  const service = context.services.get(request.serviceId);
  const household = passenger ? context.households.get(passenger.householdId) : undefined;
  if (!passenger || !service || !household) {
    const missing: Array<{ field: 'passengerId' | 'serviceId' | 'householdId'; id: string }> = [];
    if (!passenger) missing.push({ field: 'passengerId', id: request.passengerId });
    else if (!household) missing.push({ field: 'householdId', id: passenger.householdId });
    if (!service) missing.push({ field: 'serviceId', id: request.serviceId });
    return { missing };
  }
  const home = passenger.home ?? household.home;
  const day = (directS: number) => ({
    weekday,
    service: { name: service.name, hours: service.hours[weekday] },
    work: household.workHours[weekday],
    directS,
    boardingS: passenger.boardingMin * 60,
    alightingS: passenger.alightingMin * 60,
    promised: request.promised?.[weekday],
  });
  // each direction with its own direct time (a travel-time matrix need not be symmetric)
  const windows: WindowsResult = {
    ...(request.outbound
      ? workHoursToWindows(
          { ...day(context.directS(home, service.place)), outbound: true, return: false },
          context.windowConfig,
        )
      : {}),
    ...(request.return
      ? workHoursToWindows(
          { ...day(context.directS(service.place, home)), outbound: false, return: true },
          context.windowConfig,
        )
      : {}),
  };
  return { passenger, household, service, home, windows };
}
