/**
 * Rules that span entities, checked before a write: homes and places inside the 16 comuni
 * (their ISTAT code filled in by the server), references that exist, and no delete that would
 * leave a dangling reference. A failure names the field and the value; nothing is written.
 */
import type { Db } from '../db/db.ts';
import { AppError, invalid } from '../errors/app-error.ts';
import { locate } from '../geo/index.ts';
import type { Place } from '../contract/domain.ts';
import type { Kind } from './kinds.ts';
import { checkHome, checkOrganisation, checkProvider } from '../programme/entity-rules.ts';

type Entity = Record<string, unknown> & { id: string };

async function exists(db: Db, kind: Kind, id: string): Promise<boolean> {
  const { rows } = await db.query('SELECT 1 FROM entities WHERE kind = $1 AND id = $2', [kind, id]);
  return rows.length > 0;
}

async function mustExist(db: Db, kind: Kind, id: unknown, path: string): Promise<void> {
  if (typeof id === 'string' && !(await exists(db, kind, id))) throw invalid(path, `no ${kind} with id "${id}"`, id);
}

/** A place that must be inside the 16 comuni (a service, a depot): the ISTAT code is filled in. */
function placeInArea(place: Place, path: string): Place {
  const m = locate(place.lon, place.lat);
  if (!m) {
    throw invalid(path, `"${place.label}" at lat ${place.lat}, lon ${place.lon} is outside the 16 municipalities`, {
      lat: place.lat,
      lon: place.lon,
    });
  }
  return { ...place, istatCode: m.istatCode };
}

/** Checks `e` against the rest of the database; returns it with server-filled fields (ISTAT codes). */
export async function checkEntity(db: Db, kind: Kind, e: Entity): Promise<Entity> {
  switch (kind) {
    case 'service':
      return { ...e, place: placeInArea(e.place as Place, 'place') };
    case 'vehicle':
      return { ...e, depot: placeInArea(e.depot as Place, 'depot') };
    case 'household':
      return { ...e, home: await checkHome(db, e.home as Place, e.id, 'home') };
    case 'passenger':
      await mustExist(db, 'household', e.householdId, 'householdId');
      return e.home ? { ...e, home: await checkHome(db, e.home as Place, String(e.householdId), 'home') } : e;
    case 'request': {
      await mustExist(db, 'passenger', e.passengerId, 'passengerId');
      await mustExist(db, 'service', e.serviceId, 'serviceId');
      const { rows } = await db.query<{ data: { hours: Record<string, unknown>; name: string } }>(
        "SELECT data FROM entities WHERE kind = 'service' AND id = $1",
        [e.serviceId],
      );
      const service = rows[0]!.data;
      (e.weekdays as string[]).forEach((d, i) => {
        if (!service.hours[d]) throw invalid(`weekdays.${i}`, `the service "${service.name}" is closed on ${d}`, d);
      });
      return e;
    }
    case 'driver':
      for (const [i, v] of ((e.vehicleIds as string[] | undefined) ?? []).entries())
        await mustExist(db, 'vehicle', v, `vehicleIds.${i}`);
      return e;
    case 'organisation':
      return checkOrganisation(e);
    case 'provider':
      return checkProvider(db, e);
  }
}

/** Refuses (409) to delete an entity that others still point to. */
export async function checkDelete(db: Db, kind: Kind, id: string): Promise<void> {
  const uses: Record<Kind, [string, string] | undefined> = {
    household: ["kind = 'passenger' AND household_id = $1", 'passengers'],
    passenger: ["kind = 'request' AND passenger_id = $1", 'standing requests'],
    service: ["kind = 'request' AND service_id = $1", 'standing requests'],
    vehicle: ["kind = 'driver' AND data->'vehicleIds' ? $1", 'drivers'],
    request: undefined,
    driver: undefined,
    organisation: undefined,
    provider: undefined,
  };
  const use = uses[kind];
  if (use) {
    const { rows } = await db.query<{ id: string }>(`SELECT id FROM entities WHERE ${use[0]} ORDER BY id LIMIT 5`, [
      id,
    ]);
    if (rows.length > 0) {
      throw new AppError(
        'CONFLICT',
        `${kind} ${id} is still used by ${use[1]}: ${rows.map((r) => r.id).join(', ')}; delete or change those first`,
      );
    }
  }
  // A login linked to a driver or a household would otherwise open onto nothing.
  const accountColumn = kind === 'driver' ? 'driver_id' : kind === 'household' ? 'household_id' : null;
  if (accountColumn) {
    const { rows } = await db.query<{ username: string }>(
      `SELECT username FROM accounts WHERE ${accountColumn} = $1 ORDER BY username LIMIT 5`,
      [id],
    );
    if (rows.length > 0) {
      throw new AppError(
        'CONFLICT',
        `${kind} ${id} still has the account(s) ${rows.map((r) => r.username).join(', ')}; delete those accounts first`,
      );
    }
  }
}
