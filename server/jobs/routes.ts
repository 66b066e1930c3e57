/**
 * /api/jobs: a solve job's state and progress, its progress as Server-Sent Events (best cost
 * over time, then done / failed / cancelled), and cancelling it. Coordinators only.
 */
import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import type { AppDeps } from '../app-deps.ts';
import { requireRole } from '../auth/middleware.ts';
import { notFound } from '../errors/app-error.ts';
import { defineRoute } from '../http/define-route.ts';
import type { OperationRegistry } from '../openapi/registry.ts';
import { requireQueue, type JobEvent, type JobStatus } from '../queue/job-queue.ts';

type Deps = AppDeps & { registry: OperationRegistry };

const JobParams = z.object({
  jobId: z
    .string()
    .min(1)
    .max(120)
    .regex(/^[A-Za-z0-9_.-]+$/, 'letters, digits, _ . - only'),
});
export const JobViewSchema = z.object({
  jobId: z.string(),
  name: z.string(),
  state: z.enum(['waiting', 'active', 'completed', 'failed', 'cancelled']),
  progress: z.unknown(),
  result: z.unknown().optional(),
  error: z.string().optional(),
  attemptsMade: z.number(),
});

const FINAL = new Set(['completed', 'failed', 'cancelled']);
const HEARTBEAT_MS = 15_000;

function view(s: JobStatus): z.infer<typeof JobViewSchema> {
  return {
    jobId: s.id,
    name: s.name,
    state: s.state,
    progress: s.progress,
    ...(s.result !== undefined ? { result: s.result } : {}),
    ...(s.error !== undefined ? { error: s.error } : {}),
    attemptsMade: s.attemptsMade,
  };
}

export function jobsRouter(deps: Deps): Router {
  const router = Router();
  const queue = () => requireQueue(deps.queue);
  const requireJob = async (jobId: string): Promise<JobStatus> => {
    const job = await queue().getJob(jobId);
    if (!job) throw notFound('job', jobId);
    return job;
  };

  defineRoute(router, deps.registry, '/api/jobs', {
    method: 'get',
    path: '/:jobId',
    summary: "A job's state (waiting, active, completed, failed, cancelled) and its latest progress",
    tag: 'jobs',
    roles: ['coordinator'],
    params: JobParams,
    responses: {
      200: { description: 'the job', schema: JobViewSchema },
      503: { description: 'QUEUE_UNAVAILABLE (Retry-After)' },
    },
    handler: async ({ params }) => ({
      body: view(await requireJob(params.jobId)),
      headers: { 'Cache-Control': 'no-store' },
    }),
  });

  defineRoute(router, deps.registry, '/api/jobs', {
    method: 'delete',
    path: '/:jobId',
    summary: 'Cancel a job: a waiting job never starts, a running solve is stopped through its abort signal',
    tag: 'jobs',
    roles: ['coordinator'],
    params: JobParams,
    responses: {
      200: {
        description: 'whether it was cancelled, and the job',
        schema: z.object({ cancelled: z.boolean(), job: JobViewSchema }),
      },
    },
    handler: async ({ params }) => {
      await requireJob(params.jobId);
      const cancelled = await queue().cancel(params.jobId);
      return { body: { cancelled, job: view(await requireJob(params.jobId)) } };
    },
  });

  deps.registry.add({
    method: 'get',
    path: '/api/jobs/:jobId/events',
    summary:
      'Server-Sent Events: "state" first, then "progress" (best cost over time), then one of "completed", "failed", "cancelled"',
    tag: 'jobs',
    roles: ['coordinator'],
    params: JobParams,
    responses: { 200: { description: 'an event stream', contentType: 'text/event-stream' } },
  });
  router.get('/api/jobs/:jobId/events', requireRole('coordinator'), async (req: Request, res: Response) => {
    const { jobId } = JobParams.parse(req.params);
    const q = queue();
    const buffered: JobEvent[] = [];
    let live: ((e: JobEvent) => void) | null = null;
    const unsubscribe = await q.subscribe(jobId, (e) => (live ? live(e) : buffered.push(e)));
    let job: JobStatus;
    try {
      job = await requireJob(jobId);
    } catch (e) {
      unsubscribe();
      throw e;
    }
    res.status(200).set({
      'Content-Type': 'text/event-stream',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    });
    res.flushHeaders();
    let ended = false;
    const send = (event: string, data: unknown): void => {
      if (!ended) res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    };
    const end = (): void => {
      if (ended) return;
      ended = true;
      clearInterval(heartbeat);
      unsubscribe();
      res.end();
    };
    const onEvent = (e: JobEvent): void => {
      if (e.type === 'progress') send('progress', e.progress);
      else {
        send(e.type, e.type === 'completed' ? { result: e.result } : e.type === 'failed' ? { error: e.error } : {});
        end();
      }
    };
    // A missed event (a dropped Redis connection) is caught up by re-reading the state.
    const heartbeat = setInterval(() => {
      res.write(': ping\n\n');
      q.getJob(jobId)
        .then((s) => {
          if (s && FINAL.has(s.state)) finalFrom(s);
        })
        .catch(() => undefined);
    }, HEARTBEAT_MS);
    const finalFrom = (s: JobStatus): void => {
      if (s.state === 'completed') onEvent({ type: 'completed', jobId, result: s.result ?? null });
      else if (s.state === 'failed') onEvent({ type: 'failed', jobId, error: s.error ?? 'failed' });
      else if (s.state === 'cancelled') onEvent({ type: 'cancelled', jobId });
    };
    res.on('close', end);
    send('state', view(job));
    if (FINAL.has(job.state)) {
      finalFrom(job);
      return;
    }
    live = onEvent;
    for (const e of buffered.splice(0)) onEvent(e);
  });

  return router;
}
