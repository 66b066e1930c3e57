/**
 * Calendars in the week's trips: a public holiday and the end of the school year take the school
 * trips out and say why; a summer week plans the centro estivo instead; patron days, Easter
 * Monday, date-specific hours. The weeks are fixed dates (no wall clock).
 *
 * With the real Lombardy calendar the holiday (Tue 2 June 2026, Festa della Repubblica) and the
 * last day of lessons (Mon 8 June 2026) fall in consecutive weeks (2026-W23 and 2026-W24), so the
 * story runs over both.
 */
import { describe, expect, it } from 'vitest';
import type { Household, Passenger, Service, StandingRequest } from '../contract/domain.ts';
import { expandWeek } from '../domain/expand-week.ts';
import { toSeconds } from '../windows/time-of-day.ts';
import { patronDay, publicHoliday, schoolDay } from './calendars.ts';
import { aPassenger } from '../../test/helpers/passenger.ts';
import { serviceDay } from './service-day.ts';

const place = (label: string, istatCode = '012042') => ({ label, lat: 45.6112, lon: 8.8999, istatCode });
const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri'] as const;
const hours = (open: [string, string], activity: [string, string]) =>
  Object.fromEntries(
    weekdays.map((d) => [
      d,
      { open: { from: open[0], to: open[1] }, activity: { from: activity[0], to: activity[1] } },
    ]),
  );
const service = (id: string, kind: Service['kind'], h = hours(['07:30', '17:00'], ['08:30', '16:15'])): Service => ({
  id,
  name: id,
  kind,
  place: place(`${id}, Castellanza`),
  hours: h,
  closures: [],
  synthetic: true,
});
const school = service('Scuola', 'school');
const nursery = service('Nido', 'nursery');
const cdd = service('CDD', 'day_centre_disabled');
const camp = service('Centro estivo', 'summer_camp', hours(['07:45', '17:30'], ['09:00', '16:30']));
const household: Household = {
  id: 'h',
  name: 'Famiglia',
  home: place('Casa, Castellanza'),
  adults: [{ name: 'Anna', phone: '' }],
  workHours: {},
  synthetic: true,
};
const passenger = (id: string): Passenger => aPassenger({ id, name: id });
const request = (
  id: string,
  passengerId: string,
  serviceId: string,
  validFrom: string,
  validTo: string,
): StandingRequest => ({
  id,
  passengerId,
  serviceId,
  weekdays: [...weekdays],
  validFrom,
  validTo,
  outbound: true,
  return: true,
  exceptions: [],
});
const entities = {
  services: [school, nursery, cdd, camp],
  households: [household],
  passengers: [passenger('luca'), passenger('sara'), passenger('gino')],
  requests: [
    // Luca goes to school for the whole school year, then to the centro estivo for its weeks
    request('school', 'luca', 'Scuola', '2025-09-12', '2026-06-30'),
    request('camp', 'luca', 'Centro estivo', '2026-06-15', '2026-07-31'),
    request('nursery', 'sara', 'Nido', '2025-09-05', '2026-06-30'),
    request('cdd', 'gino', 'CDD', '2025-01-01', '2026-12-31'),
  ],
};
const week = (w: string) => expandWeek(entities, w, { directS: () => 900 });
const datesOf = (trips: Array<{ requestId: string; date: string; direction: string }>, requestId: string) => [
  ...new Set(trips.filter((t) => t.requestId === requestId).map((t) => t.date)),
];

describe('calendars in the week', () => {
  it('2026-W23: no school, nursery or day-centre trips on the public holiday of Tue 2 June, and the why', () => {
    const w = week('2026-W23');
    expect(datesOf(w.trips, 'school')).toEqual(['2026-06-01', '2026-06-03', '2026-06-04', '2026-06-05']);
    expect(datesOf(w.trips, 'cdd')).toEqual(['2026-06-01', '2026-06-03', '2026-06-04', '2026-06-05']);
    const why = w.cancelled.filter((c) => c.date === '2026-06-02');
    expect(why.map((c) => `${c.requestId}:${c.direction} ${c.why} ${c.note}`)).toEqual([
      'school:outbound public_holiday Festa della Repubblica',
      'school:return public_holiday Festa della Repubblica',
      'nursery:outbound public_holiday Festa della Repubblica',
      'nursery:return public_holiday Festa della Repubblica',
      'cdd:outbound public_holiday Festa della Repubblica',
      'cdd:return public_holiday Festa della Repubblica',
    ]);
    expect(datesOf(w.trips, 'camp')).toEqual([]);
  });

  it('2026-W24: school trips on the last day of lessons (Mon 8 June) only, then "school year ended"; the nursery goes on', () => {
    const w = week('2026-W24');
    expect(datesOf(w.trips, 'school')).toEqual(['2026-06-08']);
    const ended = w.cancelled.filter((c) => c.requestId === 'school');
    expect([...new Set(ended.map((c) => c.date))]).toEqual(['2026-06-09', '2026-06-10', '2026-06-11', '2026-06-12']);
    expect(new Set(ended.map((c) => c.why))).toEqual(new Set(['school_year_ended']));
    expect(ended[0].note).toBe('the school year 2025/26 ended on 2026-06-08');
    expect(datesOf(w.trips, 'nursery')).toEqual(['2026-06-08', '2026-06-09', '2026-06-10', '2026-06-11', '2026-06-12']);
  });

  it('summer week 2026-W26: the centro estivo trips with its own hours, no school trips', () => {
    const w = week('2026-W26');
    expect(datesOf(w.trips, 'camp')).toEqual(['2026-06-22', '2026-06-23', '2026-06-24', '2026-06-25', '2026-06-26']);
    expect(w.trips.filter((t) => t.requestId === 'school')).toEqual([]);
    // camp: activity 09:00–16:30 → arrival [max(07:45, 08:00), 08:58]; collection from 16:30
    const monday = w.trips.filter((t) => t.requestId === 'camp' && t.date === '2026-06-22');
    expect(monday.map((t) => t.serviceId)).toEqual(['Centro estivo', 'Centro estivo']);
    expect(monday[0].delivery).toEqual({ fromS: toSeconds('08:00'), toS: toSeconds('08:58') });
    expect(monday[1].pickup.fromS).toBe(toSeconds('16:30'));
  });

  it('knows Easter Monday, the national holidays, patron days with a source and the school breaks', () => {
    expect(publicHoliday('2026-04-06')).toBe('Lunedì dell’Angelo');
    expect(publicHoliday('2027-03-29')).toBe('Lunedì dell’Angelo');
    expect(publicHoliday('2026-12-08')).toBe('Immacolata Concezione');
    expect(publicHoliday('2026-12-09')).toBeNull();
    expect(patronDay('012123', '2027-01-21')).toBe("Sant'Agnese (Somma Lombardo)");
    expect(patronDay('012042', '2027-01-21')).toBeNull();
    expect(schoolDay('2026-12-23', false)).toEqual({
      school: false,
      why: 'school_holiday',
      note: 'Vacanze di Natale (2026/27)',
    });
    expect(schoolDay('2026-09-11', false).school).toBe(false);
    expect(schoolDay('2026-09-14', false)).toEqual({ school: true });
    const sommaSchool = { ...school, place: place('Scuola, Somma Lombardo', '012123') };
    expect(serviceDay(sommaSchool, '2027-01-21')).toMatchObject({ open: false, why: 'patron_day' });
    expect(serviceDay(cdd, '2027-01-21')).toMatchObject({ open: true });
  });

  it('date-specific hours: a half day moves the return, a dated closure says so', () => {
    const halfDay: Service = {
      ...school,
      dateHours: [
        {
          date: '2026-12-22',
          hours: { open: { from: '07:30', to: '13:00' }, activity: { from: '08:30', to: '12:30' } },
          note: '',
        },
        { date: '2026-12-21', hours: null, note: 'assemblea sindacale' },
      ],
    };
    const w = expandWeek(
      { ...entities, services: [halfDay], requests: [request('school', 'luca', 'Scuola', '2026-09-14', '2027-06-08')] },
      '2026-W52',
      { directS: () => 900 },
    );
    const ret = w.trips.find((t) => t.date === '2026-12-22' && t.direction === 'return');
    expect(ret?.pickup.fromS).toBe(toSeconds('12:30'));
    expect(w.cancelled.find((c) => c.date === '2026-12-21')).toMatchObject({
      why: 'service_closed',
      note: 'assemblea sindacale',
    });
    // Wed 23 Dec onwards: Christmas break
    expect(w.cancelled.find((c) => c.date === '2026-12-23')).toMatchObject({ why: 'school_holiday' });
  });
});
