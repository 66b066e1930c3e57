/**
 * Stop events from a driver's phone (arrived, boarded, dropped off, no-show). Idempotent on the
 * phone's clientEventId: a retry of the same event returns the stored one and adds nothing.
 */
import type { StopEvent, StopEventBody } from '../contract/driver.ts';
import type { Db } from '../db/db.ts';
import { AppError } from '../errors/app-error.ts';

interface Row {
  client_event_id: string;
  driver_id: string;
  stop_id: string;
  type: StopEvent['type'];
  at: Date | string;
  passenger_id: string | null;
  plan_id: string | null;
  recorded_at: Date | string;
}

const toEvent = (r: Row): StopEvent => ({
  clientEventId: r.client_event_id,
  driverId: r.driver_id,
  stopId: r.stop_id,
  type: r.type,
  at: new Date(r.at).toISOString(),
  ...(r.passenger_id ? { passengerId: r.passenger_id } : {}),
  planId: r.plan_id,
  recordedAt: new Date(r.recorded_at).toISOString(),
});

/** → the event and whether this call created it (false: a retry of an event already stored). */
export async function recordStopEvent(
  db: Db,
  driverId: string,
  stopId: string,
  planId: string | null,
  e: StopEventBody,
): Promise<{ event: StopEvent; created: boolean }> {
  const inserted = await db.query<Row>(
    `INSERT INTO stop_events (client_event_id, driver_id, stop_id, type, at, passenger_id, plan_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (client_event_id) DO NOTHING RETURNING *`,
    [e.clientEventId, driverId, stopId, e.type, e.at, e.passengerId ?? null, planId],
  );
  if (inserted.rows[0]) return { event: toEvent(inserted.rows[0]), created: true };
  const { rows } = await db.query<Row>('SELECT * FROM stop_events WHERE client_event_id = $1', [e.clientEventId]);
  const existing = rows[0]!;
  if (existing.driver_id !== driverId || existing.stop_id !== stopId || existing.type !== e.type) {
    throw new AppError(
      'CONFLICT',
      `clientEventId ${e.clientEventId} was already used for another event; send a new id`,
    );
  }
  return { event: toEvent(existing), created: false };
}
