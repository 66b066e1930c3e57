/**
 * The slots part of the API contract: what a family (or the coordinator on its behalf) asks, and
 * what comes back — per weekday the pickup windows that fit, or why nothing fits and what would —
 * and what a booking sends and gets.
 */
import { z } from 'zod';
import { defineContract } from './define-contract.ts';
import {
  AgeGroupSchema,
  DateSchema,
  DirectionSchema,
  IdSchema,
  IsoWeekSchema,
  MobilitySchema,
  PlaceSchema,
  StandingRequestSchema,
  WeekdaySchema,
  WorkHoursSchema,
} from './domain.ts';
import { BookingRequestSchema } from './programme.ts';

export const NewPassengerSchema = z.object({
  name: z.string().min(1).max(120).default('new passenger'),
  householdId: IdSchema.optional(),
  home: PlaceSchema,
  ageGroup: AgeGroupSchema.default('child'),
  mobility: MobilitySchema.default('walks'),
  needsEscort: z.boolean().default(false),
  boardingMin: z.number().min(0).max(30).default(2),
  alightingMin: z.number().min(0).max(30).default(2),
});

export const SlotQuerySchema = z
  .object({
    /** The week whose published plan is asked; the newest published one when absent. */
    week: IsoWeekSchema.optional(),
    passengerId: IdSchema.optional(),
    passenger: NewPassengerSchema.optional(),
    serviceId: IdSchema,
    weekdays: z.array(WeekdaySchema).min(1),
    /** The adult's work hours: one pair for every weekday, or per weekday; default the household's. */
    workHours: z.union([WorkHoursSchema, z.partialRecord(WeekdaySchema, WorkHoursSchema)]).optional(),
    outbound: z.boolean().default(true),
    return: z.boolean().default(true),
  })
  .refine((q) => (q.passengerId === undefined) !== (q.passenger === undefined), {
    message: 'give either passengerId or passenger',
    path: ['passengerId'],
  })
  .refine((q) => q.outbound || q.return, { message: 'ask for an outbound or a return trip', path: ['outbound'] });
export type SlotQuery = z.input<typeof SlotQuerySchema>;
export type ParsedSlotQuery = z.infer<typeof SlotQuerySchema>;

export const SlotBookSchema = z.object({
  query: SlotQuerySchema,
  /** Id of the new standing request; generated when absent. */
  requestId: IdSchema.optional(),
  validFrom: DateSchema,
  validTo: DateSchema,
  /** Which offered option to take per weekday and direction (index into options; default 0, the cheapest). */
  choice: z
    .partialRecord(
      WeekdaySchema,
      z.object({ outbound: z.number().int().min(0).optional(), return: z.number().int().min(0).optional() }),
    )
    .default({}),
});

/** Which offered option to take per weekday and direction (index into that trip's options). */
export type SlotChoice = NonNullable<z.input<typeof SlotBookSchema>['choice']>;

export const SlotOptionSchema = z.object({
  vehicleId: z.string(),
  vehicleLabel: z.string(),
  run: z.enum(['am', 'pm']),
  /** The window promised if booked (HH:MM): pickup at home (outbound) or drop-off at home (return). */
  promise: z.object({ from: z.string(), to: z.string() }),
  pickupAt: z.string(),
  arriveAt: z.string(),
  /** Added cost in objective units (euro cents), the ranking key. */
  addedCost: z.number(),
});
export type SlotOption = z.infer<typeof SlotOptionSchema>;

export const SlotTripAnswerSchema = z.object({
  direction: DirectionSchema,
  options: z.array(SlotOptionSchema),
  /** When no option fits: a stable code, the reason in plain words, and what would make it fit. */
  reason: z.string().optional(),
  message: z.string().optional(),
  fix: z.string().optional(),
  /** The nearest times that would fit if the family could be flexible. */
  nearest: z.object({ pickupAt: z.string(), arriveAt: z.string(), vehicleId: z.string(), note: z.string() }).optional(),
});
export type SlotTripAnswer = z.infer<typeof SlotTripAnswerSchema>;

export const SlotDayAnswerSchema = z.object({
  weekday: WeekdaySchema,
  date: z.string(),
  outbound: SlotTripAnswerSchema.optional(),
  return: SlotTripAnswerSchema.optional(),
});
export type SlotDayAnswer = z.infer<typeof SlotDayAnswerSchema>;

export const SlotAnswerSchema = z.object({
  planId: z.string(),
  planVersion: z.number(),
  week: z.string(),
  /** True when every asked trip on every asked weekday has an option. */
  feasible: z.boolean(),
  days: z.array(SlotDayAnswerSchema),
  /** One line per group of weekdays with the same best slot, e.g. "Mon–Fri, collected 07:05–07:15, arrives 07:40". */
  lines: z.array(z.string()),
});
export type SlotAnswer = z.infer<typeof SlotAnswerSchema>;

/** A booking made: the standing request, the new published version, and the answer it booked. */
export const SlotBookedSchema = z.object({
  request: StandingRequestSchema,
  planId: z.string(),
  planVersion: z.number(),
  answer: SlotAnswerSchema,
});
export type SlotBooked = z.infer<typeof SlotBookedSchema>;

const COORDINATOR_OR_FAMILY = ['coordinator', 'family'] as const;

export const slotsContract = defineContract({
  query: {
    method: 'post',
    path: '/api/slots/query',
    summary: 'Pickup slots that fit the published plan, per weekday, or why none fits and what would',
    tag: 'slots',
    roles: COORDINATOR_OR_FAMILY,
    body: SlotQuerySchema,
    responses: {
      200: {
        description: 'per weekday the feasible windows ranked by added cost, or the reason and the nearest fit',
        schema: SlotAnswerSchema,
      },
    },
  },
  book: {
    method: 'post',
    path: '/api/slots/book',
    summary: 'Book the offered slots: a standing request with promised windows, inserted into the published plan',
    tag: 'slots',
    roles: COORDINATOR_OR_FAMILY,
    body: SlotBookSchema,
    responses: {
      201: { description: 'the request and the new published version', schema: SlotBookedSchema },
      202: {
        description: 'Action A with approval: a request pending the coordinator (nothing enters the plan yet)',
        schema: BookingRequestSchema,
      },
      403: { description: 'the household is not eligible for Action A (the reasons in details)' },
      409: {
        description:
          'CONFLICT when a weekday no longer fits, PLAN_CONFLICT when the plan changed meanwhile (ask again)',
      },
    },
  },
});
