import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import {
  DriverSchema,
  HouseholdSchema,
  PassengerSchema,
  ScenarioSchema,
  ServiceSchema,
  StandingRequestSchema,
  VehicleSchema,
} from '../../../server/contract/domain.ts';
import type { Entity } from '../../api/client.ts';
import { fromDraft, toDraft } from '../../forms/draft.ts';
import type { PlaceDraft } from '../../forms/fields.ts';
import { blankRecord, ENTITY_FIELDS } from './entity-fields.ts';

const demo = ScenarioSchema.parse(
  JSON.parse(readFileSync(join(import.meta.dirname, '../../../fixtures/scenarios/demo-week.json'), 'utf8')),
);
const records: Record<Entity, Record<string, unknown>[]> = {
  passengers: demo.passengers,
  households: demo.households,
  requests: demo.requests,
  vehicles: demo.vehicles,
  drivers: demo.drivers,
  services: demo.services,
};
const schemas: Record<Entity, z.ZodType> = {
  passengers: PassengerSchema,
  households: HouseholdSchema,
  requests: StandingRequestSchema,
  vehicles: VehicleSchema,
  drivers: DriverSchema,
  services: ServiceSchema,
};
const entities = Object.keys(records) as Entity[];

/** What the server fills or the demo marks, which no control edits. */
function withoutServerFields(value: unknown): unknown {
  return JSON.parse(
    JSON.stringify(value, (key, v: unknown) => (key === 'istatCode' || key === 'synthetic' ? undefined : v)),
  );
}

describe('entity forms', () => {
  it.each(entities)('every demo %s comes back unchanged through its form', (entity) => {
    const fields = ENTITY_FIELDS[entity];
    expect(records[entity].length).toBeGreaterThan(0);
    for (const record of records[entity]) {
      const { value, issues } = fromDraft(fields, toDraft(fields, record), record);
      expect(issues, `${entity} ${String(record.id)}`).toEqual([]);
      expect(value, `${entity} ${String(record.id)}`).toEqual(record);
    }
  });

  it.each(entities)(
    'the %s form has a control for every field of the contract (only server-filled ones pass through)',
    (entity) => {
      const fields = ENTITY_FIELDS[entity];
      for (const record of records[entity]) {
        const { value } = fromDraft(fields, toDraft(fields, record), {});
        expect(value, `${entity} ${String(record.id)}`).toEqual(withoutServerFields(record));
        expect(schemas[entity].safeParse(value).success, `${entity} ${String(record.id)}`).toBe(true);
      }
    },
  );

  it('a new vehicle filled in like a coordinator would passes the contract', () => {
    const fields = ENTITY_FIELDS.vehicles;
    const blank = blankRecord('vehicles', 'veh-new-1');
    const draft = toDraft(fields, blank);
    Object.assign(draft, {
      label: 'Pulmino 11',
      'capacity.seats': '8',
      'capacity.wheelchairs': '1',
      costPerKm: '0,45',
      depot: { label: 'Via Roma 1, Castellanza', lat: '45.6092', lon: '8.8955', inherit: false } satisfies PlaceDraft,
    });
    (draft.hours as Record<string, Record<string, string>>).mon = { from: '07:00', to: '18:00' };
    const { value, issues } = fromDraft(fields, draft, blank);
    expect(issues).toEqual([]);
    expect(VehicleSchema.parse(value)).toMatchObject({
      id: 'veh-new-1',
      label: 'Pulmino 11',
      capacity: { seats: 8, wheelchairs: 1 },
      costPerKm: 0.45,
      depot: { label: 'Via Roma 1, Castellanza', lat: 45.6092, lon: 8.8955 },
      hours: { mon: { from: '07:00', to: '18:00' } },
    });
  });

  it('a new passenger left at the household’s home sends no home, so the server uses the household’s', () => {
    const fields = ENTITY_FIELDS.passengers;
    const draft = toDraft(fields, blankRecord('passengers', 'pas-x'));
    expect((draft.home as PlaceDraft).inherit).toBe(true);
    Object.assign(draft, {
      name: 'Giulia R.',
      householdId: demo.households[0]!.id,
      ageGroup: 'child',
      mobility: 'walks',
    });
    const { value } = fromDraft(fields, draft, blankRecord('passengers', 'pas-x'));
    expect(value.home).toBeUndefined();
    expect(PassengerSchema.parse(value)).toMatchObject({ name: 'Giulia R.', boardingMin: 2, needsEscort: false });
  });
});
