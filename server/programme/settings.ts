/**
 * The programme's settings: whether Action A's rules apply to bookings and how requests are
 * approved ('off' on a fresh database — bookings go straight into the plan, as for an in-house
 * fleet; 'approval' — a family's booking waits for the coordinator; 'auto' — approved at once
 * when the household is eligible and its voucher covers it).
 */
import { type ProgrammeSettings, ProgrammeSettingsSchema } from '../contract/programme.ts';
import type { Db } from '../db/db.ts';

const DEFAULTS: ProgrammeSettings = { mode: 'off' };

export async function getSettings(db: Db): Promise<ProgrammeSettings> {
  const { rows } = await db.query<{ value: unknown }>(
    "SELECT value FROM programme_settings WHERE key = 'programme'",
    [],
  );
  const raw = rows[0]?.value;
  const value = typeof raw === 'string' ? JSON.parse(raw) : raw;
  return value ? ProgrammeSettingsSchema.parse(value) : DEFAULTS;
}

export async function putSettings(db: Db, s: ProgrammeSettings): Promise<ProgrammeSettings> {
  await db.query(
    `INSERT INTO programme_settings (key, value) VALUES ('programme', $1)
     ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value`,
    [JSON.stringify(s)],
  );
  return s;
}
