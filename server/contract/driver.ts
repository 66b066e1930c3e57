/**
 * The driver part of the API contract: my run for a date (only my routes, only what each trip
 * needs about a passenger) and recording what happened at a stop.
 */
import { z } from 'zod';
import { defineContract } from './define-contract.ts';
import { DateSchema, IdSchema } from './domain.ts';
import { IsoDateTimeSchema, PlanRouteSchema, PlanStopSchema, StopPassengerSchema } from './plan.ts';

export const RunPassengerSchema = StopPassengerSchema.extend({
  notesForDriver: z.string(),
  /** Who takes the passenger at home (drop-offs of a return trip only). */
  receivingAdult: z.object({ name: z.string(), phone: z.string() }).nullable(),
});
export const RunStopSchema = PlanStopSchema.extend({
  boards: z.array(RunPassengerSchema),
  alights: z.array(RunPassengerSchema),
});
export const RunRouteSchema = PlanRouteSchema.extend({
  vehicleLabel: z.string(),
  stops: z.array(RunStopSchema),
});
export const DriverRunSchema = z.object({
  date: z.string(),
  driverId: z.string(),
  planId: z.string().nullable(),
  planVersion: z.number().nullable(),
  /** The first (usually only) route of the day; null when the driver does not drive that day. */
  route: RunRouteSchema.nullable(),
  routes: z.array(RunRouteSchema),
});
export type DriverRun = z.infer<typeof DriverRunSchema>;
export type RunPassenger = z.infer<typeof RunPassengerSchema>;
export type RunStop = z.infer<typeof RunStopSchema>;

export const StopEventBodySchema = z.object({
  type: z.enum(['arrived', 'boarded', 'dropped_off', 'no_show']),
  at: IsoDateTimeSchema,
  clientEventId: z
    .string()
    .min(8)
    .max(100)
    .regex(/^[A-Za-z0-9_.:-]+$/, 'letters, digits, _ . : - only'),
  passengerId: IdSchema.optional(),
  /** The date of the run the stop belongs to; default: the Europe/Rome date of `at`. */
  date: DateSchema.optional(),
});
export type StopEventBody = z.infer<typeof StopEventBodySchema>;

export const StopEventSchema = StopEventBodySchema.extend({
  stopId: z.string(),
  driverId: z.string(),
  planId: z.string().nullable(),
  recordedAt: z.string(),
});
export type StopEvent = z.infer<typeof StopEventSchema>;

const DRIVER = ['driver'] as const;

export const driverContract = defineContract({
  run: {
    method: 'get',
    path: '/api/driver/runs/:date',
    summary: 'My run for a date, from the published plan: only my routes, only what each trip needs about a passenger',
    tag: 'driver',
    roles: DRIVER,
    params: z.object({ date: DateSchema }),
    responses: { 200: { description: 'the run (route null when I do not drive that day)', schema: DriverRunSchema } },
  },
  stopEvent: {
    method: 'post',
    path: '/api/driver/stops/:stopId/events',
    summary:
      'Record arrived / boarded / dropped_off / no_show at one of my stops; a retry with the same clientEventId returns the stored event',
    tag: 'driver',
    roles: DRIVER,
    params: z.object({ stopId: z.string().min(1).max(100) }),
    body: StopEventBodySchema,
    responses: {
      201: { description: 'recorded', schema: StopEventSchema },
      200: { description: 'already recorded (a retry): the same event', schema: StopEventSchema },
      404: { description: 'not a stop of my run on that date' },
      409: { description: 'clientEventId already used for a different event' },
    },
  },
});
