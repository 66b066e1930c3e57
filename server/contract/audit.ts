/**
 * The audit part of the API contract: the coordinator reads who read or changed personal data.
 */
import { z } from 'zod';
import { defineContract } from './define-contract.ts';
import { PageQuerySchema, pageOf } from './page.ts';

export const AuditQuerySchema = PageQuerySchema.extend({
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
        schema: pageOf(AuditEntrySchema),
      },
    },
  },
});
