/**
 * Handover records: who handed a passenger over or received them, when, where and how it was
 * confirmed (a tap on the person, or the family's code) — and every refused attempt (wrong code,
 * a person not authorised there that day). Idempotent on the phone's clientEventId, as stop
 * events are: a resend returns the stored record.
 */
import type { HandoverBody, HandoverPoint, HandoverRecord } from '../contract/safeguarding.ts';
import type { Db } from '../db/db.ts';
import { AppError } from '../errors/app-error.ts';

interface Row {
  client_event_id: string;
  run_date: string;
  stop_id: string;
  passenger_id: string;
  driver_id: string;
  point: HandoverPoint;
  person_id: string;
  person_name: string;
  outcome: 'accepted' | 'refused';
  confirmed_by: 'tap' | 'code';
  refusal: string | null;
  at: Date | string;
  lat: number | null;
  lon: number | null;
  recorded_at: Date | string;
}

const toRecord = (r: Row): HandoverRecord => ({
  clientEventId: r.client_event_id,
  date: r.run_date,
  stopId: r.stop_id,
  passengerId: r.passenger_id,
  driverId: r.driver_id,
  point: r.point,
  personId: r.person_id,
  personName: r.person_name,
  outcome: r.outcome,
  confirmedBy: r.confirmed_by,
  refusal: r.refusal,
  at: new Date(r.at).toISOString(),
  lat: r.lat,
  lon: r.lon,
  recordedAt: new Date(r.recorded_at).toISOString(),
});

const COLUMNS = `client_event_id, to_char(run_date, 'YYYY-MM-DD') AS run_date, stop_id, passenger_id, driver_id,
  point, person_id, person_name, outcome, confirmed_by, refusal, at, lat, lon, recorded_at`;

export interface NewHandover {
  body: HandoverBody;
  driverId: string;
  point: HandoverPoint;
  personName: string;
  outcome: 'accepted' | 'refused';
  refusal: string | null;
  recordedAt: string;
}

/** → the record and whether this call stored it (false: a resend of a record already stored). */
export async function recordHandover(db: Db, h: NewHandover): Promise<{ record: HandoverRecord; created: boolean }> {
  const b = h.body;
  const inserted = await db.query<Row>(
    `INSERT INTO handovers (client_event_id, run_date, stop_id, passenger_id, driver_id, point, person_id, person_name,
       outcome, confirmed_by, refusal, at, lat, lon, recorded_at)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15)
     ON CONFLICT (client_event_id) DO NOTHING RETURNING ${COLUMNS}`,
    [
      b.clientEventId,
      b.date,
      b.stopId,
      b.passengerId,
      h.driverId,
      h.point,
      b.personId,
      h.personName,
      h.outcome,
      b.code ? 'code' : 'tap',
      h.refusal,
      b.at,
      b.lat ?? null,
      b.lon ?? null,
      h.recordedAt,
    ],
  );
  if (inserted.rows[0]) return { record: toRecord(inserted.rows[0]), created: true };
  const { rows } = await db.query<Row>(`SELECT ${COLUMNS} FROM handovers WHERE client_event_id = $1`, [
    b.clientEventId,
  ]);
  const existing = rows[0]!;
  if (existing.driver_id !== h.driverId || existing.stop_id !== b.stopId || existing.passenger_id !== b.passengerId)
    throw new AppError(
      'CONFLICT',
      `clientEventId ${b.clientEventId} was already used for another record; send a new id`,
    );
  return { record: toRecord(existing), created: false };
}

export async function handoversOf(
  db: Db,
  filter: { date?: string; passengerIds?: string[] },
): Promise<HandoverRecord[]> {
  const { rows } = await db.query<Row>(
    `SELECT ${COLUMNS} FROM handovers
     WHERE ($1::date IS NULL OR run_date = $1::date) AND ($2::text[] IS NULL OR passenger_id = ANY($2::text[]))
     ORDER BY at, client_event_id`,
    [filter.date ?? null, filter.passengerIds ?? null],
  );
  return rows.map(toRecord);
}
