/**
 * The managed entities part of the API contract (services, passengers, households, standing
 * requests, vehicles, drivers, and the kinds added since): the same five CRUD routes under
 * `/api/<plural>` for every kind, and the CSV export and import of passengers and requests. The
 * routes are built per kind from its plural and schema: the server with the kind's schema
 * (server/entities/kinds.ts), the web with `EntityRowSchema` (it shows any kind as it comes).
 */
import { z } from 'zod';
import { defineContract } from './define-contract.ts';
import { AgeGroupSchema, IdSchema } from './domain.ts';
import { PageQuerySchema, pageOf } from './page.ts';

export const EntityListQuerySchema = PageQuerySchema.extend({
  municipality: z.string().min(1).max(60).optional().describe('ISTAT code or name of one of the 16 municipalities'),
  service: IdSchema.optional().describe('service id'),
  ageGroup: AgeGroupSchema.optional(),
  householdId: IdSchema.optional(),
  passengerId: IdSchema.optional(),
  q: z.string().max(100).optional().describe('text search in names, labels and ids'),
});
export const EntityIdParamsSchema = z.object({ id: IdSchema });

/** Any managed entity as a list shows it: an id, the rest as it comes. */
export const EntityRowSchema = z.looseObject({ id: IdSchema });
export type EntityRow = z.infer<typeof EntityRowSchema>;

export const ImportReportSchema = z.object({
  imported: z.number().int(),
  errors: z.array(z.object({ row: z.number().int(), field: z.string(), message: z.string() })),
});
export type ImportReport = z.infer<typeof ImportReportSchema>;

const COORDINATOR = ['coordinator'] as const;

/** The CRUD routes of one kind: `kind` names one ("passenger"), `plural` is its URL segment. */
export function entityContract<S extends z.ZodType<{ id: string }>>(kind: string, plural: string, schema: S) {
  const base = `/api/${plural}`;
  return defineContract({
    list: {
      method: 'get',
      path: base,
      summary: `List ${plural} (paged, filtered)`,
      tag: plural,
      roles: COORDINATOR,
      query: EntityListQuerySchema,
      responses: { 200: { description: 'a page', schema: pageOf(schema) }, 400: { description: 'bad filter' } },
    },
    get: {
      method: 'get',
      path: `${base}/:id`,
      summary: `Read one ${kind}`,
      tag: plural,
      roles: COORDINATOR,
      params: EntityIdParamsSchema,
      responses: { 200: { description: 'found', schema }, 404: { description: 'no such id' } },
    },
    create: {
      method: 'post',
      path: base,
      summary: `Create a ${kind}`,
      tag: plural,
      roles: COORDINATOR,
      body: schema,
      responses: {
        201: { description: 'created', schema },
        400: { description: 'invalid: details name the field and the value' },
        409: { description: 'the id exists' },
      },
    },
    replace: {
      method: 'put',
      path: `${base}/:id`,
      summary: `Replace a ${kind}`,
      tag: plural,
      roles: COORDINATOR,
      params: EntityIdParamsSchema,
      body: schema,
      responses: {
        200: { description: 'replaced', schema },
        400: { description: 'invalid' },
        404: { description: 'no such id' },
      },
    },
    remove: {
      method: 'delete',
      path: `${base}/:id`,
      summary: `Delete a ${kind}`,
      tag: plural,
      roles: COORDINATOR,
      params: EntityIdParamsSchema,
      responses: {
        204: { description: 'deleted' },
        404: { description: 'no such id' },
        409: { description: 'still referenced' },
      },
    },
  });
}

/** CSV export and import of one kind (passengers, requests); `columns` are the file's header. */
export function csvContract(plural: string, columns: readonly string[] = []) {
  return defineContract({
    exportCsv: {
      method: 'get',
      path: `/api/${plural}.csv`,
      summary: `Export all ${plural} as CSV`,
      tag: plural,
      roles: COORDINATOR,
      responses: { 200: { description: 'CSV, header on the first line', contentType: 'text/csv' } },
    },
    importCsv: {
      method: 'post',
      path: `/api/${plural}/import`,
      summary: `Import ${plural} from CSV (create or replace by id), all or nothing; columns: ${columns.join(', ')}`,
      tag: plural,
      roles: COORDINATOR,
      bodyType: 'text/csv',
      responses: {
        200: {
          description: 'the report: imported > 0 and no errors, or imported = 0 and every error by line and field',
          schema: ImportReportSchema,
        },
      },
    },
  });
}
