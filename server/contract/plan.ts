/**
 * A weekly plan as the API returns it: ISO week → days → routes → stops.
 * Times are ISO 8601 with the Europe/Rome offset ("2026-12-01T07:40:00+01:00").
 */
import { z } from 'zod';
import { isSaneInstant } from './checks.ts';
import { DateSchema, DirectionSchema, IdSchema, IsoWeekSchema } from './domain.ts';

export const IsoDateTimeSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?([+-]\d{2}:\d{2}|Z)$/, 'an ISO 8601 date-time with offset')
  .refine(isSaneInstant, 'not a real instant (or the year is outside 1900–2200)');

export const ProviderNameSchema = z.enum(['osrm', 'estimate']);

/** A passenger as a trip needs to know them: no more. */
export const StopPassengerSchema = z.object({
  passengerId: IdSchema,
  requestId: IdSchema,
  name: z.string(),
  mobility: z.enum(['walks', 'walker', 'wheelchair', 'child_seat']),
  needsEscort: z.boolean(),
  direction: DirectionSchema,
  /** Driver's run only (`GET /api/driver/runs/:date`): the coordinator's notes for the driver ('' when none). */
  notesForDriver: z.string().optional(),
  /** Driver's run only: who takes the passenger at home on a return drop-off; null elsewhere. */
  receivingAdult: z.object({ name: z.string(), phone: z.string() }).nullable().optional(),
});
export type StopPassenger = z.infer<typeof StopPassengerSchema>;

export const PlanStopSchema = z.object({
  id: IdSchema,
  kind: z.enum(['pickup', 'delivery']),
  requestId: IdSchema,
  label: z.string(),
  lat: z.number(),
  lon: z.number(),
  arrival: IsoDateTimeSchema,
  start: IsoDateTimeSchema,
  departure: IsoDateTimeSchema,
  window: z.object({ from: IsoDateTimeSchema, to: IsoDateTimeSchema }),
  boards: z.array(StopPassengerSchema),
  alights: z.array(StopPassengerSchema),
  locked: z.boolean(),
});
export type PlanStop = z.infer<typeof PlanStopSchema>;

export const PlanRouteSchema = z.object({
  id: IdSchema,
  vehicleId: IdSchema,
  driverId: IdSchema.nullable(),
  /** The escort aboard this run, when escorts are planned (server/escorts/). */
  escortId: IdSchema.nullable().optional(),
  departure: IsoDateTimeSchema,
  return: IsoDateTimeSchema,
  distanceM: z.number(),
  durationS: z.number(),
  stops: z.array(PlanStopSchema),
});
export type PlanRoute = z.infer<typeof PlanRouteSchema>;

export const UnservedTripSchema = z.object({
  requestId: IdSchema,
  passengerId: IdSchema,
  date: DateSchema,
  direction: DirectionSchema,
  reason: z.string(),
  message: z.string(),
});

export const PlanSummarySchema = z.object({
  vehicles: z.number(),
  km: z.number(),
  drivingHours: z.number(),
  meanRideMin: z.number(),
  maxRideMin: z.number(),
  stopsWithinWindowPct: z.number(),
  householdsRespectedPct: z.number(),
  tripsServed: z.number(),
  tripsUnserved: z.number(),
  continuity: z.object({ sameVehiclePct: z.number(), pickupSpreadWithin10MinPct: z.number() }),
});

export const PlanDaySchema = z.object({ date: DateSchema, routes: z.array(PlanRouteSchema) });

export const PlanSchema = z.object({
  id: IdSchema,
  week: IsoWeekSchema,
  version: z.number().int().min(1),
  status: z.enum(['draft', 'published']),
  provider: ProviderNameSchema,
  createdAt: IsoDateTimeSchema,
  days: z.array(PlanDaySchema),
  unserved: z.array(UnservedTripSchema),
  summary: PlanSummarySchema,
});
export type Plan = z.infer<typeof PlanSchema>;

export const ViolationSchema = z.object({
  date: DateSchema,
  routeId: IdSchema,
  stopId: IdSchema.optional(),
  code: z.enum([
    'TIME_WINDOW',
    'CAPACITY',
    'RIDE_TIME',
    'ROUTE_DURATION',
    'SHIFT',
    'LIFT_REQUIRED',
    'PRECEDENCE',
    'DRIVER',
    'ESCORT',
  ]),
  message: z.string(),
});
export type Violation = z.infer<typeof ViolationSchema>;
