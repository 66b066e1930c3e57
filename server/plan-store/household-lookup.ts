/**
 * The passenger → household map the plan summary needs, read from the entities table.
 */
import type { Db } from '../db/db.ts';

export async function householdLookup(db: Db): Promise<(passengerId: string) => string | undefined> {
  const { rows } = await db.query<{ id: string; household_id: string | null }>(
    "SELECT id, household_id FROM entities WHERE kind = 'passenger'",
    [],
  );
  const map = new Map(rows.map((r) => [r.id, r.household_id ?? undefined]));
  return (passengerId) => map.get(passengerId);
}
