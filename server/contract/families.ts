/**
 * The families' self-service contract (issue 11): the catalogue of services open to a household,
 * booking a service for some weekdays from a date, each request's state, the household's
 * per-adult schedules, an absence over a range of days, why a trip is not there, and the
 * calendar feed's address.
 */
import { z } from 'zod';
import { defineContract } from './define-contract.ts';
import { BookingRequestSchema } from './programme.ts';
import {
  AdultScheduleSchema,
  DateSchema,
  DirectionSchema,
  IdSchema,
  IsoWeekSchema,
  OpeningHoursSchema,
  OtherAddressesSchema,
  PlaceSchema,
  ServiceChainSchema,
  ServiceKindSchema,
  WeekdaySchema,
} from './domain.ts';

export const CatalogueEntrySchema = z.object({
  id: IdSchema,
  name: z.string(),
  kind: ServiceKindSchema,
  comune: z.string(),
  istatCode: z.string().nullable(),
  address: z.string(),
  hours: z.partialRecord(WeekdaySchema, OpeningHoursSchema),
});
export type CatalogueEntry = z.infer<typeof CatalogueEntrySchema>;

export const BookingInputSchema = z
  .object({
    passengerId: IdSchema,
    serviceId: IdSchema,
    weekdays: z.array(WeekdaySchema).min(1).max(7),
    validFrom: DateSchema,
    /** Default: the last day of the school year for a school or nursery, else one year. */
    validTo: DateSchema.optional(),
    outbound: z.boolean().default(true),
    return: z.boolean().default(true),
    chain: ServiceChainSchema.optional(),
    otherAddresses: OtherAddressesSchema.optional(),
  })
  .refine((b) => !b.validTo || b.validTo >= b.validFrom, { message: 'validTo is before validFrom', path: ['validTo'] });
export type BookingInput = z.infer<typeof BookingInputSchema>;

/**
 * pending / refused: a booking waiting for (or refused by) the coordinator — a booking request
 * (server/programme), not yet a standing request; active, ended, cancelled: a standing request.
 */
export const RequestStateSchema = z.enum(['pending', 'refused', 'active', 'cancelled', 'ended']);

export const FamilyRequestSchema = z.object({
  id: IdSchema,
  passengerId: IdSchema,
  passengerName: z.string(),
  serviceId: IdSchema,
  serviceName: z.string(),
  chain: z.array(z.string()),
  weekdays: z.array(WeekdaySchema),
  validFrom: DateSchema,
  validTo: DateSchema,
  state: RequestStateSchema,
  /** The windows from the stored schedules, one line per weekday (or why a trip cannot hold). */
  lines: z.array(z.string()),
  /** The coordinator's reason when refused. */
  reason: z.string().nullable().default(null),
});
export type FamilyRequest = z.infer<typeof FamilyRequestSchema>;

export const SchedulesInputSchema = z.object({ schedules: z.array(AdultScheduleSchema).min(1).max(8) });

export const FlagSchema = z.object({
  id: z.number(),
  householdId: z.string(),
  requestId: z.string().nullable(),
  kind: z.string(),
  message: z.string(),
  createdAt: z.string(),
});
export type Flag = z.infer<typeof FlagSchema>;

export const AbsenceRangeSchema = z
  .object({ passengerId: IdSchema, from: DateSchema, to: DateSchema })
  .refine((a) => a.to >= a.from, { message: 'ends before it starts', path: ['to'] });

export const NotTravellingSchema = z.object({
  date: DateSchema,
  passengerId: z.string(),
  passengerName: z.string(),
  requestId: z.string(),
  serviceName: z.string(),
  direction: DirectionSchema,
  why: z.string(),
  note: z.string(),
});
export type NotTravelling = z.infer<typeof NotTravellingSchema>;

export const WeekStatusSchema = z.object({ week: IsoWeekSchema, notTravelling: z.array(NotTravellingSchema) });

export const CalendarFeedSchema = z.object({ url: z.string(), path: z.string() });

export const ClosureInputSchema = z
  .object({
    serviceIds: z.array(IdSchema).min(1).max(200),
    from: DateSchema,
    to: DateSchema,
    note: z.string().min(1).max(120),
  })
  .refine((c) => c.to >= c.from, { message: 'ends before it starts', path: ['to'] });

export const StandingRequestOutSchema = z.object({ id: IdSchema, status: z.string().optional() }).passthrough();

/** The routes of the families' self-service, the coordinator's closures and flags, and the public feed. */
export const familiesContract = defineContract({
  catalogue: {
    method: 'get',
    path: '/api/family/catalogue',
    summary:
      'The services open to my household (the comuni of its ambito), optionally of one kind or one comune (ISTAT code), with their hours',
    tag: 'family',
    roles: ['family'],
    query: z.object({
      kind: ServiceKindSchema.optional(),
      istatCode: z
        .string()
        .regex(/^\d{6}$/)
        .optional(),
    }),
    responses: { 200: { description: 'the catalogue', schema: z.array(CatalogueEntrySchema) } },
  },
  requests: {
    method: 'get',
    path: '/api/family/requests',
    summary: "My passengers' requests with their state (pending, active, cancelled, ended) and the windows per weekday",
    tag: 'family',
    roles: ['family'],
    responses: { 200: { description: 'the requests', schema: z.array(FamilyRequestSchema) } },
  },
  book: {
    method: 'post',
    path: '/api/family/bookings',
    summary:
      "Book a service of the catalogue for some weekdays from a date, windows from the stored schedules. Programme 'off' or 'auto' (eligible, voucher covers it): the standing request is stored active; 'approval': a booking request pending the coordinator (priced at the accredited providers' tariff)",
    tag: 'family',
    roles: ['family'],
    body: BookingInputSchema,
    responses: {
      201: {
        description:
          'the standing request (active) or, under approval, the one it would create with the booking request pending the coordinator',
        schema: z.object({
          request: StandingRequestOutSchema,
          lines: z.array(z.string()),
          state: z.enum(['active', 'pending']),
          bookingRequest: BookingRequestSchema.nullable(),
        }),
      },
      403: { description: 'not a passenger of my household, or the household is not eligible for Action A' },
      409: { description: 'the voucher does not cover the booking, or no provider is accredited to carry it' },
      400: {
        description:
          'a field that cannot hold (closed weekday, a chain that cannot connect, an address outside the 16 comuni)',
      },
    },
  },
  cancel: {
    method: 'post',
    path: '/api/family/bookings/:id/cancel',
    summary: 'Cancel one of my requests: a booking pending approval (its id) or an active standing request',
    tag: 'family',
    roles: ['family'],
    params: z.object({ id: IdSchema }),
    responses: { 200: { description: 'cancelled', schema: StandingRequestOutSchema } },
  },
  schedules: {
    method: 'put',
    path: '/api/family/schedules',
    summary:
      "Save my household's per-adult schedules; a promised window they break is flagged to the coordinator (not re-planned)",
    tag: 'family',
    roles: ['family'],
    body: SchedulesInputSchema,
    responses: {
      200: {
        description: 'saved',
        schema: z.object({
          schedules: z.array(AdultScheduleSchema),
          flagged: z.array(z.object({ requestId: z.string(), message: z.string() })),
        }),
      },
    },
  },
  absenceRange: {
    method: 'post',
    path: '/api/family/absences/range',
    summary: 'Report that one of my passengers will not travel from one date to another (at most 92 days)',
    tag: 'family',
    roles: ['family'],
    body: AbsenceRangeSchema,
    responses: {
      201: {
        description: 'recorded',
        schema: z.object({ passengerId: z.string(), dates: z.array(DateSchema), stopsRemoved: z.number() }),
      },
    },
  },
  week: {
    method: 'get',
    path: '/api/family/week-status',
    summary:
      'Why a trip of my household is not there in a week: absence, holiday, closure, school calendar, pending, impossible',
    tag: 'family',
    roles: ['family'],
    query: z.object({ week: IsoWeekSchema }),
    responses: { 200: { description: 'the trips that do not run, and why', schema: WeekStatusSchema } },
  },
  createFeed: {
    method: 'post',
    path: '/api/family/calendar-feed',
    summary: "A new address of my household's calendar feed (any previous address stops working)",
    tag: 'family',
    roles: ['family'],
    responses: { 201: { description: 'the feed address (shown once)', schema: CalendarFeedSchema } },
  },
  revokeFeed: {
    method: 'delete',
    path: '/api/family/calendar-feed',
    summary: "Revoke my household's calendar feed address",
    tag: 'family',
    roles: ['family'],
    responses: { 204: { description: 'revoked' } },
  },
  feed: {
    method: 'get',
    path: '/api/calendar/:token',
    summary: 'The household calendar (iCalendar, RFC 5545) of the token: one event per published trip; no login',
    tag: 'family',
    roles: 'public',
    params: z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{20,80}\.ics$/) }),
    responses: {
      200: { description: 'the calendar', contentType: 'text/calendar' },
      404: { description: 'unknown or revoked' },
    },
  },
  closures: {
    method: 'post',
    path: '/api/service-closures',
    summary: 'Close many services at once for a range of dates (strike, election, snow), with the reason families see',
    tag: 'family',
    roles: ['coordinator'],
    body: ClosureInputSchema,
    responses: {
      200: { description: 'closed', schema: z.object({ services: z.number(), dates: z.array(DateSchema) }) },
    },
  },
  flags: {
    method: 'get',
    path: '/api/family-flags',
    summary: 'Open flags raised by families (a schedule change that breaks a promised window)',
    tag: 'family',
    roles: ['coordinator'],
    responses: { 200: { description: 'the flags', schema: z.array(FlagSchema) } },
  },
});
