/**
 * The domain model of Action A, as zod schemas shared by server and web.
 * Only what transport needs is kept about a person: no diagnoses.
 * Times of day are "HH:MM" strings (Europe/Rome local time); dates are "YYYY-MM-DD".
 */
import { z } from 'zod';
import { isCalendarDate, isIsoWeek, isSafeId } from './checks.ts';

export const IdSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_.:-]+$/, 'letters, digits, _ . : - only')
  .refine(isSafeId, 'a reserved name (.., __proto__, constructor …)');
export const TimeOfDaySchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time of day as HH:MM');
/** A real calendar date (2026-02-31 and year 0000 are refused), years 1900–2200. */
export const DateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD')
  .refine(isCalendarDate, 'not a calendar date (or the year is outside 1900–2200)');
/** An ISO week that exists (2025-W53 does not; 2026-W53 does), years 1900–2200. */
export const IsoWeekSchema = z
  .string()
  .regex(/^\d{4}-W(0[1-9]|[1-4]\d|5[0-3])$/, 'an ISO week as YYYY-Www')
  .refine(isIsoWeek, 'no such ISO week (or the year is outside 1900–2200)');
export const WeekdaySchema = z.enum(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']);
/** The seven weekdays, Monday first (ISO order): the one list every part uses. */
export const WEEKDAYS: readonly Weekday[] = WeekdaySchema.options;
/** Monday to Friday: the working and school days. */
export const WORKDAYS: readonly Weekday[] = WEEKDAYS.slice(0, 5);
/** Which way a trip goes: outbound (home → service) or return (service → home). */
export const DirectionSchema = z.enum(['outbound', 'return']);
export type Direction = z.infer<typeof DirectionSchema>;
export const DIRECTIONS: readonly Direction[] = DirectionSchema.options;
export type Weekday = z.infer<typeof WeekdaySchema>;
export type TimeOfDay = z.infer<typeof TimeOfDaySchema>;

/** A from–to interval within one day; `to` must be after `from`. */
export const DayIntervalSchema = z
  .object({ from: TimeOfDaySchema, to: TimeOfDaySchema })
  .refine((i) => i.to > i.from, { message: 'the interval ends before it starts', path: ['to'] });
export type DayInterval = z.infer<typeof DayIntervalSchema>;

export const AmbitoSchema = z.enum(['Castellanza', 'Somma Lombardo']);

export const MunicipalitySchema = z.object({
  istatCode: z.string().regex(/^\d{6}$/),
  name: z.string(),
  ambito: AmbitoSchema,
  population: z.number().int().nonnegative(),
});
export type Municipality = z.infer<typeof MunicipalitySchema>;

/** The 16 boundaries as GeoJSON for the map, with the CC-BY attribution to show (server/geo/boundaries.ts). */
export const MunicipalityBoundariesSchema = z.object({
  type: z.literal('FeatureCollection'),
  attribution: z.string(),
  features: z.array(
    z.object({
      type: z.literal('Feature'),
      id: z.string(),
      properties: MunicipalitySchema,
      geometry: z.object({
        type: z.literal('Polygon'),
        coordinates: z.array(z.array(z.tuple([z.number(), z.number()]))),
      }),
    }),
  ),
});
export type MunicipalityBoundaries = z.infer<typeof MunicipalityBoundariesSchema>;

export const PlaceSchema = z.object({
  lat: z.number().min(-90).max(90),
  lon: z.number().min(-180).max(180),
  label: z.string().min(1).max(200),
  /** Filled by the server (point-in-polygon); a place outside the 16 comuni is rejected. */
  istatCode: z
    .string()
    .regex(/^\d{6}$/)
    .optional(),
});
export type Place = z.infer<typeof PlaceSchema>;

export const ServiceKindSchema = z.enum([
  'day_centre_disabled', // CDD / CSE
  'elderly_day_centre', // CDI
  'school',
  'nursery',
  'summer_camp',
  'therapy',
  'other',
]);
export type ServiceKind = z.infer<typeof ServiceKindSchema>;

/** Opening hours per weekday; `activity` is when people must be there (arrive before from, leave after to). */
export const OpeningHoursSchema = z.object({
  open: DayIntervalSchema,
  activity: DayIntervalSchema,
});

export const ServiceSchema = z.object({
  id: IdSchema,
  name: z.string().min(1).max(200),
  kind: ServiceKindSchema,
  place: PlaceSchema,
  hours: z.partialRecord(WeekdaySchema, OpeningHoursSchema),
  closures: z.array(DateSchema).default([]),
  /** Date-specific hours (half days, summer hours); `hours: null` = closed that date. */
  dateHours: z
    .array(z.object({ date: DateSchema, hours: OpeningHoursSchema.nullable(), note: z.string().max(120).default('') }))
    .max(400)
    .optional(),
  synthetic: z.boolean().default(false),
});
export type Service = z.infer<typeof ServiceSchema>;

export const AgeGroupSchema = z.enum(['child', 'adult', 'elderly']);
export const MobilitySchema = z.enum(['walks', 'walker', 'wheelchair', 'child_seat']);
export type Mobility = z.infer<typeof MobilitySchema>;

export const PassengerSchema = z.object({
  id: IdSchema,
  /** Display name as the driver needs it (e.g. "Giulia R."). */
  name: z.string().min(1).max(120),
  householdId: IdSchema,
  ageGroup: AgeGroupSchema,
  mobility: MobilitySchema,
  needsEscort: z.boolean().default(false),
  boardingMin: z.number().min(0).max(30).default(2),
  alightingMin: z.number().min(0).max(30).default(2),
  /** Where the passenger is collected and brought back; defaults to the household's home. */
  home: PlaceSchema.optional(),
  notesForDriver: z.string().max(300).default(''),
  /** Can be left alone / wait alone at home (an autonomous adult): no handover needed at home. */
  canBeAlone: z.boolean().optional(),
  synthetic: z.boolean().default(false),
});
export type Passenger = z.infer<typeof PassengerSchema>;

/**
 * One interval away from home (work plus commute) in an adult's schedule. `to` is after `from`,
 * unless the interval is marked `overnight` (a night shift): then it ends the next day.
 */
export const ShiftSchema = z
  .object({ from: TimeOfDaySchema, to: TimeOfDaySchema, overnight: z.boolean().default(false) })
  .superRefine((s, ctx) => {
    if (!s.overnight && s.to <= s.from)
      ctx.addIssue({
        code: 'custom',
        path: ['to'],
        message: `ends at ${s.to}, before (or when) it starts at ${s.from}; mark it overnight if it crosses midnight`,
      });
    if (s.overnight && s.to > s.from)
      ctx.addIssue({
        code: 'custom',
        path: ['overnight'],
        message: `ends at ${s.to}, after it starts: it does not cross midnight`,
      });
  });
export type Shift = z.infer<typeof ShiftSchema>;
/** Intervals away from home per weekday (several a day for split shifts; none = at home all day). */
export const WeekPatternSchema = z.partialRecord(WeekdaySchema, z.array(ShiftSchema).max(6));
export type WeekPattern = z.infer<typeof WeekPatternSchema>;
/**
 * One adult's work schedule: a weekly pattern, or a rota of N weeks repeating from `startDate`
 * (week 1 is the ISO week of `startDate`), plus dated exceptions that replace the day's intervals.
 */
export const AdultScheduleSchema = z.object({
  adult: z.string().min(1).max(120),
  /** May receive the passenger at home (false: lives there but cannot take charge). */
  receives: z.boolean().default(true),
  weekly: WeekPatternSchema.optional(),
  rota: z
    .object({
      startDate: DateSchema,
      weeks: z.array(WeekPatternSchema).min(1, 'a rota needs at least one week').max(12),
    })
    .optional(),
  exceptions: z
    .array(z.object({ date: DateSchema, shifts: z.array(ShiftSchema).max(6), note: z.string().max(120).default('') }))
    .max(366)
    .default([]),
});
export type AdultSchedule = z.infer<typeof AdultScheduleSchema>;

/** When the responsible adult leaves home for work and is back, per weekday. */
export const WorkHoursSchema = z.object({ leaves: TimeOfDaySchema, back: TimeOfDaySchema });

export const HouseholdSchema = z.object({
  id: IdSchema,
  name: z.string().min(1).max(120),
  home: PlaceSchema,
  /** Adults who may receive the passenger (names and phone, as the driver needs them). */
  adults: z.array(z.object({ name: z.string().min(1).max(120), phone: z.string().max(40).default('') })).min(1),
  workHours: z.partialRecord(WeekdaySchema, WorkHoursSchema),
  /** Per-adult schedules; when present they replace `workHours` (read as one adult's weekly pattern otherwise). */
  schedules: z.array(AdultScheduleSchema).max(8).optional(),
  synthetic: z.boolean().default(false),
});
export type Household = z.infer<typeof HouseholdSchema>;

/** Services after the first, in order (school → after-school club, school → therapy); the return leaves the last. */
export const ServiceChainSchema = z.array(z.object({ serviceId: IdSchema })).max(3);

/** Other addresses on given weekdays (grandparents, the other parent), each with its own receiving adults. */
export const OtherAddressesSchema = z
  .array(
    z.object({
      weekdays: z.array(WeekdaySchema).min(1),
      place: PlaceSchema,
      receivers: z.array(AdultScheduleSchema).min(1).max(4),
    }),
  )
  .max(3);

export const StandingRequestSchema = z
  .object({
    id: IdSchema,
    passengerId: IdSchema,
    serviceId: IdSchema,
    weekdays: z.array(WeekdaySchema).min(1),
    validFrom: DateSchema,
    validTo: DateSchema,
    outbound: z.boolean().default(true),
    return: z.boolean().default(true),
    /** Dates on which this request does not travel (absences, closures). */
    exceptions: z.array(DateSchema).default([]),
    /** Windows promised to the family when a slot was booked; hard until released. */
    promised: z
      .partialRecord(
        WeekdaySchema,
        z.object({ pickup: DayIntervalSchema.optional(), dropoff: DayIntervalSchema.optional() }),
      )
      .optional(),
    /** Services after the first, in order (school → after-school club, school → therapy); the return leaves the last. */
    chain: ServiceChainSchema.optional(),
    /** Another address on given weekdays (grandparents, the other parent), with its own receiving adults. */
    otherAddresses: OtherAddressesSchema.optional(),
    /** cancelled: withdrawn. Absent = active. A booking waiting for approval is not a standing request yet (booking_requests). */
    status: z.enum(['active', 'cancelled']).optional(),
  })
  .refine((r) => r.validTo >= r.validFrom, { message: 'validTo is before validFrom', path: ['validTo'] })
  .refine((r) => r.outbound || r.return, {
    message: 'a request needs an outbound or a return trip',
    path: ['outbound'],
  });
export type StandingRequest = z.infer<typeof StandingRequestSchema>;

export const CapacitySchema = z.object({
  seats: z.number().int().min(0).max(60),
  wheelchairs: z.number().int().min(0).max(10),
});

export const VehicleSchema = z.object({
  id: IdSchema,
  label: z.string().min(1).max(60),
  plate: z.string().max(20).default(''),
  capacity: CapacitySchema,
  features: z.object({ lift: z.boolean().default(false), childSeats: z.number().int().min(0).max(10).default(0) }),
  depot: PlaceSchema,
  hours: z.partialRecord(WeekdaySchema, DayIntervalSchema),
  costPerKm: z.number().min(0).default(0.5),
  costPerHour: z.number().min(0).default(20),
});
export type Vehicle = z.infer<typeof VehicleSchema>;

export const DriverSchema = z.object({
  id: IdSchema,
  name: z.string().min(1).max(120),
  availability: z.partialRecord(WeekdaySchema, DayIntervalSchema),
  maxHoursPerDay: z.number().min(0).max(13).default(8),
  maxHoursPerWeek: z.number().min(0).max(60).default(38),
  vehicleIds: z.array(IdSchema).default([]),
});
export type Driver = z.infer<typeof DriverSchema>;

/** Everything needed to plan a week: what the demo scenario file holds. */
export const ScenarioSchema = z.object({
  name: z.string(),
  week: IsoWeekSchema,
  synthetic: z.boolean(),
  services: z.array(ServiceSchema),
  households: z.array(HouseholdSchema),
  passengers: z.array(PassengerSchema),
  requests: z.array(StandingRequestSchema),
  vehicles: z.array(VehicleSchema),
  drivers: z.array(DriverSchema),
});
export type Scenario = z.infer<typeof ScenarioSchema>;
