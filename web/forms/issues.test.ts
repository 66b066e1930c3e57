import { describe, expect, it } from 'vitest';
import { ENTITY_FIELDS } from '../views/manage/entity-fields.ts';
import { WEEKDAYS, type Field } from './fields.ts';
import { explainIssue, locateIssue } from './issues.ts';

/** The control paths the rendered form has (render.ts names them the same way). */
function controlsOf(field: Field): string[] {
  switch (field.kind) {
    case 'place':
      return [`${field.path}.label`, `${field.path}.lat`, `${field.path}.lon`];
    case 'weekdays':
      return WEEKDAYS.map((d) => `${field.path}.${d}`);
    case 'grid':
      return WEEKDAYS.flatMap((d) => field.columns.map((c) => `${field.path}.${d}.${c.key}`));
    case 'rows':
      return [0, 1].flatMap((i) => field.columns.map((c) => `${field.path}.${i}.${c.key}`));
    case 'dates':
      return [`${field.path}.0`, `${field.path}.1`];
    default:
      return [field.path];
  }
}

describe('a refused value is shown at its control', () => {
  it('a negative capacity goes to the seats', () => {
    expect(locateIssue(ENTITY_FIELDS.vehicles, 'capacity.seats', {}, controlsOf)).toEqual({
      field: 'capacity.seats',
      controls: ['capacity.seats'],
    });
  });

  it('a home outside the 16 municipalities marks the address and its coordinates', () => {
    expect(locateIssue(ENTITY_FIELDS.passengers, 'home', {}, controlsOf)).toEqual({
      field: 'home',
      controls: ['home.label', 'home.lat', 'home.lon'],
    });
    expect(locateIssue(ENTITY_FIELDS.households, 'home.lat', {}, controlsOf)).toEqual({
      field: 'home',
      controls: ['home.lat'],
    });
  });

  it('a weekday the service is closed on is found by its value, not its position in the list', () => {
    const sent = { weekdays: ['mon', 'wed', 'sat'] };
    expect(locateIssue(ENTITY_FIELDS.requests, 'weekdays.2', sent, controlsOf)).toEqual({
      field: 'weekdays',
      controls: ['weekdays.sat'],
    });
    expect(locateIssue(ENTITY_FIELDS.requests, 'weekdays', sent, controlsOf)).toEqual({
      field: 'weekdays',
      controls: WEEKDAYS.map((d) => `weekdays.${d}`),
    });
  });

  it('a time in a weekday grid goes to its cell; a whole-day problem to the day’s cells', () => {
    expect(locateIssue(ENTITY_FIELDS.services, 'hours.tue.activity.to', {}, controlsOf)).toEqual({
      field: 'hours',
      controls: ['hours.tue.activity.to'],
    });
    expect(locateIssue(ENTITY_FIELDS.vehicles, 'hours.mon.from', {}, controlsOf)).toEqual({
      field: 'hours',
      controls: ['hours.mon.from'],
    });
    expect(locateIssue(ENTITY_FIELDS.households, 'workHours.fri', {}, controlsOf)).toEqual({
      field: 'workHours',
      controls: ['workHours.fri.leaves', 'workHours.fri.back'],
    });
  });

  it('an empty list that must not be empty is shown at the list; a body-level problem has no field', () => {
    expect(locateIssue(ENTITY_FIELDS.households, 'adults', { adults: [] }, () => [])).toEqual({
      field: 'adults',
      controls: [],
    });
    expect(locateIssue(ENTITY_FIELDS.drivers, 'vehicleIds.0', { vehicleIds: ['veh-9'] }, () => [])).toEqual({
      field: 'vehicleIds',
      controls: [],
    });
    expect(locateIssue(ENTITY_FIELDS.vehicles, '(body)', {}, controlsOf)).toBeNull();
  });
});

describe('the server’s reasons in the coordinator’s words', () => {
  it.each([
    ['Too small: expected number to be >=0', 'form.error.min', { min: '0' }],
    ['Too big: expected number to be <=30', 'form.error.max', { max: '30' }],
    ['Invalid input: expected int, received number', 'form.error.integer', {}],
    ['Too small: expected string to have >=1 characters', 'form.error.required', {}],
    ['Too big: expected string to have <=120 characters', 'form.error.maxLength', { max: '120' }],
    ['Invalid input: expected number, received undefined', 'form.error.required', {}],
    ['Invalid input: expected number, received string', 'form.error.number', {}],
    ['Invalid option: expected one of "child"|"adult"|"elderly"', 'form.error.option', {}],
    ['Too small: expected array to have >=1 items', 'form.error.atLeastOne', {}],
    ['a time of day as HH:MM', 'form.error.time', {}],
    ['the interval ends before it starts', 'form.error.intervalOrder', {}],
    ['validTo is before validFrom', 'form.error.validTo', {}],
    ['a request needs an outbound or a return trip', 'form.error.noTrip', {}],
    [
      'home "Via Roma 1" at lat 45.46, lon 9.19 is outside the 16 municipalities of the Ambiti di Castellanza and Somma Lombardo: not eligible for Action A',
      'form.error.outside',
      {},
    ],
    ['no household with id "hh-zzz"', 'form.error.unknownRef', { id: 'hh-zzz' }],
    ['the service "Scuola Rodari" is closed on sat', 'form.error.serviceClosed', { day: 'sat' }],
  ])('%s', (message, key, params) => {
    expect(explainIssue(message)).toEqual({ key, params });
  });

  it('an unknown reason is left to the server’s own words', () => {
    expect(explainIssue('something new went wrong')).toBeNull();
  });
});
