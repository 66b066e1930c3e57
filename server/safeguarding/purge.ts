/**
 * The retention job: handover records and closed nobody-home cases older than the retention
 * period, and delegates whose validity ended longer ago than that, are deleted. Nothing else:
 * open cases, records inside the period and delegates still valid (or without an end) stay.
 * Runs once a day from the worker (see startRetention) and on demand (POST /api/safeguarding/purge).
 */
import type { Clock } from '../clock.ts';
import { addDays, fromIsoRome } from '../domain/calendar.ts';
import type { Db } from '../db/db.ts';
import { loadSettings } from './settings.ts';

export interface PurgeReport {
  /** Records of run dates before this day were removed. */
  before: string;
  handovers: number;
  cases: number;
  authorisedPersons: number;
}

export async function purgeExpired(db: Db, clock: Clock): Promise<PurgeReport> {
  const { retentionDays } = await loadSettings(db);
  const today = fromIsoRome(clock.now().toISOString()).date;
  const before = addDays(today, -retentionDays);
  return db.transaction(async (tx) => {
    const h = await tx.query('DELETE FROM handovers WHERE run_date < $1::date RETURNING client_event_id', [before]);
    const c = await tx.query(
      'DELETE FROM nobody_home_cases WHERE run_date < $1::date AND closed_at IS NOT NULL RETURNING id',
      [before],
    );
    const p = await tx.query(
      `DELETE FROM authorised_persons WHERE valid_to IS NOT NULL AND valid_to < $1::date RETURNING id`,
      [before],
    );
    return { before, handovers: h.rows.length, cases: c.rows.length, authorisedPersons: p.rows.length };
  });
}

/** Purges once now and then every `everyMs` (default a day); returns a stop function. */
export function startRetention(db: Db, clock: Clock, everyMs = 86_400_000, log: (m: string) => void = () => {}) {
  const run = () =>
    purgeExpired(db, clock).then(
      (r) =>
        log(
          `safeguarding purge before ${r.before}: ${r.handovers} handovers, ${r.cases} cases, ${r.authorisedPersons} delegates`,
        ),
      (e: unknown) => log(`safeguarding purge failed: ${e instanceof Error ? e.message : String(e)}`),
    );
  void run();
  const timer = setInterval(run, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
