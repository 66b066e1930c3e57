/**
 * Reading and writing domain entities: one row per entity, the validated object in JSONB `data`,
 * key columns beside it for filters. Other parts (planning, slots) read the week's data with
 * `allEntities` / `loadDomain`.
 */
import type { Db } from '../db/db.ts';
import { AppError, invalid, notFound } from '../errors/app-error.ts';
import type { Driver, Household, Passenger, Service, StandingRequest, Vehicle } from '../contract/domain.ts';
import { istatCodeOf } from './municipality-code.ts';
import { KINDS, type Kind } from './kinds.ts';
import { checkDelete, checkEntity } from './rules.ts';

type Entity = Record<string, unknown> & { id: string };

export interface ListFilter {
  page: number;
  pageSize: number;
  municipality?: string;
  service?: string;
  ageGroup?: string;
  householdId?: string;
  passengerId?: string;
  q?: string;
}

export async function getEntity<T = Entity>(db: Db, kind: Kind, id: string): Promise<T | undefined> {
  const { rows } = await db.query<{ data: T }>('SELECT data FROM entities WHERE kind = $1 AND id = $2', [kind, id]);
  return rows[0]?.data;
}

export async function requireEntity<T = Entity>(db: Db, kind: Kind, id: string): Promise<T> {
  const e = await getEntity<T>(db, kind, id);
  if (!e) throw notFound(kind, id);
  return e;
}

export async function allEntities<T = Entity>(db: Db, kind: Kind): Promise<T[]> {
  const { rows } = await db.query<{ data: T }>('SELECT data FROM entities WHERE kind = $1 ORDER BY id', [kind]);
  return rows.map((r) => r.data);
}

/** Everything the planner needs, in one call. */
export async function loadDomain(db: Db): Promise<{
  services: Service[];
  households: Household[];
  passengers: Passenger[];
  requests: StandingRequest[];
  vehicles: Vehicle[];
  drivers: Driver[];
}> {
  return {
    services: await allEntities<Service>(db, 'service'),
    households: await allEntities<Household>(db, 'household'),
    passengers: await allEntities<Passenger>(db, 'passenger'),
    requests: await allEntities<StandingRequest>(db, 'request'),
    vehicles: await allEntities<Vehicle>(db, 'vehicle'),
    drivers: await allEntities<Driver>(db, 'driver'),
  };
}

export async function listEntities(db: Db, kind: Kind, f: ListFilter): Promise<{ items: Entity[]; total: number }> {
  const where = ['kind = $1'];
  const params: unknown[] = [kind];
  const p = (v: unknown) => {
    params.push(v);
    return `$${params.length}`;
  };
  const unsupported = (name: string) => invalid(name, `cannot filter ${KINDS[kind].plural} by ${name}`, undefined);
  if (f.municipality !== undefined) {
    const code = istatCodeOf(f.municipality);
    if (!code) throw invalid('municipality', `"${f.municipality}" is not one of the 16 municipalities`, f.municipality);
    if (kind === 'request')
      where.push(`passenger_id IN (SELECT id FROM entities WHERE kind = 'passenger' AND istat_code = ${p(code)})`);
    else if (kind === 'driver') throw unsupported('municipality');
    else where.push(`istat_code = ${p(code)}`);
  }
  if (f.service !== undefined) {
    if (kind === 'request') where.push(`service_id = ${p(f.service)}`);
    else if (kind === 'passenger')
      where.push(`id IN (SELECT passenger_id FROM entities WHERE kind = 'request' AND service_id = ${p(f.service)})`);
    else if (kind === 'service') where.push(`id = ${p(f.service)}`);
    else throw unsupported('service');
  }
  if (f.ageGroup !== undefined) {
    if (kind === 'passenger') where.push(`data->>'ageGroup' = ${p(f.ageGroup)}`);
    else if (kind === 'request')
      where.push(
        `passenger_id IN (SELECT id FROM entities WHERE kind = 'passenger' AND data->>'ageGroup' = ${p(f.ageGroup)})`,
      );
    else throw unsupported('ageGroup');
  }
  if (f.householdId !== undefined) {
    if (kind === 'passenger') where.push(`household_id = ${p(f.householdId)}`);
    else throw unsupported('householdId');
  }
  if (f.passengerId !== undefined) {
    if (kind === 'request') where.push(`passenger_id = ${p(f.passengerId)}`);
    else throw unsupported('passengerId');
  }
  if (f.q !== undefined && f.q !== '') {
    const like = p(`%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    where.push(`(search ILIKE ${like} OR id ILIKE ${like})`);
  }
  const w = where.join(' AND ');
  const total = (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM entities WHERE ${w}`, params)).rows[0]!
    .n;
  const { rows } = await db.query<{ data: Entity }>(
    `SELECT data FROM entities WHERE ${w} ORDER BY id LIMIT ${f.pageSize} OFFSET ${(f.page - 1) * f.pageSize}`,
    params,
  );
  return { items: rows.map((r) => r.data), total };
}

async function istatFor(db: Db, kind: Kind, e: Entity): Promise<string | null> {
  const own = KINDS[kind].keys(e).istat_code;
  if (own || kind !== 'passenger') return own ?? null;
  const home = e.home as { istatCode?: string } | undefined;
  if (home?.istatCode) return home.istatCode;
  const { rows } = await db.query<{ istat_code: string | null }>(
    "SELECT istat_code FROM entities WHERE kind = 'household' AND id = $1",
    [e.householdId],
  );
  return rows[0]?.istat_code ?? null;
}

/** Low-level upsert without rule checks: for already-validated data (seed, import after checks). */
export async function writeEntity(db: Db, kind: Kind, e: Entity): Promise<void> {
  const k = KINDS[kind].keys(e);
  const istat = await istatFor(db, kind, e);
  await db.query(
    `INSERT INTO entities (kind, id, data, istat_code, household_id, passenger_id, service_id, search, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, now())
     ON CONFLICT (kind, id) DO UPDATE SET data = EXCLUDED.data, istat_code = EXCLUDED.istat_code,
       household_id = EXCLUDED.household_id, passenger_id = EXCLUDED.passenger_id,
       service_id = EXCLUDED.service_id, search = EXCLUDED.search, updated_at = now()`,
    [
      kind,
      e.id,
      JSON.stringify(e),
      istat,
      k.household_id || null,
      k.passenger_id || null,
      k.service_id || null,
      k.search,
    ],
  );
  if (kind === 'household') {
    // Passengers living at the household's home follow it to its municipality.
    await db.query(
      "UPDATE entities SET istat_code = $1 WHERE kind = 'passenger' AND household_id = $2 AND (data->'home') IS NULL",
      [istat, e.id],
    );
  }
}

/** Validates `input` with the kind's schema and the cross-entity rules, then creates or replaces it. */
export async function saveEntity(
  db: Db,
  kind: Kind,
  input: unknown,
  mode: 'create' | 'update',
  id?: string,
): Promise<Entity> {
  const parsed = KINDS[kind].schema.parse(input) as Entity;
  if (mode === 'update' && parsed.id !== id)
    throw invalid('id', `the body's id differs from the URL's "${id}"`, parsed.id);
  return db.transaction(async (tx) => {
    const existing = await getEntity(tx, kind, parsed.id);
    if (mode === 'create' && existing)
      throw new AppError('CONFLICT', `${kind} ${parsed.id} already exists; use PUT to change it`);
    if (mode === 'update' && !existing) throw notFound(kind, parsed.id);
    const checked = await checkEntity(tx, kind, parsed);
    await writeEntity(tx, kind, checked);
    return checked;
  });
}

export async function deleteEntity(db: Db, kind: Kind, id: string): Promise<void> {
  await db.transaction(async (tx) => {
    if (!(await getEntity(tx, kind, id))) throw notFound(kind, id);
    await checkDelete(tx, kind, id);
    await tx.query('DELETE FROM entities WHERE kind = $1 AND id = $2', [kind, id]);
  });
}
