/**
 * Safeguarding settings (retention, the nobody-home wait, safe places, extra numbers to call) and
 * per-passenger profiles ("never alone", handover code demanded). One row of settings; defaults
 * until a coordinator changes them.
 */
import type { Clock } from '../clock.ts';
import {
  SafeguardingSettingsSchema,
  type SafeguardingProfile,
  type SafeguardingSettings,
} from '../contract/safeguarding.ts';
import type { Db } from '../db/db.ts';

export const DEFAULT_SETTINGS: SafeguardingSettings = {
  retentionDays: 365,
  waitMinutes: 10,
  safePlaces: [{ id: 'service', label: 'The service the passenger attends', phone: '' }],
  extraCallNumbers: [],
  escortRules: { assistanceFlag: true, ageGroups: [] },
};

export async function loadSettings(db: Db): Promise<SafeguardingSettings> {
  const { rows } = await db.query<{ data: unknown }>('SELECT data FROM safeguarding_settings WHERE id = 1', []);
  return rows[0] ? SafeguardingSettingsSchema.parse(rows[0].data) : DEFAULT_SETTINGS;
}

export async function saveSettings(db: Db, clock: Clock, s: SafeguardingSettings): Promise<SafeguardingSettings> {
  await db.query(
    `INSERT INTO safeguarding_settings (id, data, updated_at) VALUES (1, $1, $2)
     ON CONFLICT (id) DO UPDATE SET data = $1, updated_at = $2`,
    [JSON.stringify(s), clock.now().toISOString()],
  );
  return s;
}

export async function loadProfiles(db: Db, passengerIds: string[]): Promise<Map<string, SafeguardingProfile>> {
  const { rows } = await db.query<{ passenger_id: string; never_alone: boolean; code_required: boolean }>(
    'SELECT passenger_id, never_alone, code_required FROM safeguarding_profiles WHERE passenger_id = ANY($1)',
    [passengerIds],
  );
  return new Map(
    rows.map((r) => [
      r.passenger_id,
      { passengerId: r.passenger_id, neverAlone: r.never_alone, codeRequired: r.code_required },
    ]),
  );
}

export async function saveProfile(db: Db, clock: Clock, p: SafeguardingProfile): Promise<SafeguardingProfile> {
  await db.query(
    `INSERT INTO safeguarding_profiles (passenger_id, never_alone, code_required, updated_at) VALUES ($1, $2, $3, $4)
     ON CONFLICT (passenger_id) DO UPDATE SET never_alone = $2, code_required = $3, updated_at = $4`,
    [p.passengerId, p.neverAlone, p.codeRequired, clock.now().toISOString()],
  );
  return p;
}
