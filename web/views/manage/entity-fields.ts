/**
 * The form of each managed entity, as field descriptors over the contract's schemas
 * (server/contract/domain.ts), and the blank record a new one starts from. Enum choices come
 * from the schemas themselves, so a new mobility or service kind shows up here (and fails the
 * typecheck until both catalogues name it).
 */
import { AgeGroupSchema, MobilitySchema, ServiceKindSchema } from '../../../server/contract/domain.ts';
import type { Entity } from '../../api/client.ts';
import type { Column, Field } from '../../forms/fields.ts';
import type { MessageKey } from '../../i18n/i18n.ts';

const id: Field = { kind: 'text', path: 'id', label: 'form.id', hint: 'form.id.hint', createOnly: true, maxLength: 64 };
const interval: Column[] = [
  { key: 'from', label: 'form.from' },
  { key: 'to', label: 'form.to' },
];

export const ENTITY_FIELDS: Record<Entity, readonly Field[]> = {
  passengers: [
    id,
    { kind: 'text', path: 'name', label: 'form.passenger.name', hint: 'form.passenger.name.hint', maxLength: 120 },
    { kind: 'ref', path: 'householdId', label: 'form.passenger.householdId', entity: 'households' },
    {
      kind: 'select',
      path: 'ageGroup',
      label: 'form.passenger.ageGroup',
      options: AgeGroupSchema.options,
      optionLabel: (v) => `form.ageGroup.${v}` as MessageKey,
    },
    {
      kind: 'select',
      path: 'mobility',
      label: 'form.passenger.mobility',
      options: MobilitySchema.options,
      optionLabel: (v) => `form.mobility.${v}` as MessageKey,
    },
    { kind: 'checkbox', path: 'needsEscort', label: 'form.passenger.needsEscort' },
    {
      kind: 'number',
      path: 'boardingMin',
      label: 'form.passenger.boardingMin',
      min: 0,
      max: 30,
      step: 1,
      optional: true,
    },
    {
      kind: 'number',
      path: 'alightingMin',
      label: 'form.passenger.alightingMin',
      min: 0,
      max: 30,
      step: 1,
      optional: true,
    },
    {
      kind: 'place',
      path: 'home',
      label: 'form.passenger.home',
      optional: true,
      inheritLabel: 'form.passenger.home.inherit',
    },
    { kind: 'text', path: 'notesForDriver', label: 'form.passenger.notesForDriver', multiline: true, maxLength: 300 },
  ],
  households: [
    id,
    { kind: 'text', path: 'name', label: 'form.household.name', maxLength: 120 },
    { kind: 'place', path: 'home', label: 'form.household.home' },
    {
      kind: 'rows',
      path: 'adults',
      label: 'form.household.adults',
      columns: [
        { key: 'name', label: 'form.household.adult.name' },
        { key: 'phone', label: 'form.household.adult.phone' },
      ],
    },
    {
      kind: 'grid',
      path: 'workHours',
      label: 'form.household.workHours',
      columns: [
        { key: 'leaves', label: 'form.household.leaves' },
        { key: 'back', label: 'form.household.back' },
      ],
    },
  ],
  requests: [
    id,
    { kind: 'ref', path: 'passengerId', label: 'form.request.passengerId', entity: 'passengers' },
    { kind: 'ref', path: 'serviceId', label: 'form.request.serviceId', entity: 'services' },
    { kind: 'weekdays', path: 'weekdays', label: 'form.request.weekdays' },
    { kind: 'date', path: 'validFrom', label: 'form.request.validFrom' },
    { kind: 'date', path: 'validTo', label: 'form.request.validTo' },
    { kind: 'checkbox', path: 'outbound', label: 'form.request.outbound' },
    { kind: 'checkbox', path: 'return', label: 'form.request.return' },
    { kind: 'dates', path: 'exceptions', label: 'form.request.exceptions' },
    { kind: 'json', path: 'promised', label: 'form.request.promised', hint: 'form.request.promised.hint' },
  ],
  vehicles: [
    id,
    { kind: 'text', path: 'label', label: 'form.vehicle.label', maxLength: 60 },
    { kind: 'text', path: 'plate', label: 'form.vehicle.plate', maxLength: 20 },
    { kind: 'number', path: 'capacity.seats', label: 'form.vehicle.seats', min: 0, max: 60, step: 1 },
    { kind: 'number', path: 'capacity.wheelchairs', label: 'form.vehicle.wheelchairs', min: 0, max: 10, step: 1 },
    { kind: 'checkbox', path: 'features.lift', label: 'form.vehicle.lift' },
    {
      kind: 'number',
      path: 'features.childSeats',
      label: 'form.vehicle.childSeats',
      min: 0,
      max: 10,
      step: 1,
      optional: true,
    },
    { kind: 'number', path: 'costPerKm', label: 'form.vehicle.costPerKm', min: 0, step: 0.01, optional: true },
    { kind: 'number', path: 'costPerHour', label: 'form.vehicle.costPerHour', min: 0, step: 0.5, optional: true },
    { kind: 'place', path: 'depot', label: 'form.vehicle.depot' },
    { kind: 'grid', path: 'hours', label: 'form.vehicle.hours', columns: interval },
  ],
  drivers: [
    id,
    { kind: 'text', path: 'name', label: 'form.driver.name', maxLength: 120 },
    {
      kind: 'number',
      path: 'maxHoursPerDay',
      label: 'form.driver.maxHoursPerDay',
      min: 0,
      max: 13,
      step: 0.5,
      optional: true,
    },
    {
      kind: 'number',
      path: 'maxHoursPerWeek',
      label: 'form.driver.maxHoursPerWeek',
      min: 0,
      max: 60,
      step: 0.5,
      optional: true,
    },
    { kind: 'refs', path: 'vehicleIds', label: 'form.driver.vehicleIds', entity: 'vehicles' },
    { kind: 'grid', path: 'availability', label: 'form.driver.availability', columns: interval },
  ],
  services: [
    id,
    { kind: 'text', path: 'name', label: 'form.service.name', maxLength: 200 },
    {
      kind: 'select',
      path: 'kind',
      label: 'form.service.kind',
      options: ServiceKindSchema.options,
      optionLabel: (v) => `form.serviceKind.${v}` as MessageKey,
    },
    { kind: 'place', path: 'place', label: 'form.service.place' },
    {
      kind: 'grid',
      path: 'hours',
      label: 'form.service.hours',
      hint: 'form.service.hours.hint',
      columns: [
        { key: 'open.from', label: 'form.service.openFrom' },
        { key: 'open.to', label: 'form.service.openTo' },
        { key: 'activity.from', label: 'form.service.activityFrom' },
        { key: 'activity.to', label: 'form.service.activityTo' },
      ],
    },
    { kind: 'dates', path: 'closures', label: 'form.service.closures' },
  ],
};

/** What a new record starts with: the contract's defaults, nothing invented (no place, no hours). */
export function blankRecord(entity: Entity, newId: string): Record<string, unknown> {
  switch (entity) {
    case 'passengers':
      return { id: newId, needsEscort: false, boardingMin: 2, alightingMin: 2, notesForDriver: '' };
    case 'households':
      return { id: newId, adults: [{ name: '', phone: '' }], workHours: {} };
    case 'requests':
      return { id: newId, weekdays: [], outbound: true, return: true, exceptions: [] };
    case 'vehicles':
      return {
        id: newId,
        plate: '',
        capacity: {},
        features: { lift: false, childSeats: 0 },
        hours: {},
        costPerKm: 0.5,
        costPerHour: 20,
      };
    case 'drivers':
      return { id: newId, availability: {}, maxHoursPerDay: 8, maxHoursPerWeek: 38, vehicleIds: [] };
    case 'services':
      return { id: newId, hours: {}, closures: [] };
  }
}
