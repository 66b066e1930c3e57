/**
 * Is a service open on a date, with which hours — and if not, why. In order: the service's own
 * closures; its date-specific hours (a half day, summer hours; `null` = closed); the national
 * public holidays; for schools and nurseries the comune's patron day and the Lombardy school
 * calendar (breaks, before the first and after the last day of the school year); else its weekly
 * hours for the weekday. The reasons are what the week plan shows for a trip that is not there.
 */
import type { Service } from '../contract/domain.ts';
import { weekdayOf } from '../domain/calendar.ts';
import { patronDay, publicHoliday, schoolDay } from './calendars.ts';

export type ClosedWhy =
  | 'service_closed'
  | 'public_holiday'
  | 'patron_day'
  | 'school_holiday'
  | 'school_year_ended'
  | 'outside_school_year';

export type ServiceHours = NonNullable<Service['hours']['mon']>;
export type ServiceDay =
  | { open: true; hours: ServiceHours | undefined }
  | { open: false; why: ClosedWhy; note: string };

export function serviceDay(service: Service, date: string): ServiceDay {
  if (service.closures.includes(date)) return { open: false, why: 'service_closed', note: `${service.name} is closed` };
  const special = service.dateHours?.find((d) => d.date === date);
  if (special) {
    return special.hours
      ? { open: true, hours: special.hours }
      : { open: false, why: 'service_closed', note: special.note || `${service.name} is closed` };
  }
  const holiday = publicHoliday(date);
  if (holiday) return { open: false, why: 'public_holiday', note: holiday };
  if (service.kind === 'school' || service.kind === 'nursery') {
    const patron = patronDay(service.place.istatCode, date);
    if (patron) return { open: false, why: 'patron_day', note: patron };
    const day = schoolDay(date, service.kind === 'nursery');
    if (!day.school) return { open: false, why: day.why, note: day.note };
  }
  return { open: true, hours: service.hours[weekdayOf(date)] };
}
