/**
 * What drivers and families see: only published versions. `getPublishedPlanForDate` finds the
 * week's published plan for a date; `removePassengerFromDate` applies a family's absence to the
 * published version and to a newer draft, as new versions (the old ones stay as they were).
 */
import type { Plan } from '../contract/plan.ts';
import type { Db } from '../db/db.ts';
import { isoWeekOf } from '../domain/calendar.ts';
import { removePassenger } from '../plan-edit/remove-passenger.ts';
import type { PublishedPlans } from './published-port.ts';
import { summarisePlan } from '../planning/summary.ts';
import { householdLookup } from './household-lookup.ts';
import { appendVersionTx, planIdOf, readPlan } from './plan-store.ts';

export async function getPublishedPlanForDate(db: Db, date: string): Promise<Plan | undefined> {
  return readPlan(db, planIdOf(isoWeekOf(date)), 'published');
}

/**
 * Removes the passenger's stops on `date` from the published plan and from the draft newer than
 * it, freeing their capacity. Call inside a transaction (`tx`) to commit with the absence itself.
 * Returns how many stops were removed from the published plan (or from the draft when nothing
 * is published yet).
 */
export async function removePassengerFromDate(tx: Db, passengerId: string, date: string): Promise<number> {
  const planId = planIdOf(isoWeekOf(date));
  await tx.query('SELECT id FROM plans WHERE id = $1 FOR UPDATE', [planId]);
  const current = await readPlan(tx, planId, 'current');
  if (!current) return 0;
  const published = await readPlan(tx, planId, 'published');
  const householdOf = await householdLookup(tx);
  const resummarise = (p: Plan): Plan => ({ ...p, summary: summarisePlan(p, householdOf) });
  let reported = 0;
  if (published) {
    const { plan, removed } = removePassenger(published, passengerId, date);
    if (removed > 0)
      await appendVersionTx(tx, planId, {
        baseVersion: null,
        status: 'published',
        reason: 'absence',
        plan: resummarise(plan),
      });
    reported = removed;
  }
  if (current.status === 'draft') {
    const { plan, removed } = removePassenger(current, passengerId, date);
    if (removed > 0)
      await appendVersionTx(tx, planId, {
        baseVersion: null,
        status: 'draft',
        reason: 'absence',
        plan: resummarise(plan),
      });
    if (!published) reported = removed;
  }
  return reported;
}

/** The adapter the driver and family endpoints receive (AppDeps.plans). */
export function publishedPlans(db: Db): PublishedPlans {
  return {
    forDate: (date) => getPublishedPlanForDate(db, date),
    removePassengerFromDate,
  };
}
