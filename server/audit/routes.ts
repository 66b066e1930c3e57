/**
 * GET /api/audit: the coordinator reads who read or changed personal data.
 */
import { Router } from 'express';
import type { AppDeps } from '../app-deps.ts';
import { defineRoute } from '../http/define-route.ts';
import type { OperationRegistry } from '../openapi/registry.ts';
import { auditContract } from '../contract/audit.ts';
import { listAudit } from './audit.ts';

export function auditRouter(deps: AppDeps & { registry: OperationRegistry }): Router {
  const router = Router();
  defineRoute(router, deps.registry, auditContract.list, async ({ query }) => {
    const r = await listAudit(deps.db, query);
    return { body: { ...r, page: query.page, pageSize: query.pageSize } };
  });
  return router;
}
