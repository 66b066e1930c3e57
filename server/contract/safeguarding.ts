/**
 * Safeguarding in the API contract (issue 12): the people authorised to hand a passenger over or
 * receive them, handover records, the nobody-home procedure, its settings, and escorts. Shared by
 * the server (validation) and the web (parsing answers).
 */
import { z } from 'zod';
import { defineContract } from './define-contract.ts';
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

/** The safeguarding routes (server/safeguarding/routes.ts serves them). */
export const safeguardingContract = defineContract({
  persons: {
    method: 'get',
    path: '/api/safeguarding/passengers/:passengerId/authorised-persons',
    summary:
      "A passenger's authorised persons and profile; for a driver or an escort only when the passenger is on their run today (then only those valid today)",
    tag: 'safeguarding',
    roles: ['coordinator', 'driver', 'escort'],
    params: z.object({ passengerId: IdSchema }),
    responses: {
      200: {
        description: 'the persons',
        schema: z.object({ profile: SafeguardingProfileSchema, persons: z.array(AuthorisedPersonSchema) }),
      },
      403: { description: 'a driver asking about a passenger who is not on their run today' },
    },
  },
  savePerson: {
    method: 'post',
    path: '/api/safeguarding/authorised-persons',
    summary: 'Add (or replace, with an id) a delegate or service staff member authorised for a passenger',
    tag: 'safeguarding',
    roles: ['coordinator'],
    body: AuthorisedPersonInputSchema,
    responses: { 201: { description: 'stored', schema: AuthorisedPersonSchema } },
  },
  deletePerson: {
    method: 'delete',
    path: '/api/safeguarding/authorised-persons/:id',
    summary: 'Remove an authorised person',
    tag: 'safeguarding',
    roles: ['coordinator'],
    params: z.object({ id: IdSchema }),
    responses: { 204: { description: 'removed' } },
  },
  putProfile: {
    method: 'put',
    path: '/api/safeguarding/profiles/:passengerId',
    summary:
      'Whether a passenger is "never alone" (a handover at every stop) and whether the handover code is demanded',
    tag: 'safeguarding',
    roles: ['coordinator'],
    params: z.object({ passengerId: IdSchema }),
    body: SafeguardingProfileSchema.omit({ passengerId: true }),
    responses: { 200: { description: 'stored', schema: SafeguardingProfileSchema } },
  },
  settings: {
    method: 'get',
    path: '/api/safeguarding/settings',
    summary: 'Retention, the nobody-home wait, safe places, extra numbers to call',
    tag: 'safeguarding',
    roles: ['coordinator'],
    responses: { 200: { description: 'the settings', schema: SafeguardingSettingsSchema } },
  },
  putSettings: {
    method: 'put',
    path: '/api/safeguarding/settings',
    summary: 'Change the safeguarding settings',
    tag: 'safeguarding',
    roles: ['coordinator'],
    body: SafeguardingSettingsSchema,
    responses: { 200: { description: 'stored', schema: SafeguardingSettingsSchema } },
  },
  run: {
    method: 'get',
    path: '/api/safeguarding/run/:date',
    summary:
      'The handovers of my run today: each stop with a minor or a "never alone" passenger, who may hand over / receive there, the numbers to call',
    tag: 'safeguarding',
    roles: ['driver'],
    params: z.object({ date: DateSchema }),
    responses: {
      200: { description: 'the handovers', schema: RunSafeguardingSchema },
      403: { description: 'another day than today' },
    },
  },
  handover: {
    method: 'post',
    path: '/api/safeguarding/handovers',
    summary:
      'Record who handed over or received a passenger at one of my stops (a tap, or the family code); a wrong code is refused and recorded',
    tag: 'safeguarding',
    roles: ['driver'],
    body: HandoverBodySchema,
    responses: {
      201: { description: 'recorded', schema: HandoverRecordSchema },
      200: { description: 'already recorded (a resend)', schema: HandoverRecordSchema },
      400: {
        description:
          'refused: wrong or missing code, or a person not authorised there that day (the attempt is recorded)',
      },
      404: { description: 'not a passenger of that stop on my run' },
    },
  },
  openNobodyHome: {
    method: 'post',
    path: '/api/safeguarding/nobody-home',
    summary:
      'Nobody is there to receive a passenger at one of my stops: open the procedure (the wait starts, the coordinator sees an alert)',
    tag: 'safeguarding',
    roles: ['driver'],
    body: NobodyHomeOpenSchema,
    responses: {
      201: { description: 'opened', schema: z.object({ caseId: z.string() }) },
      200: { description: 'already open (a resend)', schema: z.object({ caseId: z.string() }) },
    },
  },
  nobodyHomeStep: {
    method: 'post',
    path: '/api/safeguarding/nobody-home/:caseId/steps',
    summary:
      'A step of the nobody-home procedure: called a number, coordinator notified, received late, taken to a safe place',
    tag: 'safeguarding',
    roles: ['driver'],
    params: z.object({ caseId: z.string().min(8).max(100) }),
    body: NobodyHomeStepBodySchema,
    responses: { 201: { description: 'recorded', schema: z.object({ ok: z.boolean() }) } },
  },
  alerts: {
    method: 'get',
    path: '/api/safeguarding/alerts',
    summary: 'Nobody-home cases of a date (open ones are live alerts), with every step',
    tag: 'safeguarding',
    roles: ['coordinator'],
    query: z.object({ date: DateSchema }),
    responses: { 200: { description: 'the cases', schema: z.array(NobodyHomeCaseSchema) } },
  },
  handovers: {
    method: 'get',
    path: '/api/safeguarding/handovers',
    summary: 'Handover records (accepted and refused) of a date, optionally of one passenger',
    tag: 'safeguarding',
    roles: ['coordinator'],
    query: z.object({ date: DateSchema.optional(), passengerId: IdSchema.optional() }),
    responses: { 200: { description: 'the records', schema: z.array(HandoverRecordSchema) } },
  },
  purge: {
    method: 'post',
    path: '/api/safeguarding/purge',
    summary:
      'Delete handover records, closed cases and delegates past the retention period (the daily job does the same)',
    tag: 'safeguarding',
    roles: ['coordinator'],
    responses: { 200: { description: 'what was removed', schema: PurgeReportSchema } },
  },
  familyCodes: {
    method: 'get',
    path: '/api/safeguarding/family/codes',
    summary: "Today's handover code of each passenger of my household (tell it to the driver at the handover)",
    tag: 'safeguarding',
    roles: ['family'],
    query: z.object({ date: DateSchema.optional() }),
    responses: { 200: { description: 'the codes', schema: z.array(HandoverCodeSchema) } },
  },
  familyOutcomes: {
    method: 'get',
    path: '/api/safeguarding/family/outcomes',
    summary: 'Handovers and nobody-home cases of my passengers on a date',
    tag: 'safeguarding',
    roles: ['family'],
    query: z.object({ date: DateSchema }),
    responses: {
      200: {
        description: 'the outcomes',
        schema: z.object({ handovers: z.array(HandoverRecordSchema), cases: z.array(NobodyHomeCaseSchema) }),
      },
    },
  },
});

/** The escorts' routes (server/escorts/routes.ts serves them). */
export const escortsContract = defineContract({
  list: {
    method: 'get',
    path: '/api/escorts',
    summary: 'The escorts (accompagnatori) with their shifts and qualifications',
    tag: 'escorts',
    roles: ['coordinator'],
    responses: { 200: { description: 'the escorts', schema: z.array(EscortSchema) } },
  },
  put: {
    method: 'put',
    path: '/api/escorts/:id',
    summary: 'Create or replace an escort',
    tag: 'escorts',
    roles: ['coordinator'],
    params: z.object({ id: IdSchema }),
    body: EscortSchema,
    responses: { 200: { description: 'stored', schema: EscortSchema } },
  },
  remove: {
    method: 'delete',
    path: '/api/escorts/:id',
    summary: 'Remove an escort',
    tag: 'escorts',
    roles: ['coordinator'],
    params: z.object({ id: IdSchema }),
    responses: { 204: { description: 'removed' } },
  },
  // '/me/…' before '/:id/…', which would otherwise take 'me' for an id.
  myDay: {
    method: 'get',
    path: '/api/escorts/me/day/:date',
    summary: 'My day as an escort: the runs I ride and the passengers I look after',
    tag: 'escorts',
    roles: ['escort'],
    params: z.object({ date: DateSchema }),
    responses: { 200: { description: 'the day', schema: EscortDaySchema } },
  },
  day: {
    method: 'get',
    path: '/api/escorts/:id/day/:date',
    summary: "An escort's day in the published plan: the runs they ride and the passengers they look after",
    tag: 'escorts',
    roles: ['coordinator'],
    params: z.object({ id: IdSchema, date: DateSchema }),
    responses: { 200: { description: 'the day', schema: EscortDaySchema } },
  },
});
