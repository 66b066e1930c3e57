/**
 * The trips of the published plans between two dates, priced: what the programme has committed
 * to (planned trips × tariff) and what the monitoring report counts as planned.
 */
import type { Db } from '../db/db.ts';
import { isoWeekOf } from '../domain/calendar.ts';
import { listPlans, readPlan } from '../plan-store/plan-store.ts';
import { type ProgrammeData, type ProgrammeTrip, priceTrip, tripsOfPlan } from './programme-data.ts';

export async function publishedTripsBetween(
  db: Db,
  data: ProgrammeData,
  from: string,
  to: string,
): Promise<ProgrammeTrip[]> {
  const first = isoWeekOf(from);
  const last = isoWeekOf(to);
  const plans = (await listPlans(db)).filter((p) => p.publishedVersion !== null && p.week >= first && p.week <= last);
  const out: ProgrammeTrip[] = [];
  for (const info of plans) {
    const plan = await readPlan(db, info.id, 'published');
    if (plan) out.push(...tripsOfPlan(plan, from, to).map((t) => priceTrip(data, t)));
  }
  return out;
}
