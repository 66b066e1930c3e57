/**
 * Coordinator CRUD for services, passengers, households, standing requests (/api/requests),
 * vehicles and drivers, with paging and filters, and CSV export/import for passengers and
 * standing requests. Reads and changes of personal data go to the audit log.
 */
import { Router } from 'express';
import type { AppDeps } from '../app-deps.ts';
import { audit } from '../audit/audit.ts';
import { csvContract, entityContract } from '../contract/entities.ts';
import { writeCsv } from '../csv/csv.ts';
import { AppError } from '../errors/app-error.ts';
import { defineRoute } from '../http/define-route.ts';
import type { OperationRegistry } from '../openapi/registry.ts';
import { PASSENGER_CSV, REQUEST_CSV, type CsvColumns } from './csv-columns.ts';
import { importCsv } from './csv-import.ts';
import { KIND_LIST, type KindSpec } from './kinds.ts';
import { allEntities, deleteEntity, listEntities, requireEntity, saveEntity } from './store.ts';

type Deps = AppDeps & { registry: OperationRegistry };

function crud(router: Router, deps: Deps, spec: KindSpec): void {
  const { db, clock, registry } = deps;
  const base = `/api/${spec.plural}`;
  const c = entityContract(spec.kind, spec.plural, spec.schema);
  const log = (
    user: Parameters<typeof audit>[2],
    action: Parameters<typeof audit>[3],
    id: string,
    asked?: Record<string, unknown>,
  ) => (spec.personal ? audit(db, clock, user, action, spec.kind, id, { details: asked }) : Promise.resolve());
  defineRoute(router, registry, c.list, async ({ query, user }) => {
    const r = await listEntities(db, spec.kind, query);
    await log(user, 'list', '*', { ...query });
    return { body: { ...r, page: query.page, pageSize: query.pageSize } };
  });
  defineRoute(router, registry, c.get, async ({ params, user }) => {
    const e = await requireEntity(db, spec.kind, params.id);
    await log(user, 'read', params.id);
    return { body: e };
  });
  defineRoute(router, registry, c.create, async ({ req, user }) => {
    const e = await saveEntity(db, spec.kind, req.body, 'create');
    await log(user, 'create', e.id);
    return { status: 201, body: e, headers: { Location: `${base}/${encodeURIComponent(e.id)}` } };
  });
  defineRoute(router, registry, c.replace, async ({ params, req, user }) => {
    const e = await saveEntity(db, spec.kind, req.body, 'update', params.id);
    await log(user, 'update', e.id);
    return { body: e };
  });
  defineRoute(router, registry, c.remove, async ({ params, user }) => {
    await deleteEntity(db, spec.kind, params.id);
    await log(user, 'delete', params.id);
    return { status: 204 };
  });
}

function csvRoutes(router: Router, deps: Deps, spec: KindSpec, columns: CsvColumns): void {
  const { db, clock, registry } = deps;
  const c = csvContract(spec.plural, columns.header);
  defineRoute(router, registry, c.exportCsv, async ({ user }) => {
    const all = await allEntities(db, spec.kind);
    await audit(db, clock, user, 'export', spec.kind, '*', { details: { rows: all.length, format: 'csv' } });
    return {
      text: { contentType: 'text/csv; charset=utf-8', content: writeCsv(columns.header, all.map(columns.toRow)) },
      headers: { 'Content-Disposition': `attachment; filename="${spec.plural}.csv"` },
    };
  });
  defineRoute(router, registry, c.importCsv, async ({ req, user }) => {
    if (typeof req.body !== 'string') {
      throw new AppError('REQUEST_INVALID', '(body): send the CSV as text/csv', [
        { path: '(body)', message: 'expected Content-Type text/csv' },
      ]);
    }
    const report = await importCsv(db, spec.kind, columns, req.body);
    if (report.imported > 0) await audit(db, clock, user, 'import', spec.kind, `${report.imported} rows`);
    return { body: report };
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
