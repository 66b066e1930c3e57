/**
 * Response shapes of routes whose schemas are not (yet) in server/contract. They are kept
 * loose on purpose (extra fields pass through) and narrow only what the UI reads, so a server
 * that adds fields does not break the web. When the contract gains a schema, import it instead.
 */
import { z } from 'zod';
import { UserSchema } from '../../server/contract/accounts.ts';
import {
  DateSchema,
  IdSchema,
  PlaceSchema,
  TimeOfDaySchema,
  WeekdaySchema,
  type Weekday,
} from '../../server/contract/domain.ts';
import { PlanRouteSchema, type PlanStopSchema, StopPassengerSchema } from '../../server/contract/plan.ts';

/** GeoJSON is checked for its outer shape only; Leaflet reads the geometry. */
export const FeatureCollectionSchema = z
  .looseObject({
    type: z.literal('FeatureCollection'),
    features: z.array(z.looseObject({ type: z.literal('Feature') })),
  })
  .transform((fc) => fc as unknown as GeoJSON.FeatureCollection);

// Who is logged in: the contract's shape (server/contract/accounts.ts).
export {
  AccountRoleSchema as RoleSchema,
  UserSchema,
  type AccountRole as Role,
  type User,
} from '../../server/contract/accounts.ts';

export const LoginResponseSchema = z.looseObject({
  user: UserSchema,
  token: z.string().optional(),
  csrfToken: z.string().optional(),
});
export const MeResponseSchema = z.looseObject({ user: UserSchema, csrfToken: z.string().optional() });

export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });

/** A list row: every managed entity has an id; the rest is shown as it comes. */
export const RowSchema = z.looseObject({ id: IdSchema });
export type Row = z.infer<typeof RowSchema>;

export const ImportReportSchema = z.looseObject({
  imported: z.number().int().optional(),
  created: z.number().int().optional(),
  updated: z.number().int().optional(),
  errors: z
    .array(
      z.looseObject({
        line: z.number().optional(),
        row: z.number().optional(),
        field: z.string().optional(),
        message: z.string(),
      }),
    )
    .default([]),
});
export type ImportReport = z.infer<typeof ImportReportSchema>;

export const JobSchema = z.looseObject({
  jobId: z.string().optional(),
  state: z.string(),
  /** Whatever the job reports; job-progress.ts reads the known shapes. */
  progress: z.unknown(),
  planId: z.string().nullish(),
  error: z.string().nullish(),
});
export type Job = z.infer<typeof JobSchema>;

export const PlanCreatedSchema = z.looseObject({ planId: IdSchema, jobId: z.string() });

export const PlanHeaderSchema = z.looseObject({
  id: IdSchema,
  week: z.string(),
  version: z.number(),
  status: z.enum(['draft', 'published']).nullish(),
  publishedVersion: z.number().nullish(),
});
export type PlanHeader = z.infer<typeof PlanHeaderSchema>;
export const PlanListSchema = z.union([
  z.array(PlanHeaderSchema),
  z.looseObject({ items: z.array(PlanHeaderSchema) }).transform((r) => r.items),
]);

const TripPositionSchema = z.looseObject({ vehicleId: z.string(), pickup: z.string() });
export const PassengerMoveSchema = z.looseObject({
  passengerId: z.string(),
  name: z.string(),
  requestId: z.string(),
  date: z.string(),
  direction: z.enum(['outbound', 'return']),
  before: TripPositionSchema.nullable(),
  after: TripPositionSchema.nullable(),
  shiftMin: z.number(),
});
export type PassengerMove = z.infer<typeof PassengerMoveSchema>;
/** GET /api/plans/:id/diff: what changed since the last published version. */
export const DiffSchema = z.looseObject({
  fromVersion: z.number().nullable(),
  toVersion: z.number(),
  movedBetweenVehicles: z.array(PassengerMoveSchema).default([]),
  timeShifts: z.array(PassengerMoveSchema).default([]),
  added: z.array(PassengerMoveSchema).default([]),
  removed: z.array(PassengerMoveSchema).default([]),
  passengersAffected: z.number().default(0),
  maxShiftMin: z.number().default(0),
});
export type Diff = z.infer<typeof DiffSchema>;

/** The driver's run: plan routes (the contract's stop passengers carry notes and who receives them) with the vehicle's label. */
export type RunPassenger = z.infer<typeof StopPassengerSchema>;
export type RunStop = z.infer<typeof PlanStopSchema>;
const RunRouteSchema = PlanRouteSchema.extend({ vehicleLabel: z.string().optional() });

export const DriverRunSchema = z.looseObject({
  date: DateSchema.optional(),
  route: RunRouteSchema.nullish(),
  routes: z.array(RunRouteSchema).optional(),
});
export type DriverRun = z.infer<typeof DriverRunSchema>;

export const FamilyHouseholdSchema = z.looseObject({
  household: z.looseObject({ id: IdSchema, name: z.string(), home: PlaceSchema.optional() }).optional(),
  passengers: z.array(z.looseObject({ id: IdSchema, name: z.string() })).default([]),
  services: z.array(z.looseObject({ id: IdSchema, name: z.string() })).optional(),
});
export type FamilyHousehold = z.infer<typeof FamilyHouseholdSchema>;

export const FamilyTripSchema = z.looseObject({
  date: DateSchema,
  passengerId: IdSchema.optional(),
  name: z.string().optional(),
  direction: z.enum(['outbound', 'return']).optional(),
  pickup: z.string().optional(),
  dropoff: z.string().optional(),
  label: z.string().optional(),
  passengers: z.array(StopPassengerSchema).optional(),
});
export type FamilyTrip = z.infer<typeof FamilyTripSchema>;
export const FamilyTripsSchema = z.union([
  z.array(FamilyTripSchema),
  z.looseObject({ trips: z.array(FamilyTripSchema) }).transform((r) => r.trips),
]);

/** POST /api/slots/query body (mirrors server/slots/slot-schemas.ts, which is not in the contract). */
export const SlotQuerySchema = z.object({
  week: z.string().optional(),
  passengerId: IdSchema,
  serviceId: IdSchema,
  weekdays: z.array(WeekdaySchema).min(1),
  workHours: z.object({ leaves: TimeOfDaySchema, back: TimeOfDaySchema }),
  outbound: z.boolean().optional(),
  return: z.boolean().optional(),
});
export type SlotQuery = z.infer<typeof SlotQuerySchema>;

export const SlotOptionSchema = z.looseObject({
  vehicleId: z.string(),
  vehicleLabel: z.string().optional(),
  promise: z.object({ from: z.string(), to: z.string() }),
  pickupAt: z.string(),
  arriveAt: z.string(),
  addedCost: z.number(),
});
export type SlotOption = z.infer<typeof SlotOptionSchema>;

export const SlotTripAnswerSchema = z.looseObject({
  direction: z.enum(['outbound', 'return']),
  options: z.array(SlotOptionSchema),
  reason: z.string().optional(),
  message: z.string().optional(),
  fix: z.string().optional(),
  nearest: z.looseObject({ pickupAt: z.string(), arriveAt: z.string(), note: z.string() }).optional(),
});
export type SlotTripAnswer = z.infer<typeof SlotTripAnswerSchema>;

export const SlotAnswerSchema = z.looseObject({
  planId: z.string(),
  planVersion: z.number(),
  week: z.string(),
  feasible: z.boolean(),
  days: z.array(
    z.looseObject({
      weekday: WeekdaySchema,
      date: DateSchema,
      outbound: SlotTripAnswerSchema.optional(),
      return: SlotTripAnswerSchema.optional(),
    }),
  ),
  lines: z.array(z.string()).default([]),
});
export type SlotAnswer = z.infer<typeof SlotAnswerSchema>;

/** Which offered option to take per weekday and direction (index into that trip's options). */
export type SlotChoice = Partial<Record<Weekday, { outbound?: number; return?: number }>>;

export const ErrorBodySchema = z.looseObject({
  error: z
    .union([z.string(), z.looseObject({ code: z.string().optional(), message: z.string().optional() })])
    .optional(),
  code: z.string().optional(),
  message: z.string().optional(),
});
