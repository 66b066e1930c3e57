import { describe, expect, it } from 'vitest';
import { fromDraft, parseNumber, toDraft } from './draft.ts';
import type { Field, GridDraft, PlaceDraft } from './fields.ts';

const grid: Field = {
  kind: 'grid',
  path: 'hours',
  label: 'form.service.hours',
  columns: [
    { key: 'open.from', label: 'form.service.openFrom' },
    { key: 'open.to', label: 'form.service.openTo' },
  ],
};
const seats: Field = { kind: 'number', path: 'capacity.seats', label: 'form.vehicle.seats' };
const childSeats: Field = {
  kind: 'number',
  path: 'features.childSeats',
  label: 'form.vehicle.childSeats',
  optional: true,
};
const home: Field = { kind: 'place', path: 'home', label: 'form.passenger.home', optional: true };
const days: Field = { kind: 'weekdays', path: 'weekdays', label: 'form.request.weekdays' };
const dates: Field = { kind: 'dates', path: 'closures', label: 'form.service.closures' };
const adults: Field = {
  kind: 'rows',
  path: 'adults',
  label: 'form.household.adults',
  columns: [
    { key: 'name', label: 'form.household.adult.name' },
    { key: 'phone', label: 'form.household.adult.phone' },
  ],
};
const promised: Field = { kind: 'json', path: 'promised', label: 'form.request.promised' };

describe('form values ⇄ record', () => {
  it('reads numbers typed with a comma or a point, and nothing else', () => {
    expect(parseNumber('0,5')).toBe(0.5);
    expect(parseNumber(' 12 ')).toBe(12);
    expect(parseNumber('-3.25')).toBe(-3.25);
    expect(parseNumber('')).toBeNaN();
    expect(parseNumber('8 posti')).toBeNaN();
  });

  it('a number that is not a number is refused before sending, naming the field', () => {
    const { issues, value } = fromDraft([seats], { 'capacity.seats': 'otto' }, { capacity: { seats: 8 } });
    expect(issues).toEqual([{ path: 'capacity.seats', key: 'form.error.number' }]);
    expect(value.capacity).toEqual({});
  });

  it('an optional number left empty is left out (the server applies its default); a required one is sent missing for the server to name', () => {
    const { value } = fromDraft([seats, childSeats], { 'capacity.seats': '', 'features.childSeats': '' }, {});
    expect(value).toEqual({ capacity: {}, features: {} });
  });

  it('a weekday grid keeps only the days with a time, each with only the times given', () => {
    const draft = toDraft([grid], { hours: { tue: { open: { from: '08:00', to: '16:00' } } } });
    const cells = draft.hours as GridDraft;
    expect(cells.tue).toEqual({ 'open.from': '08:00', 'open.to': '16:00' });
    expect(cells.mon).toEqual({ 'open.from': '', 'open.to': '' });
    cells.mon = { 'open.from': '07:30', 'open.to': '' };
    cells.tue = { 'open.from': '', 'open.to': '' };
    expect(fromDraft([grid], draft).value).toEqual({ hours: { mon: { open: { from: '07:30' } } } });
  });

  it('a passenger at the household’s home has no home of their own; an own home keeps its ISTAT code only while the point is unchanged', () => {
    const before = { home: { label: 'Via Verdi 2', lat: 45.6, lon: 8.9, istatCode: '012043' } };
    const draft = toDraft([home], before);
    expect(draft.home).toEqual({ label: 'Via Verdi 2', lat: '45.6', lon: '8.9', inherit: false });
    expect(fromDraft([home], draft, before).value.home).toEqual(before.home);
    const moved: PlaceDraft = { ...(draft.home as PlaceDraft), lat: '45,7' };
    expect(fromDraft([home], { home: moved }, before).value.home).toEqual({
      label: 'Via Verdi 2',
      lat: 45.7,
      lon: 8.9,
    });
    expect(fromDraft([home], { home: { ...moved, inherit: true } }, before).value).toEqual({});
  });

  it('weekdays come out in week order, empty dates and empty rows are dropped', () => {
    const { value } = fromDraft([days, dates, adults], {
      weekdays: ['fri', 'mon'],
      closures: ['2026-12-08', '', '2026-12-25'],
      adults: [
        { name: ' Anna ', phone: '' },
        { name: '', phone: '' },
      ],
    });
    expect(value).toEqual({
      weekdays: ['mon', 'fri'],
      closures: ['2026-12-08', '2026-12-25'],
      adults: [{ name: 'Anna', phone: '' }],
    });
  });

  it('a nested value without controls goes through its JSON; broken JSON is refused and the old value kept', () => {
    const before = { promised: { mon: { pickup: { from: '07:00', to: '07:15' } } } };
    const draft = toDraft([promised], before);
    expect(fromDraft([promised], draft, before).value).toEqual(before);
    expect(fromDraft([promised], { promised: '' }, before).value).toEqual({});
    const broken = fromDraft([promised], { promised: '{ "mon": ' }, before);
    expect(broken.issues).toEqual([{ path: 'promised', key: 'form.error.json' }]);
    expect(broken.value).toEqual(before);
  });
});
