/**
 * The plans part of the API contract: plan a week (a job), list plans, read a version, its map,
 * move and lock trips, re-optimise, validate, publish, and what changed since the last
 * publication. The plan's own shape is server/contract/plan.ts.
 */
import { z } from 'zod';
import { defineContract } from './define-contract.ts';
import { DateSchema, DirectionSchema, IdSchema, IsoWeekSchema } from './domain.ts';
import { PlanSchema, ViolationSchema } from './plan.ts';

/** Versions and positions are PostgreSQL integers: beyond 2^31-1 is a 400, not a database error. */
export const PG_INT_MAX = 2 ** 31 - 1;
export const VersionField = z.number().int().min(1).max(PG_INT_MAX).optional();

/**
 * The smallest solve budget the API accepts, in ms. Continuity does not depend on the budget
 * (the master week, the holds, the warm start and the continuity repair run whatever it is), so
 * the minimum is only what one search needs to start (the master week gets MASTER_MIN_MS whatever
 * the budget, server/planning/solve-part.ts): 100 ms keeps the demo week at ≥ 90 % on
 * one van and ≥ 90 % of pickups within 10 minutes (test/api/plans-budget.test.ts).
 */
export const PLAN_BUDGET_MIN_MS = 100;
const BudgetField = z.number().int().min(PLAN_BUDGET_MIN_MS).max(600_000).optional();

export const CreatePlanBodySchema = z.object({
  week: IsoWeekSchema,
  /** Solve budget for the week (default SOLVE_TIME_LIMIT_MS). */
  timeLimitMs: BudgetField,
  seed: z
    .number()
    .int()
    .min(0)
    .max(2 ** 31)
    .optional(),
});

export const MoveBodySchema = z.object({
  date: DateSchema,
  requestId: IdSchema,
  direction: DirectionSchema.optional(),
  toRouteId: IdSchema,
  pickupPos: z.number().int().min(0).max(PG_INT_MAX).optional(),
  deliveryPos: z.number().int().min(0).max(PG_INT_MAX).optional(),
  version: VersionField,
});

export const LockBodySchema = z.object({
  date: DateSchema,
  requestId: IdSchema,
  locked: z.boolean(),
  version: VersionField,
});
/** The body may be absent when the version comes as If-Match. */
export const PublishBodySchema = z.object({ version: VersionField }).default({});
export const ReoptimizeBodySchema = z.object({ version: VersionField, timeLimitMs: BudgetField }).default({});

export const PlanParamsSchema = z.object({ planId: IdSchema });

/** A plan in a list: its week, current and published versions. */
export const PlanInfoSchema = z.object({
  id: z.string(),
  week: z.string(),
  version: z.number(),
  status: z.enum(['draft', 'published']).nullable(),
  publishedVersion: z.number().nullable(),
  createdAt: z.string(),
  updatedAt: z.string().nullable(),
});
export type PlanInfo = z.infer<typeof PlanInfoSchema>;

/** A solve job accepted: the job that will write `version` of the plan. */
export const JobAcceptedSchema = z.object({ planId: z.string(), jobId: z.string(), version: z.number() });

/** GeoJSON of one date: routes as LineStrings, stops as Points (Leaflet reads the geometry). */
export const FeatureCollectionSchema = z
  .looseObject({
    type: z.literal('FeatureCollection'),
    features: z.array(z.looseObject({ type: z.literal('Feature') })),
  })
  .transform((fc) => fc as unknown as GeoJSON.FeatureCollection);

const TripPositionSchema = z.object({
  vehicleId: z.string(),
  driverId: z.string().nullable(),
  /** Planned start of service at the pickup, ISO (Rome). */
  pickup: z.string(),
});
/** One passenger's trip before and after (null where it was not served). */
export const PassengerMoveSchema = z.object({
  passengerId: z.string(),
  name: z.string(),
  requestId: z.string(),
  date: z.string(),
  direction: DirectionSchema,
  before: TripPositionSchema.nullable(),
  after: TripPositionSchema.nullable(),
  /** Signed change of the pickup time in minutes (after − before); 0 when either side is unserved. */
  shiftMin: z.number(),
  vehicleChanged: z.boolean(),
  kind: z.enum(['moved', 'vehicle-changed', 'newly-served', 'no-longer-served']),
});
export type PassengerMove = z.infer<typeof PassengerMoveSchema>;

/** What changed since the last published version. */
export const PlanDiffSchema = z.object({
  planId: z.string(),
  /** The published version compared against (null: nothing published yet, every trip is new). */
  fromVersion: z.number().nullable(),
  toVersion: z.number(),
  movedBetweenVehicles: z.array(PassengerMoveSchema),
  timeShifts: z.array(PassengerMoveSchema),
  added: z.array(PassengerMoveSchema),
  removed: z.array(PassengerMoveSchema),
  passengersAffected: z.number(),
  maxShiftMin: z.number(),
});
export type PlanDiff = z.infer<typeof PlanDiffSchema>;

const COORDINATOR = ['coordinator'] as const;
const conflictDoc = { description: 'PLAN_CONFLICT: the plan changed since the version you read' };

export const plansContract = defineContract({
  create: {
    method: 'post',
    path: '/api/plans',
    summary:
      'Plan a week: starts a solve job that writes a new draft version; resubmitting while it runs returns the same job',
    tag: 'plans',
    roles: COORDINATOR,
    body: CreatePlanBodySchema,
    responses: {
      202: { description: 'the job that will write the plan version', schema: JobAcceptedSchema },
      503: { description: 'QUEUE_UNAVAILABLE (Retry-After)' },
    },
  },
  list: {
    method: 'get',
    path: '/api/plans',
    summary: 'Plans, newest week first, optionally of one week',
    tag: 'plans',
    roles: COORDINATOR,
    query: z.object({ week: IsoWeekSchema.optional() }),
    responses: {
      200: { description: 'plans with their current and published versions', schema: z.array(PlanInfoSchema) },
    },
  },
  get: {
    method: 'get',
    path: '/api/plans/:planId',
    summary:
      'A plan: routes, stops, planned times, windows and passengers (current version, or ?version=N, or ?version=published)',
    tag: 'plans',
    roles: COORDINATOR,
    params: PlanParamsSchema,
    query: z.object({ version: z.union([z.literal('published'), z.coerce.number().int().min(1)]).optional() }),
    responses: { 200: { description: 'the plan; its ETag is the version', schema: PlanSchema } },
  },
  geojson: {
    method: 'get',
    path: '/api/plans/:planId/geojson',
    summary:
      'One date of the plan for the map: routes as LineStrings (road shapes with OSRM, straight and estimated otherwise), stops as Points',
    tag: 'plans',
    roles: COORDINATOR,
    params: PlanParamsSchema,
    query: z.object({ date: DateSchema, version: z.coerce.number().int().min(1).max(PG_INT_MAX).optional() }),
    responses: { 200: { description: 'a GeoJSON FeatureCollection', schema: FeatureCollectionSchema } },
  },
  move: {
    method: 'post',
    path: '/api/plans/:planId/moves',
    summary:
      "Move a request's trip to another route or position; the touched routes are re-timed; answers the day's violations",
    tag: 'plans',
    roles: COORDINATOR,
    params: PlanParamsSchema,
    body: MoveBodySchema,
    responses: {
      200: {
        description: 'the new version and the violations of that date',
        schema: z.object({ plan: PlanSchema, violations: z.array(ViolationSchema) }),
      },
      409: conflictDoc,
    },
  },
  lock: {
    method: 'post',
    path: '/api/plans/:planId/locks',
    summary:
      'Lock or unlock a request on a date: a locked request keeps its vehicle and order when the rest is re-optimised',
    tag: 'plans',
    roles: COORDINATOR,
    params: PlanParamsSchema,
    body: LockBodySchema,
    responses: { 200: { description: 'the new version', schema: PlanSchema }, 409: conflictDoc },
  },
  reoptimize: {
    method: 'post',
    path: '/api/plans/:planId/reoptimize',
    summary: 'Re-optimise everything not locked (a job); locked requests keep their vehicle and order',
    tag: 'plans',
    roles: COORDINATOR,
    params: PlanParamsSchema,
    body: ReoptimizeBodySchema,
    responses: {
      202: { description: 'the job that will write the next version', schema: JobAcceptedSchema },
      409: conflictDoc,
    },
  },
  violations: {
    method: 'get',
    path: '/api/plans/:planId/violations',
    summary:
      'Validate a plan: [] when valid, else each broken rule with its reason (checked by the solver on the stored order)',
    tag: 'plans',
    roles: COORDINATOR,
    params: PlanParamsSchema,
    query: z.object({
      date: DateSchema.optional(),
      version: z.coerce.number().int().min(1).max(PG_INT_MAX).optional(),
    }),
    responses: { 200: { description: 'the violations', schema: z.array(ViolationSchema) } },
  },
  publish: {
    method: 'post',
    path: '/api/plans/:planId/publish',
    summary: 'Publish the version read as a new immutable version; drivers and families see only published plans',
    tag: 'plans',
    roles: COORDINATOR,
    params: PlanParamsSchema,
    body: PublishBodySchema,
    responses: { 200: { description: 'the published version', schema: PlanSchema }, 409: conflictDoc },
  },
  diff: {
    method: 'get',
    path: '/api/plans/:planId/diff',
    summary:
      'What changed since the last published version: trips moved between vehicles, time shifts per passenger, trips added and removed',
    tag: 'plans',
    roles: COORDINATOR,
    params: PlanParamsSchema,
    query: z.object({ version: z.coerce.number().int().min(1).max(PG_INT_MAX).optional() }),
    responses: { 200: { description: 'the changes', schema: PlanDiffSchema } },
  },
});
