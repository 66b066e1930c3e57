/**
 * GET /api/health: is the server up, and which backends did it pick (real or embedded).
 */
import { Router } from 'express';
import { referenceContract } from './contract/reference.ts';
import type { RouterDeps } from './app-deps.ts';
import { defineRoute } from './http/define-route.ts';

export function healthRouter(deps: RouterDeps): Router {
  const router = Router();
  defineRoute(router, deps.registry, referenceContract.health, async () => {
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
  });
  return router;
}
