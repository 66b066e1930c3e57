/**
 * Action A's contract: the alliance's organisations (employers), accredited providers and their
 * tariffs, a household's enrolment (employers, self-declaration, exception), voucher grants, the
 * budget per funding line, booking requests pending approval, eligibility and the monitoring
 * report. Money is always integer euro cents; dates are "YYYY-MM-DD".
 */
import { z } from 'zod';
import { defineContract } from './define-contract.ts';
import { AmbitoSchema, DateSchema, IdSchema } from './domain.ts';

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

export const BookingRequestSchema = z.object({
  id: IdSchema,
  householdId: IdSchema,
  passengerId: IdSchema,
  passengerName: z.string(),
  serviceId: IdSchema,
  serviceName: z.string(),
  status: z.enum(['pending', 'approved', 'refused']),
  reason: z.string().nullable(),
  estimateCents: z.number().int(),
  weekdays: z.array(z.string()),
  validFrom: DateSchema,
  validTo: DateSchema,
  /** The slot offered, one line per group of weekdays. */
  slot: z.array(z.string()),
  createdAt: z.string(),
  decidedAt: z.string().nullable(),
  requestId: z.string().nullable(),
});
export type BookingRequest = z.infer<typeof BookingRequestSchema>;

const Report = z.record(z.string(), z.unknown());
const Range = z.object({ from: DateSchema, to: DateSchema, comune: z.string().max(60).optional() });

/** The routes the web calls (server/programme/routes.ts serves them). */
export const programmeContract = defineContract({
  me: {
    method: 'get',
    path: '/api/programme/me',
    summary: "The family's eligibility, voucher balance and booking requests",
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
  requests: {
    method: 'get',
    path: '/api/programme/requests',
    summary: 'Booking requests with eligibility and voucher',
    tag: 'programme',
    roles: ['coordinator'],
    query: z.object({ status: z.enum(['pending', 'approved', 'refused']).optional() }),
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
    summary: 'Approve a pending booking request',
    tag: 'programme',
    roles: ['coordinator'],
    responses: { 200: { description: 'approved', schema: BookingRequestSchema } },
  },
  refuse: {
    method: 'post',
    path: '/api/programme/requests/:id/refuse',
    summary: 'Refuse a pending booking request with a reason',
    tag: 'programme',
    roles: ['coordinator'],
    body: z.object({ reason: z.string().trim().min(3).max(500) }),
    responses: { 200: { description: 'refused', schema: BookingRequestSchema } },
  },
  budget: {
    method: 'get',
    path: '/api/programme/budget',
    summary: 'The budget view',
    tag: 'programme',
    roles: ['coordinator'],
    responses: { 200: { description: 'the budget view', schema: Report } },
  },
  planCost: {
    method: 'get',
    path: '/api/programme/plans/:week/cost',
    summary: "A week's plan cost at the providers' tariffs (newest version or ?version=N)",
    tag: 'programme',
    roles: ['coordinator'],
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
  monitoring: {
    method: 'get',
    path: '/api/reports/monitoring',
    summary: 'The monitoring report',
    tag: 'programme',
    roles: ['coordinator'],
    query: Range,
    responses: { 200: { description: 'the report', schema: Report } },
  },
  monitoringCsv: {
    method: 'get',
    path: '/api/reports/monitoring.csv',
    summary: 'The monitoring report as CSV',
    tag: 'programme',
    roles: ['coordinator'],
    query: Range,
    responses: { 200: { description: 'text/csv', contentType: 'text/csv' } },
  },
});
