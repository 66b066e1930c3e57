/**
 * GET /api/health: is the server up, and which backends did it pick (real or embedded).
 */
import { Router } from 'express';
import { z } from 'zod';
import type { RouterDeps } from './app-deps.ts';
import { defineRoute } from './http/define-route.ts';

export const HealthSchema = z.object({
  status: z.literal('ok'),
  db: z.enum(['postgres', 'pglite']),
  queue: z.enum(['redis', 'in-process']),
  routing: z.enum(['osrm', 'estimate']),
});

export function healthRouter(deps: RouterDeps): Router {
  const router = Router();
  defineRoute(router, deps.registry, '/api', {
    method: 'get',
    path: '/health',
    summary: 'Liveness and the backends in use (database, queue, routing)',
    tag: 'health',
    roles: 'public',
    responses: { 200: { description: 'up', schema: HealthSchema }, 503: { description: 'database unreachable' } },
    handler: async () => {
      const backends = {
        db: deps.db.kind,
        queue: deps.queue?.kind === 'bullmq' ? 'redis' : 'in-process',
        routing: deps.routing.name,
      };
      try {
        await deps.db.query('SELECT 1', []);
      } catch {
        return { status: 503, body: { status: 'unavailable', ...backends }, headers: { 'Retry-After': '5' } };
      }
      return { body: { status: 'ok', ...backends } };
    },
  });
  return router;
}
