/**
 * Action A's rules for entity writes, called from server/entities/rules.ts: an organisation's
 * comune is one of the 16; a provider's vehicles and drivers exist and belong to no other
 * provider, its comuni are among the 16; and a home outside the 16 comuni is accepted only for a
 * household whose enrolment names an alliance employer (Action A also serves the employees of
 * the alliance's members, wherever they live).
 */
import type { Place } from '../contract/domain.ts';
import type { Db } from '../db/db.ts';
import { invalid } from '../errors/app-error.ts';
import { istatCodeOf } from '../entities/municipality-code.ts';
import { assertEligibleHome, locate } from '../geo/index.ts';
import { allianceEmployers } from './enrolments.ts';

type Entity = Record<string, unknown> & { id: string };

export function checkOrganisation(e: Entity): Entity {
  if (e.comune === undefined) return e;
  const code = istatCodeOf(String(e.comune));
  if (!code) throw invalid('comune', `"${e.comune}" is not one of the 16 comuni of the two Ambiti`, e.comune);
  return { ...e, comune: code };
}

export async function checkProvider(db: Db, e: Entity): Promise<Entity> {
  const comuni = (e.comuni as string[]).map((c, i) => {
    const code = istatCodeOf(c);
    if (!code) throw invalid(`comuni.${i}`, `"${c}" is not one of the 16 comuni of the two Ambiti`, c);
    return code;
  });
  for (const [field, kind] of [
    ['vehicleIds', 'vehicle'],
    ['driverIds', 'driver'],
    ['serviceIds', 'service'],
  ] as const) {
    const ids = e[field] as string[];
    for (const [i, id] of ids.entries()) {
      const { rows } = await db.query('SELECT 1 FROM entities WHERE kind = $1 AND id = $2', [kind, id]);
      if (rows.length === 0) throw invalid(`${field}.${i}`, `no ${kind} with id "${id}"`, id);
      if (kind === 'service') continue;
      const other = await db.query<{ id: string }>(
        `SELECT id FROM entities WHERE kind = 'provider' AND id <> $1 AND data->'${field}' ? $2 LIMIT 1`,
        [e.id, id],
      );
      if (other.rows[0])
        throw invalid(`${field}.${i}`, `${kind} "${id}" already belongs to provider ${other.rows[0].id}`, id);
    }
  }
  return { ...e, comuni };
}

/**
 * A household's (or a passenger's own) home: inside the 16 comuni it gets its ISTAT code; outside
 * it is kept only when the household's enrolment names an alliance employer.
 */
export async function checkHome(db: Db, place: Place, householdId: string, path: string): Promise<Place> {
  if (locate(place.lon, place.lat)) return assertEligibleHome(place, path);
  const employers = await allianceEmployers(db, householdId);
  if (employers.length > 0) {
    const { istatCode: _outside, ...rest } = place;
    return rest;
  }
  return assertEligibleHome(place, path);
}
