/**
 * Coordinator CRUD for services, passengers, households, standing requests (/api/requests),
 * vehicles and drivers, with paging and filters, and CSV export/import for passengers and
 * standing requests. Reads and changes of personal data go to the audit log.
 */
import { Router } from 'express';
import { z } from 'zod';
import type { AppDeps } from '../app-deps.ts';
import { audit } from '../audit/audit.ts';
import { AgeGroupSchema, IdSchema } from '../contract/domain.ts';
import { writeCsv } from '../csv/csv.ts';
import { AppError } from '../errors/app-error.ts';
import { defineRoute } from '../http/define-route.ts';
import type { OperationRegistry } from '../openapi/registry.ts';
import { PASSENGER_CSV, REQUEST_CSV, type CsvColumns } from './csv-columns.ts';
import { importCsv } from './csv-import.ts';
import { KIND_LIST, type KindSpec } from './kinds.ts';
import { allEntities, deleteEntity, listEntities, requireEntity, saveEntity } from './store.ts';

export const ListQuerySchema = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
  municipality: z.string().min(1).max(60).optional().describe('ISTAT code or name of one of the 16 municipalities'),
  service: IdSchema.optional().describe('service id'),
  ageGroup: AgeGroupSchema.optional(),
  householdId: IdSchema.optional(),
  passengerId: IdSchema.optional(),
  q: z.string().max(100).optional().describe('text search in names, labels and ids'),
});
const IdParamsSchema = z.object({ id: IdSchema });
export const ImportReportSchema = z.object({
  imported: z.number().int(),
  errors: z.array(z.object({ row: z.number().int(), field: z.string(), message: z.string() })),
});

type Deps = AppDeps & { registry: OperationRegistry };

function crud(router: Router, deps: Deps, spec: KindSpec): void {
  const { db, clock, registry } = deps;
  const base = `/api/${spec.plural}`;
  const roles: ['coordinator'] = ['coordinator'];
  const tag = spec.plural;
  const log = (
    user: Parameters<typeof audit>[2],
    action: Parameters<typeof audit>[3],
    id: string,
    asked?: Record<string, unknown>,
  ) => (spec.personal ? audit(db, clock, user, action, spec.kind, id, { details: asked }) : Promise.resolve());
  const Page = z.object({
    items: z.array(spec.schema),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  });

  defineRoute(router, registry, base, {
    method: 'get',
    path: '/',
    summary: `List ${spec.plural} (paged, filtered)`,
    tag,
    roles,
    query: ListQuerySchema,
    responses: { 200: { description: 'a page', schema: Page }, 400: { description: 'bad filter' } },
    handler: async ({ query, user }) => {
      const r = await listEntities(db, spec.kind, query);
      await log(user, 'list', '*', { ...query });
      return { body: { ...r, page: query.page, pageSize: query.pageSize } };
    },
  });
  defineRoute(router, registry, base, {
    method: 'get',
    path: '/:id',
    summary: `Read one ${spec.kind}`,
    tag,
    roles,
    params: IdParamsSchema,
    responses: { 200: { description: 'found', schema: spec.schema }, 404: { description: 'no such id' } },
    handler: async ({ params, user }) => {
      const e = await requireEntity(db, spec.kind, params.id);
      await log(user, 'read', params.id);
      return { body: e };
    },
  });
  defineRoute(router, registry, base, {
    method: 'post',
    path: '/',
    summary: `Create a ${spec.kind}`,
    tag,
    roles,
    body: spec.schema,
    responses: {
      201: { description: 'created', schema: spec.schema },
      400: { description: 'invalid: details name the field and the value' },
      409: { description: 'the id exists' },
    },
    handler: async ({ req, user }) => {
      const e = await saveEntity(db, spec.kind, req.body, 'create');
      await log(user, 'create', e.id);
      return { status: 201, body: e, headers: { Location: `${base}/${encodeURIComponent(e.id)}` } };
    },
  });
  defineRoute(router, registry, base, {
    method: 'put',
    path: '/:id',
    summary: `Replace a ${spec.kind}`,
    tag,
    roles,
    params: IdParamsSchema,
    body: spec.schema,
    responses: {
      200: { description: 'replaced', schema: spec.schema },
      400: { description: 'invalid' },
      404: { description: 'no such id' },
    },
    handler: async ({ params, req, user }) => {
      const e = await saveEntity(db, spec.kind, req.body, 'update', params.id);
      await log(user, 'update', e.id);
      return { body: e };
    },
  });
  defineRoute(router, registry, base, {
    method: 'delete',
    path: '/:id',
    summary: `Delete a ${spec.kind}`,
    tag,
    roles,
    params: IdParamsSchema,
    responses: {
      204: { description: 'deleted' },
      404: { description: 'no such id' },
      409: { description: 'still referenced' },
    },
    handler: async ({ params, user }) => {
      await deleteEntity(db, spec.kind, params.id);
      await log(user, 'delete', params.id);
      return { status: 204 };
    },
  });
}

function csvRoutes(router: Router, deps: Deps, spec: KindSpec, columns: CsvColumns): void {
  const { db, clock, registry } = deps;
  defineRoute(router, registry, '/api', {
    method: 'get',
    path: `/${spec.plural}.csv`,
    summary: `Export all ${spec.plural} as CSV`,
    tag: spec.plural,
    roles: ['coordinator'],
    responses: { 200: { description: 'CSV, header on the first line', contentType: 'text/csv' } },
    handler: async ({ user }) => {
      const all = await allEntities(db, spec.kind);
      await audit(db, clock, user, 'export', spec.kind, '*', { details: { rows: all.length, format: 'csv' } });
      return {
        text: { contentType: 'text/csv; charset=utf-8', content: writeCsv(columns.header, all.map(columns.toRow)) },
        headers: { 'Content-Disposition': `attachment; filename="${spec.plural}.csv"` },
      };
    },
  });
  defineRoute(router, registry, '/api', {
    method: 'post',
    path: `/${spec.plural}/import`,
    tag: spec.plural,
    roles: ['coordinator'],
    bodyType: 'text/csv',
    summary: `Import ${spec.plural} from CSV (create or replace by id), all or nothing; columns: ${columns.header.join(', ')}`,
    responses: {
      200: {
        description: 'the report: imported > 0 and no errors, or imported = 0 and every error by line and field',
        schema: ImportReportSchema,
      },
    },
    handler: async ({ req, user }) => {
      if (typeof req.body !== 'string') {
        throw new AppError('REQUEST_INVALID', '(body): send the CSV as text/csv', [
          { path: '(body)', message: 'expected Content-Type text/csv' },
        ]);
      }
      const report = await importCsv(db, spec.kind, columns, req.body);
      if (report.imported > 0) await audit(db, clock, user, 'import', spec.kind, `${report.imported} rows`);
      return { body: report };
    },
  });
}

export function entitiesRouter(deps: Deps): Router {
  const router = Router();
  const byKind = Object.fromEntries(KIND_LIST.map((k) => [k.kind, k]));
  // CSV routes first: "/api/passengers.csv" must not be read as a passenger id.
  csvRoutes(router, deps, byKind.passenger!, PASSENGER_CSV);
  csvRoutes(router, deps, byKind.request!, REQUEST_CSV);
  for (const spec of KIND_LIST) crud(router, deps, spec);
  return router;
}
