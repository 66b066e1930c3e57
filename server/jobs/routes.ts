/**
 * /api/jobs: a solve job's state and progress, its progress as Server-Sent Events (best cost
 * over time, then done / failed / cancelled), and cancelling it. Coordinators only.
 */
import { Router, type Request, type Response } from 'express';
import type { AppDeps } from '../app-deps.ts';
import { requireRole } from '../auth/middleware.ts';
import {
  jobsContract as c,
  JobParamsSchema as JobParams,
  type JobView,
  type PlanJobProgress,
} from '../contract/jobs.ts';
import { notFound } from '../errors/app-error.ts';
import { defineRoute } from '../http/define-route.ts';
import type { OperationRegistry } from '../openapi/registry.ts';
import { requireQueue, type JobEvent, type JobStatus } from '../queue/job-queue.ts';

type Deps = AppDeps & { registry: OperationRegistry };

const FINAL = new Set(['completed', 'failed', 'cancelled']);
const HEARTBEAT_MS = 15_000;

function view(s: JobStatus): JobView {
  return {
    jobId: s.id,
    name: s.name,
    state: s.state,
    progress: s.progress as PlanJobProgress | null,
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

  defineRoute(router, deps.registry, c.get, async ({ params }) => ({
    body: view(await requireJob(params.jobId)),
    headers: { 'Cache-Control': 'no-store' },
  }));

  defineRoute(router, deps.registry, c.cancel, async ({ params }) => {
    await requireJob(params.jobId);
    const cancelled = await queue().cancel(params.jobId);
    return { body: { cancelled, job: view(await requireJob(params.jobId)) } };
  });

  // A stream, not one reply: registered from the contract entry by hand.
  deps.registry.add({ ...c.events, roles: [...c.events.roles] });
  router.get(c.events.path, requireRole(...c.events.roles), async (req: Request, res: Response) => {
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
