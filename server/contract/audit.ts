/**
 * The audit part of the API contract: the coordinator reads who read or changed personal data.
 */
import { z } from 'zod';
import { defineContract } from './define-contract.ts';

export const AuditQuerySchema = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
  entity: z.string().max(40).optional(),
  entityId: z.string().max(64).optional(),
  actor: z.string().max(64).optional(),
});

export const AuditEntrySchema = z.object({
  id: z.number(),
  at: z.string(),
  actorId: z.string().nullable(),
  actorUsername: z.string(),
  actorRole: z.string(),
  action: z.string(),
  entity: z.string(),
  entityId: z.string(),
  source: z.string().nullable().optional(),
  details: z.record(z.string(), z.unknown()).nullable().optional(),
});
export type AuditEntry = z.infer<typeof AuditEntrySchema>;

export const auditContract = defineContract({
  list: {
    method: 'get',
    path: '/api/audit',
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
  },
});
