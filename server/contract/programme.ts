/**
 * Action A's contract: the alliance's organisations (employers), accredited providers and their
 * tariffs, a household's enrolment (employers, self-declaration, exception), voucher grants, the
 * budget per funding line, booking requests pending approval, eligibility and the monitoring
 * report. Money is always integer euro cents; dates are "YYYY-MM-DD".
 */
import { z } from 'zod';
import { defineContract } from './define-contract.ts';
import { AmbitoSchema, DateSchema, IdSchema, IsoWeekSchema } from './domain.ts';

export const CentsSchema = z.number().int('integer euro cents').min(0, 'must not be negative');

/** A member of the alliance whose employees are eligible: a comune, an Ambito office, a partner. */
export const OrganisationSchema = z.object({
  id: IdSchema,
  name: z.string().min(1).max(160),
  kind: z.enum(['comune', 'ambito_office', 'partner']),
  /** One of the 16 comuni (name or ISTAT code; stored as the ISTAT code); absent for a member seated elsewhere. */
  comune: z.string().min(1).max(60).optional(),
  ambito: AmbitoSchema,
  allianceMember: z.boolean().default(true),
});
export type Organisation = z.infer<typeof OrganisationSchema>;

export const TariffUnitSchema = z.enum(['trip', 'km', 'hour']);
export const TariffSchema = z.object({
  unit: TariffUnitSchema,
  /** Price of one unit (a trip, a km, an hour) in euro cents. */
  centsPerUnit: CentsSchema.max(100_000),
  /** Family co-payment per delivered trip by band (e.g. by ISEE); the voucher pays the rest. */
  coPaymentBands: z
    .array(z.object({ band: z.string().min(1).max(20), centsPerTrip: CentsSchema.max(10_000) }))
    .default([]),
});
export type Tariff = z.infer<typeof TariffSchema>;

/** An accredited provider (a cooperative, a comune's own service) with its vehicles, drivers and tariff. */
export const ProviderSchema = z.object({
  id: IdSchema,
  name: z.string().min(1).max(160),
  tariff: TariffSchema,
  vehicleIds: z.array(IdSchema).default([]),
  driverIds: z.array(IdSchema).default([]),
  /** Only these comuni (names or ISTAT codes, stored as ISTAT codes); empty = all 16. */
  comuni: z.array(z.string().min(1).max(60)).default([]),
  /** Only these services; empty = all. */
  serviceIds: z.array(IdSchema).default([]),
});
export type Provider = z.infer<typeof ProviderSchema>;

export const EnrolmentInputSchema = z.object({
  /** Alliance organisations an adult of the household works for. */
  employerIds: z.array(IdSchema).max(10).default([]),
  /** "Not already supported by another public measure for this need", and the date it was signed. */
  notOtherwiseSupported: z.boolean().default(false),
  declaredOn: DateSchema.optional(),
  coPaymentBand: z.string().min(1).max(20).optional(),
  /** The coordinator's exception for a household without a working adult: why. */
  exceptionReason: z.string().min(3).max(500).optional(),
});
export const EnrolmentSchema = EnrolmentInputSchema.extend({
  householdId: IdSchema,
  exceptionBy: z.string().optional(),
  exceptionAt: z.string().optional(),
});
export type Enrolment = z.infer<typeof EnrolmentSchema>;

export const EligibilitySchema = z.object({
  householdId: IdSchema,
  eligible: z.boolean(),
  /** How it is eligible ("resident in Ferno", "employee of …", "working adult with declared hours", …). */
  grounds: z.array(z.string()),
  /** Why it is not (empty when eligible). */
  reasons: z.array(z.object({ code: z.string(), message: z.string() })),
  checkedAt: z.string(),
});
export type Eligibility = z.infer<typeof EligibilitySchema>;

export const FundingLineSchema = z.enum(['regional', 'cofunding']);
export type FundingLine = z.infer<typeof FundingLineSchema>;

export const GrantInputSchema = z.object({
  id: IdSchema,
  householdId: IdSchema,
  amountCents: CentsSchema.max(100_000_000),
  validFrom: DateSchema,
  validTo: DateSchema,
  fundingLine: FundingLineSchema,
  ambito: AmbitoSchema,
});
export const GrantSchema = GrantInputSchema;
export type Grant = z.infer<typeof GrantSchema>;

export const VoucherBalanceSchema = z.object({
  householdId: IdSchema,
  grant: GrantSchema.nullable(),
  amountCents: z.number().int(),
  spentCents: z.number().int(),
  balanceCents: z.number().int(),
  committedCents: z.number().int(),
  remainingCents: z.number().int(),
  deliveredTrips: z.number().int(),
  committedTrips: z.number().int(),
});
export type VoucherBalance = z.infer<typeof VoucherBalanceSchema>;

export const BudgetLineSchema = z.object({
  fundingLine: FundingLineSchema,
  amountCents: CentsSchema.max(10_000_000_000),
  periodFrom: DateSchema,
  periodTo: DateSchema,
  note: z.string().max(500).default(''),
});
export type BudgetLine = z.infer<typeof BudgetLineSchema>;

export const ProgrammeModeSchema = z.enum(['off', 'approval', 'auto']);
export const ProgrammeSettingsSchema = z.object({
  /**
   * off: bookings go straight into the plan (no programme rules); approval: a family's booking
   * waits for the coordinator; auto: approved at once when eligible and funded.
   */
  mode: ProgrammeModeSchema,
});
export type ProgrammeSettings = z.infer<typeof ProgrammeSettingsSchema>;

/** A booking's one approval state: pending → approved | refused (the coordinator) | cancelled (the family). */
export const BookingStatusSchema = z.enum(['pending', 'approved', 'refused', 'cancelled']);

export const BookingRequestSchema = z.object({
  id: IdSchema,
  /** slot: a slot booking (POST /api/slots/book); catalogue: a service booked from the catalogue (POST /api/family/bookings). */
  kind: z.enum(['slot', 'catalogue']),
  householdId: IdSchema,
  passengerId: IdSchema,
  passengerName: z.string(),
  serviceId: IdSchema,
  serviceName: z.string(),
  status: BookingStatusSchema,
  reason: z.string().nullable(),
  estimateCents: z.number().int(),
  weekdays: z.array(z.string()),
  validFrom: DateSchema,
  validTo: DateSchema,
  /** The slot offered (one line per group of weekdays), or for a catalogue booking the windows per weekday. */
  slot: z.array(z.string()),
  createdAt: z.string(),
  decidedAt: z.string().nullable(),
  requestId: z.string().nullable(),
});
export type BookingRequest = z.infer<typeof BookingRequestSchema>;

const Report = z.record(z.string(), z.unknown());

/** One row of the monitoring report: a comune × month, or a total over comuni, an Ambito, a month or the range. */
export const MonitoringRowSchema = z.object({
  month: z.string().nullable(),
  istatCode: z.string().nullable(),
  comune: z.string().nullable(),
  ambito: z.string().nullable(),
  households: z.number(),
  people: z.number(),
  children: z.number(),
  disabledAdults: z.number(),
  frailElderly: z.number(),
  tripsPlanned: z.number(),
  tripsDelivered: z.number(),
  tripsNoShow: z.number(),
  tripsCancelled: z.number(),
  kmM: z.number(),
  vehicleS: z.number(),
  /** Owed to providers for delivered trips (voucher + co-payment). */
  costCents: z.number(),
  regionalCents: z.number(),
  cofundingCents: z.number(),
  /** Delivered trips with no grant in force (the alliance must cover them some other way). */
  ungrantedCents: z.number(),
  coPaymentCents: z.number(),
  /** Cents owed per provider id. */
  byProvider: z.record(z.string(), z.number()),
  centsPerTrip: z.number(),
  centsPerPerson: z.number(),
  conciliationMin: z.number(),
});
export type MonitoringRow = z.infer<typeof MonitoringRowSchema>;

/** Action A's monitoring report for a date range (server/reports/monitoring.ts). */
export const MonitoringReportSchema = z.object({
  from: DateSchema,
  to: DateSchema,
  comune: z.string().nullable(),
  formula: z.string(),
  providers: z.array(z.object({ id: z.string(), name: z.string() })),
  rows: z.array(MonitoringRowSchema),
  byComune: z.array(MonitoringRowSchema),
  byAmbito: z.array(MonitoringRowSchema),
  byMonth: z.array(MonitoringRowSchema),
  total: MonitoringRowSchema,
  distinct: z.object({
    households: z.number(),
    people: z.number(),
    children: z.number(),
    disabledAdults: z.number(),
    frailElderly: z.number(),
  }),
  days: z.array(
    z.object({
      date: DateSchema,
      planned: z.number(),
      delivered: z.number(),
      noShow: z.number(),
      cancelled: z.number(),
    }),
  ),
  noShowWarnings: z.array(
    z.object({ passengerId: z.string(), householdId: z.string(), noShows: z.number(), dates: z.array(z.string()) }),
  ),
});
export type MonitoringReport = z.infer<typeof MonitoringReportSchema>;
const Any = z.unknown();
const MonthSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month YYYY-MM');
const Range = z.object({ from: DateSchema, to: DateSchema, comune: z.string().max(60).optional() });
const Id = z.object({ id: IdSchema });

/** Action A's routes (server/programme/routes.ts serves them). */
export const programmeContract = defineContract({
  settings: {
    method: 'get',
    path: '/api/programme/settings',
    summary: "Action A's settings: off, approval (a family's booking waits for the coordinator) or auto",
    tag: 'programme',
    roles: ['coordinator'],
    responses: { 200: { description: 'the settings', schema: ProgrammeSettingsSchema } },
  },
  putSettings: {
    method: 'put',
    path: '/api/programme/settings',
    summary: "Change Action A's settings",
    tag: 'programme',
    roles: ['coordinator'],
    body: ProgrammeSettingsSchema,
    responses: { 200: { description: 'the settings', schema: ProgrammeSettingsSchema } },
  },
  eligibility: {
    method: 'get',
    path: '/api/programme/households/:id/eligibility',
    summary: 'Whether a household is eligible for Action A, on what grounds or why not (computed now)',
    tag: 'programme',
    roles: ['coordinator', 'family'],
    params: Id,
    responses: { 200: { description: 'eligibility and enrolment', schema: Any } },
  },
  putEnrolment: {
    method: 'put',
    path: '/api/programme/households/:id/enrolment',
    summary:
      "Record a household's employers (alliance members), its self-declaration with its date, co-payment band and exception",
    tag: 'programme',
    roles: ['coordinator'],
    params: Id,
    body: EnrolmentInputSchema,
    responses: { 200: { description: 'the enrolment', schema: Any }, 400: { description: 'a field is wrong' } },
  },
  grants: {
    method: 'get',
    path: '/api/programme/grants',
    summary: 'Voucher grants, all or of one household',
    tag: 'programme',
    roles: ['coordinator'],
    query: z.object({ householdId: IdSchema.optional() }),
    responses: { 200: { description: 'the grants', schema: z.array(GrantSchema) } },
  },
  createGrant: {
    method: 'post',
    path: '/api/programme/grants',
    summary: 'Grant a voucher to a household',
    tag: 'programme',
    roles: ['coordinator'],
    body: GrantInputSchema,
    responses: {
      201: { description: 'the grant', schema: GrantSchema },
      400: {
        description: 'a field is wrong (negative amount, overlapping period, unknown household): nothing changed',
      },
    },
  },
  updateGrant: {
    method: 'put',
    path: '/api/programme/grants/:id',
    summary: 'Change a voucher grant',
    tag: 'programme',
    roles: ['coordinator'],
    params: Id,
    body: GrantInputSchema,
    responses: {
      200: { description: 'the grant', schema: GrantSchema },
      400: {
        description: 'a field is wrong (negative amount, overlapping period, unknown household): nothing changed',
      },
    },
  },
  voucher: {
    method: 'get',
    path: '/api/programme/households/:id/voucher',
    summary: "A household's voucher: granted, spent on delivered trips, committed by published plans, remaining",
    tag: 'programme',
    roles: ['coordinator', 'family'],
    params: Id,
    responses: { 200: { description: 'the balance', schema: VoucherBalanceSchema } },
  },
  requests: {
    method: 'get',
    path: '/api/programme/requests',
    summary: 'Booking requests (pending first), each with eligibility, voucher balance and the slot offered',
    tag: 'programme',
    roles: ['coordinator'],
    query: z.object({ status: BookingStatusSchema.optional() }),
    responses: {
      200: {
        description: 'the requests',
        schema: z.object({
          items: z.array(
            BookingRequestSchema.extend({
              eligibility: EligibilitySchema.nullable(),
              voucher: VoucherBalanceSchema.nullable(),
            }),
          ),
        }),
      },
    },
  },
  approve: {
    method: 'post',
    path: '/api/programme/requests/:id/approve',
    summary:
      "Approve a pending booking request: a slot booking's trips enter the published plan with their promised windows; a catalogue booking's standing request is stored (planned from the next planning run)",
    tag: 'programme',
    roles: ['coordinator'],
    params: Id,
    responses: {
      200: { description: 'approved', schema: BookingRequestSchema },
      409: { description: 'already decided, the slot no longer fits, or the voucher no longer covers it' },
    },
  },
  refuse: {
    method: 'post',
    path: '/api/programme/requests/:id/refuse',
    summary: 'Refuse a pending booking request with a reason the family sees; the plan is not touched',
    tag: 'programme',
    roles: ['coordinator'],
    params: Id,
    body: z.object({ reason: z.string().trim().min(3).max(500) }),
    responses: { 200: { description: 'refused', schema: BookingRequestSchema } },
  },
  me: {
    method: 'get',
    path: '/api/programme/me',
    summary: "The family's own Action A view: eligibility, voucher balance, booking requests and their state",
    tag: 'programme',
    roles: ['family'],
    responses: {
      200: {
        description: 'eligibility, voucher and requests',
        schema: z.object({
          eligibility: EligibilitySchema,
          voucher: VoucherBalanceSchema,
          requests: z.array(BookingRequestSchema),
          settings: ProgrammeSettingsSchema,
        }),
      },
    },
  },
  budget: {
    method: 'get',
    path: '/api/programme/budget',
    summary:
      'Budget per funding line: spent, committed by published plans, remaining, projected; weeks of the current plan it covers',
    tag: 'programme',
    roles: ['coordinator'],
    responses: { 200: { description: 'the budget view', schema: Report } },
  },
  putBudget: {
    method: 'put',
    path: '/api/programme/budget/:fundingLine',
    summary: "Set Action A's budget of a funding line",
    tag: 'programme',
    roles: ['coordinator'],
    params: z.object({ fundingLine: FundingLineSchema }),
    body: BudgetLineSchema.omit({ fundingLine: true }),
    responses: { 200: { description: 'the line', schema: BudgetLineSchema } },
  },
  planCost: {
    method: 'get',
    path: '/api/programme/plans/:week/cost',
    summary: "A week's plan cost at the providers' tariffs (newest version, draft or published, or ?version=N)",
    tag: 'programme',
    roles: ['coordinator'],
    params: z.object({ week: IsoWeekSchema }),
    query: z.object({ version: z.coerce.number().int().min(1).optional() }),
    responses: {
      200: {
        description: 'the cost',
        schema: z.object({
          week: z.string(),
          version: z.number(),
          status: z.string(),
          trips: z.number(),
          costCents: z.number(),
          voucherCents: z.number(),
          coPaymentCents: z.number(),
        }),
      },
    },
  },
  planProviders: {
    method: 'get',
    path: '/api/programme/plans/:week/providers',
    summary: "Each run's provider in a week's plan, and trips outside a provider's comuni or services",
    tag: 'programme',
    roles: ['coordinator'],
    params: z.object({ week: IsoWeekSchema }),
    responses: { 200: { description: 'runs with their provider', schema: Any } },
  },
  providerStatement: {
    method: 'get',
    path: '/api/programme/providers/:id/statement',
    summary: "A provider's monthly statement: delivered trips and amounts (what the Ambito pays), no-shows",
    tag: 'programme',
    roles: ['coordinator'],
    params: Id,
    query: z.object({ month: MonthSchema }),
    responses: { 200: { description: 'the statement', schema: Any } },
  },
  monitoring: {
    method: 'get',
    path: '/api/reports/monitoring',
    summary:
      'Monitoring report: per comune × month, per comune, Ambito, month and total — people, trips, km, hours, €, conciliation hours',
    tag: 'programme',
    roles: ['coordinator'],
    query: Range,
    responses: {
      200: { description: 'the report', schema: MonitoringReportSchema },
      400: { description: 'bad dates or unknown comune' },
    },
  },
  monitoringCsv: {
    method: 'get',
    path: '/api/reports/monitoring.csv',
    summary: 'The monitoring report as CSV: a header, one row per comune × month',
    tag: 'programme',
    roles: ['coordinator'],
    query: Range,
    responses: { 200: { description: 'text/csv', contentType: 'text/csv' } },
  },
});
