/**
 * The nobody-home procedure: the driver opens a case at a stop where nobody is there to receive
 * the passenger (the wait starts), then records each step — a number called, the coordinator
 * notified, and the end: received late by an authorised person, or taken to a safe place. Every
 * step is time-stamped and kept; an open case is an alert on the coordinator's plan page. Steps
 * are idempotent on the phone's clientEventId, so the procedure works through a dropped connection.
 */
import type { z } from 'zod';
import type { NobodyHomeCase, NobodyHomeStepBodySchema } from '../contract/safeguarding.ts';
import type { Db } from '../db/db.ts';
import { AppError } from '../errors/app-error.ts';

type StepBody = z.infer<typeof NobodyHomeStepBodySchema>;

interface CaseRow {
  id: string;
  run_date: string;
  stop_id: string;
  passenger_id: string;
  driver_id: string;
  opened_at: Date | string;
  closed_at: Date | string | null;
  outcome: 'received' | 'safe_place' | null;
  safe_place: string | null;
  received_by: string | null;
}
interface StepRow {
  case_id: string;
  step: NobodyHomeCase['steps'][number]['step'];
  detail: string;
  at: Date | string;
  actor: string;
}

const iso = (v: Date | string) => new Date(v).toISOString();

export async function openCase(
  db: Db,
  c: { id: string; date: string; stopId: string; passengerId: string; driverId: string; at: string; actor: string },
  recordedAt: string,
): Promise<boolean> {
  const { rows } = await db.query<{ id: string; driver_id: string }>(
    `INSERT INTO nobody_home_cases (id, run_date, stop_id, passenger_id, driver_id, opened_at)
     VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (id) DO NOTHING RETURNING id, driver_id`,
    [c.id, c.date, c.stopId, c.passengerId, c.driverId, c.at],
  );
  if (rows.length === 0) {
    const existing = await db.query<{ driver_id: string; stop_id: string }>(
      'SELECT driver_id, stop_id FROM nobody_home_cases WHERE id = $1',
      [c.id],
    );
    const e = existing.rows[0]!;
    if (e.driver_id !== c.driverId || e.stop_id !== c.stopId)
      throw new AppError('CONFLICT', `case id ${c.id} is already used for another case; send a new id`);
    return false;
  }
  await db.query(
    `INSERT INTO nobody_home_steps (client_event_id, case_id, step, detail, at, actor, recorded_at)
     VALUES ($1, $2, 'wait_started', '', $3, $4, $5) ON CONFLICT (client_event_id) DO NOTHING`,
    [`${c.id}:open`, c.id, c.at, c.actor, recordedAt],
  );
  return true;
}

export async function caseOwner(db: Db, id: string): Promise<{ driverId: string; closed: boolean } | undefined> {
  const { rows } = await db.query<{ driver_id: string; closed_at: unknown }>(
    'SELECT driver_id, closed_at FROM nobody_home_cases WHERE id = $1',
    [id],
  );
  return rows[0] ? { driverId: rows[0].driver_id, closed: rows[0].closed_at !== null } : undefined;
}

/** Adds a step; `received` and `safe_place` close the case with that outcome. → false for a resend. */
export async function addStep(
  db: Db,
  caseId: string,
  s: StepBody,
  actor: string,
  recordedAt: string,
  safePlaceLabel?: string,
): Promise<boolean> {
  return db.transaction(async (tx) => {
    const { rows } = await tx.query<{ client_event_id: string }>(
      `INSERT INTO nobody_home_steps (client_event_id, case_id, step, detail, at, actor, recorded_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (client_event_id) DO NOTHING RETURNING client_event_id`,
      [s.clientEventId, caseId, s.step, s.detail, s.at, actor, recordedAt],
    );
    if (rows.length === 0) return false;
    if (s.step === 'received' || s.step === 'safe_place')
      await tx.query(
        `UPDATE nobody_home_cases SET closed_at = $2, outcome = $3, safe_place = $4, received_by = $5
         WHERE id = $1 AND closed_at IS NULL`,
        [
          caseId,
          s.at,
          s.step,
          s.step === 'safe_place' ? (safePlaceLabel ?? s.detail) : null,
          s.step === 'received' ? s.detail : null,
        ],
      );
    return true;
  });
}

export async function casesOf(
  db: Db,
  filter: { date?: string; passengerIds?: string[]; openOnly?: boolean },
  nameOf: (passengerId: string) => string,
): Promise<NobodyHomeCase[]> {
  const { rows } = await db.query<CaseRow>(
    `SELECT id, to_char(run_date, 'YYYY-MM-DD') AS run_date, stop_id, passenger_id, driver_id, opened_at, closed_at,
       outcome, safe_place, received_by FROM nobody_home_cases
     WHERE ($1::date IS NULL OR run_date = $1::date) AND ($2::text[] IS NULL OR passenger_id = ANY($2::text[]))
       AND ($3::boolean IS FALSE OR closed_at IS NULL)
     ORDER BY opened_at, id`,
    [filter.date ?? null, filter.passengerIds ?? null, filter.openOnly ?? false],
  );
  if (rows.length === 0) return [];
  const steps = await db.query<StepRow>(
    'SELECT case_id, step, detail, at, actor FROM nobody_home_steps WHERE case_id = ANY($1) ORDER BY at, recorded_at',
    [rows.map((r) => r.id)],
  );
  return rows.map((r) => ({
    id: r.id,
    date: r.run_date,
    stopId: r.stop_id,
    passengerId: r.passenger_id,
    passengerName: nameOf(r.passenger_id),
    driverId: r.driver_id,
    openedAt: iso(r.opened_at),
    closedAt: r.closed_at ? iso(r.closed_at) : null,
    outcome: r.outcome,
    safePlace: r.safe_place,
    receivedBy: r.received_by,
    steps: steps.rows
      .filter((s) => s.case_id === r.id)
      .map((s) => ({ step: s.step, detail: s.detail, at: iso(s.at), actor: s.actor })),
  }));
}
