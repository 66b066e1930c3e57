/**
 * Safeguarding in the API contract (issue 12): the people authorised to hand a passenger over or
 * receive them, handover records, the nobody-home procedure, its settings, and escorts. Shared by
 * the server (validation) and the web (parsing answers).
 */
import { z } from 'zod';
import { DateSchema, IdSchema, TimeOfDaySchema, WeekdaySchema } from './domain.ts';
import { IsoDateTimeSchema } from './plan.ts';

/**
 * The four handover points of a trip: the family hands over at home (outbound pickup), the
 * service's staff receive (outbound drop-off), hand over (return pickup), the family receives at
 * home (return drop-off) — or at an alternative address.
 */
export const HandoverPointSchema = z.enum([
  'home_pickup',
  'service_dropoff',
  'service_pickup',
  'home_dropoff',
  'alternative_dropoff',
]);
export type HandoverPoint = z.infer<typeof HandoverPointSchema>;

const ClientEventIdSchema = z
  .string()
  .min(8)
  .max(100)
  .regex(/^[A-Za-z0-9_.:-]+$/, 'letters, digits, _ . : - only');

export const AuthorisedPersonInputSchema = z
  .object({
    id: IdSchema.optional(),
    passengerId: IdSchema,
    kind: z.enum(['delegate', 'household_adult', 'service_staff']),
    name: z.string().trim().min(1).max(120),
    relationship: z.string().max(80).default(''),
    phone: z
      .string()
      .max(40)
      .regex(/^[+0-9 ()-]*$/, 'digits, spaces, + ( ) - only')
      .default(''),
    idDocument: z
      .object({
        type: z.enum(['identity_card', 'passport', 'driving_licence', 'other']),
        lastDigits: z.string().regex(/^[A-Za-z0-9]{2,6}$/, '2 to 6 letters or digits: the last ones only'),
      })
      .nullable()
      .default(null),
    validFrom: DateSchema.nullable().default(null),
    validTo: DateSchema.nullable().default(null),
    /** A reference to a photo kept elsewhere (e.g. the file number at the service), never the image. */
    photoRef: z.string().max(200).nullable().default(null),
    /** For service staff: the role that takes over ("educatrice di turno"). */
    staffRole: z.string().max(120).nullable().default(null),
    points: z.array(HandoverPointSchema).min(1),
  })
  .refine((p) => !p.validFrom || !p.validTo || p.validFrom <= p.validTo, {
    path: ['validTo'],
    message: 'ends before it starts',
  })
  .refine((p) => p.kind !== 'service_staff' || !!p.staffRole, {
    path: ['staffRole'],
    message: 'service staff need the role that takes over',
  });
export type AuthorisedPersonInput = z.input<typeof AuthorisedPersonInputSchema>;

export const AuthorisedPersonSchema = z.object({
  id: IdSchema,
  passengerId: IdSchema,
  kind: z.enum(['delegate', 'household_adult', 'service_staff']),
  name: z.string(),
  relationship: z.string(),
  phone: z.string(),
  idDocument: z.object({ type: z.string(), lastDigits: z.string() }).nullable(),
  validFrom: DateSchema.nullable(),
  validTo: DateSchema.nullable(),
  photoRef: z.string().nullable(),
  staffRole: z.string().nullable(),
  points: z.array(HandoverPointSchema),
});
export type AuthorisedPerson = z.infer<typeof AuthorisedPersonSchema>;

export const SafeguardingProfileSchema = z.object({
  passengerId: IdSchema,
  neverAlone: z.boolean(),
  codeRequired: z.boolean(),
});
export type SafeguardingProfile = z.infer<typeof SafeguardingProfileSchema>;

export const SafePlaceSchema = z.object({ id: IdSchema, label: z.string().min(1).max(200), phone: z.string().max(40) });

export const SafeguardingSettingsSchema = z.object({
  /** Handover records, nobody-home cases and expired delegates are purged this many days after. */
  retentionDays: z.number().int().min(1).max(3650),
  /** How long the driver waits at a home with nobody to receive before the next step. */
  waitMinutes: z.number().int().min(0).max(60),
  safePlaces: z.array(SafePlaceSchema).min(1),
  /** Numbers to call when nobody is there, after the household's (the service's coordinator office…). */
  extraCallNumbers: z.array(z.object({ label: z.string().max(120), phone: z.string().max(40) })),
  /** Who travels only on a run with an escort aboard, once escorts are kept (server/escorts/). */
  escortRules: z
    .object({
      /** A passenger flagged as needing assistance (`needsEscort`). */
      assistanceFlag: z.boolean(),
      /** Every passenger of these age groups (e.g. children). */
      ageGroups: z.array(z.enum(['child', 'adult', 'elderly'])),
    })
    .default({ assistanceFlag: true, ageGroups: [] }),
});
export type SafeguardingSettings = z.infer<typeof SafeguardingSettingsSchema>;

/** One stop of a driver's run where a passenger is handed over: who may hand over / receive. */
export const RunHandoverSchema = z.object({
  stopId: IdSchema,
  passengerId: IdSchema,
  passengerName: z.string(),
  point: HandoverPointSchema,
  codeRequired: z.boolean(),
  offered: z.array(AuthorisedPersonSchema),
  /** Numbers to call in order when nobody is there (household adults, then delegates, then the settings'). */
  callOrder: z.array(z.object({ label: z.string(), phone: z.string() })),
});
export const RunSafeguardingSchema = z.object({
  date: DateSchema,
  handovers: z.array(RunHandoverSchema),
  waitMinutes: z.number(),
  safePlaces: z.array(SafePlaceSchema),
});
export type RunSafeguarding = z.infer<typeof RunSafeguardingSchema>;

export const HandoverBodySchema = z.object({
  stopId: IdSchema,
  passengerId: IdSchema,
  date: DateSchema,
  personId: IdSchema,
  /** The family's 4-digit code for that passenger and day, when the driver asks for it. */
  code: z
    .string()
    .regex(/^\d{4}$/, 'four digits')
    .optional(),
  at: IsoDateTimeSchema,
  clientEventId: ClientEventIdSchema,
  lat: z.number().min(-90).max(90).optional(),
  lon: z.number().min(-180).max(180).optional(),
});
export type HandoverBody = z.infer<typeof HandoverBodySchema>;

export const HandoverRecordSchema = z.object({
  clientEventId: z.string(),
  date: DateSchema,
  stopId: z.string(),
  passengerId: z.string(),
  driverId: z.string(),
  point: HandoverPointSchema,
  personId: z.string(),
  personName: z.string(),
  outcome: z.enum(['accepted', 'refused']),
  confirmedBy: z.enum(['tap', 'code']),
  refusal: z.string().nullable(),
  at: z.string(),
  lat: z.number().nullable(),
  lon: z.number().nullable(),
  recordedAt: z.string(),
});
export type HandoverRecord = z.infer<typeof HandoverRecordSchema>;

export const NobodyHomeStepSchema = z.enum([
  'wait_started',
  'called',
  'coordinator_notified',
  'received',
  'safe_place',
]);

export const NobodyHomeOpenSchema = z.object({
  caseId: ClientEventIdSchema,
  stopId: IdSchema,
  passengerId: IdSchema,
  date: DateSchema,
  at: IsoDateTimeSchema,
});
export const NobodyHomeStepBodySchema = z.object({
  clientEventId: ClientEventIdSchema,
  step: NobodyHomeStepSchema,
  at: IsoDateTimeSchema,
  /** The number called, the person who received, or the safe place's id. */
  detail: z.string().max(200).default(''),
});

export const NobodyHomeCaseSchema = z.object({
  id: z.string(),
  date: DateSchema,
  stopId: z.string(),
  passengerId: z.string(),
  passengerName: z.string(),
  driverId: z.string(),
  openedAt: z.string(),
  closedAt: z.string().nullable(),
  outcome: z.enum(['received', 'safe_place']).nullable(),
  safePlace: z.string().nullable(),
  receivedBy: z.string().nullable(),
  steps: z.array(z.object({ step: NobodyHomeStepSchema, detail: z.string(), at: z.string(), actor: z.string() })),
});
export type NobodyHomeCase = z.infer<typeof NobodyHomeCaseSchema>;

export const HandoverCodeSchema = z.object({
  passengerId: IdSchema,
  name: z.string(),
  date: DateSchema,
  code: z.string(),
});

export const PurgeReportSchema = z.object({
  before: DateSchema,
  handovers: z.number(),
  cases: z.number(),
  authorisedPersons: z.number(),
});

/** An escort (accompagnatore): staff with weekly shifts and qualifications. */
export const EscortSchema = z.object({
  id: IdSchema,
  name: z.string().min(1).max(120),
  phone: z.string().max(40).default(''),
  qualifications: z.array(z.string().max(60)).default([]),
  shifts: z.partialRecord(WeekdaySchema, z.object({ from: TimeOfDaySchema, to: TimeOfDaySchema })),
  maxHoursPerWeek: z.number().min(0).max(60).default(38),
});
export type Escort = z.infer<typeof EscortSchema>;

/** An escort's day: the runs they ride and, per run, the passengers and whether each needs the escort. */
export const EscortDaySchema = z.object({
  escortId: z.string(),
  date: DateSchema,
  runs: z.array(
    z.object({
      routeId: z.string(),
      vehicleId: z.string(),
      driverId: z.string().nullable(),
      departure: z.string(),
      return: z.string(),
      passengers: z.array(
        z.object({
          passengerId: z.string(),
          name: z.string(),
          needsEscortAboard: z.boolean(),
          boards: z.string(),
          alights: z.string(),
        }),
      ),
    }),
  ),
});
