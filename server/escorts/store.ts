/**
 * Escorts (accompagnatori) as the coordinator keeps them: name, phone, qualifications, weekly
 * shifts. `escortPlanning(db)` is what a plan job needs: the escorts and the rule of who travels
 * only with one aboard (from the safeguarding settings); none stored → planning as before.
 */
import type { Clock } from '../clock.ts';
import { type Escort, EscortSchema } from '../contract/safeguarding.ts';
import type { Db } from '../db/db.ts';
import { loadSettings } from '../safeguarding/settings.ts';
import type { EscortRules } from './escort-rules.ts';

export async function listEscorts(db: Db): Promise<Escort[]> {
  const { rows } = await db.query<{ data: unknown }>('SELECT data FROM escorts ORDER BY id', []);
  return rows.map((r) => EscortSchema.parse(r.data));
}

export async function escortExists(db: Db, id: string): Promise<boolean> {
  const { rows } = await db.query('SELECT 1 FROM escorts WHERE id = $1', [id]);
  return rows.length > 0;
}

export async function saveEscort(db: Db, clock: Clock, e: Escort): Promise<Escort> {
  await db.query(
    `INSERT INTO escorts (id, data, updated_at) VALUES ($1, $2, $3)
     ON CONFLICT (id) DO UPDATE SET data = $2, updated_at = $3`,
    [e.id, JSON.stringify(e), clock.now().toISOString()],
  );
  return e;
}

export async function deleteEscort(db: Db, id: string): Promise<boolean> {
  const { rows } = await db.query<{ id: string }>('DELETE FROM escorts WHERE id = $1 RETURNING id', [id]);
  return rows.length > 0;
}

export async function escortPlanning(db: Db): Promise<{ list: Escort[]; rules: EscortRules } | undefined> {
  const list = await listEscorts(db);
  if (list.length === 0) return undefined;
  return { list, rules: (await loadSettings(db)).escortRules };
}
