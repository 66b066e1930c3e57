/**
 * The record of what was delivered: one row per trip (date, standing request, direction) with
 * its outcome — delivered (its drop-off was marked), no-show or cancelled — and the figures
 * priced when it happened (km, vehicle time, cost at the provider's tariff, co-payment, grant,
 * conciliation minutes). Written from the driver's stop events, or by the demo's synthetic
 * history (source 'synthetic').
 */
import type { Plan, PlanStop } from '../contract/plan.ts';
import type { Direction } from '../contract/domain.ts';
import type { Db } from '../db/db.ts';
import { loadProgrammeData, priceTrip, type ProgrammeTrip, tripsOfPlan } from './programme-data.ts';
import { tripKey, tripKeyOf } from '../contract/trip-key.ts';

export type OutcomeStatus = 'delivered' | 'no_show' | 'cancelled';
export interface TripOutcome extends ProgrammeTrip {
  status: OutcomeStatus;
  source: string;
}

interface Row {
  date: string;
  request_id: string;
  direction: Direction;
  status: OutcomeStatus;
  passenger_id: string;
  household_id: string;
  istat_code: string | null;
  category: ProgrammeTrip['category'];
  vehicle_id: string | null;
  provider_id: string | null;
  km_m: number;
  vehicle_s: number;
  cost_cents: number;
  co_payment_cents: number;
  grant_id: string | null;
  funding_line: string | null;
  conciliation_min: number;
  source: string;
}

const toOutcome = (r: Row): TripOutcome => ({
  date: r.date,
  requestId: r.request_id,
  direction: r.direction,
  status: r.status,
  passengerId: r.passenger_id,
  householdId: r.household_id,
  istatCode: r.istat_code,
  category: r.category,
  vehicleId: r.vehicle_id,
  providerId: r.provider_id,
  kmM: r.km_m,
  vehicleS: r.vehicle_s,
  costCents: r.cost_cents,
  coPaymentCents: r.co_payment_cents,
  grantId: r.grant_id,
  fundingLine: r.funding_line,
  conciliationMin: r.conciliation_min,
  source: r.source,
});

const COLUMNS =
  'date, request_id, direction, status, passenger_id, household_id, istat_code, category, vehicle_id, provider_id, km_m, vehicle_s, cost_cents, co_payment_cents, grant_id, funding_line, conciliation_min, source, recorded_at';

/** A no-show or a cancellation costs the voucher nothing and frees no working time. */
function values(o: TripOutcome, at: Date): unknown[] {
  const paid = o.status === 'delivered';
  return [
    o.date,
    o.requestId,
    o.direction,
    o.status,
    o.passengerId,
    o.householdId,
    o.istatCode,
    o.category,
    o.vehicleId,
    o.providerId,
    o.kmM,
    o.vehicleS,
    paid ? o.costCents : 0,
    paid ? o.coPaymentCents : 0,
    o.grantId,
    o.fundingLine,
    paid ? o.conciliationMin : 0,
    o.source,
    at.toISOString(),
  ];
}

/** Records outcomes (a later outcome of the same trip replaces the earlier one), 200 rows a statement. */
export async function writeOutcomes(db: Db, list: TripOutcome[], at: Date): Promise<void> {
  for (let i = 0; i < list.length; i += 200) {
    const chunk = list.slice(i, i + 200);
    const params: unknown[] = [];
    const rows = chunk.map((o) => {
      const v = values(o, at);
      const start = params.length;
      params.push(...v);
      return `(${v.map((_, k) => `$${start + k + 1}`).join(',')})`;
    });
    await db.query(
      `INSERT INTO trip_outcomes (${COLUMNS}) VALUES ${rows.join(',')}
       ON CONFLICT (date, request_id, direction) DO UPDATE SET status = EXCLUDED.status,
         cost_cents = EXCLUDED.cost_cents, co_payment_cents = EXCLUDED.co_payment_cents,
         conciliation_min = EXCLUDED.conciliation_min, source = EXCLUDED.source, recorded_at = EXCLUDED.recorded_at`,
      params,
    );
  }
}

export async function writeOutcome(db: Db, o: TripOutcome, at: Date): Promise<void> {
  await writeOutcomes(db, [o], at);
}

export async function outcomesBetween(db: Db, from: string, to: string): Promise<TripOutcome[]> {
  const { rows } = await db.query<Row>(
    'SELECT * FROM trip_outcomes WHERE date >= $1 AND date <= $2 ORDER BY date, request_id, direction',
    [from, to],
  );
  return rows.map(toOutcome);
}

/**
 * A driver's stop event as the programme sees it: a drop-off marked at a stop delivers the trips
 * alighting there; a no-show at a pickup marks the trips boarding there (only `passengerId`'s
 * when the event names one). Other events change nothing here.
 */
export async function recordStopOutcome(
  db: Db,
  plan: Plan | undefined,
  date: string,
  stop: PlanStop,
  event: { type: string; passengerId?: string },
  at: Date,
): Promise<number> {
  if (!plan || (event.type !== 'dropped_off' && event.type !== 'no_show')) return 0;
  const people = event.type === 'dropped_off' ? stop.alights : stop.boards;
  const keys = new Set(
    people
      .filter((p) => !event.passengerId || p.passengerId === event.passengerId)
      .map((p) => tripKey(date, p.requestId, p.direction)),
  );
  if (keys.size === 0) return 0;
  const data = await loadProgrammeData(db);
  const trips = tripsOfPlan(plan, date, date).filter((t) => keys.has(tripKeyOf(t)));
  const status: OutcomeStatus = event.type === 'dropped_off' ? 'delivered' : 'no_show';
  await writeOutcomes(
    db,
    trips.map((t) => ({ ...priceTrip(data, t), status, source: 'driver' })),
    at,
  );
  return trips.length;
}
