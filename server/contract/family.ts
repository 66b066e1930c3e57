/**
 * The family part of the API contract: my household (its passengers, standing requests and the
 * services they attend), my passengers' trips of a week, and reporting an absence.
 */
import { z } from 'zod';
import { defineContract } from './define-contract.ts';
import {
  DateSchema,
  DirectionSchema,
  HouseholdSchema,
  IdSchema,
  IsoWeekSchema,
  PassengerSchema,
  StandingRequestSchema,
} from './domain.ts';

export const FamilyHouseholdSchema = z.object({
  household: HouseholdSchema,
  passengers: z.array(PassengerSchema),
  requests: z.array(StandingRequestSchema),
  services: z.array(z.object({ id: IdSchema, name: z.string() })),
});
export type FamilyHousehold = z.infer<typeof FamilyHouseholdSchema>;

/** One trip of one of my passengers, as the published plan has it: nothing about other passengers. */
export const FamilyTripSchema = z.object({
  date: z.string(),
  passengerId: z.string(),
  name: z.string(),
  requestId: z.string(),
  direction: DirectionSchema,
  /** Planned pickup time (ISO 8601, Europe/Rome) and the promised window. */
  pickup: z.string(),
  pickupWindow: z.object({ from: z.string(), to: z.string() }),
  pickupLabel: z.string(),
  dropoff: z.string(),
  dropoffWindow: z.object({ from: z.string(), to: z.string() }),
  dropoffLabel: z.string(),
  label: z.string(),
});
export type FamilyTrip = z.infer<typeof FamilyTripSchema>;

export const FamilyTripsSchema = z.object({ week: IsoWeekSchema, trips: z.array(FamilyTripSchema) });

export const AbsenceBodySchema = z.object({ passengerId: IdSchema, date: DateSchema });
export const AbsenceRecordedSchema = z.object({
  passengerId: z.string(),
  date: z.string(),
  requestIds: z.array(z.string()),
  stopsRemoved: z.number(),
});

const FAMILY = ['family'] as const;

export const familyContract = defineContract({
  household: {
    method: 'get',
    path: '/api/family/household',
    summary: 'My household, its passengers, their standing requests and the services they attend',
    tag: 'family',
    roles: FAMILY,
    responses: {
      200: {
        description: 'my household',
        schema: FamilyHouseholdSchema,
      },
    },
  },
  trips: {
    method: 'get',
    path: '/api/family/trips',
    summary: "My passengers' trips of an ISO week, from the published plan (default: the current week)",
    tag: 'family',
    roles: FAMILY,
    query: z.object({ week: IsoWeekSchema.optional() }),
    responses: {
      200: { description: 'the trips', schema: FamilyTripsSchema },
    },
  },
  absence: {
    method: 'post',
    path: '/api/family/absences',
    summary:
      "Report that one of my passengers will not travel on a date: that day's trips are removed and the seats freed",
    tag: 'family',
    roles: FAMILY,
    body: AbsenceBodySchema,
    responses: {
      201: {
        description: 'recorded',
        schema: AbsenceRecordedSchema,
      },
      403: { description: 'not a passenger of my household' },
    },
  },
});
