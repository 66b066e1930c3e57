/**
 * The six kinds of domain entity the coordinator manages, each with its zod schema, its URL
 * name and the key columns stored beside the JSONB `data` for filtering and joining.
 */
import type { z } from 'zod';
import {
  DriverSchema,
  HouseholdSchema,
  PassengerSchema,
  ServiceSchema,
  StandingRequestSchema,
  VehicleSchema,
} from '../contract/domain.ts';
import { OrganisationSchema, ProviderSchema } from '../contract/programme.ts';

export type Kind =
  | 'service'
  | 'household'
  | 'passenger'
  | 'request'
  | 'vehicle'
  | 'driver'
  | 'organisation'
  | 'provider';

export interface KeyColumns {
  istat_code: string | null;
  household_id: string | null;
  passenger_id: string | null;
  service_id: string | null;
  search: string;
}

export interface KindSpec {
  kind: Kind;
  /** URL segment: /api/<plural>. */
  plural: string;
  schema: z.ZodType<{ id: string }>;
  /** Holds personal data: reads are written to the audit log. */
  personal: boolean;
  keys(e: Record<string, unknown>): Omit<KeyColumns, 'istat_code'> & { istat_code?: string | null };
}

const s = (v: unknown): string => (typeof v === 'string' ? v : '');
const place = (v: unknown): Record<string, unknown> | undefined =>
  v && typeof v === 'object' ? (v as Record<string, unknown>) : undefined;
const none = { household_id: null, passenger_id: null, service_id: null };

export const KINDS: Record<Kind, KindSpec> = {
  service: {
    kind: 'service',
    plural: 'services',
    schema: ServiceSchema,
    personal: false,
    keys: (e) => ({ ...none, istat_code: s(place(e.place)?.istatCode) || null, search: `${s(e.name)} ${s(e.kind)}` }),
  },
  household: {
    kind: 'household',
    plural: 'households',
    schema: HouseholdSchema,
    personal: true,
    keys: (e) => ({
      ...none,
      istat_code: s(place(e.home)?.istatCode) || null,
      search: `${s(e.name)} ${s(place(e.home)?.label)}`,
    }),
  },
  passenger: {
    kind: 'passenger',
    plural: 'passengers',
    schema: PassengerSchema,
    personal: true,
    // istat_code comes from the passenger's own home or, without one, the household's (see store).
    keys: (e) => ({ ...none, household_id: s(e.householdId), search: s(e.name) }),
  },
  request: {
    kind: 'request',
    plural: 'requests',
    schema: StandingRequestSchema,
    personal: true,
    keys: (e) => ({
      ...none,
      passenger_id: s(e.passengerId),
      service_id: s(e.serviceId),
      search: `${s(e.id)} ${s(e.passengerId)} ${s(e.serviceId)}`,
    }),
  },
  vehicle: {
    kind: 'vehicle',
    plural: 'vehicles',
    schema: VehicleSchema,
    personal: false,
    keys: (e) => ({ ...none, istat_code: s(place(e.depot)?.istatCode) || null, search: `${s(e.label)} ${s(e.plate)}` }),
  },
  driver: {
    kind: 'driver',
    plural: 'drivers',
    schema: DriverSchema,
    personal: true,
    keys: (e) => ({ ...none, search: s(e.name) }),
  },
  organisation: {
    kind: 'organisation',
    plural: 'organisations',
    schema: OrganisationSchema,
    personal: false,
    keys: (e) => ({ ...none, istat_code: s(e.comune) || null, search: `${s(e.name)} ${s(e.kind)}` }),
  },
  provider: {
    kind: 'provider',
    plural: 'providers',
    schema: ProviderSchema,
    personal: false,
    keys: (e) => ({ ...none, search: s(e.name) }),
  },
};

export const KIND_LIST: KindSpec[] = Object.values(KINDS);
