/**
 * The jobs part of the API contract: a job's view (state and latest progress), the plan job's
 * progress (the one shape a progress bar reads), the Server-Sent Events of /api/jobs/:id/events,
 * and the routes.
 */
import { z } from 'zod';
import { defineContract } from './define-contract.ts';

export const JobStateSchema = z.enum(['waiting', 'active', 'completed', 'failed', 'cancelled']);
export type JobState = z.infer<typeof JobStateSchema>;

/** What a plan job reports while it solves: days done of the week and the best cost over time. */
export const PlanJobProgressSchema = z.object({
  /** The date being solved; null before the first. */
  date: z.string().nullable(),
  daysDone: z.number(),
  days: z.number(),
  elapsedMs: z.number(),
  bestCost: z.number().nullable(),
  /** Best cost over time, [elapsedMs, bestCost] pairs (thinned evenly). */
  history: z.array(z.tuple([z.number(), z.number()])),
});
export type PlanJobProgress = z.infer<typeof PlanJobProgressSchema>;

export const JobViewSchema = z.object({
  jobId: z.string(),
  name: z.string(),
  state: JobStateSchema,
  /** The latest progress; null before the first report. */
  progress: PlanJobProgressSchema.nullable(),
  result: z.unknown().optional(),
  error: z.string().optional(),
  attemptsMade: z.number(),
});
export type JobView = z.infer<typeof JobViewSchema>;

/** The events of GET /api/jobs/:jobId/events, by event name: `state` first, then `progress`, then one final. */
export const JobEventDataSchemas = {
  state: JobViewSchema,
  progress: PlanJobProgressSchema,
  completed: z.object({ result: z.unknown() }),
  failed: z.object({ error: z.string() }),
  cancelled: z.object({}),
} as const;
export type JobEventName = keyof typeof JobEventDataSchemas;

export const JobParamsSchema = z.object({
  jobId: z
    .string()
    .min(1)
    .max(120)
    .regex(/^[A-Za-z0-9_.-]+$/, 'letters, digits, _ . - only'),
});

const COORDINATOR = ['coordinator'] as const;

export const jobsContract = defineContract({
  get: {
    method: 'get',
    path: '/api/jobs/:jobId',
    summary: "A job's state (waiting, active, completed, failed, cancelled) and its latest progress",
    tag: 'jobs',
    roles: COORDINATOR,
    params: JobParamsSchema,
    responses: {
      200: { description: 'the job', schema: JobViewSchema },
      503: { description: 'QUEUE_UNAVAILABLE (Retry-After)' },
    },
  },
  cancel: {
    method: 'delete',
    path: '/api/jobs/:jobId',
    summary: 'Cancel a job: a waiting job never starts, a running solve is stopped through its abort signal',
    tag: 'jobs',
    roles: COORDINATOR,
    params: JobParamsSchema,
    responses: {
      200: {
        description: 'whether it was cancelled, and the job',
        schema: z.object({ cancelled: z.boolean(), job: JobViewSchema }),
      },
    },
  },
  events: {
    method: 'get',
    path: '/api/jobs/:jobId/events',
    summary:
      'Server-Sent Events: "state" first, then "progress" (best cost over time), then one of "completed", "failed", "cancelled"',
    tag: 'jobs',
    roles: COORDINATOR,
    params: JobParamsSchema,
    responses: { 200: { description: 'an event stream', contentType: 'text/event-stream' } },
  },
});
