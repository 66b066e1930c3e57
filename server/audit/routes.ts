/**
 * GET /api/audit: the coordinator reads who read or changed personal data.
 */
import { Router } from 'express';
import { z } from 'zod';
import type { AppDeps } from '../app-deps.ts';
import { defineRoute } from '../http/define-route.ts';
import type { OperationRegistry } from '../openapi/registry.ts';
import { AuditEntrySchema, listAudit } from './audit.ts';

export const AuditQuerySchema = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
  entity: z.string().max(40).optional(),
  entityId: z.string().max(64).optional(),
  actor: z.string().max(64).optional(),
});

export function auditRouter(deps: AppDeps & { registry: OperationRegistry }): Router {
  const router = Router();
  defineRoute(router, deps.registry, '/api', {
    method: 'get',
    path: '/audit',
    summary: 'Audit log: who read or changed personal data, newest first',
    tag: 'audit',
    roles: ['coordinator'],
    query: AuditQuerySchema,
    responses: {
      200: {
        description: 'a page of entries',
        schema: z.object({
          items: z.array(AuditEntrySchema),
          total: z.number(),
          page: z.number(),
          pageSize: z.number(),
        }),
      },
    },
    handler: async ({ query }) => {
      const r = await listAudit(deps.db, query);
      return { body: { ...r, page: query.page, pageSize: query.pageSize } };
    },
  });
  return router;
}
